"""The ctypes layer against a fake kernel32: exact arguments, struct layout, handles closed, error mapping.

The last section runs the same layer against the real kernel32 (Windows, or Wine) and checks it against CPython's
own C implementation where one exists.
"""

from __future__ import annotations

import ctypes
import os
import sys
from typing import TYPE_CHECKING, Any

import pytest

from platformdirs_devdrive import _win32
from platformdirs_devdrive._win32 import (
    DRIVE_FIXED,
    ERROR_ACCESS_DENIED,
    ERROR_FILE_NOT_FOUND,
    ERROR_INSUFFICIENT_BUFFER,
    ERROR_INVALID_PARAMETER,
    ERROR_MORE_DATA,
    ERROR_NOT_READY,
    ERROR_NOT_SUPPORTED,
    ERROR_PROC_NOT_FOUND,
    INVALID_HANDLE_VALUE,
    Kernel32,
    PersistentVolumeInformation,
    Win32Error,
)

from .fake_kernel32 import FakeWindows

if TYPE_CHECKING:
    from collections.abc import Iterator

IS_WINDOWS = sys.platform == "win32"
DEV_AND_TRUSTED = 0x2000 | 0x4000
ERROR_INVALID_FUNCTION = 1  # STATUS_INVALID_DEVICE_REQUEST: a file system without the FSCTL
ERROR_WRITE_PROTECT = 19  # STATUS_MEDIA_WRITE_PROTECTED, one of the FSCTL's documented failures


@pytest.fixture
def machine() -> Iterator[FakeWindows]:
    machine = FakeWindows()
    yield machine
    assert machine.open_handles == {}, "a handle was left open"
    assert machine.finds == {}, "a volume search was left open"


# --- prototypes and layout -----------------------------------------------------------------------------------------

U32, PTR = ctypes.c_uint32, ctypes.c_void_p
WSTR, PU32 = ctypes.c_wchar_p, ctypes.POINTER(ctypes.c_uint32)
# Written out from the Microsoft documentation's prototypes, not from the module under test.
EXPECTED_PROTOTYPES = {
    "GetVolumePathNameW": (ctypes.c_int, (WSTR, WSTR, U32)),
    "GetDriveTypeW": (U32, (WSTR,)),
    "CreateFileW": (PTR, (WSTR, U32, U32, PTR, U32, U32, PTR)),
    "DeviceIoControl": (ctypes.c_int, (PTR, U32, PTR, U32, PTR, U32, PU32, PTR)),
    "CloseHandle": (ctypes.c_int, (PTR,)),
    "GetVolumeInformationW": (ctypes.c_int, (WSTR, WSTR, U32, PU32, PU32, PU32, WSTR, U32)),
    "FindFirstVolumeW": (PTR, (WSTR, U32)),
    "FindNextVolumeW": (ctypes.c_int, (PTR, WSTR, U32)),
    "FindVolumeClose": (ctypes.c_int, (PTR,)),
    "GetVolumePathNamesForVolumeNameW": (ctypes.c_int, (WSTR, WSTR, U32, PU32)),
    "QueryDosDeviceW": (U32, (WSTR, WSTR, U32)),
    "SetThreadErrorMode": (ctypes.c_int, (U32, PU32)),
}


def test_every_function_is_declared_with_its_prototype(machine: FakeWindows) -> None:
    machine.kernel32()
    declared = {name: (f.restype, tuple(f.argtypes or ())) for name, f in machine.library.functions.items()}
    assert declared == EXPECTED_PROTOTYPES


def test_win32_types_have_windows_sizes() -> None:
    assert ctypes.sizeof(_win32.DWORD) == 4
    assert ctypes.sizeof(_win32.UINT) == 4
    assert ctypes.sizeof(_win32.BOOL) == 4
    assert ctypes.sizeof(_win32.HANDLE) == ctypes.sizeof(ctypes.c_void_p)
    assert 2 ** (8 * ctypes.sizeof(ctypes.c_void_p)) - 1 == INVALID_HANDLE_VALUE


