r"""The real tier: what only a real Dev Drive can show. Runs when ``PDD_REAL_DEV_DRIVE`` names one (``E:\``).

Everywhere else, this machine and Wine included (Wine's FSCTL never answers "Dev Drive"), every test here is skipped
with the reason, which ``-ra`` prints. The Windows workflow (``.github/workflows/devdrive.yml``) makes a Dev Drive on
the runner, sets ``PDD_REAL_DEV_DRIVE`` (and ``PDD_REAL_DEV_DRIVE_MOUNT``, a folder the same volume is mounted on)
and runs the suite elevated, so the tests that need an administrator (``fsutil devdrv trust``, ``net user``) run
there too. Each test leaves the drive as it found it: the trusted bit restored, a test account removed, the folders
made under the drive's ``.cache`` deleted.
"""

from __future__ import annotations

import contextlib
import json
import ntpath
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from typing import TYPE_CHECKING, Any

import pytest

import platformdirs_devdrive as pdd
from platformdirs_devdrive import Reason, Source

from .conftest import IS_WINDOWS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from platformdirs_devdrive._probe import Probe

REAL_VAR = "PDD_REAL_DEV_DRIVE"
MOUNT_VAR = "PDD_REAL_DEV_DRIVE_MOUNT"
REAL = os.environ.get(REAL_VAR, "").strip()
MOUNT = os.environ.get(MOUNT_VAR, "").strip()


def _skip_reason() -> str | None:
    if not REAL:
        return f"the real Dev Drive tier: set {REAL_VAR} to a real Dev Drive's root (e.g. E:\\) to run it"
    if not IS_WINDOWS:
        return f"{REAL_VAR} is set, but only Windows has Dev Drives"
    return None


SKIP = _skip_reason()
pytestmark = [pytest.mark.real_devdrive, pytest.mark.skipif(SKIP is not None, reason=SKIP or "")]

STDLIB_REASON = "the stdlib backend (os.path.isdevdrive's machinery) exists from Python 3.12"
WRITE_TRIES = 20  # fsutil's change may take a moment to reach the volume: poll, never parse fsutil's (localized) text


def _root(value: str) -> str:
    r"""``E:``, ``E:\`` or ``C:\mnt\dev`` as a mount point: with its final backslash."""
    return value if value.endswith("\\") else value + "\\"


def _backends() -> list[Probe]:
    from platformdirs_devdrive import _windows

    found: list[Probe] = [_windows.Win32Probe()]
    if sys.version_info >= (3, 12):
        found.append(_windows.StdlibProbe())
    return found


def _is_admin() -> bool:
    import ctypes

    return bool(ctypes.windll.shell32.IsUserAnAdmin())  # type: ignore[attr-defined,unused-ignore]


def _unless(condition: Callable[[], bool], reason: str) -> pytest.MarkDecorator:
    """Skip for the tier's reason first, then for ``reason`` when ``condition()`` is false."""
    return pytest.mark.skipif(SKIP is not None or not condition(), reason=SKIP or reason)


needs_admin = _unless(_is_admin, "needs an elevated (administrator) process")


@pytest.fixture
def root() -> str:
    return _root(REAL)


def _same(left: str | None, right: str) -> bool:
    return left is not None and ntpath.normcase(_root(left)) == ntpath.normcase(_root(right))


# --- detection ------------------------------------------------------------------------------------------------------


def test_every_backend_says_yes(root: str) -> None:
    answers = []
    for probe in _backends():
        assert _same(probe.volume_root(root), root), probe.name
        info = probe.volume(root)
        assert info.is_dev_drive, (probe.name, info)
        assert info.error is None, (probe.name, info)
        assert info.filesystem == "ReFS", (probe.name, info)  # every Dev Drive is ReFS
        answers.append(info)
    assert len(set(answers)) == 1, answers  # the ctypes port and CPython's own agree on everything
    if sys.version_info >= (3, 12):
        assert os.path.isdevdrive(root)


@_unless(lambda: sys.version_info >= (3, 12), STDLIB_REASON)
def test_the_default_probe_is_the_stdlib_one_and_agrees(root: str) -> None:
    from platformdirs_devdrive import _backends, _windows

    probe = _backends.current_probe()
    assert isinstance(probe, _windows.StdlibProbe)
    assert probe.volume(root) == _windows.Win32Probe().volume(root)


