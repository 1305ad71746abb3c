r"""The Windows probes: path handling, the Dev Drive answer and its extras, enumeration, caching, never raising.

Both backends run on any OS here: :class:`Win32Probe` over the fake kernel32, :class:`StdlibProbe` over a stand-in
``nt`` module (plus the fake kernel32 for its extras). The last section runs them on a real Windows interpreter.
"""

from __future__ import annotations

import ctypes
import ntpath
import os
import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import pytest

from platformdirs_devdrive import Reason, Source, VolumeInfo, _backends, _probe, _win32, _windows
from platformdirs_devdrive._win32 import (
    DRIVE_CDROM,
    DRIVE_REMOVABLE,
    ERROR_ACCESS_DENIED,
    ERROR_INVALID_PARAMETER,
    ERROR_NOT_READY,
    ERROR_NOT_SUPPORTED,
    Win32Error,
)
from platformdirs_devdrive._windows import StdlibProbe, Win32Probe, windows_probe

from .conftest import WindowsDevDriveDirs
from .fake_kernel32 import FakeWindows

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from platformdirs_devdrive._windows import _WindowsProbe

IS_WINDOWS = sys.platform == "win32"
DEV, TRUSTED = 0x2000, 0x4000
CWD = "D:\\work"


def fake_abspath(path: str) -> str:
    """``ntpath.abspath`` with the working directory ``D:\\work``, on any OS."""
    return ntpath.normpath(path if ntpath.isabs(path) else ntpath.join(CWD, path))


@pytest.fixture
def machine() -> Iterator[FakeWindows]:
    r"""A machine with C:\ (NTFS), the Dev Drive D:\ (ReFS, trusted, also mounted at C:\dev\) and E:\ (ReFS)."""
    machine = FakeWindows()
    machine.add_volume("C:\\")
    machine.add_volume("D:\\", "C:\\dev\\", filesystem="ReFS", flags=DEV | TRUSTED)
    machine.add_volume("E:\\", filesystem="ReFS")
    machine.add_paths("D:\\work\\proj", "C:\\dev\\proj", "C:\\Users\\dev")
    yield machine
    assert machine.open_handles == {}, "a handle was left open"
    assert machine.finds == {}, "a volume search was left open"
    assert machine.error_mode == 0, "the thread error mode was not restored"


def win32_probe(machine: FakeWindows, **kwargs: Any) -> Win32Probe:
    return Win32Probe(kernel32=machine.kernel32, exists=machine.exists, abspath=fake_abspath, **kwargs)


class FakeNt:
    """The ``nt`` functions StdlibProbe uses, answering from the same fake machine, as CPython would."""

    def __init__(self, machine: FakeWindows) -> None:
        self.machine = machine
        self.calls: list[tuple[str, str]] = []
        self.failures: dict[str, OSError] = {}
        self.answers: dict[str, bool] = {}

    def _log(self, name: str, argument: str = "") -> None:
        self.calls.append((name, argument))
        if name in self.failures:
            raise self.failures[name]

    def _getvolumepathname(self, path: str) -> str:
        self._log("_getvolumepathname", path)
        return self.machine.kernel32().volume_path_name(path)

    def _path_isdevdrive(self, path: str) -> bool:
        self._log("_path_isdevdrive", path)
        if path in self.answers:
            return self.answers[path]
        flags = self.machine.kernel32().volume_flags(path, DEV)
        return bool(flags)

    def listvolumes(self) -> list[str]:
        self._log("listvolumes")
        return [volume.guid for volume in self.machine.volumes]

    def listmounts(self, volume: str) -> list[str]:
        self._log("listmounts", volume)
        return self.machine.kernel32().mount_points(volume)


def stdlib_probe(machine: FakeWindows, nt: FakeNt, **kwargs: Any) -> StdlibProbe:
    kwargs.setdefault("kernel32", machine.kernel32)
    return StdlibProbe(nt, exists=machine.exists, abspath=fake_abspath, **kwargs)  # type: ignore[arg-type]


