"""The module functions: ours (cache, temp, their reports), and platformdirs' rebound to build ours.

Every function builds the ``PlatformDirs`` in force at call time, as platformdirs' own do.

platformdirs' functions build ``PlatformDirs(...)`` from their module's namespace on every call, so patching
``platformdirs.PlatformDirs``, or a property of it, steers ``platformdirs.user_data_dir()`` and the rest. Re-exported
as they are, they would keep building platformdirs' class, and patches of ours would not reach them. Copies of the same
functions (the same code, defaults, annotations and docstrings, so the same signatures) read ``PlatformDirs`` from a
namespace that asks :func:`~platformdirs_devdrive._steering.platform_dirs_class` at every call: our class, or whatever a
test patched in, into our package or into platformdirs. A copy has no wrapper layer, so a call costs what
platformdirs' own does plus one look-up, and nothing here is written out by hand: a newer platformdirs' new
functions are rebound too.
"""

from __future__ import annotations

import builtins
import os

import platformdirs

from ._api import OURS, DevDriveMixin, DevDrivePlatformDirs
from ._flag import ENV_VAR, is_off
from ._steering import platform_dirs_class, steered_report

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path
    from types import ModuleType
    from typing import Literal

    from platformdirs.api import PlatformDirsABC

    from ._api import DevDrive
    from ._report import Resolution


class _Globals(dict):  # type: ignore[type-arg]  # a module namespace: names to anything
    """The copies' globals: ``PlatformDirs`` asked for afresh at each call, every other name our package's own.

    Never holds ``PlatformDirs`` itself, so that each look-up reaches :meth:`__missing__` (CPython's ``LOAD_GLOBAL``
    goes through ``__getitem__`` for a globals mapping that is not exactly a dict).
    """

    __slots__ = ("_package",)

    def __init__(self, package: Mapping[str, object]) -> None:
        super().__init__(__name__=package["__name__"], __builtins__=builtins)
        self._package = package

    def __missing__(self, name: str) -> object:
        if name == "PlatformDirs":
            return platform_dirs_class(DevDrivePlatformDirs)
        return self._package[name]  # KeyError: a NameError, as in the package itself


def reboundable(source: ModuleType, namespace: Mapping[str, object]) -> list[str]:
    """Return the names of ``source``'s public functions that still stand in ``namespace`` (our package's) as they are.

    A name ``namespace`` binds to something else (our own ``user_cache_dir``) is ours and stays. A function whose code
    names a global of ``source`` that ``namespace`` lacks would fail there, so it stays platformdirs' own.
    """
    function = type(reboundable)  # types.FunctionType, without importing types
    names = []
    for name in getattr(source, "__all__", ()):
        original = vars(source).get(name)
        if type(original) is function and namespace.get(name) is original and _resolvable(original, source, namespace):
            names.append(name)
    return names


def rebind(source: ModuleType, namespace: dict[str, object], names: list[str]) -> dict[str, Callable[..., object]]:
    """Return copies of ``source``'s functions ``names`` (see :func:`reboundable`) that build our ``PlatformDirs``.

    The package copies each on first use (its ``__getattr__``), so that importing it costs no copying.
    """
    from types import FunctionType  # noqa: PLC0415  # on first use of a copied function; loaded by then anyway

    scope = _Globals(namespace)
    copies: dict[str, Callable[..., object]] = {}
    for name in names:
        original = vars(source)[name]
        copy = FunctionType(original.__code__, scope, original.__name__, original.__defaults__, original.__closure__)
        copy.__kwdefaults__ = None if original.__kwdefaults__ is None else dict(original.__kwdefaults__)
        copy.__annotations__ = dict(original.__annotations__)
        copy.__doc__ = original.__doc__
        copy.__qualname__ = original.__qualname__
        copy.__module__ = str(namespace["__name__"])
        copy.__dict__.update(vars(original))
        copies[name] = copy
    return copies


def _resolvable(original: Callable[..., object], source: ModuleType, namespace: Mapping[str, object]) -> bool:
    # co_names holds attribute names as well as globals: only those that are globals of source matter.
    module = vars(source)
    return all(name in namespace for name in getattr(original, "__code__").co_names if name in module)  # noqa: B009


def user_cache_dir(  # noqa: PLR0917  # platformdirs' positional API
    appname: str | None = None,
    appauthor: str | Literal[False] | None = None,
    version: str | None = None,
    opinion: bool = True,
    ensure_exists: bool = False,
    use_site_for_root: bool = False,
    *,
    devdrive: DevDrive = None,
) -> str:
    r"""Return the cache directory: platformdirs' own, or on the Dev Drive (``D:\.cache\pip\Cache``) when chosen.

    The arguments are platformdirs' ``user_cache_dir`` ones plus ``devdrive`` (see :class:`DevDrivePlatformDirs`).
    """
    if devdrive is None:  # the common case, inline (the off path's budget)
        cls = platform_dirs_class(OURS)
        value = os.environ.get(ENV_VAR)
        if (not value or is_off(value)) and cls is OURS and "user_cache_dir" not in OURS.__dict__:
            # Off, and nothing patched in for our class or its user_cache_dir: our class would answer with its parent's,
            # which platformdirs' own function builds (patches of platformdirs' class included), at its cost.
            return platformdirs.user_cache_dir(appname, appauthor, version, opinion, ensure_exists, use_site_for_root)
        return cls(  # what platformdirs' function builds: ours, or a class patched in
            appname=appname,
            appauthor=appauthor,
            version=version,
            opinion=opinion,
            ensure_exists=ensure_exists,
            use_site_for_root=use_site_for_root,
        ).user_cache_dir
    dirs = _dirs(appname, appauthor, version, opinion, ensure_exists, use_site_for_root, devdrive, ours=False)
    return dirs.user_cache_dir


