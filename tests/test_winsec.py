r"""Windows ownership, DACL checks and owner-only creation: the decisions and the ctypes layer over fake DLLs on any OS,
and the real advapi32/kernel32 where this runs on Windows (or Wine)."""

from __future__ import annotations

import ctypes
import os
import stat
import sys
import types
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, strategies as st

import platformdirs_devdrive as pdd
from platformdirs_devdrive import Reason, Source, _acl, _safety, _winsec

from .conftest import IS_WINDOWS
from .fake_win32 import (
    AUTHENTICATED_USERS,
    EVERYONE,
    FULL,
    MODIFY,
    OICI,
    OTHER,
    READ_EXECUTE,
    USER,
    FakeWindows,
    descriptor,
    drive_root,
    owner_only,
    sid_bytes,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytest_mock import MockerFixture

needs_windows = pytest.mark.skipif(not IS_WINDOWS, reason="the real advapi32/kernel32")
INHERIT_ONLY = _acl.INHERIT_ONLY_ACE
ROOT = "D:\\"


@pytest.fixture
def fake() -> Iterator[FakeWindows]:
    """Fake DLLs behind _winsec, with a drive root D:\\ as Windows formats it."""
    windows = FakeWindows()
    windows.files[ROOT] = drive_root()
    _winsec.use(windows.layer())
    yield windows
    _winsec.use(None)


# --- the bytes --------------------------------------------------------------------------------------------------


SIDS = st.builds(
    lambda authority, subs: "-".join(["S", "1", str(authority), *map(str, subs)]),
    st.integers(0, (1 << 32) - 1),
    st.lists(st.integers(0, (1 << 32) - 1), max_size=15),
)
ACES = st.lists(
    st.tuples(st.sampled_from([0, 9]), st.integers(0, 0x1F), st.integers(0, (1 << 32) - 1), SIDS), max_size=8
)


@given(SIDS, ACES)
def test_parse_reads_back_what_windows_lays_out(owner: str, aces: list[tuple[int, int, int, str]]) -> None:
    security = _acl.parse(descriptor(owner, aces))
    assert security.owner == owner
    assert security.aces is not None
    assert [(a.type, a.flags, a.mask, a.sid) for a in security.aces] == aces


def test_sid_strings_match_windows_formatting() -> None:
    assert _acl.sid_string(sid_bytes(USER)) == USER
    assert _acl.sid_string(sid_bytes("S-1-1-0")) == "S-1-1-0"
    # An authority of 2**32 or more is printed in hex (ConvertSidToStringSidW does the same).
    big = bytes([1, 1]) + (1 << 40).to_bytes(6, "big") + (7).to_bytes(4, "little")
    assert _acl.sid_string(big) == "S-1-0x010000000000-7"


def test_no_dacl_and_no_owner_are_read_as_such() -> None:
    security = _acl.parse(descriptor(None, None))
    assert (security.owner, security.aces) == (None, None)
    # SE_DACL_PRESENT with a zero offset is a NULL DACL too
    assert _acl.parse(descriptor(USER, None, control=0x8000 | _acl.SE_DACL_PRESENT)).aces is None


def test_deny_aces_are_kept_without_their_sid() -> None:
    security = _acl.parse(descriptor(USER, [(1, 0, FULL, EVERYONE), (0, 0, FULL, USER)]))
    assert security.aces is not None
    assert [(a.type, a.sid) for a in security.aces] == [(1, ""), (0, USER)]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        descriptor(USER, [])[:19],
        descriptor(USER, [], control=0),  # absolute, not self-relative: GetFileSecurityW never returns that
        descriptor(USER, [(0, 0, FULL, USER)])[:-3],  # the ACE runs past the end
        descriptor(USER, [])[:24],  # the owner SID is cut short
    ],
    ids=["empty", "short-header", "absolute", "truncated-ace", "truncated-sid"],
)
def test_malformed_descriptors_are_value_errors(data: bytes) -> None:
    with pytest.raises(ValueError, match=r"SID|ACE|self-relative"):
        _acl.parse(data)