BACKENDS: dict[str, Callable[[FakeWindows], _WindowsProbe]] = {
    "win32": win32_probe,
    "stdlib": lambda machine: stdlib_probe(machine, FakeNt(machine)),
}


@pytest.fixture(params=sorted(BACKENDS))
def probe(request: pytest.FixtureRequest, machine: FakeWindows) -> _WindowsProbe:
    return BACKENDS[request.param](machine)


def unavailable() -> _win32.Kernel32:
    msg = "no ctypes here"
    raise ImportError(msg)


# --- choosing the backend ---------------------------------------------------------------------------------------


def test_stdlib_backend_where_nt_has_everything() -> None:
    nt = SimpleNamespace(**dict.fromkeys(_windows.STDLIB_FUNCTIONS, lambda *_: None))
    chosen = windows_probe(nt)  # type: ignore[arg-type]
    assert isinstance(chosen, StdlibProbe)
    assert (chosen.name, chosen.supported) == ("stdlib", True)


@pytest.mark.parametrize("lacking", _windows.STDLIB_FUNCTIONS)
def test_ctypes_backend_where_anything_is_missing(lacking: str) -> None:
    nt = SimpleNamespace(**dict.fromkeys(set(_windows.STDLIB_FUNCTIONS) - {lacking}, lambda *_: None))
    chosen = windows_probe(nt)  # type: ignore[arg-type]
    assert isinstance(chosen, Win32Probe)
    assert (chosen.name, chosen.supported) == ("win32", True)


def test_the_default_probe_on_windows_is_windows_probes(monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = Win32Probe()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(_windows, "windows_probe", lambda: chosen)
    monkeypatch.setattr(_backends, "_default", None)
    assert _backends.current_probe() is chosen


@pytest.mark.skipif(IS_WINDOWS, reason="off Windows only")
def test_off_windows_the_ctypes_layer_does_not_load() -> None:
    probe = Win32Probe()
    assert probe.kernel32() is None
    assert probe.kernel32() is None  # tried once, the reason kept
    info = probe.volume("D:\\")
    assert (
        info.error
        == f"OSError: the Win32 API is unavailable (OSError: kernel32 exists on Windows only, not on {sys.platform})"
    )


@pytest.mark.skipif(IS_WINDOWS, reason="off Windows only")
def test_stdlib_backend_off_windows_fails_as_detection_does(machine: FakeWindows) -> None:
    probe = StdlibProbe(kernel32=machine.kernel32, exists=machine.exists, abspath=fake_abspath)
    info = probe.volume("D:\\")
    assert not info.is_dev_drive
    assert info.error == "OSError: the nt module is unavailable (No module named 'nt')"
    with pytest.raises(OSError, match="nt module"):
        probe.volume_root("D:\\work")


def test_windows_module_constants_are_win32s() -> None:
    assert _windows.DRIVE_FIXED == _win32.DRIVE_FIXED
    assert _windows.DRIVE_REMOTE == _win32.DRIVE_REMOTE
    assert _windows.DEV_VOLUME == _win32.PERSISTENT_VOLUME_STATE_DEV_VOLUME
    assert _windows.TRUSTED_VOLUME == _win32.PERSISTENT_VOLUME_STATE_TRUSTED_VOLUME


# --- volume roots: the paths that need care --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "root"),
    [
        ("D:\\work\\proj", "D:\\"),
        ("d:\\WORK\\proj", "D:\\"),
        ("D:/work/proj", "D:\\"),
        ("C:\\Users\\dev", "C:\\"),
        ("C:\\dev\\proj\\src", "C:\\dev\\"),  # a folder mount point
        ("C:\\dev", "C:\\dev\\"),
        ("E:\\", "E:\\"),
        ("D:", "D:\\"),  # the drive alone: its root, not its working directory
        ("D:\\", "D:\\"),
        ("proj\\sub", "D:\\"),  # relative: from the working directory D:\work
        (".", "D:\\"),
    ],
)
def test_volume_root(probe: _WindowsProbe, machine: FakeWindows, path: str, root: str) -> None:
    assert probe.volume_root(path) == root


