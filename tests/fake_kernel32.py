r"""A scripted kernel32 for the ctypes layer: a small Windows machine of volumes, drives and failures.

It answers the calls ``_win32.Kernel32`` makes the way the Microsoft documentation says Windows does (and only
those), records every call with its arguments, tracks open handles and the thread error mode, and sets the last
error for ``get_last_error``. The arguments it receives are the real ctypes objects the code under test built:
buffers, ``byref()`` structures, so their sizes and contents can be asserted.
"""

from __future__ import annotations

import ctypes
import ntpath
from typing import TYPE_CHECKING, Any

from platformdirs_devdrive import _win32
from platformdirs_devdrive._win32 import (
    DRIVE_FIXED,
    DRIVE_NO_ROOT_DIR,
    DRIVE_REMOTE,
    ERROR_FILE_NOT_FOUND,
    ERROR_INSUFFICIENT_BUFFER,
    ERROR_INVALID_HANDLE,
    ERROR_MORE_DATA,
    ERROR_NO_MORE_FILES,
    INVALID_HANDLE_VALUE,
    PROTOTYPES,
)

if TYPE_CHECKING:
    from collections.abc import Callable

BOOT_VOLUME = "C:\\"


class FakeVolume:
    """One volume: where it is mounted, what it is, and how each query about it fails (0: it does not)."""

    def __init__(  # a record
        self,
        *mounts: str,
        guid: str,
        drive_type: int = DRIVE_FIXED,
        filesystem: str = "NTFS",
        flags: int = 0,
        open_error: int = 0,
        fsctl_error: int = 0,
        info_error: int = 0,
    ) -> None:
        self.mounts = list(mounts)
        self.guid = guid
        self.drive_type = drive_type
        self.filesystem = filesystem
        self.flags = flags
        self.open_error = open_error
        self.fsctl_error = fsctl_error
        self.info_error = info_error


class FakeFunction:
    """One exported function: keeps the prototype the code declares and forwards calls to the machine."""

    def __init__(self, machine: FakeWindows, name: str) -> None:
        self.machine = machine
        self.name = name
        self.argtypes: tuple[type, ...] | None = None
        self.restype: type | None = None

    def __call__(self, *args: Any) -> Any:
        if self.argtypes is not None:
            # What ctypes does before a call: each argument must convert to its declared type.
            assert len(args) == len(self.argtypes), f"{self.name}: {len(args)} arguments for {len(self.argtypes)}"
            for index, (kind, value) in enumerate(zip(self.argtypes, args, strict=True), start=1):
                _convert(index, kind, value)
        self.machine.calls.append((self.name, args))
        override = self.machine.overrides.get(self.name)
        if override is not None:
            return override(*args)
        handler: Callable[..., Any] = getattr(self.machine, f"_{self.name}")
        return handler(*args)


def _convert(index: int, kind: type, value: object) -> None:
    try:
        kind.from_param(value)  # type: ignore[attr-defined]
    except TypeError as error:
        msg = f"argument {index}: TypeError: {error}"
        raise ctypes.ArgumentError(msg) from None


class FakeLibrary:
    """What ``ctypes.WinDLL("kernel32")`` looks like: one attribute per exported function."""

    def __init__(self, functions: dict[str, FakeFunction]) -> None:
        self.functions = functions

    def __getattr__(self, name: str) -> FakeFunction:
        try:
            return self.functions[name]
        except KeyError:
            raise AttributeError(name) from None