def test_persistent_volume_information_layout() -> None:
    assert ctypes.sizeof(PersistentVolumeInformation) == 16
    fields = [
        (name, getattr(PersistentVolumeInformation, name).offset) for name, _ in PersistentVolumeInformation._fields_
    ]
    assert fields == [("VolumeFlags", 0), ("FlagMask", 4), ("Version", 8), ("Reserved", 12)]
    assert all(ctypes.sizeof(kind) == 4 for _, kind in PersistentVolumeInformation._fields_)


def test_constants_match_the_headers() -> None:
    # CTL_CODE(FILE_DEVICE_FILE_SYSTEM=9, 143, METHOD_BUFFERED=0, FILE_ANY_ACCESS=0), winioctl.h
    assert _win32.FSCTL_QUERY_PERSISTENT_VOLUME_STATE == (9 << 16) | (0 << 14) | (143 << 2) | 0
    assert _win32.PERSISTENT_VOLUME_STATE_DEV_VOLUME == 0x2000
    assert _win32.PERSISTENT_VOLUME_STATE_TRUSTED_VOLUME == 0x4000
    assert (_win32.DRIVE_FIXED, _win32.DRIVE_REMOTE) == (3, 4)


# --- the FSCTL ---------------------------------------------------------------------------------------------------


def test_volume_flags_sends_cpythons_exact_sequence(machine: FakeWindows) -> None:
    machine.add_volume("D:\\", flags=0x2000 | 0x4000 | 0x1)
    seen: list[tuple[int, int, int, int]] = []
    original = machine._DeviceIoControl

    def spy(handle: int, code: int, state_ref: Any, *args: Any) -> int | None:
        state = state_ref._obj
        seen.append((state.VolumeFlags, state.FlagMask, state.Version, state.Reserved))
        return original(handle, code, state_ref, *args)

    machine.overrides["DeviceIoControl"] = spy
    assert machine.kernel32().volume_flags("D:\\", DEV_AND_TRUSTED) == DEV_AND_TRUSTED
    assert machine.names() == ["CreateFileW", "DeviceIoControl", "CloseHandle"]
    (create,) = machine.args("CreateFileW")
    # volume root, FILE_READ_ATTRIBUTES, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
    # FILE_FLAG_BACKUP_SEMANTICS, NULL: os__path_isdevdrive_impl's arguments
    assert create == ("D:\\", 0x80, 0x1 | 0x2, None, 3, 0x02000000, None)
    ((handle, code, in_ref, in_size, out_ref, out_size, returned, overlapped),) = machine.args("DeviceIoControl")
    assert code == 0x0009023C
    assert in_ref._obj is out_ref._obj  # one buffer in and out
    assert isinstance(in_ref._obj, PersistentVolumeInformation)
    assert in_size == out_size == 16
    assert seen == [(0, DEV_AND_TRUSTED, 1, 0)]  # zeroed, Version 1, the mask asked
    assert isinstance(returned._obj, _win32.DWORD)
    assert returned._obj.value == 16
    assert overlapped is None
    assert machine.args("CloseHandle") == [(handle,)]


def test_volume_flags_reports_only_the_flags_asked(machine: FakeWindows) -> None:
    machine.add_volume("D:\\", flags=0x2000 | 0x1)
    assert machine.kernel32().volume_flags("D:\\", 0x2000) == 0x2000
    assert machine.kernel32().volume_flags("D:\\", 0x4000) == 0


def test_invalid_parameter_is_not_a_dev_drive_as_in_cpython(machine: FakeWindows) -> None:
    machine.add_volume("D:\\", fsctl_error=ERROR_INVALID_PARAMETER)
    assert machine.kernel32().volume_flags("D:\\", DEV_AND_TRUSTED) is None
    assert machine.names() == ["CreateFileW", "DeviceIoControl", "CloseHandle"]