def test_relative_path_is_made_absolute_before_asking_windows(probe: _WindowsProbe, machine: FakeWindows) -> None:
    # Windows answers the boot volume (C:\ here) for a relative path: D:\ proves it was made absolute first.
    assert probe.volume_root("proj") == "D:\\"
    assert machine.args("GetVolumePathNameW")[-1][0] == "D:\\work\\proj"


def test_drive_letter_alone_is_the_drive_not_its_working_directory(machine: FakeWindows) -> None:
    asked: list[str] = []

    def abspath(path: str) -> str:
        asked.append(path)
        return fake_abspath(path)

    probe = Win32Probe(kernel32=machine.kernel32, exists=machine.exists, abspath=abspath)
    assert probe.volume_root("C:") == "C:\\"
    assert asked == ["C:\\"]  # "C:" would have been C:'s working directory, maybe below C:\dev\


def test_path_that_does_not_exist_yet_uses_its_nearest_existing_parent(machine: FakeWindows) -> None:
    probe = win32_probe(machine)
    assert probe.volume_root("C:\\dev\\proj\\not\\yet\\made") == "C:\\dev\\"
    assert machine.args("GetVolumePathNameW")[-1][0] == "C:\\dev\\proj"
    assert probe.volume_root("C:\\nothing\\here") == "C:\\"
    assert machine.args("GetVolumePathNameW")[-1][0] == "C:\\"


def test_long_prefixed_path(machine: FakeWindows) -> None:
    deep = "D:\\work\\" + "\\".join(f"level{index:03}-{'x' * 20}" for index in range(12))
    assert len(deep) > 260
    machine.add_paths(deep)
    probe = win32_probe(machine)
    assert probe.volume_root("\\\\?\\" + deep) == "D:\\"  # not \\?\D:\, which would not match roots()
    (asked, _, size) = machine.args("GetVolumePathNameW")[-1]
    assert asked == "\\\\?\\" + deep
    assert size > len(asked)


def test_long_path_below_a_folder_mount(machine: FakeWindows) -> None:
    mount = "C:\\" + "\\".join(["mnt-" + "m" * 60] * 5) + "\\"  # a mount point deeper than MAX_PATH
    assert len(mount) > 260
    machine.add_volume(mount, filesystem="ReFS", flags=DEV)
    machine.add_paths(mount + "proj")
    probe = win32_probe(machine)
    assert probe.volume_root(mount + "proj") == mount  # CPython's MAX_PATH buffer fails here
    assert probe.volume(mount).is_dev_drive


def test_non_ascii_path(probe: _WindowsProbe, machine: FakeWindows) -> None:
    path = "D:\\work\\Ünïcødé\\日本語\\😀"
    machine.add_paths(path)
    assert probe.volume_root(path) == "D:\\"
    asked = [args[0] for name, args in machine.calls if name == "GetVolumePathNameW"]
    assert asked[-1] == path


@pytest.mark.parametrize(
    ("path", "share"),
    [
        ("\\\\server\\share\\dir\\file", "\\\\server\\share\\"),
        ("\\\\server\\share", "\\\\server\\share\\"),
        ("//server/share/dir", "\\\\server\\share\\"),
        ("\\\\?\\UNC\\server\\share\\dir", "\\\\server\\share\\"),
    ],
)
def test_unc_path_is_its_share_without_touching_the_network(
    probe: _WindowsProbe, machine: FakeWindows, path: str, share: str
) -> None:
    touched: list[str] = []
    exists = machine.exists

    def spy(candidate: str) -> bool:
        touched.append(candidate)
        return exists(candidate)

    probe._exists = spy
    assert probe.volume_root(path) == share
    assert touched == []
    assert not {"GetVolumePathNameW", "GetDriveTypeW", "CreateFileW"} & set(machine.names())
    info = probe.volume(share)
    assert not info.is_dev_drive
    assert "CreateFileW" not in machine.names()