class FakeWindows:
    r"""The machine: volumes, ``subst`` drives, mapped network drives and paths that exist.

    :attr:`calls` lists ``(function, args)``; :attr:`open_handles` must be empty after every public call;
    :attr:`overrides` replaces a function by a callable (for failures the documentation does not tie to a state).
    """

    def __init__(self, *, missing: tuple[str, ...] = ()) -> None:
        self.volumes: list[FakeVolume] = []
        self.subst: dict[str, str] = {}
        self.remote: set[str] = set()
        self.existing: set[str] = set()
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.overrides: dict[str, Callable[..., Any]] = {}
        self.last_error = 0
        self.error_mode = 0
        self.open_handles: dict[int, FakeVolume] = {}
        self.finds: dict[int, list[str]] = {}
        self._next_handle = 0x100
        self.library = FakeLibrary({name: FakeFunction(self, name) for name in PROTOTYPES if name not in missing})

    # --- building the machine ---------------------------------------------------------------------------------------

    def add_volume(self, *mounts: str, **kwargs: Any) -> FakeVolume:
        volume = FakeVolume(
            *mounts, guid=f"\\\\?\\Volume{{{len(self.volumes):08x}-0000-0000-0000-000000000000}}\\", **kwargs
        )
        self.volumes.append(volume)
        self.existing.update(mounts)
        return volume

    def add_paths(self, *paths: str) -> None:
        """Make ``paths`` and all their parents exist."""
        for path in paths:
            current = path
            while True:
                self.existing.add(current)
                parent = ntpath.dirname(current)
                if parent == current:
                    break
                current = parent

    def exists(self, path: str) -> bool:
        """``os.path.exists`` of this machine."""
        plain = path.removeprefix("\\\\?\\")
        return any(ntpath.normcase(plain) == ntpath.normcase(known) for known in self.existing)

    def kernel32(self, format_error: Callable[[int], str] | None = None) -> _win32.Kernel32:
        return _win32.Kernel32(self.library, self.get_last_error, format_error)

    def get_last_error(self) -> int:
        return self.last_error

    def names(self) -> list[str]:
        """The functions called, in order."""
        return [name for name, _ in self.calls]

    def args(self, name: str) -> list[tuple[Any, ...]]:
        return [args for called, args in self.calls if called == name]

    # --- helpers ------------------------------------------------------------------------------------------------

    def _fail(self, code: int, result: int | None = 0) -> int | None:
        self.last_error = code
        return result

    def _ok(self, result: int = 1) -> int | None:
        return result

    def _mount_of(self, path: str) -> tuple[str, FakeVolume] | None:
        """The longest mount point that contains ``path``."""
        key = ntpath.normcase(path.rstrip("\\") + "\\")
        best: tuple[str, FakeVolume] | None = None
        for volume in self.volumes:
            for mount in volume.mounts:
                if key.startswith(ntpath.normcase(mount)) and (best is None or len(mount) > len(best[0])):
                    best = (mount, volume)
        return best

    def _volume_at(self, root: str) -> FakeVolume | None:
        for volume in self.volumes:
            if ntpath.normcase(root) in {ntpath.normcase(mount) for mount in volume.mounts} or root == volume.guid:
                return volume
        return None

    def _handle(self, volume: FakeVolume) -> int:
        self._next_handle += 4
        self.open_handles[self._next_handle] = volume
        return self._next_handle

    # --- kernel32 -----------------------------------------------------------------------------------------------

    def _GetVolumePathNameW(self, path: str, buffer: Any, size: int) -> int | None:  # noqa: N802
        prefix = "\\\\?\\" if path.startswith("\\\\?\\") else ""
        plain = path[len(prefix) :]
        if not ntpath.isabs(plain):
            # "If you specify a relative directory or file name without a volume qualifier, GetVolumePathName
            # returns the drive letter of the boot volume."
            answer = BOOT_VOLUME
        else:
            found = self._mount_of(plain)
            if found is None:
                return self._fail(ERROR_FILE_NOT_FOUND)
            answer = prefix + found[0]
        if len(answer) + 1 > size:
            return self._fail(ERROR_INSUFFICIENT_BUFFER)
        buffer.value = answer
        return self._ok()

    def _GetDriveTypeW(self, root: str) -> int | None:  # noqa: N802
        if ntpath.normcase(root) in {ntpath.normcase(remote) for remote in self.remote}:
            return DRIVE_REMOTE
        volume = self._volume_at(root)
        return DRIVE_NO_ROOT_DIR if volume is None else volume.drive_type

    def _CreateFileW(self, root: str, *_args: Any) -> int | None:  # noqa: N802
        volume = self._volume_at(root)
        if volume is None:
            return self._fail(ERROR_FILE_NOT_FOUND, INVALID_HANDLE_VALUE)
        if volume.open_error:
            return self._fail(volume.open_error, INVALID_HANDLE_VALUE)
        return self._handle(volume)

    def _DeviceIoControl(self, handle: int, _code: int, state_ref: Any, *args: Any) -> int | None:  # noqa: N802
        volume = self.open_handles.get(handle)
        if volume is None:
            return self._fail(ERROR_INVALID_HANDLE)
        if volume.fsctl_error:
            return self._fail(volume.fsctl_error)
        state = state_ref._obj
        state.VolumeFlags = volume.flags & state.FlagMask
        args[-2]._obj.value = ctypes.sizeof(state)
        return self._ok()

    def _CloseHandle(self, handle: int) -> int | None:  # noqa: N802
        if self.open_handles.pop(handle, None) is None:
            return self._fail(ERROR_INVALID_HANDLE)
        return self._ok()

    def _GetVolumeInformationW(self, root: str, *args: Any) -> int | None:  # noqa: N802
        volume = self._volume_at(root)
        if volume is None:
            return self._fail(ERROR_FILE_NOT_FOUND)
        if volume.info_error:
            return self._fail(volume.info_error)
        args[-2].value = volume.filesystem
        return self._ok()

    def _QueryDosDeviceW(self, drive: str, buffer: Any, size: int) -> int | None:  # noqa: N802
        target = self.subst.get(drive.upper())
        if target is not None:
            text = f"\\??\\{target}"
        elif self._volume_at(drive + "\\") is not None or drive + "\\" in self.remote:
            text = f"\\Device\\HarddiskVolume{ord(drive[0])}"
        else:
            return self._fail(ERROR_FILE_NOT_FOUND)
        if len(text) + 2 > size:
            return self._fail(ERROR_INSUFFICIENT_BUFFER)
        buffer.value = text
        return self._ok(len(text) + 2)

    def _FindFirstVolumeW(self, buffer: Any, _size: int) -> int | None:  # noqa: N802
        if not self.volumes:
            return self._fail(ERROR_NO_MORE_FILES, INVALID_HANDLE_VALUE)
        self._next_handle += 4
        self.finds[self._next_handle] = [volume.guid for volume in self.volumes]
        buffer.value = self.finds[self._next_handle].pop(0)
        return self._next_handle

    def _FindNextVolumeW(self, handle: int, buffer: Any, _size: int) -> int | None:  # noqa: N802
        remaining = self.finds[handle]
        if not remaining:
            return self._fail(ERROR_NO_MORE_FILES)
        buffer.value = remaining.pop(0)
        return self._ok()

    def _FindVolumeClose(self, handle: int) -> int | None:  # noqa: N802
        return self._ok() if self.finds.pop(handle, None) is not None else self._fail(ERROR_INVALID_HANDLE)

    def _GetVolumePathNamesForVolumeNameW(self, guid: str, buffer: Any, size: int, needed: Any) -> int | None:  # noqa: N802
        volume = next((volume for volume in self.volumes if volume.guid == guid), None)
        if volume is None:
            return self._fail(ERROR_FILE_NOT_FOUND)
        text = "".join(f"{mount}\0" for mount in volume.mounts) + "\0"
        needed._obj.value = len(text)
        if len(text) > size:
            return self._fail(ERROR_MORE_DATA)
        buffer[: len(text)] = text
        return self._ok()

    def _SetThreadErrorMode(self, mode: int, old: Any) -> int | None:  # noqa: N802
        if old is not None:
            old._obj.value = self.error_mode
        self.error_mode = mode
        return self._ok()
