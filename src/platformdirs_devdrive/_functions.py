"""The module functions that are ours: the cache and temp directories and their reports.

Each builds the ``PlatformDirs`` in force at call time, as platformdirs' own functions do, so that a test's patch of
our class (or of platformdirs') steers them too; platformdirs' other functions are copied to do the same
(``_rebind``), and :func:`reboundable` names them for the package to copy on first use.
"""

from __future__ import annotations

import os

import platformdirs

from ._api import OURS, DevDriveMixin, DevDrivePlatformDirs
from ._flag import ENV_VAR, is_off, platform_dirs_class

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path
    from types import ModuleType
    from typing import Literal

    from platformdirs.api import PlatformDirsABC

    from ._api import DevDrive
    from ._report import Resolution


def reboundable(source: ModuleType, namespace: Mapping[str, object]) -> list[str]:
    """Return the names of ``source``'s public functions that still stand in ``namespace`` (our package's) as they are.

    A name ``namespace`` binds to something else (our own ``user_cache_dir``) is ours and stays. Cheap, for import
    time: whether a function can be copied at all is decided when it is first used (:func:`rebind`).
    """
    function = type(reboundable)  # types.FunctionType, without importing types
    return [
        name
        for name in getattr(source, "__all__", ())
        if type(original := vars(source).get(name)) is function and namespace.get(name) is original
    ]


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
        from ._report import unresolved  # noqa: PLC0415  # a class patched in: no resolution to load

        return unresolved("cache", dirs.user_cache_dir, "steered")
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
    # As platformdirs' functions do with theirs, build the class named now (_flag.platform_dirs_class). One that
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
    "reboundable",
    "resolve_cache_dir",
    "resolve_temp_dir",
    "user_cache_dir",
    "user_cache_path",
    "user_temp_dir",
    "user_temp_path",
]