def test_ace_smaller_than_its_header_is_malformed() -> None:
    data = bytearray(descriptor(USER, [(0, 0, FULL, USER)]))
    data[-len(sid_bytes(USER)) - 6] = 4  # AceSize 4: shorter than header + mask
    with pytest.raises(ValueError, match="malformed ACE"):
        _acl.parse(bytes(data))


def test_ace_repr_and_names() -> None:
    assert repr(_acl.Ace(0, 3, FULL, USER)) == f"Ace(type=0, flags=0x3, mask=0x1f01ff, sid='{USER}')"
    assert _acl.name(EVERYONE) == "Everyone (S-1-1-0)"
    assert _acl.name(OTHER) == OTHER


# --- what a folder below the root must be -----------------------------------------------------------------------


def _refusal(fake: FakeWindows, owner: str | None, aces: list[tuple[int, int, int, str]] | None) -> str | None:
    fake.files["D:\\.cache"] = descriptor(owner, aces)
    return _winsec.refusal("D:\\.cache")


def test_our_own_folders_pass(fake: FakeWindows) -> None:
    fake.files["D:\\.cache"] = owner_only()
    assert _winsec.refusal("D:\\.cache") is None


@pytest.mark.parametrize("owner", [_acl.ADMINISTRATORS, _acl.SYSTEM])
def test_folders_owned_by_administrators_or_system_pass_if_the_dacl_does(fake: FakeWindows, owner: str) -> None:
    # What an elevated process of yours makes by default: owned by Administrators, your ACE inherited.
    assert _refusal(fake, owner, [(0, OICI, FULL, _acl.ADMINISTRATORS), (0, OICI, FULL, USER)]) is None


def test_another_users_folder_is_refused(fake: FakeWindows) -> None:
    message = _refusal(fake, OTHER, [(0, OICI, FULL, USER), (0, OICI, FULL, OTHER)])
    assert message is not None
    assert f"owned by {OTHER}, not by you ({USER})" in message


def test_a_folder_without_owner_is_refused(fake: FakeWindows) -> None:
    assert "owned by nobody" in (_refusal(fake, None, [(0, 0, FULL, USER)]) or "")


def test_a_null_dacl_is_refused(fake: FakeWindows) -> None:
    assert "no access control list" in (_refusal(fake, USER, None) or "")


@pytest.mark.parametrize(
    ("sid", "mask", "flags"),
    [
        (AUTHENTICATED_USERS, MODIFY, OICI),  # what a plain mkdir on D:\ inherits
        (EVERYONE, _acl.FILE_ADD_FILE, 0),
        (OTHER, _acl.DELETE, 0),  # could rename it away
        (OTHER, _acl.WRITE_DAC, 0),  # could grant itself the rest
        (EVERYONE, _acl.GENERIC_WRITE, OICI | INHERIT_ONLY),  # not on the folder, but on every file made in it
        ("S-1-3-1", _acl.GENERIC_ALL, 0),  # CREATOR GROUP is not trusted
    ],
)
def test_write_access_for_others_is_refused_with_the_fix(fake: FakeWindows, sid: str, mask: int, flags: int) -> None:
    message = _refusal(fake, USER, [(0, OICI, FULL, USER), (0, flags, mask, sid)])
    assert message is not None
    assert f"lets {_acl.name(sid)} change it" in message
    # Not an icacls fix that would keep what they may have put in it: remove it, and it comes back owner-only.
    assert 'remove it (rmdir /s /q "D:\\.cache"): it is recreated owner-only' in message
    assert "icacls" not in message


def test_read_access_for_others_and_deny_aces_are_fine(fake: FakeWindows) -> None:
    aces = [(1, 0, FULL, OTHER), (0, OICI, FULL, USER), (0, OICI, READ_EXECUTE, EVERYONE)]
    assert _refusal(fake, USER, aces) is None


@pytest.mark.parametrize("sid", [_acl.SYSTEM, _acl.ADMINISTRATORS, _acl.TRUSTED_INSTALLER, _acl.CREATOR_OWNER])
def test_write_access_for_trusted_principals_is_fine(fake: FakeWindows, sid: str) -> None:
    assert _refusal(fake, USER, [(0, OICI, FULL, USER), (0, OICI, FULL, sid)]) is None