def _trusted(root: str) -> bool | None:
    from platformdirs_devdrive import _windows

    return _windows.Win32Probe().volume(root).trusted  # a fresh probe: no remembered answer


def _fsutil(verb: str, root: str) -> None:
    # fsutil takes "E:" for a drive and the folder for a mount point. Its exit status and text say nothing reliable
    # about trust (the text is localized), so neither is read: the bit is read back through the probe.
    target = root.rstrip("\\") if len(root) <= 3 else root  # "E:\"
    done = subprocess.run(["fsutil", "devdrv", verb, target], capture_output=True, check=False)
    print(f"fsutil devdrv {verb} {target}: exit status {done.returncode}")  # noqa: T201  # for the CI log


def _wait_for(root: str, wanted: bool) -> bool | None:
    found = _trusted(root)
    for _ in range(WRITE_TRIES):
        if found is wanted:
            break
        time.sleep(0.25)
        found = _trusted(root)
    return found


@needs_admin
def test_the_trusted_bit_follows_fsutil(root: str) -> None:
    original = _trusted(root)
    assert original is not None, "the probe cannot read the trusted bit of this Dev Drive"
    try:
        _fsutil("untrust", root)
        assert _wait_for(root, wanted=False) is False, "fsutil devdrv untrust did not clear the trusted bit"
        _fsutil("trust", root)
        assert _wait_for(root, wanted=True) is True, "fsutil devdrv trust did not set the trusted bit"
    finally:
        _fsutil("trust" if original else "untrust", root)
        assert _wait_for(root, wanted=original) is original, f"could not restore the trusted bit to {original}"


# --- the command line and the policy --------------------------------------------------------------------------------


def test_drives_lists_it(root: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "platformdirs_devdrive", "drives", "--json"],
        capture_output=True,
        check=True,
        encoding="utf-8",
    )
    data: dict[str, Any] = json.loads(done.stdout)
    assert data["windows"] is True
    (volume,) = [volume for volume in data["volumes"] if _same(volume["root"], root)]
    assert volume["is_dev_drive"] is True
    assert volume["filesystem"] == "ReFS"


def _dev_drives() -> list[str]:
    from platformdirs_devdrive import _windows

    return _windows.Win32Probe().dev_drives()


def test_auto_chooses_it_when_it_is_the_only_one(root: str, monkeypatch: pytest.MonkeyPatch) -> None:
    drives = _dev_drives()
    if len(drives) != 1:
        pytest.skip(f"this machine has {len(drives)} Dev Drives ({', '.join(drives)}): auto then chooses none")
    from platformdirs_devdrive import _windows

    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", "auto")
    # The workflow moves TEMP onto the drive: temp then keeps the standard temp folder, which is already there.
    temp_there = _same(_windows.Win32Probe().volume_root(tempfile.gettempdir()), root)
    for kind in ("cache", "temp"):
        dirs = pdd.DevDrivePlatformDirs("pip", appauthor=False)
        dirs._anchor = False  # a preview: nothing is created on the drive
        report = dirs.resolve_cache() if kind == "cache" else dirs.resolve_temp()
        expected = Source.STANDARD_TEMP if kind == "temp" and temp_there else Source.SOLE_DEV_DRIVE
        assert report.source is expected, report
        assert report.code.value == expected.value
        assert report.on_dev_drive
        assert _same(report.root, root)
        base = tempfile.gettempdir() if expected is Source.STANDARD_TEMP else ntpath.join(root, ".cache")
        assert ntpath.normcase(report.path).startswith(ntpath.normcase(base)), report


@_unless(lambda: bool(MOUNT), f"set {MOUNT_VAR} to a folder a Dev Drive is mounted on")
def test_a_folder_mount_is_found_through_its_mount_point() -> None:
    mount = _root(MOUNT)
    inside = ntpath.join(mount, "not", "made", "yet")
    for probe in _backends():
        assert _same(probe.volume_root(inside), mount), probe.name
        assert any(_same(found, mount) for found in probe.roots()), (probe.name, probe.roots())
        assert probe.volume(mount).is_dev_drive, probe.name
    report = pdd.resolve_cache_dir("pip", appauthor=False, devdrive=mount)
    assert report.on_dev_drive, report
    assert report.code is Reason.CHOSEN_DEV_DRIVE