@pytest.mark.parametrize(
    "code",
    [ERROR_NOT_SUPPORTED, ERROR_ACCESS_DENIED, ERROR_INVALID_FUNCTION, ERROR_NOT_READY, ERROR_WRITE_PROTECT],
)
def test_every_other_fsctl_error_raises_with_its_code_and_closes_the_handle(machine: FakeWindows, code: int) -> None:
    machine.add_volume("D:\\", fsctl_error=code)
    with pytest.raises(Win32Error) as caught:
        machine.kernel32().volume_flags("D:\\", DEV_AND_TRUSTED)
    assert caught.value.winerror == code
    assert caught.value.function == "DeviceIoControl(FSCTL_QUERY_PERSISTENT_VOLUME_STATE)"
    assert f"[WinError {code}]" in str(caught.value)
    assert isinstance(caught.value, OSError)
    assert machine.names() == ["CreateFileW", "DeviceIoControl", "CloseHandle"]


def test_the_error_is_read_before_closehandle_can_overwrite_it(machine: FakeWindows) -> None:
    machine.add_volume("D:\\", fsctl_error=ERROR_NOT_SUPPORTED)
    original = machine._CloseHandle

    def noisy_close(handle: int) -> int | None:
        machine.last_error = ERROR_ACCESS_DENIED
        return original(handle)

    machine.overrides["CloseHandle"] = noisy_close
    with pytest.raises(Win32Error) as caught:
        machine.kernel32().volume_flags("D:\\", DEV_AND_TRUSTED)
    assert caught.value.winerror == ERROR_NOT_SUPPORTED


@pytest.mark.parametrize("code", [ERROR_ACCESS_DENIED, ERROR_NOT_READY, ERROR_FILE_NOT_FOUND])
def test_open_failure_raises_and_sends_nothing(machine: FakeWindows, code: int) -> None:
    machine.add_volume("D:\\", open_error=code)
    with pytest.raises(Win32Error) as caught:
        machine.kernel32().volume_flags("D:\\", DEV_AND_TRUSTED)
    assert (caught.value.function, caught.value.winerror) == ("CreateFileW", code)
    assert machine.names() == ["CreateFileW"]


def test_handle_is_closed_when_deviceiocontrol_itself_blows_up(machine: FakeWindows) -> None:
    machine.add_volume("D:\\")

    def broken(*_args: Any) -> int:
        msg = "argument 3: wrong type"
        raise ctypes.ArgumentError(msg)

    machine.overrides["DeviceIoControl"] = broken
    with pytest.raises(Win32Error) as caught:
        machine.kernel32().volume_flags("D:\\", DEV_AND_TRUSTED)
    assert caught.value.winerror == ERROR_INVALID_PARAMETER
    assert "ctypes could not pass the arguments" in str(caught.value)
    assert machine.names()[-1] == "CloseHandle"


def test_a_null_handle_is_a_failure_too(machine: FakeWindows) -> None:
    machine.overrides["CreateFileW"] = lambda *_args: machine._fail(ERROR_ACCESS_DENIED, None)
    with pytest.raises(Win32Error, match="CreateFileW"):
        machine.kernel32().volume_flags("D:\\", DEV_AND_TRUSTED)


# --- volume path ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "D:\\src",
        "D:\\" + "\\".join(["a" * 50] * 8),  # 400+ characters: beyond MAX_PATH
        "\\\\?\\D:\\" + "\\".join(["long name"] * 40),
        "D:\\Ünïcødé\\日本語\\" + "😀" * 200,  # 200 characters, 400 UTF-16 units
    ],
    ids=["short", "long", "long-prefixed", "non-bmp"],
)
def test_volume_path_buffer_holds_the_whole_path(machine: FakeWindows, path: str) -> None:
    machine.add_volume("D:\\")
    answer = machine.kernel32().volume_path_name(path)
    ((passed, buffer, size),) = machine.args("GetVolumePathNameW")
    assert passed == path
    utf16 = len(path.encode("utf-16-le")) // 2
    assert size >= max(utf16 + 2, 261)
    assert ctypes.sizeof(buffer) == size * ctypes.sizeof(ctypes.c_wchar)
    assert answer == ("\\\\?\\D:\\" if path.startswith("\\\\?\\") else "D:\\")


