r"""The Win32 calls behind Dev Drive detection, through ctypes: CPython's ``os.path.isdevdrive``, ported.

Python 3.12 added ``nt._path_isdevdrive`` (``Modules/posixmodule.c``, ``os__path_isdevdrive_impl``), which
:func:`os.path.isdevdrive` calls. pip still supports 3.10 and 3.11, so :class:`Kernel32` makes the same calls
through ctypes, and the few more the reports need: the trusted bit, the file-system name, the volumes and their
mount points (what :func:`os.listvolumes` and :func:`os.listmounts` do on 3.12+), ``subst`` targets.

Imported on Windows only, on first use (importing ctypes costs milliseconds), and by the tests, which hand
:class:`Kernel32` a fake kernel32. Every function is declared with its prototype, errors are ``GetLastError`` as
ctypes saved it (``use_last_error=True``), and every handle opened here is closed before the method returns.
docs/windows.rst lists each call with its Microsoft documentation.
"""

from __future__ import annotations

import ctypes
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, NoReturn

# Win32 types at their Windows sizes on every OS: ctypes.wintypes.DWORD is a C long, 8 bytes on Linux.
BOOL = ctypes.c_int
DWORD = ctypes.c_uint32
UINT = ctypes.c_uint32
HANDLE = ctypes.c_void_p
LPVOID = ctypes.c_void_p
LPCWSTR = ctypes.c_wchar_p
LPWSTR = ctypes.c_wchar_p
LPDWORD = ctypes.POINTER(DWORD)

INVALID_HANDLE_VALUE = ctypes.c_void_p(-1).value
"""``(HANDLE)-1`` as ctypes returns it for a ``c_void_p`` result: compare handles to this, never to ``-1``."""
MAX_PATH = 260

# GetDriveTypeW results (winbase.h). Only DRIVE_FIXED volumes can be Dev Drives.
DRIVE_UNKNOWN = 0
DRIVE_NO_ROOT_DIR = 1
DRIVE_REMOVABLE = 2
DRIVE_FIXED = 3
DRIVE_REMOTE = 4
DRIVE_CDROM = 5
DRIVE_RAMDISK = 6

# CreateFileW arguments (winnt.h, fileapi.h): CPython's, a handle to the volume's root directory.
FILE_READ_ATTRIBUTES = 0x0080
FILE_SHARE_READ = 0x0001
FILE_SHARE_WRITE = 0x0002
OPEN_EXISTING = 3
FILE_FLAG_BACKUP_SEMANTICS = 0x02000000  # required to open a directory

# The query (winioctl.h; ntifs.h FILE_FS_PERSISTENT_VOLUME_INFORMATION).
FSCTL_QUERY_PERSISTENT_VOLUME_STATE = 0x0009023C  # CTL_CODE(FILE_DEVICE_FILE_SYSTEM, 143, METHOD_BUFFERED, 0)
PERSISTENT_VOLUME_STATE_DEV_VOLUME = 0x00002000
PERSISTENT_VOLUME_STATE_TRUSTED_VOLUME = 0x00004000

SEM_FAILCRITICALERRORS = 0x0001
"""SetThreadErrorMode: report "no disk in drive" to the caller instead of asking the user in a dialog."""

# GetLastError codes (winerror.h) this module tells apart; the names also make messages readable off Windows.
ERROR_SUCCESS = 0
ERROR_FILE_NOT_FOUND = 2
ERROR_PATH_NOT_FOUND = 3
ERROR_ACCESS_DENIED = 5
ERROR_INVALID_HANDLE = 6
ERROR_NO_MORE_FILES = 18
ERROR_NOT_READY = 21
ERROR_NOT_SUPPORTED = 50
ERROR_INVALID_PARAMETER = 87
ERROR_INSUFFICIENT_BUFFER = 122
ERROR_INVALID_NAME = 123
ERROR_PROC_NOT_FOUND = 127
ERROR_MORE_DATA = 234
ERROR_UNRECOGNIZED_VOLUME = 1005
_ERROR_NAMES = {code: name for name, code in globals().items() if name.startswith("ERROR_") and isinstance(code, int)}