# --- owner-only folders ---------------------------------------------------------------------------------------------


@pytest.fixture
def made(root: str) -> Iterator[str]:
    """A cache folder the library creates on the Dev Drive (owner-only), removed afterwards."""
    app = f"pdd-real-tier-{secrets.token_hex(4)}"
    path = pdd.user_cache_dir(app, appauthor=False, devdrive=root, ensure_exists=True)
    assert os.path.isdir(path)
    yield path
    shutil.rmtree(ntpath.join(root, ".cache", app), ignore_errors=True)


SYSTEM, ADMINISTRATORS = "S-1-5-18", "S-1-5-32-544"


def test_owner_only_creation_gives_an_owner_only_dacl(made: str) -> None:
    from platformdirs_devdrive import _acl, _winsec

    layer = _winsec.win32()
    security = _acl.parse(layer.file_security(made))
    me = layer.user()
    assert security.owner == me
    assert security.aces is not None, "a NULL DACL lets everyone in"
    writers = {ace.sid for ace in security.aces if ace.type in _acl.ALLOW_TYPES and ace.mask & _acl.WRITE_RIGHTS}
    assert writers <= {me, SYSTEM, ADMINISTRATORS}, security.aces


@contextlib.contextmanager
def _local_account() -> Iterator[tuple[str, str]]:
    """A new standard (not administrator) local account, deleted afterwards."""
    name = f"pdd{secrets.token_hex(4)}"
    password = f"Pd-{secrets.token_urlsafe(12)}-9a"  # meets the default complexity rules
    subprocess.run(["net", "user", name, password, "/add"], capture_output=True, check=True)
    try:
        yield name, password
    finally:
        subprocess.run(["net", "user", name, "/delete"], capture_output=True, check=False)


def _as(name: str, password: str, action: Callable[[], object]) -> object:
    """Run ``action`` in this thread impersonating the local account: file access is checked against its token."""
    import ctypes
    from ctypes import wintypes

    advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    advapi32.LogonUserW.argtypes = [
        wintypes.LPCWSTR,
        wintypes.LPCWSTR,
        wintypes.LPCWSTR,
        wintypes.DWORD,
        wintypes.DWORD,
        ctypes.POINTER(wintypes.HANDLE),
    ]
    advapi32.ImpersonateLoggedOnUser.argtypes = [wintypes.HANDLE]
    kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
    token = wintypes.HANDLE()
    logon32_logon_network, logon32_provider_default = 3, 0  # winbase.h: a network logon makes no profile
    if not advapi32.LogonUserW(name, ".", password, logon32_logon_network, logon32_provider_default, token):
        raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined,unused-ignore]
    try:
        if not advapi32.ImpersonateLoggedOnUser(token):
            raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined,unused-ignore]
        try:
            return action()
        finally:
            advapi32.RevertToSelf()
    finally:
        kernel32.CloseHandle(token)


def _try_write(folder: str) -> str:
    try:
        with open(ntpath.join(folder, "planted.txt"), "w", encoding="utf-8") as file:
            file.write("x")
    except PermissionError:
        return "denied"
    return "written"


@needs_admin
def test_another_local_account_cannot_write_into_an_owner_only_folder(root: str, made: str) -> None:
    from platformdirs_devdrive import _winsec

    # The control: a folder anyone may write to, on the same drive, so a "denied" below is the DACL's doing.
    control = ntpath.join(root, f"pdd-real-tier-open-{secrets.token_hex(4)}")
    assert _winsec.win32().create_directory(control, "D:P(A;OICI;FA;;;WD)") == 0  # Everyone: full control
    try:
        with _local_account() as (name, password):
            assert _as(name, password, lambda: _try_write(control)) == "written", "impersonation did not work"
            assert _as(name, password, lambda: _try_write(made)) == "denied"
        assert not os.path.exists(ntpath.join(made, "planted.txt"))
    finally:
        shutil.rmtree(control, ignore_errors=True)
