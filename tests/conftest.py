"""Shared fixtures: a clean environment, the Windows layout on any OS, and simulated drives from our own kit."""

from __future__ import annotations

import ntpath
import os
import sys
import tempfile
from typing import TYPE_CHECKING

import pytest
from platformdirs.windows import Windows

from platformdirs_devdrive import clear_cache
from platformdirs_devdrive._api import DevDriveMixin

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytest_mock import MockerFixture

pytest_plugins = ["pytester"]  # test_testing runs small test suites with our fixtures, as a downstream project would

#: Environment variables that change what we resolve; every test starts without them.
OUR_VARS = ("PLATFORMDIRS_DEVDRIVE", "WIN_PD_OVERRIDE_LOCAL_APPDATA", "DEV_DRIVE")

WIN_FOLDERS = {
    "CSIDL_APPDATA": r"C:\Users\dev\AppData\Roaming",
    "CSIDL_LOCAL_APPDATA": r"C:\Users\dev\AppData\Local",
    "CSIDL_COMMON_APPDATA": r"C:\ProgramData",
}

IS_WINDOWS = sys.platform == "win32"
#: Where a refused standard temp folder's private stand-in goes, below platformdirs' user cache folder.
STAND_IN_PARTS = ("platformdirs-devdrive", "Cache", "Temp") if IS_WINDOWS else ("platformdirs-devdrive", "Temp")
needs_posix = pytest.mark.skipif(IS_WINDOWS, reason="POSIX ownership and mode bits")


class WindowsDevDriveDirs(DevDriveMixin, Windows):
    """The Windows flavour of DevDrivePlatformDirs, on any OS: how platformdirs tests its Windows class."""


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    for name in OUR_VARS:
        monkeypatch.delenv(name, raising=False)
    # A test's standard temp folder is its own: a /tmp/pip an earlier run (or another user) left would be "planted".
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path_factory.mktemp("standard-temp")))
    if not IS_WINDOWS:  # a refused temp folder's stand-in goes to the user's cache folder: the test's own
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def win_folders(mocker: MockerFixture) -> dict[str, str]:
    """Mock platformdirs' Windows folder lookup (honouring WIN_PD_OVERRIDE_*, as the real one does)."""

    def lookup(csidl: str) -> str:
        override = os.environ.get(f"WIN_PD_OVERRIDE_{csidl.removeprefix('CSIDL_')}", "").strip()
        return override or WIN_FOLDERS[csidl]

    mocker.patch("platformdirs.windows.get_win_folder", side_effect=lookup)
    return WIN_FOLDERS


@pytest.fixture
def win_local(win_folders: dict[str, str]) -> str:
    """The mocked %LOCALAPPDATA%, as the Windows class normalises it on this OS."""
    return os.path.normpath(win_folders["CSIDL_LOCAL_APPDATA"])


def win(path: str) -> str:
    """Normalise a Windows path for comparisons (ntpath on every OS)."""
    return ntpath.normpath(path)


# --- enable/disable (tests/test_setup_*.py) -------------------------------------------------------------------------

#: Variables that decide a tool's cache folder (the tools' own, and the bases of their defaults).
SETUP_VARS = (
    "XDG_STATE_HOME",
    "XDG_CONFIG_HOME",
    "XDG_CACHE_HOME",
    "XDG_DATA_HOME",
    "ZDOTDIR",
    "PNPM_HOME",
    "GOPATH",
    "RATTLER_CACHE_DIR",
    "CONDA_EXE",
)


@pytest.fixture
def user_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh home folder as ``HOME``, with no tool's variable set: where enable writes profiles and its journal."""
    from platformdirs_devdrive import _tools  # only these tests need the tools table

    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("HOME", str(home))
    names = {name for tool in _tools.TOOLS for setting in tool.settings for name in (*setting.names, *setting.aliases)}
    for name in (*SETUP_VARS, *sorted(names)):
        monkeypatch.delenv(name, raising=False)
    return home