def test_volume_path_failure_carries_the_code(machine: FakeWindows) -> None:
    with pytest.raises(Win32Error) as caught:
        machine.kernel32().volume_path_name("Q:\\x")
    assert (caught.value.function, caught.value.winerror) == ("GetVolumePathNameW", ERROR_FILE_NOT_FOUND)
    assert "ERROR_FILE_NOT_FOUND" in str(caught.value)


def test_failure_without_an_error_code_says_so(machine: FakeWindows) -> None:
    # "If this parameter is an empty string, "", the function fails but the last error is set to ERROR_SUCCESS."
    machine.overrides["GetVolumePathNameW"] = lambda *_args: machine._fail(0)
    with pytest.raises(Win32Error, match="without setting an error code") as caught:
        machine.kernel32().volume_path_name("")
    assert caught.value.winerror == 0


def test_the_systems_words_are_used_when_given(machine: FakeWindows) -> None:
    kernel32 = machine.kernel32(format_error=lambda code: f"words for {code}.\r\n")
    with pytest.raises(Win32Error) as caught:
        kernel32.volume_path_name("Q:\\x")
    assert str(caught.value) == "GetVolumePathNameW failed: [WinError 2] ERROR_FILE_NOT_FOUND: words for 2."


# --- the other calls ----------------------------------------------------------------------------------------------


def test_drive_type_and_filesystem(machine: FakeWindows) -> None:
    machine.add_volume("D:\\", filesystem="ReFS")
    kernel32 = machine.kernel32()
    assert kernel32.drive_type("D:\\") == DRIVE_FIXED
    assert kernel32.filesystem_name("D:\\") == "ReFS"
    ((root, name, name_size, serial, length, flags, fs_buffer, fs_size),) = machine.args("GetVolumeInformationW")
    assert (root, name, name_size, serial, length, flags) == ("D:\\", None, 0, None, None, None)
    assert fs_size == 261
    assert ctypes.sizeof(fs_buffer) == 261 * ctypes.sizeof(ctypes.c_wchar)


def test_filesystem_failure_raises(machine: FakeWindows) -> None:
    machine.add_volume("D:\\", info_error=ERROR_NOT_READY)
    with pytest.raises(Win32Error) as caught:
        machine.kernel32().filesystem_name("D:\\")
    assert caught.value.winerror == ERROR_NOT_READY


def test_dos_device_names_a_subst_target(machine: FakeWindows) -> None:
    machine.subst["S:"] = "D:\\work"
    assert machine.kernel32().dos_device("S:") == "\\??\\D:\\work"


def test_dos_device_grows_its_buffer(machine: FakeWindows) -> None:
    machine.subst["S:"] = "D:\\" + "x" * 500
    assert machine.kernel32().dos_device("S:") == "\\??\\D:\\" + "x" * 500
    sizes = [args[2] for args in machine.args("QueryDosDeviceW")]
    assert sizes[0] == 261
    assert sizes[-1] > 504
    assert sizes == sorted(sizes)


def test_dos_device_other_errors_raise(machine: FakeWindows) -> None:
    with pytest.raises(Win32Error) as caught:
        machine.kernel32().dos_device("Q:")
    assert (caught.value.function, caught.value.winerror) == ("QueryDosDeviceW", ERROR_FILE_NOT_FOUND)