def test_an_unchecked_ace_type_is_refused(fake: FakeWindows) -> None:
    # ACCESS_ALLOWED_OBJECT_ACE (type 5) belongs to directory-service objects, never to files
    fake.files["D:\\.cache"] = descriptor(USER, [(0, OICI, FULL, USER), (5, 0, 0, USER)])
    assert "type 5 that is not checked here" in (_winsec.refusal("D:\\.cache") or "")


@pytest.mark.parametrize(
    "aces",
    [
        [],  # an empty DACL: nobody (but the owner's implicit rights) gets in
        [(0, OICI | INHERIT_ONLY, FULL, USER)],  # only for what is made inside
        [(0, 0, _acl.FILE_ADD_FILE, USER)],  # files, but no subfolders
        [(0, 0, READ_EXECUTE, USER), (0, 0, READ_EXECUTE, "S-1-5-32-545")],  # read-only
    ],
)
def test_you_need_write_access_through_your_own_account(
    fake: FakeWindows, aces: list[tuple[int, int, int, str]]
) -> None:
    message = _refusal(fake, USER, aces)
    assert message is not None
    assert f"does not give your account ({USER}) write access" in message


@pytest.mark.parametrize(
    ("owner", "sid", "mask", "usable"),
    [
        (USER, _acl.OWNER_RIGHTS, FULL, True),  # OWNER RIGHTS is you when you own it
        (_acl.ADMINISTRATORS, _acl.OWNER_RIGHTS, FULL, False),  # ... and Administrators when they do
        (USER, USER, _acl.GENERIC_ALL, True),
        (USER, USER, _acl.GENERIC_WRITE, True),
    ],
)
def test_your_write_access_forms(fake: FakeWindows, owner: str, sid: str, mask: int, usable: bool) -> None:
    assert (_refusal(fake, owner, [(0, 0, mask, sid)]) is None) is usable


def test_unreadable_security_is_a_refusal_with_windows_words(fake: FakeWindows) -> None:
    fake.files["D:\\.cache"] = owner_only()
    fake.fail["GetFileSecurityW"] = 5
    message = _winsec.refusal("D:\\.cache")
    assert message == (
        "cannot read the owner and permissions of D:\\.cache: GetFileSecurityW failed: Fake message for 5. "
        "(Windows error 5)"
    )


def test_garbage_security_is_a_refusal(fake: FakeWindows) -> None:
    fake.files["D:\\.cache"] = b"\0" * 40
    assert "not a self-relative security descriptor" in (_winsec.refusal("D:\\.cache") or "")


# --- what the root must be --------------------------------------------------------------------------------------


def test_a_formatted_drive_root_passes(fake: FakeWindows) -> None:
    assert _winsec.chain_refusal(ROOT, volume_root=True) is None


@pytest.mark.parametrize("mask", [_acl.FILE_DELETE_CHILD, _acl.WRITE_DAC, _acl.WRITE_OWNER, _acl.GENERIC_ALL, FULL])
@pytest.mark.parametrize("volume_root", [True, False])
def test_a_root_where_others_may_remove_folders_is_refused(fake: FakeWindows, mask: int, volume_root: bool) -> None:
    fake.files[ROOT] = descriptor(_acl.ADMINISTRATORS, [(0, OICI, FULL, USER), (0, 0, mask, EVERYONE)])
    message = _winsec.chain_refusal(ROOT, volume_root=volume_root)
    assert message == (
        f"{ROOT} lets Everyone (S-1-1-0) rename it or what is in it; remove that access with "
        f'icacls "{ROOT}" /remove:g *{EVERYONE}'
    )


