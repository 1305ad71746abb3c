"""platformdirs' module functions, copied so that each builds the ``PlatformDirs`` in force at call time.

platformdirs' functions build ``PlatformDirs(...)`` from their module's namespace on every call, so patching
``platformdirs.PlatformDirs``, or a property of it, steers ``platformdirs.user_data_dir()`` and the rest. Re-exported
as they are, they would keep building platformdirs' class, and patches of ours would not reach them. Copies of the same
functions (the same code, defaults, annotations and docstrings, so the same signatures) read ``PlatformDirs`` from a
namespace that asks :func:`~platformdirs_devdrive._flag.platform_dirs_class` at every call: our class, or whatever a
test patched in, into our package or into platformdirs. A copy has no wrapper layer, so a call costs what
platformdirs' own does plus one look-up, and nothing here is written out by hand: a newer platformdirs' new functions
are copied too. The package copies each on first use (its ``__getattr__``), and loads this module then.
"""

from __future__ import annotations

import builtins
import sys

from ._api import DevDrivePlatformDirs
from ._flag import platform_dirs_class

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from types import ModuleType


class _Globals(dict):  # type: ignore[type-arg]  # a module namespace: names to anything
    """The copies' globals: ``PlatformDirs`` asked for afresh at each call, every other name our package's own.

    Never holds ``PlatformDirs`` itself, so that each look-up reaches :meth:`__missing__` (CPython's ``LOAD_GLOBAL``
    goes through ``__getitem__`` for a globals mapping that is not exactly a dict).
    """

    __slots__ = ("_copied", "_package")

    def __init__(self, package: Mapping[str, object], copied: frozenset[str]) -> None:
        super().__init__(__name__=package["__name__"], __builtins__=builtins)
        self._package = package
        self._copied = copied

    def __missing__(self, name: str) -> object:
        if name == "PlatformDirs":
            return platform_dirs_class(DevDrivePlatformDirs)
        if name in self._copied and name not in self._package:  # not copied yet: the package copies it now
            return getattr(sys.modules[str(self._package["__name__"])], name)
        return self._package[name]  # KeyError: a NameError, as in the package itself


def rebind(source: ModuleType, namespace: dict[str, object], name: str, copied: frozenset[str]) -> object:
    """Return a copy of ``source``'s function ``name`` (one of ``copied``, see :func:`reboundable`) that builds ours.

    The package copies each on first use (its ``__getattr__``), so that importing it costs no copying. A function
    whose code names a global of ``source`` that our package has not (a private helper) would fail as a copy: it stays
    platformdirs' own.
    """
    from types import FunctionType  # noqa: PLC0415  # on first use of a copied function; loaded by then anyway

    original = vars(source)[name]
    present = namespace.keys() | copied
    if not all(used in present for used in original.__code__.co_names if used in vars(source)):
        return original  # co_names holds attribute names too: only the globals of source matter
    copy = FunctionType(
        original.__code__, _Globals(namespace, copied), name, original.__defaults__, original.__closure__
    )
    copy.__kwdefaults__ = None if original.__kwdefaults__ is None else dict(original.__kwdefaults__)
    copy.__annotations__ = dict(original.__annotations__)
    copy.__doc__ = original.__doc__
    copy.__qualname__ = original.__qualname__
    copy.__module__ = str(namespace["__name__"])
    copy.__dict__.update(vars(original))
    return copy


__all__ = [
    "rebind",
]