def test_dos_device_growth_is_bounded(machine: FakeWindows) -> None:
    machine.overrides["QueryDosDeviceW"] = lambda *_args: machine._fail(ERROR_INSUFFICIENT_BUFFER)
    with pytest.raises(Win32Error):
        machine.kernel32().dos_device("S:")
    assert len(machine.args("QueryDosDeviceW")) < 10


def test_volume_names_and_mount_points(machine: FakeWindows) -> None:
    system = machine.add_volume("C:\\")
    dev = machine.add_volume("D:\\", "C:\\dev\\")
    machine.add_volume()  # a volume mounted nowhere
    kernel32 = machine.kernel32()
    names = kernel32.volume_names()
    assert names == [volume.guid for volume in machine.volumes]
    assert machine.names().count("FindVolumeClose") == 1
    assert kernel32.mount_points(system.guid) == ["C:\\"]
    assert kernel32.mount_points(dev.guid) == ["D:\\", "C:\\dev\\"]
    assert kernel32.mount_points(names[2]) == []


def test_no_volume_at_all(machine: FakeWindows) -> None:
    assert machine.kernel32().volume_names() == []
    assert "FindVolumeClose" not in machine.names()  # nothing was opened


def test_volume_search_failure(machine: FakeWindows) -> None:
    machine.overrides["FindFirstVolumeW"] = lambda *_args: machine._fail(ERROR_ACCESS_DENIED, INVALID_HANDLE_VALUE)
    with pytest.raises(Win32Error) as caught:
        machine.kernel32().volume_names()
    assert (caught.value.function, caught.value.winerror) == ("FindFirstVolumeW", ERROR_ACCESS_DENIED)


def test_volume_search_failing_midway_still_closes(machine: FakeWindows) -> None:
    machine.add_volume("C:\\")
    machine.add_volume("D:\\")
    machine.overrides["FindNextVolumeW"] = lambda *_args: machine._fail(ERROR_NOT_READY)
    with pytest.raises(Win32Error) as caught:
        machine.kernel32().volume_names()
    assert caught.value.winerror == ERROR_NOT_READY
    assert machine.names()[-1] == "FindVolumeClose"


def test_mount_points_grow_their_buffer(machine: FakeWindows) -> None:
    mounts = [f"C:\\mounts\\{'m' * 60}{index}\\" for index in range(8)]  # 500+ characters in all
    volume = machine.add_volume(*mounts)
    assert machine.kernel32().mount_points(volume.guid) == mounts
    sizes = [args[2] for args in machine.args("GetVolumePathNamesForVolumeNameW")]
    assert sizes[0] == 261
    assert sizes[-1] >= sum(len(mount) + 1 for mount in mounts) + 1


def test_mount_points_errors(machine: FakeWindows) -> None:
    with pytest.raises(Win32Error) as caught:
        machine.kernel32().mount_points("\\\\?\\Volume{gone}\\")
    assert caught.value.winerror == ERROR_FILE_NOT_FOUND
    machine.overrides["GetVolumePathNamesForVolumeNameW"] = lambda *_args: machine._fail(ERROR_MORE_DATA)
    with pytest.raises(Win32Error):
        machine.kernel32().mount_points("\\\\?\\Volume{greedy}\\")


# --- missing functions, error mode -------------------------------------------------------------------------------


def test_a_missing_function_fails_when_called_not_when_loaded() -> None:
    machine = FakeWindows(missing=("DeviceIoControl", "SetThreadErrorMode"))
    machine.add_volume("D:\\")
    kernel32 = machine.kernel32()
    assert not kernel32.has("DeviceIoControl")
    assert kernel32.has("CreateFileW")
    with pytest.raises(Win32Error) as caught:
        kernel32.volume_flags("D:\\", DEV_AND_TRUSTED)
    assert (caught.value.function, caught.value.winerror) == ("DeviceIoControl", ERROR_PROC_NOT_FOUND)
    assert machine.open_handles == {}
    assert kernel32.quiet() is None  # no SetThreadErrorMode: nothing to restore
    kernel32.restore(None)
    assert "SetThreadErrorMode" not in machine.names()