def test_delete_on_a_folder_counts_but_not_on_a_volume_root(fake: FakeWindows) -> None:
    # "Modify" has DELETE: harmless on D:\ (a volume root cannot be renamed), fatal on D:\me (it can).
    fake.files["D:\\me"] = descriptor(USER, [(0, OICI, FULL, USER), (0, OICI | 0x10, MODIFY, AUTHENTICATED_USERS)])
    assert _winsec.chain_refusal("D:\\me", volume_root=True) is None
    message = _winsec.chain_refusal("D:\\me", volume_root=False)
    assert message == (
        "D:\\me lets Authenticated Users (S-1-5-11) rename it or what is in it; make it yours alone with "
        f'icacls "D:\\me" /inheritance:r /grant:r *{USER}:(OI)(CI)F *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F'
    )


def test_a_root_where_others_may_only_add_or_modify_passes(fake: FakeWindows) -> None:
    # Modify has DELETE (of the root itself, which cannot be renamed) but not FILE_DELETE_CHILD.
    fake.files[ROOT] = descriptor(USER, [(0, OICI, MODIFY, AUTHENTICATED_USERS), (1, 0, FULL, OTHER)])
    assert _winsec.chain_refusal(ROOT, volume_root=True) is None


def test_a_root_owned_by_another_user_is_refused(fake: FakeWindows) -> None:
    fake.files[ROOT] = descriptor(OTHER, [(0, OICI, FULL, USER)])
    assert (
        _winsec.chain_refusal(ROOT, volume_root=True)
        == f"{ROOT} is owned by {OTHER}, who could remove or replace what is created in it"
    )
    fake.files[ROOT] = descriptor(None, [(0, OICI, FULL, USER)])
    assert "owned by nobody" in (_winsec.chain_refusal(ROOT, volume_root=True) or "")


def test_a_root_without_access_control_is_refused(fake: FakeWindows) -> None:
    fake.files[ROOT] = descriptor(USER, None)  # FAT and exFAT volumes
    assert "no access control list (FAT/exFAT?)" in (_winsec.chain_refusal(ROOT, volume_root=True) or "")


def test_an_unreadable_root_is_refused(fake: FakeWindows) -> None:
    fake.fail["GetFileSecurityW"] = 21  # ERROR_NOT_READY
    assert "cannot read the owner and permissions of D:\\" in (_winsec.chain_refusal(ROOT, volume_root=True) or "")


def test_inherited_write_access_below_the_root_is_fixed_by_removing_the_folder(fake: FakeWindows) -> None:
    # What "mkdir D:\.cache" gets from the root: others could have written in it, so no ACL fix makes it clean.
    message = _refusal(fake, USER, [(0, OICI | 0x10, FULL, USER), (0, OICI | 0x10, MODIFY, AUTHENTICATED_USERS)])
    assert message is not None
    assert 'rmdir /s /q "D:\\.cache"' in message


# --- creation ---------------------------------------------------------------------------------------------------


def test_owner_only_sddl_names_the_user_as_owner_and_in_the_dacl() -> None:
    sddl = _winsec.owner_only(USER)
    assert sddl.startswith(f"O:{USER}D:P")  # owned by you even when elevated; nothing inherited
    assert sorted(sddl.split("D:P")[1].strip("()").split(")(")) == sorted(
        f"A;OICI;FA;;;{who}" for who in ("SY", "BA", USER)
    )


def test_make_directory_creates_with_the_owner_only_descriptor(fake: FakeWindows) -> None:
    assert _winsec.make_directory("D:\\.cache") is None
    assert fake.created == {"D:\\.cache": _winsec.owner_only(USER)}
    assert fake.freed == list(fake.descriptors)  # the descriptor ConvertString... allocated is released
    assert _winsec.refusal("D:\\.cache") is None


def test_make_directory_tolerates_a_folder_that_exists(fake: FakeWindows) -> None:
    fake.files["D:\\.cache"] = descriptor(OTHER, [])
    assert _winsec.make_directory("D:\\.cache") is None  # "exists" is not an error: the check after decides
    assert fake.created == {}
    assert _winsec.refusal("D:\\.cache") is not None


@pytest.mark.parametrize(
    ("function", "code"),
    [("CreateDirectoryW", 112), ("CreateDirectoryW", 5), ("ConvertStringSecurityDescriptorToSecurityDescriptorW", 87)],
)
def test_make_directory_failures_are_messages(fake: FakeWindows, function: str, code: int) -> None:
    fake.fail[function] = code
    assert (
        _winsec.make_directory("D:\\.cache")
        == f"cannot create D:\\.cache: Fake message for {code}. (Windows error {code})"
    )
    assert fake.created == {}
    assert len(fake.freed) == len(fake.descriptors)  # freed on failure too