_GROW_LIMIT = 32_768 + 2  # UNICODE_STRING's limit on any Windows path, in characters, plus two NULs


class PersistentVolumeInformation(ctypes.Structure):
    """``FILE_FS_PERSISTENT_VOLUME_INFORMATION``: four ULONGs, 16 bytes, both the input and the output of the FSCTL."""

    _fields_ = (
        ("VolumeFlags", ctypes.c_uint32),
        ("FlagMask", ctypes.c_uint32),
        ("Version", ctypes.c_uint32),
        ("Reserved", ctypes.c_uint32),
    )


# name: (restype, argtypes), as declared in fileapi.h, ioapiset.h, handleapi.h and errhandlingapi.h.
PROTOTYPES: dict[str, tuple[type, tuple[type, ...]]] = {
    "GetVolumePathNameW": (BOOL, (LPCWSTR, LPWSTR, DWORD)),
    "GetDriveTypeW": (UINT, (LPCWSTR,)),
    "CreateFileW": (HANDLE, (LPCWSTR, DWORD, DWORD, LPVOID, DWORD, DWORD, HANDLE)),
    "DeviceIoControl": (BOOL, (HANDLE, DWORD, LPVOID, DWORD, LPVOID, DWORD, LPDWORD, LPVOID)),
    "CloseHandle": (BOOL, (HANDLE,)),
    "GetVolumeInformationW": (BOOL, (LPCWSTR, LPWSTR, DWORD, LPDWORD, LPDWORD, LPDWORD, LPWSTR, DWORD)),
    "FindFirstVolumeW": (HANDLE, (LPWSTR, DWORD)),
    "FindNextVolumeW": (BOOL, (HANDLE, LPWSTR, DWORD)),
    "FindVolumeClose": (BOOL, (HANDLE,)),
    "GetVolumePathNamesForVolumeNameW": (BOOL, (LPCWSTR, LPWSTR, DWORD, LPDWORD)),
    "QueryDosDeviceW": (DWORD, (LPCWSTR, LPWSTR, DWORD)),
    "SetThreadErrorMode": (BOOL, (DWORD, LPDWORD)),
}


class Win32Error(OSError):
    """A kernel32 call failed: :attr:`function` names it, :attr:`winerror` is its ``GetLastError`` code."""

    def __init__(self, function: str, code: int, text: str = "") -> None:
        super().__init__(f"{function} failed: [WinError {code}] {text}".rstrip())
        self.function = function
        self.winerror = code


