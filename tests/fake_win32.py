r"""A fake advapi32/kernel32 pair that speaks the same ctypes calling convention as the real DLLs.

The fake functions receive what ``_winsec.Win32`` passes to the real ones (``ctypes.byref`` arguments, string
buffers, ``SECURITY_ATTRIBUTES``) and answer through the same memory, so the ctypes layer itself runs on any OS.
Security descriptors are built here byte for byte as Windows lays them out (self-relative ``SECURITY_DESCRIPTOR``,
``ACL``, ``ACE_HEADER``, ``SID``), from readable tuples.
"""

from __future__ import annotations

import ctypes
import os
from typing import Any

from platformdirs_devdrive import _acl, _winsec

USER = "S-1-5-21-1004336348-1177238915-682003330-1001"
OTHER = "S-1-5-21-1004336348-1177238915-682003330-1002"
EVERYONE = "S-1-1-0"
AUTHENTICATED_USERS = "S-1-5-11"
FULL = 0x1F01FF  # FILE_ALL_ACCESS, SDDL "FA"
MODIFY = 0x1301BF  # what Explorer calls "Modify"
READ_EXECUTE = 0x1200A9
OICI = 0x3  # OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE

AceSpec = tuple[int, int, int, str]  # (type, flags, mask, SID)


def sid_bytes(sid: str) -> bytes:
    """Encode ``S-1-5-21-...`` as a binary SID."""
    _, revision, authority, *subs = sid.split("-")
    value = int(authority, 16) if authority.startswith("0x") else int(authority)
    return (
        bytes([int(revision), len(subs)])
        + value.to_bytes(6, "big")
        + b"".join(int(sub).to_bytes(4, "little") for sub in subs)
    )


def ace(ace_type: int, flags: int, mask: int, sid: str) -> bytes:
    body = mask.to_bytes(4, "little") + sid_bytes(sid)
    return bytes([ace_type, flags]) + (4 + len(body)).to_bytes(2, "little") + body


def descriptor(owner: str | None, aces: list[AceSpec] | None, *, control: int = 0x8000) -> bytes:
    """A self-relative security descriptor with ``owner`` and a DACL of ``aces`` (``None``: no DACL)."""
    header_size = 20
    owner_blob = sid_bytes(owner) if owner else b""
    dacl_blob = b""
    if aces is not None:
        control |= _acl.SE_DACL_PRESENT
        entries = b"".join(ace(*spec) for spec in aces)
        dacl_blob = bytes([2, 0]) + (8 + len(entries)).to_bytes(2, "little")
        dacl_blob += len(aces).to_bytes(2, "little") + b"\0\0" + entries
    owner_at = header_size if owner_blob else 0
    dacl_at = header_size + len(owner_blob) if aces is not None else 0
    header = bytes([1, 0]) + control.to_bytes(2, "little")
    header += owner_at.to_bytes(4, "little") + (0).to_bytes(4, "little") * 2 + dacl_at.to_bytes(4, "little")
    return header + owner_blob + dacl_blob


def owner_only(user: str = USER) -> bytes:
    """What ``_winsec.owner_only(user)`` describes, as Windows stores it."""
    return descriptor(user, [(0, OICI, FULL, _acl.SYSTEM), (0, OICI, FULL, _acl.ADMINISTRATORS), (0, OICI, FULL, user)])


def drive_root() -> bytes:
    """A freshly formatted volume's root: others may add folders, not remove or re-permission them."""
    return descriptor(
        _acl.ADMINISTRATORS,
        [
            (0, OICI, FULL, _acl.ADMINISTRATORS),
            (0, OICI, FULL, _acl.SYSTEM),
            (0, OICI | 0x8, MODIFY, AUTHENTICATED_USERS),  # inherit-only: what others' own folders get
            (0, 0, 0x4, AUTHENTICATED_USERS),  # FILE_ADD_SUBDIRECTORY on the root itself
            (0, OICI, READ_EXECUTE, "S-1-5-32-545"),
        ],
    )


class Function:
    """A DLL export: callable, with the ``restype``/``argtypes`` slots ``_winsec.load`` fills in."""

    def __init__(self, body: Any) -> None:
        self.body = body
        self.restype: object = None
        self.argtypes: object = None
        self.calls = 0

    def __call__(self, *args: Any) -> Any:
        self.calls += 1
        return self.body(*args)


def _value(argument: Any) -> Any:
    return getattr(argument, "value", argument)


def _target(reference: Any) -> Any:
    return reference._obj  # what ctypes.byref() points at