def test_make_directory_without_the_owner_if_windows_refuses_it(fake: FakeWindows) -> None:
    fake.fail["CreateDirectoryW"] = _winsec.ERROR_INVALID_OWNER
    create = fake.kernel32.CreateDirectoryW  # type: ignore[attr-defined]
    body = create.body

    def once(path: str, attributes: object) -> int:
        if create.calls == 2:
            del fake.fail["CreateDirectoryW"]
        return int(body(path, attributes))

    create.body = once
    assert _winsec.make_directory("D:\\.cache") is None
    # the same owner-only DACL, with Windows' default owner
    assert fake.created == {"D:\\.cache": f"D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FA;;;{USER})"}


def test_make_directory_when_the_user_is_unknown(fake: FakeWindows) -> None:
    fake.fail["OpenProcessToken"] = 5
    message = _winsec.make_directory("D:\\.cache")
    assert message == "cannot create D:\\.cache: OpenProcessToken failed: Fake message for 5. (Windows error 5)"
    assert fake.created == {}


# --- the ctypes layer -------------------------------------------------------------------------------------------


def test_the_token_user_is_read_once_and_the_handle_closed(fake: FakeWindows) -> None:
    layer = _winsec.win32()
    assert layer.user() == USER
    assert layer.user() == USER
    assert fake.advapi32.GetTokenInformation.calls == 2  # type: ignore[attr-defined]  # size query + read, once
    assert fake.closed == [0x70]


def test_token_information_failure(fake: FakeWindows) -> None:
    fake.fail["GetTokenInformation"] = 1312
    with pytest.raises(OSError, match=r"GetTokenInformation failed: Fake message for 1312\. \(Windows error 1312\)"):
        _winsec.win32().user()
    assert fake.closed == [0x70]  # closed on failure too


def test_large_descriptors_are_read_in_a_second_round(fake: FakeWindows) -> None:
    aces = [(0, OICI, FULL, USER)] + [(1, 0, FULL, f"S-1-5-21-1-2-3-{rid}") for rid in range(40)]
    fake.files["D:\\big"] = descriptor(USER, aces)
    assert len(fake.files["D:\\big"]) > 512
    assert _winsec.refusal("D:\\big") is None
    assert fake.advapi32.GetFileSecurityW.calls == 2  # type: ignore[attr-defined]


def test_a_descriptor_that_keeps_growing_is_an_error(fake: FakeWindows) -> None:
    fake.fail["GetFileSecurityW"] = _winsec.ERROR_INSUFFICIENT_BUFFER
    assert "GetFileSecurityW failed" in (_winsec.refusal("D:\\.cache") or "")
    assert fake.advapi32.GetFileSecurityW.calls == 3  # type: ignore[attr-defined]


def test_load_binds_the_real_dlls_with_prototypes(mocker: MockerFixture) -> None:
    windows = FakeWindows()
    libraries = {"advapi32": windows.advapi32, "kernel32": windows.kernel32}
    mocker.patch("ctypes.WinDLL", create=True, side_effect=lambda name, use_last_error: libraries[name])
    mocker.patch("ctypes.get_last_error", create=True, return_value=0)
    mocker.patch("ctypes.FormatError", create=True, return_value="The operation completed successfully.")
    if "ctypes.wintypes" not in sys.modules:
        # ctypes.wintypes refuses to import where c_long and c_int differ (64-bit POSIX): give it Windows' sizes.
        mocker.patch.dict(sys.modules, {"ctypes.wintypes": _wintypes()})
    _winsec.use(None)
    try:
        layer = _winsec.win32()
        assert _winsec.win32() is layer
    finally:
        _winsec.use(None)
    bound: tuple[object, object] = (layer.advapi32, layer.kernel32)
    assert bound == (windows.advapi32, windows.kernel32)
    for library in (windows.advapi32, windows.kernel32):
        for function in vars(library).values():
            assert function.restype is not None
            assert isinstance(function.argtypes, list)
    assert layer.describe(0) == "The operation completed successfully. (Windows error 0)"