def user_cache_path(  # noqa: PLR0917  # platformdirs' positional API
    appname: str | None = None,
    appauthor: str | Literal[False] | None = None,
    version: str | None = None,
    opinion: bool = True,
    ensure_exists: bool = False,
    use_site_for_root: bool = False,
    *,
    devdrive: DevDrive = None,
) -> Path:
    """Like :func:`user_cache_dir`, as a :class:`~pathlib.Path`."""
    if devdrive is None:  # the common case, inline (the off path's budget)
        cls = platform_dirs_class(OURS)
        value = os.environ.get(ENV_VAR)
        if (not value or is_off(value)) and cls is OURS and "user_cache_path" not in OURS.__dict__:
            # Off, and nothing patched in for our class or its user_cache_path: ours would answer with its parent's,
            # which platformdirs' own function builds (patches of platformdirs' class included), at its cost.
            return platformdirs.user_cache_path(appname, appauthor, version, opinion, ensure_exists, use_site_for_root)
        return cls(  # what platformdirs' function builds: ours, or a class patched in
            appname=appname,
            appauthor=appauthor,
            version=version,
            opinion=opinion,
            ensure_exists=ensure_exists,
            use_site_for_root=use_site_for_root,
        ).user_cache_path
    dirs = _dirs(appname, appauthor, version, opinion, ensure_exists, use_site_for_root, devdrive, ours=False)
    return dirs.user_cache_path


def resolve_cache_dir(  # noqa: PLR0917  # platformdirs' positional API
    appname: str | None = None,
    appauthor: str | Literal[False] | None = None,
    version: str | None = None,
    opinion: bool = True,
    ensure_exists: bool = False,
    use_site_for_root: bool = False,
    *,
    devdrive: DevDrive = None,
) -> Resolution:
    """Like :func:`user_cache_dir`, returning the full :class:`Resolution` report."""
    dirs: PlatformDirsABC = _dirs(
        appname, appauthor, version, opinion, ensure_exists, use_site_for_root, devdrive, ours=False
    )
    if not isinstance(dirs, DevDriveMixin):  # a class patched in for platformdirs': what user_cache_dir() gives
        return steered_report("cache", dirs.user_cache_dir)
    return dirs.resolve_cache()


def _dirs(  # noqa: PLR0917
    appname: str | None,
    appauthor: str | Literal[False] | None,
    version: str | None,
    opinion: bool,
    ensure_exists: bool,
    use_site_for_root: bool,
    devdrive: DevDrive,
    near: str | os.PathLike[str] | None = None,
    *,
    ours: bool = True,
) -> DevDrivePlatformDirs:
    # As platformdirs' functions do with theirs, build the class named now (_steering.platform_dirs_class). One that
    # is not ours gets platformdirs' own arguments (Dev Drive use steps aside for it, as for isolated_dirs), except
    # for what only ours has (temp, the reports: ours=True), which keeps to ours.
    cls = platform_dirs_class(OURS)
    if not issubclass(cls, DevDriveMixin):
        if ours:
            cls = DevDrivePlatformDirs
        else:
            devdrive = near = None
    if devdrive is None and near is None:  # platformdirs' own arguments, as its functions pass them
        return cls(  # type: ignore[return-value]  # a patched-in class stands in for ours
            appname=appname,
            appauthor=appauthor,
            version=version,
            opinion=opinion,
            ensure_exists=ensure_exists,
            use_site_for_root=use_site_for_root,
        )
    return cls(  # type: ignore[call-arg, return-value]  # ours (issubclass above), which takes devdrive and near
        appname,
        appauthor,
        version,
        opinion=opinion,
        ensure_exists=ensure_exists,
        use_site_for_root=use_site_for_root,
        devdrive=devdrive,
        near=near,
    )


def user_temp_dir(
    appname: str | None = None,
    *,
    ensure_exists: bool = False,
    devdrive: DevDrive = None,
    near: str | os.PathLike[str] | None = None,
) -> str:
    r"""Return the app's temp directory: ``<gettempdir()>\<appname>``, or ``D:\.cache\Temp\<appname>`` when chosen.

    :param near: the path the tool is about to write into (pip: the install target); temp follows it onto its Dev
        Drive so that moving files into place is a rename. The cache never follows it.
    """
    return _temp(appname, ensure_exists, devdrive, near).user_temp_dir


def user_temp_path(
    appname: str | None = None,
    *,
    ensure_exists: bool = False,
    devdrive: DevDrive = None,
    near: str | os.PathLike[str] | None = None,
) -> Path:
    """Like :func:`user_temp_dir`, as a :class:`~pathlib.Path`."""
    return _temp(appname, ensure_exists, devdrive, near).user_temp_path


def resolve_temp_dir(
    appname: str | None = None,
    *,
    ensure_exists: bool = False,
    devdrive: DevDrive = None,
    near: str | os.PathLike[str] | None = None,
) -> Resolution:
    """Like :func:`user_temp_dir`, returning the full :class:`Resolution` report."""
    return _temp(appname, ensure_exists, devdrive, near).resolve_temp()


def _temp(
    appname: str | None, ensure_exists: bool, devdrive: DevDrive, near: str | os.PathLike[str] | None
) -> DevDrivePlatformDirs:
    return _dirs(appname, None, None, True, ensure_exists, False, devdrive, near)  # noqa: FBT003


__all__ = [
    "rebind",
    "reboundable",
    "resolve_cache_dir",
    "resolve_temp_dir",
    "user_cache_dir",
    "user_cache_path",
    "user_temp_dir",
    "user_temp_path",
]