def test_quiet_sets_and_restores_the_thread_error_mode(machine: FakeWindows) -> None:
    machine.error_mode = 0x8000
    kernel32 = machine.kernel32()
    mode = kernel32.quiet()
    assert machine.error_mode == 0x0001  # SEM_FAILCRITICALERRORS
    assert mode == 0x8000
    kernel32.restore(mode)
    assert machine.error_mode == 0x8000
    assert [args[1] is None for args in machine.args("SetThreadErrorMode")] == [False, True]


def test_quiet_survives_a_failing_error_mode_call(machine: FakeWindows) -> None:
    machine.overrides["SetThreadErrorMode"] = lambda *_args: machine._fail(ERROR_ACCESS_DENIED)
    kernel32 = machine.kernel32()
    assert kernel32.quiet() is None

    def broken(*_args: Any) -> int:
        msg = "bad"
        raise ctypes.ArgumentError(msg)

    machine.overrides["SetThreadErrorMode"] = broken
    assert kernel32.quiet() is None
    kernel32.restore(1)  # does not raise


@pytest.mark.skipif(IS_WINDOWS, reason="off Windows only")
def test_load_off_windows_is_an_oserror() -> None:
    with pytest.raises(OSError, match="Windows only"):
        _win32.load()


# --- the real kernel32 ----------------------------------------------------------------------------------------------

needs_windows = pytest.mark.skipif(not IS_WINDOWS, reason="needs a real kernel32")


@pytest.fixture
def real() -> Kernel32:
    return _win32.load()


@needs_windows
def test_real_volume_path_matches_cpythons(real: Kernel32, tmp_path: Any) -> None:
    import nt

    for path in (str(tmp_path), sys.executable, os.path.dirname(sys.executable)):
        assert real.volume_path_name(path) == nt._getvolumepathname(path)  # type: ignore[attr-defined]


@needs_windows
def test_real_drive_type_filesystem_and_volumes(real: Kernel32) -> None:
    root = real.volume_path_name(sys.executable)
    assert real.drive_type(root) in range(7)
    names = real.volume_names()
    assert names
    assert all(name.startswith("\\\\?\\Volume{") and name.endswith("\\") for name in names)
    mounts = [mount for name in names for mount in real.mount_points(name)]
    assert root.lower() in {mount.lower() for mount in mounts}
    assert real.filesystem_name(root)
    assert real.quiet() is not None


@needs_windows
def test_real_query_agrees_with_cpythons_when_it_has_one(real: Kernel32) -> None:
    root = real.volume_path_name(sys.executable)
    try:
        ours: object = real.volume_flags(root, _win32.PERSISTENT_VOLUME_STATE_DEV_VOLUME)
    except Win32Error as error:
        ours = error.winerror
    import nt

    isdevdrive = getattr(nt, "_path_isdevdrive", None)
    if isdevdrive is None:
        pytest.skip("CPython has nt._path_isdevdrive from 3.12 on")
    try:
        theirs: object = isdevdrive(root)
    except OSError as error:
        theirs = error.winerror  # type: ignore[attr-defined]
    if isinstance(ours, int) and not isinstance(theirs, int):  # flags vs bool
        ours = bool(ours)
    if ours is None:  # ERROR_INVALID_PARAMETER: CPython's False
        ours = False
    assert ours == theirs


@needs_windows
def test_real_volume_path_of_a_missing_drive_fails(real: Kernel32) -> None:
    used = {mount[0].upper() for name in real.volume_names() for mount in real.mount_points(name) if mount[1:2] == ":"}
    free = next(letter for letter in "QJKLMNOPRSTUVWXY" if letter not in used)
    with pytest.raises(Win32Error) as caught:
        real.volume_path_name(f"{free}:\\x")
    assert caught.value.winerror != 0