def _wintypes() -> types.ModuleType:
    module = types.ModuleType("ctypes.wintypes")
    for name, value in {
        "DWORD": ctypes.c_uint32,
        "BOOL": ctypes.c_int,
        "HANDLE": ctypes.c_void_p,
        "LPCWSTR": ctypes.c_wchar_p,
    }.items():
        setattr(module, name, value)
    return module


def test_winsec_does_not_import_ctypes_until_used() -> None:
    # In a fresh interpreter with the parent's sys.path (this very package, however the suite was installed).
    code = (
        f"import sys; sys.path[:0] = {sys.path!r}; import platformdirs_devdrive; before = 'ctypes' in sys.modules; "
        "import platformdirs_devdrive._winsec; print(before, 'ctypes' in sys.modules)"
    )
    import subprocess

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, encoding="utf-8", check=True)
    before, after = result.stdout.split()
    assert after == before  # on Windows platformdirs itself may have loaded it already; _winsec adds nothing
    if not IS_WINDOWS:
        assert after == "False"


# --- the safety walk, with Windows semantics over fakes on this disk --------------------------------------------


@pytest.fixture
def fake_disk(tmp_path: Path, mocker: MockerFixture) -> Iterator[tuple[FakeWindows, Path]]:
    """Run _safety's Windows branches on this machine's disk, with security answered by fake DLLs."""
    if IS_WINDOWS:
        pytest.skip("the real Windows APIs answer here; see the tests marked needs_windows")
    windows = FakeWindows(disk=True)
    root = tmp_path / "drive"
    root.mkdir()
    windows.default = drive_root()  # the folders above: as a volume root is
    mocker.patch.object(_safety, "_NT", True)
    _winsec.use(windows.layer())
    yield windows, root
    _winsec.use(None)


def test_windows_walk_creates_every_missing_folder_owner_only(fake_disk: tuple[FakeWindows, Path]) -> None:
    windows, root = fake_disk
    assert _safety.check(str(root), [".cache", "pip", "Cache"], windows=True, create=True) is None
    assert windows.created == {
        str(root / ".cache"): _winsec.owner_only(USER),
        str(root / ".cache" / "pip"): _winsec.owner_only(USER),
        str(root / ".cache" / "pip" / "Cache"): _winsec.owner_only(USER),
    }


def test_windows_walk_refuses_a_planted_folder(fake_disk: tuple[FakeWindows, Path]) -> None:
    windows, root = fake_disk
    (root / ".cache").mkdir()
    windows.files[str(root / ".cache")] = descriptor(OTHER, [(0, OICI, FULL, OTHER), (0, OICI, FULL, USER)])
    problem = _safety.check(str(root), [".cache", "pip"], windows=True, create=True)
    assert problem is not None
    assert problem.code is Reason.UNSAFE
    assert f"owned by {OTHER}" in problem.message
    assert not (root / ".cache" / "pip").exists()


@pytest.mark.parametrize("level", [0, 1, 2])
def test_windows_walk_refuses_a_root_others_may_rename_in_or_above(
    fake_disk: tuple[FakeWindows, Path], level: int
) -> None:
    windows, root = fake_disk
    shared = [root, *root.parents][level]
    windows.files[str(shared)] = descriptor(_acl.ADMINISTRATORS, [(0, OICI, FULL, EVERYONE)])
    problem = _safety.check(str(root), [".cache"], windows=True, create=True)
    assert problem is not None
    assert (problem.code, problem.message.startswith(f"{shared} lets Everyone (S-1-1-0)")) == (Reason.UNSAFE, True)
    assert list(root.iterdir()) == []


def test_windows_walk_reports_a_missing_root_as_nothing_to_check(fake_disk: tuple[FakeWindows, Path]) -> None:
    _, root = fake_disk
    assert _safety.check(str(root / "gone"), [".cache"], windows=True, create=False) is None