def test_mapped_network_drive_is_not_walked(machine: FakeWindows) -> None:
    machine.remote.add("Z:\\")
    touched: list[str] = []

    def exists(path: str) -> bool:
        touched.append(path)
        return False

    probe = Win32Probe(kernel32=machine.kernel32, exists=exists, abspath=fake_abspath)
    assert probe.volume_root("Z:\\team\\project") == "Z:\\"
    assert touched == []
    assert "GetVolumePathNameW" not in machine.names()
    assert probe.volume("Z:\\") == VolumeInfo("Z:\\")
    assert "CreateFileW" not in machine.names()


def test_subst_drive_resolves_to_the_volume_it_points_into(probe: _WindowsProbe, machine: FakeWindows) -> None:
    machine.subst["S:"] = "C:\\dev\\proj"  # subst S: C:\dev\proj, on the folder-mounted Dev Drive
    assert probe.volume_root("S:\\src\\app") == "C:\\dev\\"
    assert probe.volume_root("S:") == "C:\\dev\\"
    assert probe.volume_root("\\\\?\\S:\\src") == "C:\\dev\\"
    assert probe.volume(probe.volume_root("S:\\src")).is_dev_drive


def test_subst_chain_and_loop(machine: FakeWindows) -> None:
    probe = win32_probe(machine)
    machine.subst["T:"] = "S:\\inner"
    machine.subst["S:"] = "D:\\work"
    assert probe.volume_root("T:\\x") == "D:\\"
    machine.subst["U:"] = "V:\\"
    machine.subst["V:"] = "U:\\"
    with pytest.raises(OSError, match="GetVolumePathNameW"):  # bounded, then Windows says the drive is unusable
        probe.volume_root("U:\\x")


def test_subst_to_a_network_share(machine: FakeWindows) -> None:
    machine.subst["N:"] = "UNC\\server\\share\\dir"
    assert win32_probe(machine).volume_root("N:\\x") == "\\\\server\\share\\"


def test_missing_drive_is_an_oserror(probe: _WindowsProbe) -> None:
    with pytest.raises(Win32Error) as caught:
        probe.volume_root("Q:\\x")
    assert (caught.value.function, caught.value.winerror) == ("GetVolumePathNameW", _win32.ERROR_FILE_NOT_FOUND)


def test_volume_root_without_ctypes_on_the_stdlib_backend(machine: FakeWindows) -> None:
    nt = FakeNt(machine)
    probe = stdlib_probe(machine, nt, kernel32=unavailable)
    assert probe.volume_root("C:\\dev\\proj") == "C:\\dev\\"
    assert probe.volume_root("\\\\server\\share\\x") == "\\\\server\\share\\"
    assert probe.kernel32() is None


def test_volume_root_without_ctypes_on_the_ctypes_backend(machine: FakeWindows) -> None:
    probe = Win32Probe(kernel32=unavailable, exists=machine.exists, abspath=fake_abspath)
    with pytest.raises(OSError, match="the Win32 API is unavailable \\(ImportError: no ctypes here\\)"):
        probe.volume_root("C:\\dev\\proj")


# --- volumes ------------------------------------------------------------------------------------------------------


def test_dev_drive_with_its_extras(probe: _WindowsProbe) -> None:
    assert probe.volume("D:\\") == VolumeInfo("D:\\", is_dev_drive=True, trusted=True, filesystem="ReFS")
    assert probe.volume("C:\\dev\\") == VolumeInfo("C:\\dev\\", is_dev_drive=True, trusted=True, filesystem="ReFS")


def test_untrusted_dev_drive(probe: _WindowsProbe, machine: FakeWindows) -> None:
    machine.volumes[2].flags = DEV
    assert probe.volume("E:\\") == VolumeInfo("E:\\", is_dev_drive=True, trusted=False, filesystem="ReFS")


