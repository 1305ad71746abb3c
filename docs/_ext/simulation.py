r"""A simulated Windows for the documentation's examples, so that they run (and are tested) on any OS.

On Windows, :class:`platformdirs_devdrive.DevDrivePlatformDirs` is ``DevDriveMixin`` in front of platformdirs'
``Windows`` class, which asks Windows for ``%LOCALAPPDATA%`` and joins paths with ``ntpath``. Inside
:func:`simulated_windows` the same holds on Linux or macOS: platformdirs answers with the Windows class, its folder
lookup answers from :data:`FOLDERS` (``WIN_PD_OVERRIDE_*`` still honoured), ``tempfile.gettempdir()`` is
``C:\Users\me\AppData\Local\Temp``, and the drive probe is the testing kit's simulated, empty Windows world. The
examples then declare their Dev Drives with :func:`platformdirs_devdrive.testing.simulated_drives`, as any test can.

Nothing is faked below the probe and platformdirs' folder lookup: the policy, the layout and the reports are the real
code. What cannot run here is a real file-system check of a Windows path, so explicit Windows paths (which must exist)
are shown on POSIX instead.
"""

from __future__ import annotations

import ntpath
import os
import tempfile
from contextlib import ExitStack, contextmanager
from types import ModuleType
from typing import TYPE_CHECKING

import platformdirs
import platformdirs.windows
from platformdirs.windows import Windows

import platformdirs_devdrive
from platformdirs_devdrive import _api, _layout, clear_cache
from platformdirs_devdrive._api import DevDriveMixin
from platformdirs_devdrive.testing import simulated_drives

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from platformdirs_devdrive.testing import SimulatedProbe

FOLDERS = {
    "CSIDL_APPDATA": r"C:\Users\me\AppData\Roaming",
    "CSIDL_LOCAL_APPDATA": r"C:\Users\me\AppData\Local",
    "CSIDL_COMMON_APPDATA": r"C:\ProgramData",
}
"""The known folders of the simulated user ``me``."""
TEMP = r"C:\Users\me\AppData\Local\Temp"
"""What ``tempfile.gettempdir()`` returns in the simulation (``%TEMP%`` of a default Windows account)."""
OUR_VARIABLES = ("PLATFORMDIRS_DEVDRIVE", "WIN_PD_OVERRIDE_LOCAL_APPDATA", "DEV_DRIVE")
"""Environment variables that change a resolution; every example starts without them."""


class WindowsDevDrivePlatformDirs(DevDriveMixin, Windows):
    """``DevDrivePlatformDirs`` as it is on Windows: the Dev Drive behaviour in front of platformdirs' Windows class."""


def _folder_lookup(csidl: str) -> str:
    return FOLDERS[csidl]


def _emulated_get_win_folder(csidl: str) -> str:
    # platformdirs before _RESOLVE_WIN_FOLDER existed: emulate its WIN_PD_OVERRIDE_* check in front of the lookup.
    override = os.environ.get(f"WIN_PD_OVERRIDE_{csidl.removeprefix('CSIDL_')}", "").strip()
    return override or FOLDERS[csidl]


def _windows_os() -> ModuleType:
    """Return a stand-in for :mod:`os` whose ``path`` is :mod:`ntpath`, as ``os`` is on Windows."""
    module = ModuleType("os")
    module.__dict__.update(vars(os))
    module.path = ntpath  # type: ignore[attr-defined]  # ModuleType has no declared attributes
    return module


def _set(stack: ExitStack, owner: object, name: str, value: object) -> None:
    missing = object()
    old = getattr(owner, name, missing)
    setattr(owner, name, value)
    restore: Callable[[], None] = (
        (lambda: delattr(owner, name)) if old is missing else (lambda: setattr(owner, name, old))
    )
    stack.callback(restore)


@contextmanager
def clean_environment() -> Iterator[None]:
    """Run without the variables of :data:`OUR_VARIABLES` (restored after) and with no remembered decision."""
    saved = {name: os.environ.pop(name) for name in OUR_VARIABLES if name in os.environ}
    clear_cache()
    try:
        yield
    finally:
        for name in OUR_VARIABLES:
            os.environ.pop(name, None)
        os.environ.update(saved)
        clear_cache()


@contextmanager
def simulated_windows(temp: str = TEMP) -> Iterator[SimulatedProbe]:
    """Behave as Windows (see the module docstring) until the context ends; yield the empty simulated world.

    :param temp: what ``tempfile.gettempdir()`` returns meanwhile.
    """
    windows_os = _windows_os()
    with ExitStack() as stack:
        stack.enter_context(clean_environment())
        _set(stack, platformdirs, "PlatformDirs", Windows)
        _set(stack, platformdirs, "AppDirs", Windows)
        for name in ("DevDrivePlatformDirs", "PlatformDirs", "AppDirs"):
            _set(stack, platformdirs_devdrive, name, WindowsDevDrivePlatformDirs)
        _set(stack, _api, "DevDrivePlatformDirs", WindowsDevDrivePlatformDirs)  # what the module functions build
        if hasattr(platformdirs.windows, "_RESOLVE_WIN_FOLDER"):  # the real override check stays in front of it
            _set(stack, platformdirs.windows, "_RESOLVE_WIN_FOLDER", _folder_lookup)
        else:
            _set(stack, platformdirs.windows, "get_win_folder", _emulated_get_win_folder)
        _set(stack, platformdirs.windows, "os", windows_os)
        _set(stack, _layout, "os", windows_os)  # the standard temp folder is joined with os.path
        _set(stack, tempfile, "tempdir", temp)
        yield stack.enter_context(simulated_drives(windows=True))


__all__ = [
    "FOLDERS",
    "OUR_VARIABLES",
    "TEMP",
    "WindowsDevDrivePlatformDirs",
    "clean_environment",
    "simulated_windows",
]