class Kernel32:
    """kernel32's functions with their prototypes declared, and the call sequences detection needs.

    :param library: ``ctypes.WinDLL("kernel32", use_last_error=True)``, or a fake with the same attributes.
    :param get_last_error: ``ctypes.get_last_error``: the error ctypes saved right after each call.
    :param format_error: ``ctypes.FormatError``, for the system's own words; ``None`` gives the code's name only.

    Every method raises only :class:`OSError` (:class:`Win32Error` for a failed call). A function the library
    lacks (Wine, an old or trimmed Windows) fails when called, with ``ERROR_PROC_NOT_FOUND``, never at load.
    """

    def __init__(
        self,
        library: object,
        get_last_error: Callable[[], int],
        format_error: Callable[[int], str] | None = None,
    ) -> None:
        self._get_last_error = get_last_error
        self._format_error = format_error
        self._functions: dict[str, Callable[..., Any]] = {}
        for name, (restype, argtypes) in PROTOTYPES.items():
            function = getattr(library, name, None)
            if function is None:
                continue
            # Without these ctypes would pass Python ints as C ints and truncate 64-bit handles.
            function.restype = restype
            function.argtypes = argtypes
            self._functions[name] = function

    def has(self, name: str) -> bool:
        """Whether the library exports ``name``."""
        return name in self._functions

    def _call(self, name: str, *args: object) -> Any:  # noqa: ANN401  # whatever the prototype's restype gives
        function = self._functions.get(name)
        if function is None:
            raise Win32Error(name, ERROR_PROC_NOT_FOUND, "kernel32 has no such function here (Wine, old Windows?)")
        try:
            return function(*args)
        except ctypes.ArgumentError as error:  # a value of a type ctypes cannot convert: an OSError for the probe
            raise Win32Error(name, ERROR_INVALID_PARAMETER, f"ctypes could not pass the arguments: {error}") from None

    def _fail(self, function: str, code: int | None = None) -> NoReturn:
        if code is None:
            code = self._get_last_error()
        text = "without setting an error code"
        if code != ERROR_SUCCESS:
            parts = [_ERROR_NAMES.get(code, ""), self._format_error(code).strip() if self._format_error else ""]
            text = ": ".join(part for part in parts if part)
        raise Win32Error(function, code, text)

    def volume_path_name(self, path: str) -> str:
        r"""``GetVolumePathNameW``: the mount point of the volume holding ``path`` (``D:\``, ``C:\dev\``).

        ``path`` must be absolute: for a relative one Windows answers the boot volume.
        """
        # CPython's MAX_PATH buffer fails for a volume mounted deeper than 260 characters, and a buffer one
        # character short drops the trailing backslash: room for the whole path, its backslash and the NUL.
        size = max(_utf16_length(path) + 2, MAX_PATH + 1)
        buffer = ctypes.create_unicode_buffer(size)
        if not self._call("GetVolumePathNameW", path, buffer, size):
            self._fail("GetVolumePathNameW")
        return buffer.value

    def drive_type(self, root: str) -> int:
        r"""``GetDriveTypeW`` of a root such as ``D:\``: :data:`DRIVE_FIXED` for a local disk. Reads no media."""
        return int(self._call("GetDriveTypeW", root))

    def volume_flags(self, root: str, mask: int) -> int | None:
        r"""Which flags of ``mask`` the volume mounted at ``root`` (``D:\``) has set, by the FSCTL CPython sends.

        ``None`` for ``ERROR_INVALID_PARAMETER``, which CPython treats as "not a Dev Drive": Windows before 11
        22H2 rejects the flags, and so does any volume that is not a user volume. Any other failure raises.
        """
        handle = self._call(
            "CreateFileW",
            root,
            FILE_READ_ATTRIBUTES,
            FILE_SHARE_READ | FILE_SHARE_WRITE,
            None,
            OPEN_EXISTING,
            FILE_FLAG_BACKUP_SEMANTICS,
            None,
        )
        if handle is None or handle == INVALID_HANDLE_VALUE:
            self._fail("CreateFileW")
        state = PersistentVolumeInformation(Version=1, FlagMask=mask)
        # CPython passes NULL here, but DeviceIoControl's documentation requires the count when lpOverlapped is NULL.
        returned = DWORD()
        code = ERROR_SUCCESS
        try:
            size = ctypes.sizeof(state)
            in_out = ctypes.byref(state)  # one buffer for both directions, as CPython does
            arguments = (handle, FSCTL_QUERY_PERSISTENT_VOLUME_STATE, in_out, size, in_out, size)
            if not self._call("DeviceIoControl", *arguments, ctypes.byref(returned), None):
                code = self._get_last_error()  # before CloseHandle, which may overwrite it
        finally:
            self._call("CloseHandle", handle)
        if code == ERROR_INVALID_PARAMETER:
            return None
        if code != ERROR_SUCCESS:
            self._fail("DeviceIoControl(FSCTL_QUERY_PERSISTENT_VOLUME_STATE)", code)
        return int(state.VolumeFlags) & mask

    def filesystem_name(self, root: str) -> str:
        r"""``GetVolumeInformationW``: the file-system name of the volume at ``root`` (``ReFS``, ``NTFS``)."""
        size = MAX_PATH + 1  # the documented maximum for both names
        name = ctypes.create_unicode_buffer(size)
        if not self._call("GetVolumeInformationW", root, None, 0, None, None, None, name, size):
            self._fail("GetVolumeInformationW")
        return name.value

    def dos_device(self, drive: str) -> str:
        r"""``QueryDosDeviceW``: what a drive (``S:``) points to, ``\??\C:\work`` for a ``subst`` drive."""
        size = MAX_PATH + 1
        while True:
            buffer = ctypes.create_unicode_buffer(size)
            if self._call("QueryDosDeviceW", drive, buffer, size):
                return buffer.value  # the first of the NUL-separated targets: the one in use
            code = self._get_last_error()
            if code != ERROR_INSUFFICIENT_BUFFER or size >= _GROW_LIMIT:
                self._fail("QueryDosDeviceW", code)
            size = min(size * 4, _GROW_LIMIT)

    def volume_names(self) -> list[str]:
        r"""``FindFirstVolumeW``/``FindNextVolumeW``: every volume's GUID path, ``\\?\Volume{...}\``."""
        size = MAX_PATH + 1
        buffer = ctypes.create_unicode_buffer(size)
        handle = self._call("FindFirstVolumeW", buffer, size)
        if handle is None or handle == INVALID_HANDLE_VALUE:
            code = self._get_last_error()
            if code == ERROR_NO_MORE_FILES:
                return []
            self._fail("FindFirstVolumeW", code)
        names = []
        try:
            while True:
                names.append(buffer.value)
                if not self._call("FindNextVolumeW", handle, buffer, size):
                    code = self._get_last_error()
                    if code != ERROR_NO_MORE_FILES:
                        self._fail("FindNextVolumeW", code)
                    return names
        finally:
            self._call("FindVolumeClose", handle)

    def mount_points(self, volume: str) -> list[str]:
        r"""``GetVolumePathNamesForVolumeNameW``: a volume's mount points (``D:\``, ``C:\dev\``), ``[]`` if none."""
        size = MAX_PATH + 1
        while True:
            buffer = ctypes.create_unicode_buffer(size)
            needed = DWORD()
            if self._call("GetVolumePathNamesForVolumeNameW", volume, buffer, size, ctypes.byref(needed)):
                break
            code = self._get_last_error()
            if code != ERROR_MORE_DATA or size >= _GROW_LIMIT:
                self._fail("GetVolumePathNamesForVolumeNameW", code)
            size = min(max(int(needed.value), size * 2), _GROW_LIMIT)
        # A list of NUL-terminated names ending with an empty one; `needed` counts every character written.
        text = ctypes.wstring_at(buffer, min(int(needed.value), size))
        return [name for name in text.split("\0") if name]

    def quiet(self) -> int | None:
        """Turn off "insert a disk" dialogs for this thread; return the mode :meth:`restore` puts back, or ``None``."""
        old = DWORD()
        try:
            if self.has("SetThreadErrorMode") and self._call(
                "SetThreadErrorMode", SEM_FAILCRITICALERRORS, ctypes.byref(old)
            ):
                return int(old.value)
        except OSError:
            pass  # only a nicety: drive types already keep detection away from removable media
        return None

    def restore(self, mode: int | None) -> None:
        """Put back the error mode :meth:`quiet` replaced."""
        if mode is None:
            return
        try:
            self._call("SetThreadErrorMode", mode, None)
        except OSError:
            return  # nothing better to do: the mode only affects dialogs


def _utf16_length(text: str) -> int:
    """Length in UTF-16 code units, what Win32 buffers count (characters beyond the BMP take two)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def load() -> Kernel32:
    """Load kernel32 through ctypes; :class:`OSError` where that is impossible (any OS but Windows)."""
    # By name: WinDLL, get_last_error and FormatError exist in Windows builds of ctypes only.
    win_dll = getattr(ctypes, "WinDLL", None)
    if win_dll is None:
        msg = f"kernel32 exists on Windows only, not on {sys.platform}"
        raise OSError(msg)
    try:
        library = win_dll("kernel32", use_last_error=True)
    except OSError as error:
        msg = f"cannot load kernel32 through ctypes: {error}"
        raise OSError(msg) from error
    return Kernel32(library, getattr(ctypes, "get_last_error"), getattr(ctypes, "FormatError"))  # noqa: B009


__all__ = [
    "PROTOTYPES",
    "Kernel32",
    "PersistentVolumeInformation",
    "Win32Error",
    "load",
]
