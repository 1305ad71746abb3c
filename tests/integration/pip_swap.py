"""Installed into the integration tests' virtual environments as ``pdd_pip_swap`` and run by a ``.pth`` file.

:func:`swap` makes ``pip._vendor.platformdirs`` resolve to ``platformdirs_devdrive``, as in a pip whose vendoring
swapped the package in (``import platformdirs_devdrive as platformdirs``): pip's ``from pip._vendor import
platformdirs`` and pkg_resources' ``from pip._vendor.platformdirs import user_cache_dir`` get our module, and any
``pip._vendor.platformdirs.<sub>`` import gets our submodule of that name, else platformdirs' own (``windows``,
``unix``, ``api``, ...), never a second copy of either. Nothing is imported until pip asks.

:func:`simulate` (both kinds of environment) declares simulated Dev Drives, for this process only, when the test sets
``PDD_SIMULATED_DEVDRIVES`` (roots separated by ``os.pathsep``): Windows' answers on any OS, through the package's
own testing kit. Unset, it does nothing and imports nothing.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import ModuleType

ALIAS = "pip._vendor.platformdirs"
PACKAGE = "platformdirs_devdrive"
SIMULATED_VAR = "PDD_SIMULATED_DEVDRIVES"
_KEEP: list[object] = []


class _Alias(importlib.abc.Loader):
    """Load a module by importing another one and standing it in for the requested name."""

    def __init__(self, target: str) -> None:
        self.target = target

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        """Let the import system make a placeholder; :meth:`exec_module` replaces it."""

    def exec_module(self, module: ModuleType) -> None:
        """Put the target in ``sys.modules`` under the placeholder's name; the import system returns that entry.

        The target keeps its own ``__name__`` and ``__spec__``: it is one module, reachable under two names.
        """
        sys.modules[module.__name__] = importlib.import_module(self.target)


class SwapFinder(importlib.abc.MetaPathFinder):
    """Answer imports of ``pip._vendor.platformdirs`` and its submodules with ``platformdirs_devdrive``'s."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        """Return an aliasing spec for the swapped names, ``None`` (not ours) for every other import."""
        if fullname == ALIAS:
            return importlib.machinery.ModuleSpec(fullname, _Alias(PACKAGE))
        if not fullname.startswith(f"{ALIAS}."):
            return None
        sub = fullname[len(ALIAS) :]
        ours = f"{PACKAGE}{sub}"
        source = ours if importlib.util.find_spec(ours) is not None else f"platformdirs{sub}"
        return importlib.machinery.ModuleSpec(fullname, _Alias(source))


def swap() -> None:
    """Install the finder ahead of every other, once."""
    if not any(isinstance(finder, SwapFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, SwapFinder())
    simulate(PACKAGE)


def simulate(package: str) -> None:
    """Declare the roots in ``PDD_SIMULATED_DEVDRIVES`` as Dev Drives of a simulated Windows, in ``package``."""
    roots = [root for root in os.environ.get(SIMULATED_VAR, "").split(os.pathsep) if root]
    if not roots:
        return
    testing = importlib.import_module(f"{package}.testing")
    flag = os.environ.get("PLATFORMDIRS_DEVDRIVE")  # this process's user setting, which a world hides on entry
    context = testing.simulated_drives()
    _KEEP.append(context)  # for the whole process: a context that is collected would end the simulation
    world = context.__enter__()
    for root in roots:
        world.add_drive(root)
    world.set_flag(flag)  # the machine simulated is this one's user's: their PLATFORMDIRS_DEVDRIVE still counts


__all__ = [
    "SwapFinder",
    "simulate",
    "swap",
]
