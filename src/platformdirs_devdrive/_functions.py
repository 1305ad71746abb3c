"""platformdirs' module functions, rebound so that each builds the ``PlatformDirs`` in force at call time.

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

from ._api import DevDrivePlatformDirs
from ._steering import platform_dirs_class

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from types import ModuleType


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


def rebind(source: ModuleType, namespace: dict[str, object]) -> dict[str, Callable[..., object]]:
    """Return copies of ``source``'s public functions that still stand in ``namespace`` (our package's).

    A name ``namespace`` binds to something else (our own ``user_cache_dir``) is ours and stays. A function whose code
    names a global of ``source`` that ``namespace`` lacks would fail here, so it stays platformdirs' own.
    """
    function = type(rebind)  # types.FunctionType, without importing types
    scope = _Globals(namespace)
    copies: dict[str, Callable[..., object]] = {}
    for name in getattr(source, "__all__", ()):
        original = vars(source).get(name)
        if type(original) is not function or namespace.get(name) is not original:
            continue
        if not _resolvable(original, source, namespace):
            continue
        copy = function(original.__code__, scope, original.__name__, original.__defaults__, original.__closure__)
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


__all__ = [
    "rebind",
]