def test_refs_is_not_a_dev_drive(probe: _WindowsProbe) -> None:
    assert probe.volume("E:\\") == VolumeInfo("E:\\", is_dev_drive=False, trusted=None, filesystem="ReFS")
    assert probe.volume("C:\\") == VolumeInfo("C:\\", filesystem="NTFS")


def test_windows_without_the_flags_is_not_a_dev_drive_and_no_error(probe: _WindowsProbe, machine: FakeWindows) -> None:
    machine.volumes[1].fsctl_error = ERROR_INVALID_PARAMETER  # before Windows 11 22H2
    assert probe.volume("D:\\") == VolumeInfo("D:\\", filesystem="ReFS")


@pytest.mark.parametrize("code", [ERROR_NOT_SUPPORTED, ERROR_ACCESS_DENIED, ERROR_NOT_READY, 1])
def test_other_fsctl_errors_are_not_a_dev_drive_with_the_error(
    probe: _WindowsProbe, machine: FakeWindows, code: int
) -> None:
    machine.volumes[1].fsctl_error = code
    info = probe.volume("D:\\")
    assert (info.is_dev_drive, info.trusted, info.filesystem) == (False, None, "ReFS")
    assert info.error is not None
    assert f"[WinError {code}]" in info.error


def test_open_failure_is_not_a_dev_drive_with_the_error(probe: _WindowsProbe, machine: FakeWindows) -> None:
    machine.volumes[1].open_error = ERROR_ACCESS_DENIED
    info = probe.volume("D:\\")
    assert not info.is_dev_drive
    assert info.error is not None
    assert "CreateFileW" in info.error
    assert "[WinError 5]" in info.error


@pytest.mark.parametrize("drive_type", [DRIVE_REMOVABLE, DRIVE_CDROM, _win32.DRIVE_RAMDISK])
def test_drives_that_are_not_fixed_are_never_opened(
    probe: _WindowsProbe, machine: FakeWindows, drive_type: int
) -> None:
    machine.add_volume("F:\\", drive_type=drive_type, flags=DEV, open_error=ERROR_NOT_READY, info_error=ERROR_NOT_READY)
    assert probe.volume("F:\\") == VolumeInfo("F:\\")
    assert not {"CreateFileW", "GetVolumeInformationW", "DeviceIoControl"} & set(machine.names())


def test_filesystem_failure_is_unknown_not_an_error(probe: _WindowsProbe, machine: FakeWindows) -> None:
    machine.volumes[1].info_error = ERROR_ACCESS_DENIED
    assert probe.volume("D:\\") == VolumeInfo("D:\\", is_dev_drive=True, trusted=True)