class FakeWindows:
    """The state behind the fake DLLs: the token's user, files' descriptors, folders created, errors to inject.

    With ``disk`` set, CreateDirectoryW also makes the folder on this machine's disk and files answer
    ``GetFileSecurityW`` by their real path; otherwise the file system is the :attr:`files` mapping alone.
    """

    def __init__(self, *, user: str = USER, disk: bool = False) -> None:
        self.user = user
        self.disk = disk
        self.files: dict[str, bytes] = {}
        self.default: bytes | None = None  # what folders not in files answer (None: "file not found")
        self.created: dict[str, str] = {}  # path -> SDDL it was created with
        self.fail: dict[str, int] = {}  # function name -> Windows error code to fail with
        self.error = 0
        self.descriptors: dict[int, str] = {}
        self.freed: list[int] = []
        self.closed: list[int] = []
        self._memory: list[Any] = []
        self.advapi32 = _Library(
            OpenProcessToken=self._open_process_token,
            GetTokenInformation=self._get_token_information,
            GetFileSecurityW=self._get_file_security,
            ConvertStringSecurityDescriptorToSecurityDescriptorW=self._convert,
        )
        self.kernel32 = _Library(
            GetCurrentProcess=lambda: -1,
            CloseHandle=self._close_handle,
            LocalFree=lambda pointer: self.freed.append(_value(pointer)),
            CreateDirectoryW=self._create_directory,
        )

    def layer(self) -> _winsec.Win32:
        """The ``Win32`` layer over these fakes, as ``_winsec.load`` builds it over the real DLLs."""
        return _winsec.Win32(
            ctypes,
            self.advapi32,  # type: ignore[arg-type]
            self.kernel32,  # type: ignore[arg-type]
            lambda: self.error,
            lambda code: f"Fake message for {code}.\r\n",
        )

    def _close_handle(self, handle: Any) -> int:
        self.closed.append(_value(handle))
        return 1

    def _failing(self, function: str) -> bool:
        code = self.fail.get(function)
        if code is None:
            return False
        self.error = code
        return True

    def _open_process_token(self, process: Any, access: int, token: Any) -> int:
        if self._failing("OpenProcessToken"):
            return 0
        assert (_value(process), access) == (-1, _winsec.TOKEN_QUERY)
        _target(token).value = 0x70
        return 1

    def _get_token_information(self, token: Any, kind: int, buffer: Any, size: Any, needed: Any) -> int:
        assert (_value(token), kind) == (0x70, _winsec.TOKEN_USER)
        sid = sid_bytes(self.user)
        pointer_size = ctypes.sizeof(ctypes.c_void_p)
        total = 2 * pointer_size + len(sid)  # TOKEN_USER {PSID Sid; DWORD Attributes} (padded), then the SID
        _target(needed).value = total
        if self._failing("GetTokenInformation"):
            return 0
        if buffer is None or _value(size) < total:
            self.error = _winsec.ERROR_INSUFFICIENT_BUFFER
            return 0
        address = ctypes.addressof(buffer) + 2 * pointer_size
        ctypes.c_void_p.from_buffer(buffer).value = address
        ctypes.memmove(address, sid, len(sid))
        return 1

    def _get_file_security(self, path: str, information: int, buffer: Any, size: int, needed: Any) -> int:
        assert information == _winsec.OWNER_SECURITY_INFORMATION | _winsec.DACL_SECURITY_INFORMATION
        if self._failing("GetFileSecurityW"):
            return 0
        data = self.files.get(os.path.normpath(path) if self.disk else path, self.default)
        if data is None:
            self.error = 2  # ERROR_FILE_NOT_FOUND
            return 0
        _target(needed).value = len(data)
        if size < len(data):
            self.error = _winsec.ERROR_INSUFFICIENT_BUFFER
            return 0
        ctypes.memmove(buffer, data, len(data))
        return 1

    def _convert(self, sddl: str, revision: int, result: Any, size: Any) -> int:
        assert (revision, size) == (_winsec.SDDL_REVISION_1, None)
        if self._failing("ConvertStringSecurityDescriptorToSecurityDescriptorW"):
            return 0
        memory = ctypes.create_string_buffer(16)
        self._memory.append(memory)
        _target(result).value = ctypes.addressof(memory)
        self.descriptors[ctypes.addressof(memory)] = sddl
        return 1

    def _create_directory(self, path: str, attributes: Any) -> int:
        record = _target(attributes)
        assert record.nLength == ctypes.sizeof(record)
        assert not record.bInheritHandle
        sddl = self.descriptors[record.lpSecurityDescriptor]
        if self._failing("CreateDirectoryW"):
            return 0
        key = os.path.normpath(path) if self.disk else path
        if self.disk:
            try:
                os.mkdir(path, 0o700)
            except FileExistsError:
                self.error = _winsec.ERROR_ALREADY_EXISTS
                return 0
        elif key in self.files:
            self.error = _winsec.ERROR_ALREADY_EXISTS
            return 0
        self.created[key] = sddl
        self.files[key] = owner_only(self.user) if sddl == _winsec.owner_only(self.user) else b""
        return 1


class _Library:
    def __init__(self, **functions: Any) -> None:
        for name, body in functions.items():
            setattr(self, name, Function(body))
