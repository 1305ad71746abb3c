r"""Windows ownership and access checks, and owner-only folder creation, through advapi32/kernel32 (ctypes).

Used by ``_safety`` on Windows only; ctypes is imported on first use. The Win32 layer is kept thin (the process
token's user, a file's security descriptor, folder creation with a security descriptor, error text); the
decisions are pure Python over the bytes Windows returns (parsed by ``_acl``), so tests run them on any OS with a
fake ``advapi32`` and ``kernel32`` (see :func:`use`).

What counts (docs/security): a folder must be owned by you, ``Administrators`` or ``SYSTEM``; every *allow* ACE of its
DACL that grants a modifying right (:data:`WRITE_RIGHTS`) must be for you or a trusted principal (:data:`TRUSTED`),
inheritable ones included (files the tool creates later inherit them); deny ACEs are ignored (they only take rights
away); a missing (NULL) DACL or an ACE type that files never carry is refused; and an ACE for your own account must
let you add files and folders. For the root (``D:\``, ``D:\me``) and every folder above it only the rights to rename
or delete what is in them matter (:data:`ROOT_RIGHTS`, and ``DELETE`` but on a volume root). New folders get
``O:<you>D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FA;;;<you>)``.
"""

from __future__ import annotations

from ._acl import (
    ADD_RIGHTS,
    ADMINISTRATORS,
    ALLOW_TYPES,
    DELETE,
    DENY_TYPES,
    GENERIC_ALL,
    GENERIC_WRITE,
    INHERIT_ONLY_ACE,
    INHERITED_ACE,
    OWNER_RIGHTS,
    POWERFUL,
    ROOT_RIGHTS,
    SYSTEM,
    TRUSTED,
    WRITE_RIGHTS,
    Ace,
    Security,
    name,
    parse,
    sid_string,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    import ctypes as ctypes_module
    from collections.abc import Callable
    from ctypes import CDLL
    from types import ModuleType
    from typing import Any, NoReturn

# winerror.h / winnt.h / sddl.h: what the calls here take and return
OWNER_SECURITY_INFORMATION = 0x1
DACL_SECURITY_INFORMATION = 0x4
ERROR_INSUFFICIENT_BUFFER = 122
ERROR_ALREADY_EXISTS = 183
ERROR_INVALID_OWNER = 1307
TOKEN_QUERY = 0x8
TOKEN_USER = 1  # TOKEN_INFORMATION_CLASS.TokenUser
SDDL_REVISION_1 = 1


class Win32:
    """The few Win32 calls used here, over ``advapi32``/``kernel32`` objects (``ctypes.WinDLL`` or test fakes)."""

    def __init__(
        self,
        ctypes: ModuleType,
        advapi32: CDLL,
        kernel32: CDLL,
        last_error: Callable[[], int],
        format_error: Callable[[int], str],
    ) -> None:
        self.ctypes = ctypes
        self.advapi32 = advapi32
        self.kernel32 = kernel32
        self.last_error = last_error
        self.format_error = format_error
        self._user: str | None = None

    def describe(self, code: int) -> str:
        """Return Windows' text for an error code, e.g. ``Access is denied. (Windows error 5)``."""
        return f"{self.format_error(code).strip()} (Windows error {code})"

    def _fail(self, function: str) -> NoReturn:
        message = f"{function} failed: {self.describe(self.last_error())}"
        raise OSError(message)

    def user(self) -> str:
        """Return the SID of the process token's user, e.g. ``S-1-5-21-1004336348-1177238915-682003330-1001``."""
        if self._user is None:
            self._user = sid_string(self._token_user())
        return self._user

    def _token_user(self) -> bytes:
        ctypes = self.ctypes
        token = ctypes.c_void_p()
        if not self.advapi32.OpenProcessToken(self.kernel32.GetCurrentProcess(), TOKEN_QUERY, ctypes.byref(token)):
            self._fail("OpenProcessToken")
        try:
            size = ctypes.c_ulong(0)
            self.advapi32.GetTokenInformation(token, TOKEN_USER, None, 0, ctypes.byref(size))
            buffer = ctypes.create_string_buffer(max(size.value, 1))
            if not self.advapi32.GetTokenInformation(token, TOKEN_USER, buffer, size, ctypes.byref(size)):
                self._fail("GetTokenInformation")
        finally:
            self.kernel32.CloseHandle(token)
        # TOKEN_USER starts with a pointer to the SID (inside the same buffer); a SID is 8 bytes + 4 per sub-authority.
        pointer = ctypes.c_void_p.from_buffer(buffer).value
        count = ctypes.string_at(pointer, 2)[1]
        sid: bytes = ctypes.string_at(pointer, 8 + 4 * count)
        return sid

    def file_security(self, path: str) -> bytes:
        """Return the owner and DACL of ``path`` as a self-relative security descriptor."""
        ctypes = self.ctypes
        information = OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION
        needed = ctypes.c_ulong(0)
        size = 512
        for _ in range(3):  # the descriptor may grow between the two calls; a few rounds settle it
            buffer = ctypes.create_string_buffer(size)
            if self.advapi32.GetFileSecurityW(path, information, buffer, size, ctypes.byref(needed)):
                raw: bytes = buffer.raw
                return raw
            if self.last_error() != ERROR_INSUFFICIENT_BUFFER:
                break
            size = max(needed.value, size * 2)
        message = f"GetFileSecurityW failed: {self.describe(self.last_error())}"
        raise OSError(message)

    def create_directory(self, path: str, sddl: str) -> int:
        """Create ``path`` with the security descriptor ``sddl``; return 0 or the Windows error code."""
        ctypes = self.ctypes
        descriptor = ctypes.c_void_p()
        if not self.advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW(
            sddl, SDDL_REVISION_1, ctypes.byref(descriptor), None
        ):
            return self.last_error() or 1
        try:
            attributes = self._attributes_type()
            if self.kernel32.CreateDirectoryW(path, ctypes.byref(attributes(ctypes.sizeof(attributes), descriptor))):
                return 0
            return self.last_error() or 1
        finally:
            self.kernel32.LocalFree(descriptor)

    def _attributes_type(self) -> type[ctypes_module.Structure]:
        ctypes = self.ctypes

        class SecurityAttributes(ctypes.Structure):  # type: ignore[name-defined,misc]  # winbase.h SECURITY_ATTRIBUTES
            _fields_ = (
                ("nLength", ctypes.c_ulong),
                ("lpSecurityDescriptor", ctypes.c_void_p),
                ("bInheritHandle", ctypes.c_int),
            )

        return SecurityAttributes


def load() -> Win32:
    """Bind the real ``advapi32`` and ``kernel32`` (Windows only) with their prototypes."""
    import ctypes  # noqa: PLC0415  # Windows-only and costly: imported on first use
    from ctypes import wintypes  # noqa: PLC0415

    advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    dword_p = ctypes.POINTER(wintypes.DWORD)
    prototypes: list[tuple[Any, str, Any, list[Any]]] = [
        (kernel32, "GetCurrentProcess", wintypes.HANDLE, []),
        (kernel32, "CloseHandle", wintypes.BOOL, [wintypes.HANDLE]),
        (kernel32, "LocalFree", ctypes.c_void_p, [ctypes.c_void_p]),
        (kernel32, "CreateDirectoryW", wintypes.BOOL, [wintypes.LPCWSTR, ctypes.c_void_p]),
        (advapi32, "OpenProcessToken", wintypes.BOOL, [wintypes.HANDLE, wintypes.DWORD, ctypes.c_void_p]),
        (
            advapi32,
            "GetTokenInformation",
            wintypes.BOOL,
            [wintypes.HANDLE, ctypes.c_int, ctypes.c_void_p, wintypes.DWORD, dword_p],
        ),
        (
            advapi32,
            "GetFileSecurityW",
            wintypes.BOOL,
            [wintypes.LPCWSTR, wintypes.DWORD, ctypes.c_void_p, wintypes.DWORD, dword_p],
        ),
        (
            advapi32,
            "ConvertStringSecurityDescriptorToSecurityDescriptorW",
            wintypes.BOOL,
            [wintypes.LPCWSTR, wintypes.DWORD, ctypes.c_void_p, dword_p],
        ),
    ]
    for library, function, restype, argtypes in prototypes:
        bound = getattr(library, function)
        bound.restype = restype
        bound.argtypes = argtypes
    return Win32(ctypes, advapi32, kernel32, ctypes.get_last_error, ctypes.FormatError)  # type: ignore[attr-defined,unused-ignore]


_win32: Win32 | None = None


def win32() -> Win32:
    """Return the Win32 layer in use, binding the real one on first use."""
    global _win32  # noqa: PLW0603  # one binding per process
    if _win32 is None:
        _win32 = load()
    return _win32


def use(layer: Win32 | None) -> None:
    """Install ``layer`` (tests: one over fake DLLs), or ``None`` to bind the real one again on next use."""
    global _win32  # noqa: PLW0603
    _win32 = layer


# --- decisions ------------------------------------------------------------------------------------------------------


def _read(path: str) -> tuple[Security, str] | str:
    layer = win32()
    try:
        return parse(layer.file_security(path)), layer.user()
    except (OSError, ValueError) as error:
        return f"cannot read the owner and permissions of {path}: {error}"


def refusal(path: str) -> str | None:
    """Why the existing folder ``path`` (below the root) must not be used, or ``None``; never raises."""
    read = _read(path)
    if isinstance(read, str):
        return read
    security, user = read
    owner = security.owner
    if owner != user and owner not in POWERFUL:
        return (
            f"{path} is owned by {name(owner) if owner else 'nobody'}, not by you ({user}); it may hold files "
            f"another user planted: have its owner or an administrator remove it"
        )
    if security.aces is None:
        return f"{path} has no access control list, so everyone may change it; remove it (it is recreated owner-only)"
    writable = False
    for ace in security.aces:
        if ace.type in DENY_TYPES:
            continue  # only takes rights away
        if ace.type not in ALLOW_TYPES:
            return f"{path} has an access control entry of type {ace.type} that is not checked here; remove the folder"
        if ace.sid == user or (ace.sid == OWNER_RIGHTS and owner == user):
            writable = writable or (not ace.flags & INHERIT_ONLY_ACE and _lets_add(ace.mask))
        elif ace.mask & WRITE_RIGHTS and ace.sid not in TRUSTED:
            # Not an icacls fix: whoever could write it may already have put files in it, which the fix would keep.
            return (
                f"{path} lets {name(ace.sid)} change it or what is in it, so they may have put files in it; "
                f'remove it (rmdir /s /q "{path}"): it is recreated owner-only'
            )
    if not writable:
        return (
            f"{path} does not give your account ({user}) write access; grant it with "
            f'icacls "{path}" /grant *{user}:(OI)(CI)F'
        )
    return None


def _lets_add(mask: int) -> bool:
    return mask & ADD_RIGHTS == ADD_RIGHTS or bool(mask & (GENERIC_ALL | GENERIC_WRITE))


def chain_refusal(folder: str, *, volume_root: bool) -> str | None:
    r"""Why others could swap what we create below ``folder`` (the root or a folder above it), or ``None``.

    Renaming or deleting needs ``DELETE`` on the folder or ``FILE_DELETE_CHILD`` on its parent (``WRITE_DAC``,
    ``WRITE_OWNER`` or ``GENERIC_ALL`` would grant either); a volume root (``D:\``) cannot be renamed, so ``DELETE``
    on it does not count. Never raises.
    """
    read = _read(folder)
    if isinstance(read, str):
        return read
    security, user = read
    if security.owner != user and security.owner not in POWERFUL:
        shown = name(security.owner) if security.owner else "nobody"
        return f"{folder} is owned by {shown}, who could remove or replace what is created in it"
    if security.aces is None:
        return f"{folder} has no access control list (FAT/exFAT?), so anyone could replace what is created in it"
    rights = ROOT_RIGHTS if volume_root else ROOT_RIGHTS | DELETE
    for ace in security.aces:
        if ace.type not in ALLOW_TYPES and ace.type not in DENY_TYPES:
            # As refusal() below the root: an entry type not read here might grant what is checked for.
            return f"{folder} has an access control entry of type {ace.type} that is not checked here"
        if (
            ace.type in ALLOW_TYPES
            and not ace.flags & INHERIT_ONLY_ACE
            and ace.mask & rights
            and ace.sid != user
            and ace.sid not in TRUSTED
        ):
            return f"{folder} lets {name(ace.sid)} rename it or what is in it; {_fix(folder, ace, user)}"
    return None


def _fix(path: str, ace: Ace, user: str) -> str:
    if ace.flags & INHERITED_ACE:  # /remove cannot take an inherited entry away: stop inheriting, keep only yours
        return (
            f'make it yours alone with icacls "{path}" /inheritance:r /grant:r *{user}:(OI)(CI)F '
            f"*{SYSTEM}:(OI)(CI)F *{ADMINISTRATORS}:(OI)(CI)F"
        )
    return f'remove that access with icacls "{path}" /remove:g *{ace.sid}'


def owner_only(user: str) -> str:
    r"""Return the SDDL of a new folder: owned by ``user``; full control for ``user``, SYSTEM, Administrators only.

    Protected (``P``: nothing inherited from ``D:\``) and inheritable (``OICI``: what the tool creates inside gets the
    same). The owner is set explicitly because an elevated process would otherwise make Administrators the owner.
    """
    return f"O:{user}D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FA;;;{user})"


def make_directory(path: str) -> str | None:
    """Create ``path`` owner-only; ``None`` when it exists now (made by us or anyone: check it next), else why not."""
    layer = win32()
    try:
        sddl = owner_only(layer.user())
        code = layer.create_directory(path, sddl)
        if code == ERROR_INVALID_OWNER:
            # Your own SID should always be assignable; if a token says otherwise, let Windows pick the owner (an
            # elevated process: Administrators, which refusal() accepts) and keep the owner-only DACL.
            code = layer.create_directory(path, sddl[sddl.index("D:") :])
    except (OSError, ValueError) as error:
        return f"cannot create {path}: {error}"
    if code in {0, ERROR_ALREADY_EXISTS}:
        return None
    return f"cannot create {path}: {layer.describe(code)}"


__all__ = [
    "Security",
    "Win32",
    "chain_refusal",
    "make_directory",
    "owner_only",
    "parse",
    "refusal",
    "use",
]