def test_stdlib_answer_with_ctypes_failing_for_the_trust_query(machine: FakeWindows) -> None:
    nt = FakeNt(machine)
    calls = 0

    def flaky(*args: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls > 1:  # CPython's query passes, ours (for the trusted bit) fails
            return machine._fail(ERROR_ACCESS_DENIED, _win32.INVALID_HANDLE_VALUE)
        return machine._CreateFileW(*args)

    machine.overrides["CreateFileW"] = flaky
    probe = stdlib_probe(machine, nt)
    assert probe.volume("D:\\") == VolumeInfo("D:\\", is_dev_drive=True, trusted=None, filesystem="ReFS")


def test_stdlib_trust_query_rejected(machine: FakeWindows) -> None:
    nt = FakeNt(machine)
    nt.answers["D:\\"] = True
    machine.volumes[1].fsctl_error = ERROR_INVALID_PARAMETER
    assert stdlib_probe(machine, nt).volume("D:\\").trusted is None


def test_stdlib_answer_without_ctypes(machine: FakeWindows) -> None:
    nt = FakeNt(machine)
    probe = stdlib_probe(machine, nt, kernel32=unavailable)
    assert probe.volume("D:\\") == VolumeInfo("D:\\", is_dev_drive=True)  # extras unknown, the answer stands
    assert nt.calls == [("_path_isdevdrive", "D:\\")]


def test_stdlib_oserror_is_reported_not_hidden(machine: FakeWindows) -> None:
    # os.path.isdevdrive would say False and nothing else; the report says why.
    nt = FakeNt(machine)
    nt.failures["_path_isdevdrive"] = OSError(None, "The request is not supported", None, 50)
    info = stdlib_probe(machine, nt).volume("D:\\")
    assert not info.is_dev_drive
    assert info.error is not None
    assert "The request is not supported" in info.error


def test_ctypes_backend_without_ctypes_reports_why(machine: FakeWindows) -> None:
    probe = Win32Probe(kernel32=unavailable, exists=machine.exists, abspath=fake_abspath)
    info = probe.volume("D:\\")
    assert (info.is_dev_drive, info.error) == (
        False,
        "OSError: the Win32 API is unavailable (ImportError: no ctypes here)",
    )
    with pytest.raises(OSError, match="unavailable"):
        probe.roots()


def test_missing_kernel32_function_is_a_reason(machine: FakeWindows) -> None:
    machine = FakeWindows(missing=("DeviceIoControl",))
    machine.add_volume("D:\\", flags=DEV)
    info = win32_probe(machine).volume("D:\\")
    assert not info.is_dev_drive
    assert info.error is not None
    assert "DeviceIoControl" in info.error
    assert "[WinError 127]" in info.error
    assert machine.open_handles == {}


def test_volume_never_raises_even_when_ctypes_does(probe: _WindowsProbe, machine: FakeWindows) -> None:
    def broken(*_args: Any) -> int:
        msg = "argument 1: TypeError: wrong type"
        raise ctypes.ArgumentError(msg)

    machine.overrides["GetDriveTypeW"] = broken
    info = probe.volume("D:\\")
    assert not info.is_dev_drive
    assert info.error is not None
    assert "GetDriveTypeW" in info.error


def test_answers_are_cached_per_volume_until_cleared(probe: _WindowsProbe, machine: FakeWindows) -> None:
    first = probe.volume("D:\\")
    asked = len(machine.calls)
    assert probe.volume("D:\\") is first
    assert probe.volume("d:\\") is first
    assert len(machine.calls) == asked
    machine.volumes[1].flags = 0
    probe.clear_cache()
    assert not probe.volume("D:\\").is_dev_drive


def test_the_package_wide_clear_cache_reaches_the_probe(machine: FakeWindows) -> None:
    import platformdirs_devdrive as pdd

    probe = win32_probe(machine)
    _probe.push_probe(probe)
    try:
        assert probe.volume("D:\\").is_dev_drive
        machine.volumes[1].flags = 0
        pdd.clear_cache()
        assert not probe.volume("D:\\").is_dev_drive
    finally:
        _probe.pop_probe(probe)


def test_every_query_runs_with_critical_error_dialogs_off(machine: FakeWindows) -> None:
    modes: list[int] = []
    original = machine._GetDriveTypeW

    def spy(root: str) -> int | None:
        modes.append(machine.error_mode)
        return original(root)

    machine.overrides["GetDriveTypeW"] = spy
    probe = win32_probe(machine)
    probe.volume("D:\\")
    probe.volume_root("D:\\work")
    assert modes
    assert set(modes) == {_win32.SEM_FAILCRITICALERRORS}
    assert machine.error_mode == 0


# --- enumeration ----------------------------------------------------------------------------------------------------


def test_roots_lists_every_mount_point(probe: _WindowsProbe) -> None:
    assert probe.roots() == ["C:\\", "D:\\", "C:\\dev\\", "E:\\"]


def test_dev_drives_names_each_volume_once_by_its_letter(probe: _WindowsProbe) -> None:
    assert probe.dev_drives() == ["D:\\"]


def test_volumes_describes_each_volume_once_with_its_errors(probe: _WindowsProbe, machine: FakeWindows) -> None:
    machine.volumes[2].fsctl_error = ERROR_NOT_SUPPORTED
    volumes = probe.volumes()
    assert [volume.root for volume in volumes] == ["C:\\", "D:\\", "E:\\"]  # D:\ and C:\dev\ are one volume
    assert volumes[1] == VolumeInfo("D:\\", is_dev_drive=True, trusted=True, filesystem="ReFS")
    assert volumes[2].error is not None
    assert "[WinError 50]" in volumes[2].error
    asked = len(machine.calls)
    assert probe.volumes() == volumes
    assert len(machine.calls) == asked  # cached for the process


def test_folder_only_dev_drive(probe: _WindowsProbe, machine: FakeWindows) -> None:
    machine.add_volume("C:\\mnt\\fast\\", "C:\\mnt\\also\\", filesystem="ReFS", flags=DEV)
    assert probe.dev_drives() == ["D:\\", "C:\\mnt\\fast\\"]


def test_empty_drives_are_listed_but_never_opened(probe: _WindowsProbe, machine: FakeWindows) -> None:
    machine.add_volume("F:\\", drive_type=DRIVE_REMOVABLE, open_error=ERROR_NOT_READY, info_error=ERROR_NOT_READY)
    machine.add_volume("G:\\", drive_type=DRIVE_CDROM, open_error=ERROR_NOT_READY, info_error=ERROR_NOT_READY)
    assert probe.dev_drives() == ["D:\\"]
    opened = {args[0] for name, args in machine.calls if name in {"CreateFileW", "GetVolumeInformationW"}}
    assert not opened & {"F:\\", "G:\\"}


def test_a_volume_that_vanishes_while_listing_is_skipped(probe: _WindowsProbe, machine: FakeWindows) -> None:
    gone = machine.add_volume("H:\\", flags=DEV)
    original = machine._GetVolumePathNamesForVolumeNameW

    def vanishing(guid: str, *args: Any) -> int | None:
        if guid == gone.guid:
            return machine._fail(ERROR_NOT_READY)
        return original(guid, *args)

    machine.overrides["GetVolumePathNamesForVolumeNameW"] = vanishing
    assert "H:\\" not in probe.roots()
    assert probe.dev_drives() == ["D:\\"]


def test_unmounted_volume_is_skipped(probe: _WindowsProbe, machine: FakeWindows) -> None:
    machine.add_volume(flags=DEV)
    assert probe.dev_drives() == ["D:\\"]


def test_enumeration_failure_raises_oserror(machine: FakeWindows) -> None:
    machine.overrides["FindFirstVolumeW"] = lambda *_: machine._fail(ERROR_ACCESS_DENIED, _win32.INVALID_HANDLE_VALUE)
    with pytest.raises(OSError, match="FindFirstVolumeW"):
        win32_probe(machine).dev_drives()


def test_dev_drives_are_cached(probe: _WindowsProbe, machine: FakeWindows) -> None:
    assert probe.dev_drives() == ["D:\\"]
    machine.volumes[2].flags = DEV
    asked = len(machine.calls)
    assert probe.dev_drives() == ["D:\\"]
    assert len(machine.calls) <= asked + 2  # at most the error-mode switch
    probe.clear_cache()
    assert probe.dev_drives() == ["D:\\", "E:\\"]


# --- through the policy ------------------------------------------------------------------------------------------


@pytest.fixture
def installed(machine: FakeWindows) -> Iterator[Win32Probe]:
    probe = win32_probe(machine)
    _probe.push_probe(probe)
    yield probe
    _probe.pop_probe(probe)


@pytest.mark.usefixtures("win_folders")
def test_policy_finds_the_sole_dev_drive_through_the_ctypes_backend(
    installed: Win32Probe, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", "auto")
    report = WindowsDevDriveDirs("pip", appauthor=False).resolve_cache()
    assert (report.path, report.source, report.root) == ("D:\\.cache\\pip\\Cache", Source.SOLE_DEV_DRIVE, "D:\\")


@pytest.mark.usefixtures("win_folders")
def test_policy_temp_follows_near_through_a_subst_drive(installed: Win32Probe, machine: FakeWindows) -> None:
    machine.volumes[2].flags = DEV  # two Dev Drives: only `near` can pick one
    machine.subst["S:"] = "E:\\"
    report = WindowsDevDriveDirs("pip", devdrive=True, near="S:\\site-packages").resolve_temp()
    assert (report.path, report.code) == ("E:\\.cache\\Temp\\pip", Reason.NEAR_TARGET)


@pytest.mark.usefixtures("win_folders")
def test_policy_reports_the_detection_error(installed: Win32Probe, machine: FakeWindows, tmp_path: Path) -> None:
    machine.volumes[1].fsctl_error = ERROR_NOT_SUPPORTED
    report = WindowsDevDriveDirs("pip", devdrive=True, near="D:\\work\\proj").resolve_temp()
    assert report.code is Reason.NO_DEV_DRIVE
    assert "could not check D:\\" in report.reason
    assert "[WinError 50]" in report.reason


# --- a real Windows interpreter -----------------------------------------------------------------------------------

needs_windows = pytest.mark.skipif(not IS_WINDOWS, reason="needs a real Windows interpreter")


def real_probes() -> list[_WindowsProbe]:
    probes: list[_WindowsProbe] = [Win32Probe()]
    chosen = windows_probe()
    if isinstance(chosen, StdlibProbe):
        probes.append(chosen)
    return probes


@needs_windows
def test_default_probe_is_the_windows_one() -> None:
    chosen = windows_probe()
    expected = "stdlib" if sys.version_info >= (3, 12) else "win32"
    assert chosen.name == expected
    assert _backends.current_probe().name == expected


@needs_windows
@pytest.mark.parametrize("index", [0, 1], ids=["win32", "stdlib"])
def test_real_paths(index: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    probes = real_probes()
    if index >= len(probes):
        pytest.skip("the stdlib backend needs Python 3.12+")
    probe = probes[index]
    base = str(tmp_path)
    root = probe.volume_root(base)
    assert root.endswith("\\")
    assert ntpath.normcase(base).startswith(ntpath.normcase(root))
    assert probe.volume_root(ntpath.join(base, "not", "made", "yet")) == root
    assert probe.volume_root(base[:2]) == probe.volume_root(base[:2] + "\\")
    unicode = tmp_path / "Ünïcødé 日本語 😀"
    unicode.mkdir()
    assert probe.volume_root(str(unicode)) == root
    deep = "\\\\?\\" + base + "".join(f"\\level{index:02}-{'x' * 30}" for index in range(9))
    os.makedirs(deep)
    assert probe.volume_root(deep) == root
    monkeypatch.chdir(tmp_path)
    assert probe.volume_root("relative\\path") == root
    assert probe.volume_root("\\\\no-such-server\\share\\dir") == "\\\\no-such-server\\share\\"
    info = probe.volume(root)
    assert info.root == root
    assert (info.error is None) or (not info.is_dev_drive)


@needs_windows
def test_real_backends_agree() -> None:
    probes = real_probes()
    roots = probes[0].roots()
    assert roots
    for probe in probes[1:]:
        assert probe.roots() == roots
    for root in roots:
        answers = {
            (p.volume(root).is_dev_drive, p.volume(root).error is None, p.volume(root).filesystem) for p in probes
        }
        assert len(answers) == 1, (root, answers)
        if sys.version_info >= (3, 12):
            assert probes[0].volume(root).is_dev_drive == os.path.isdevdrive(root)  # type: ignore[attr-defined]
    for probe in probes:
        assert set(probe.dev_drives()) <= set(roots)