def test_windows_walk_reports_disk_full(fake_disk: tuple[FakeWindows, Path]) -> None:
    windows, root = fake_disk
    windows.fail["CreateDirectoryW"] = 112  # ERROR_DISK_FULL
    problem = _safety.check(str(root), [".cache"], windows=True, create=True)
    assert problem is not None
    assert (problem.code, problem.message) == (
        Reason.CREATE_FAILED,
        f"cannot create {root / '.cache'}: Fake message for 112. (Windows error 112)",
    )


def test_windows_walk_refuses_a_reparse_point() -> None:
    junction = types.SimpleNamespace(st_mode=stat.S_IFDIR | 0o777, st_file_attributes=0x400)
    problem = _safety._refusal("D:\\.cache", junction)  # type: ignore[arg-type]
    assert problem is not None
    assert "junction or other reparse point" in problem.message


@pytest.mark.parametrize("part", ["a:b", "pip.", "pip ", "NUL", "com1.txt", "Lpt9", "tab\there", "a|b"])
def test_windows_names_that_alias_or_are_devices_are_refused(part: str) -> None:
    problem = _safety.check("D:\\", [".cache", part], windows=True, create=False)
    assert problem is not None
    assert problem.code is Reason.INVALID_NAME


@pytest.mark.parametrize("part", ["pip", "Cache", "1.0", "con-tool", "nul2", ".hidden"])
def test_windows_plain_names_pass(part: str) -> None:
    assert _safety.check("D:\\", [".cache", part], windows=True, create=False) is None


# --- the real thing (Windows, Wine) -----------------------------------------------------------------------------


@needs_windows
def test_real_creation_is_owner_only(tmp_path: Path) -> None:
    assert _safety.check(str(tmp_path), [".cache", "pip"], windows=True, create=True) is None
    layer = _winsec.win32()
    for path in (tmp_path / ".cache", tmp_path / ".cache" / "pip"):
        security = _acl.parse(layer.file_security(str(path)))
        assert security.owner == layer.user()
        assert security.aces is not None
        others = {ace.sid for ace in security.aces if ace.mask & _acl.WRITE_RIGHTS} - _acl.TRUSTED
        assert others == {layer.user()}
        assert _winsec.refusal(str(path)) is None


@needs_windows
def test_real_folder_open_to_everyone_is_refused(tmp_path: Path) -> None:
    layer = _winsec.win32()
    assert layer.create_directory(str(tmp_path / ".cache"), f"O:{layer.user()}D:P(A;OICI;FA;;;WD)") == 0
    aces = _acl.parse(layer.file_security(str(tmp_path / ".cache"))).aces or []
    if not any(ace.sid == "S-1-1-0" and ace.mask & _acl.FILE_ADD_FILE for ace in aces):
        pytest.skip("this Windows does not keep the DACL it was given (Wine derives DACLs from Unix modes)")
    (tmp_path / ".cache" / "planted.txt").write_text("planted", encoding="utf-8")
    report = pdd.resolve_cache_dir("pip", ensure_exists=True, devdrive=tmp_path)
    assert (report.source, report.code) == (Source.FALLBACK, Reason.UNSAFE)
    assert "Everyone (S-1-1-0)" in report.reason
    assert (tmp_path / ".cache" / "planted.txt").read_text(encoding="utf-8") == "planted"
    assert not (tmp_path / ".cache" / "pip").exists()


@needs_windows
def test_real_symlink_or_junction_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir()
    try:
        os.symlink(target, tmp_path / ".cache", target_is_directory=True)
    except OSError as error:  # needs Developer Mode or elevation on Windows
        pytest.skip(f"cannot create a directory symlink here: {error}")
    if not os.path.lexists(tmp_path / ".cache"):
        pytest.skip("CreateSymbolicLinkW reported success but made nothing (Wine)")
    report = pdd.resolve_cache_dir("pip", ensure_exists=True, devdrive=tmp_path)
    assert (report.source, report.code) == (Source.FALLBACK, Reason.UNSAFE)
    assert "reparse point" in report.reason
    assert list(target.iterdir()) == []
