r"""Windows security descriptors as bytes: access rights, well-known SIDs, and a parser for what Windows returns.

Pure Python, no ctypes: ``_winsec`` reads a folder's descriptor through advapi32 and decides with what is here, and the
tests build descriptors byte for byte as Windows lays them out (winnt.h ``SECURITY_DESCRIPTOR_RELATIVE``, ``ACL``,
``ACE_HEADER``, ``SID``; learn.microsoft.com/windows/win32/secauthz/access-control-lists).
"""

from __future__ import annotations

# winnt.h / winerror.h / sddl.h
SE_DACL_PRESENT = 0x0004
SE_SELF_RELATIVE = 0x8000
INHERIT_ONLY_ACE = 0x08
INHERITED_ACE = 0x10
ALLOW_TYPES = frozenset({0x0, 0x9})  # ACCESS_ALLOWED_ACE, ACCESS_ALLOWED_CALLBACK_ACE: mask at +4, SID at +8
DENY_TYPES = frozenset({0x1, 0x6, 0xA, 0xC})  # ACCESS_DENIED_(OBJECT_|CALLBACK_|CALLBACK_OBJECT_)ACE
FILE_ADD_FILE = 0x2
FILE_ADD_SUBDIRECTORY = 0x4
FILE_WRITE_EA = 0x10
FILE_DELETE_CHILD = 0x40
FILE_WRITE_ATTRIBUTES = 0x100
DELETE = 0x10000
WRITE_DAC = 0x40000
WRITE_OWNER = 0x80000
GENERIC_ALL = 0x10000000
GENERIC_WRITE = 0x40000000
WRITE_RIGHTS = (
    FILE_ADD_FILE
    | FILE_ADD_SUBDIRECTORY
    | FILE_WRITE_EA
    | FILE_DELETE_CHILD
    | FILE_WRITE_ATTRIBUTES
    | DELETE
    | WRITE_DAC
    | WRITE_OWNER
    | GENERIC_ALL
    | GENERIC_WRITE
)
"""Rights that let someone change a folder or what is in it: every right of "Modify" and "Full control"."""
ADD_RIGHTS = FILE_ADD_FILE | FILE_ADD_SUBDIRECTORY
"""What your own ACE must grant on each folder: adding files and subfolders."""
ROOT_RIGHTS = FILE_DELETE_CHILD | WRITE_DAC | WRITE_OWNER | GENERIC_ALL
r"""Rights on ``D:\`` (or any folder above the tree) that let someone remove or rename what is in it; ``DELETE``
counts too on a folder that is not a volume root."""

SYSTEM = "S-1-5-18"
ADMINISTRATORS = "S-1-5-32-544"
TRUSTED_INSTALLER = "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464"
OWNER_RIGHTS = "S-1-3-4"
CREATOR_OWNER = "S-1-3-0"
POWERFUL = frozenset({SYSTEM, ADMINISTRATORS, TRUSTED_INSTALLER})
"""Principals that already control every file on the machine: owning or writing a folder adds nothing to that."""
TRUSTED = POWERFUL | {OWNER_RIGHTS, CREATOR_OWNER}
"""Besides you: whose write access is fine (``OWNER RIGHTS``/``CREATOR OWNER`` stand for the already-checked owner)."""
_NAMES = {
    "S-1-1-0": "Everyone",
    "S-1-5-11": "Authenticated Users",
    "S-1-5-32-545": "Users",
    "S-1-5-4": "INTERACTIVE",
    "S-1-3-1": "CREATOR GROUP",
    "S-1-5-7": "ANONYMOUS LOGON",
    "S-1-5-32-546": "Guests",
    ADMINISTRATORS: "Administrators",
    SYSTEM: "SYSTEM",
}


# --- the bytes Windows returns --------------------------------------------------------------------------------------


class Ace:
    """One access control entry: its type, flags, access mask and SID string."""

    __slots__ = ("flags", "mask", "sid", "type")

    def __init__(self, ace_type: int, flags: int, mask: int, sid: str) -> None:
        self.type = ace_type
        self.flags = flags
        self.mask = mask
        self.sid = sid

    def __repr__(self) -> str:
        return f"Ace(type={self.type}, flags={self.flags:#x}, mask={self.mask:#x}, sid={self.sid!r})"


class Security:
    """A folder's owner and DACL; :attr:`aces` is ``None`` for a NULL DACL (full access for everyone)."""

    __slots__ = ("aces", "owner")

    def __init__(self, owner: str | None, aces: list[Ace] | None) -> None:
        self.owner = owner
        self.aces = aces


def _u16(data: bytes, offset: int) -> int:
    return int.from_bytes(data[offset : offset + 2], "little")


def _u32(data: bytes, offset: int) -> int:
    return int.from_bytes(data[offset : offset + 4], "little")


def sid_string(data: bytes, offset: int = 0) -> str:
    """Format the binary SID at ``offset`` as ``S-1-5-21-...`` (as ``ConvertSidToStringSidW`` does)."""
    count = data[offset + 1]
    if len(data) < offset + 8 + 4 * count:
        msg = "truncated SID"
        raise ValueError(msg)
    authority = int.from_bytes(data[offset + 2 : offset + 8], "big")
    subs = (str(_u32(data, offset + 8 + 4 * index)) for index in range(count))
    shown = str(authority) if authority < 1 << 32 else f"0x{authority:012X}"
    return "-".join(("S", str(data[offset]), shown, *subs))


def parse(descriptor: bytes) -> Security:
    """Read the owner and DACL of a self-relative ``SECURITY_DESCRIPTOR``; :class:`ValueError` if malformed."""
    if len(descriptor) < 20 or not _u16(descriptor, 2) & SE_SELF_RELATIVE:  # noqa: PLR2004  # the fixed header
        msg = "not a self-relative security descriptor"
        raise ValueError(msg)
    control = _u16(descriptor, 2)
    owner_at, dacl_at = _u32(descriptor, 4), _u32(descriptor, 16)
    owner = sid_string(descriptor, owner_at) if owner_at else None
    if not control & SE_DACL_PRESENT or not dacl_at:
        return Security(owner, None)
    count = _u16(descriptor, dacl_at + 4)
    aces = []
    offset = dacl_at + 8
    for _ in range(count):
        ace_type, flags, size = descriptor[offset], descriptor[offset + 1], _u16(descriptor, offset + 2)
        if size < 8 or offset + size > len(descriptor):  # noqa: PLR2004  # header + mask
            msg = "malformed ACE"
            raise ValueError(msg)
        sid = sid_string(descriptor, offset + 8) if ace_type in ALLOW_TYPES else ""  # deny ACEs are not read
        aces.append(Ace(ace_type, flags, _u32(descriptor, offset + 4), sid))
        offset += size
    return Security(owner, aces)


def name(sid: str) -> str:
    """Return a well-known account's name with its SID (``Everyone (S-1-1-0)``), else the SID."""
    known = _NAMES.get(sid)
    return f"{known} ({sid})" if known else sid


__all__ = [
    "ADD_RIGHTS",
    "ADMINISTRATORS",
    "ALLOW_TYPES",
    "CREATOR_OWNER",
    "DENY_TYPES",
    "INHERITED_ACE",
    "INHERIT_ONLY_ACE",
    "OWNER_RIGHTS",
    "POWERFUL",
    "ROOT_RIGHTS",
    "SYSTEM",
    "TRUSTED",
    "WRITE_RIGHTS",
    "Ace",
    "Security",
    "name",
    "parse",
    "sid_string",
]
