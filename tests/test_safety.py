"""Never hand out a planted directory: the attack and fault matrix, on this machine's real file system.

Every fault ends in the standard location with a reason, and nothing that was there is deleted or overwritten: each
test snapshots what it planted and compares afterwards. Tests that need another user run as root (as CI does) and
drop to ``nobody`` in a forked child; without root they use what an unprivileged user can do (chmod) or skip, saying
why.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import traceback
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
import pytest

import platformdirs_devdrive as pdd
from platformdirs_devdrive import Reason, Source, _safety
from platformdirs_devdrive._api import unusable_temp
from platformdirs_devdrive.testing import simulated_drives

from .conftest import IS_WINDOWS, STAND_IN_PARTS, needs_posix

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pytest_mock import MockerFixture

IS_ROOT = not IS_WINDOWS and os.geteuid() == 0
needs_root = pytest.mark.skipif(
    not IS_ROOT, reason="POSIX users: planting a folder owned by another needs root (as CI has)"
)
Snapshot = dict[str, tuple[Any, ...]]


def snapshot(top: Path) -> Snapshot:
    """Everything below ``top``: kind, mode, owner, and the content of files and links."""
    found: Snapshot = {}
    for path in [top, *sorted(top.rglob("*"))]:
        info = path.lstat()
        if path.is_symlink():
            detail: object = os.readlink(path)
        elif path.is_file():
            detail = path.read_bytes()
        else:
            detail = None
        found[str(path.relative_to(top))] = (stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode), info.st_uid, detail)
    return found


def plant(folder: Path, *, mode: int = 0o700) -> Path:
    """Make ``folder`` with a file in it: what another user left for us to pick up."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "planted.whl").write_text("not what pip built", encoding="utf-8")
    folder.chmod(mode)
    return folder


def nobody() -> tuple[int, int]:
    import pwd

    entry = pwd.getpwnam("nobody")
    return entry.pw_uid, entry.pw_gid


def chown_tree(top: Path, uid: int, gid: int) -> None:
    for path in [top, *top.rglob("*")]:
        os.lchown(path, uid, gid)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private home, so that standard locations (the fallback) resolve and are created under it."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    standard_temp = tmp_path / "tmp"  # never the machine's /tmp: an earlier run's /tmp/pip would be "planted"
    standard_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(standard_temp))
    return home


@pytest.fixture
def root(tmp_path: Path, home: Path) -> Path:
    root = tmp_path / "fast"
    root.mkdir()
    return root


def cache(root: object, *, ensure_exists: bool = True, appname: str = "pip", **kwargs: Any) -> pdd.Resolution:
    return pdd.resolve_cache_dir(appname, ensure_exists=ensure_exists, devdrive=root, **kwargs)  # type: ignore[arg-type]


def temp(root: object, *, ensure_exists: bool = True, appname: str = "pip") -> pdd.Resolution:
    return pdd.resolve_temp_dir(appname, ensure_exists=ensure_exists, devdrive=root)  # type: ignore[arg-type]


def assert_fallback(report: pdd.Resolution, code: Reason, *words: str) -> None:
    assert (report.source, report.code, report.root) == (Source.FALLBACK, code, None), report
    for word in words:
        assert word in report.reason, report.reason


# --- the root ---------------------------------------------------------------------------------------------------


def test_root_missing(tmp_path: Path, home: Path) -> None:
    missing = tmp_path / "gone"
    for resolve in (cache, temp):
        assert_fallback(resolve(missing), Reason.ROOT_MISSING, str(missing), "does not exist")
    assert not missing.exists()


def test_root_is_a_file(tmp_path: Path, home: Path) -> None:
    root = tmp_path / "fast"
    root.write_text("a file, not a drive", encoding="utf-8")
    for resolve in (cache, temp):
        assert_fallback(resolve(root), Reason.ROOT_NOT_DIRECTORY, str(root), "not a directory")
    assert root.read_text(encoding="utf-8") == "a file, not a drive"


def test_root_path_with_nul(home: Path) -> None:
    for resolve in (cache, temp):
        assert_fallback(resolve("/tmp/fa\0st"), Reason.ROOT_INVALID, "NUL")


@needs_posix
@pytest.mark.parametrize("mode", [0o777, 0o770, 0o707])
def test_root_that_others_may_rename_in_is_refused(root: Path, mode: int) -> None:
    root.chmod(mode)
    before = snapshot(root)
    for resolve in (cache, temp):
        assert_fallback(resolve(root), Reason.UNSAFE, f"{root} is writable by group or others", f"chmod +t {root}")
    assert snapshot(root) == before


@needs_posix
@pytest.mark.parametrize("mode", [0o777, 0o775])
def test_a_folder_above_the_root_that_others_may_rename_in_is_refused(root: Path, mode: int) -> None:
    # root itself is fine (yours, 0o755), but whoever may write its parent may rename it and put their own in its place
    root.parent.chmod(mode)
    try:
        # (without ensure_exists: platformdirs >= 4.14 itself refuses to create the standard folder below it)
        report = cache(root, ensure_exists=False)
        assert_fallback(report, Reason.UNSAFE, f"{root.parent} is writable by group or others without the sticky")
    finally:
        root.parent.chmod(0o700)
    assert list(root.iterdir()) == []


@needs_posix
def test_a_root_reached_through_your_symlink_is_checked_where_it_leads(root: Path, tmp_path: Path) -> None:
    (tmp_path / "link").symlink_to(root, target_is_directory=True)
    report = cache(tmp_path / "link")
    assert report.source is Source.ARGUMENT
    assert report.path == str(tmp_path / "link" / ".cache" / "pip")
    root.chmod(0o777)  # where it leads is shared: refused, though the link itself is fine
    pdd.clear_cache()
    assert_fallback(cache(tmp_path / "link"), Reason.UNSAFE, f"{root} is writable by group or others")


@needs_root
def test_a_root_reached_through_another_users_symlink_is_refused(root: Path, tmp_path: Path) -> None:
    uid, gid = nobody()
    link = tmp_path / "link"
    link.symlink_to(root, target_is_directory=True)
    os.lchown(link, uid, gid)  # in a sticky /tmp, its owner could point it elsewhere after the check
    assert_fallback(cache(link), Reason.UNSAFE, f"{link} is owned by nobody (uid {uid})")
    assert list(root.iterdir()) == []


@needs_root
def test_a_folder_above_the_root_owned_by_another_user_is_refused(root: Path) -> None:
    uid, gid = nobody()
    os.chown(root.parent, uid, gid)
    assert_fallback(cache(root), Reason.UNSAFE, f"{root.parent} is owned by nobody (uid {uid}), who could replace")
    assert list(root.iterdir()) == []


@needs_posix
def test_a_symlink_loop_above_the_root_is_inaccessible(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    problem = _safety.check(str(tmp_path / "a"), [".cache"], windows=False, create=False)
    assert problem is not None
    assert (problem.code, problem.message) == (
        Reason.INACCESSIBLE,
        f"cannot inspect {tmp_path / 'a'}: too many symbolic links",
    )


@needs_posix
def test_sticky_shared_root_is_fine(root: Path) -> None:
    root.chmod(0o1777)  # like /tmp: others may add entries but not rename ours
    assert cache(root).source is Source.ARGUMENT
    assert stat.S_IMODE((root / ".cache").stat().st_mode) == 0o700


@needs_root
def test_root_owned_by_another_user_is_refused(root: Path) -> None:
    uid, gid = nobody()
    os.chown(root, uid, gid)  # even if we may write there, its owner may rename anything in it
    root.chmod(0o1777)
    before = snapshot(root)
    assert_fallback(cache(root), Reason.UNSAFE, f"{root} is owned by nobody (uid {uid})", "could replace")
    assert snapshot(root) == before


# --- what is planted below it -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["cache", "temp"])
def test_cache_folder_is_a_file(root: Path, kind: str) -> None:
    (root / ".cache").write_text("not a folder", encoding="utf-8")
    report = cache(root) if kind == "cache" else temp(root)
    assert_fallback(report, Reason.UNSAFE, f"{root / '.cache'} exists and is not a directory", "move it away")
    assert (root / ".cache").read_text(encoding="utf-8") == "not a folder"
    assert Path(report.path).is_dir()  # the standard location is created instead, as platformdirs would


@needs_posix
@pytest.mark.parametrize("link", [".cache", ".cache/pip", ".cache/Temp"])
def test_symlink_to_another_folder_is_refused(root: Path, tmp_path: Path, link: str) -> None:
    elsewhere = plant(tmp_path / "elsewhere")
    if link != ".cache":
        (root / ".cache").mkdir(mode=0o700)
    (root / link).symlink_to(elsewhere, target_is_directory=True)
    before = snapshot(elsewhere), snapshot(root)
    report = cache(root) if link != ".cache/Temp" else temp(root)
    assert_fallback(report, Reason.UNSAFE, f"{root / link} is a symbolic link", f"rm {root / link}")
    assert (snapshot(elsewhere), snapshot(root)) == before  # nothing followed, created, or removed


@needs_root
@pytest.mark.parametrize("depth", [[".cache"], [".cache", "pip"]])
@pytest.mark.parametrize("owner", ["nobody", "unnamed"])
def test_folder_owned_by_another_user_is_refused(root: Path, depth: list[str], owner: str) -> None:
    uid, gid = nobody() if owner == "nobody" else (54321, 54321)  # a uid without a passwd entry is named by number
    (root / ".cache").mkdir(mode=0o700)
    planted = plant(root.joinpath(*depth), mode=0o755)
    chown_tree(planted, uid, gid)
    before = snapshot(root)
    report = cache(root)
    shown = f"nobody (uid {uid})" if owner == "nobody" else f"uid {uid}"
    assert_fallback(report, Reason.UNSAFE, f"{planted} is owned by {shown}, not by you (uid 0)", "remove it")
    assert snapshot(root) == before


@needs_posix
@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777, 0o720])
def test_folder_writable_by_group_or_others_is_refused_with_the_fix(root: Path, mode: int) -> None:
    plant(root / ".cache", mode=mode)
    before = snapshot(root)
    # The fix is removing it, not chmod: whoever could write it may have put files in it, which a chmod would keep.
    assert_fallback(cache(root), Reason.UNSAFE, f"mode {mode:o}", f"rm -rf {root / '.cache'}", "recreated owner-only")
    assert snapshot(root) == before  # refused, not "fixed" behind the user's back


@needs_posix
def test_a_planted_folder_is_refused_even_when_it_wins_the_race(root: Path, mocker: MockerFixture) -> None:
    """Another user creates the folder between our "it is missing" and our mkdir: mkdir fails, the check refuses."""
    elsewhere = root.parent / "elsewhere"
    elsewhere.mkdir()
    real_mkdir = os.mkdir

    def racing_mkdir(path: str, mode: int = 0o777) -> None:
        if path == str(root / ".cache"):
            os.symlink(elsewhere, path)  # anyone may plant a symlink in a shared root
        real_mkdir(path, mode)

    mocker.patch("os.mkdir", side_effect=racing_mkdir)
    assert_fallback(cache(root), Reason.UNSAFE, "is a symbolic link")
    assert list(elsewhere.iterdir()) == []


# --- what stops creation ----------------------------------------------------------------------------------------


@needs_posix
def test_disk_full_while_creating_falls_back(root: Path, mocker: MockerFixture) -> None:
    real_mkdir = os.mkdir

    def full(path: str | os.PathLike[str], mode: int = 0o777) -> None:
        if os.fspath(path).startswith(str(root)):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
        real_mkdir(path, mode)

    mocker.patch("os.mkdir", side_effect=full)
    for resolve in (cache, temp):
        report = resolve(root)
        assert_fallback(report, Reason.CREATE_FAILED, f"cannot create {root / '.cache'}: No space left on device")
        assert Path(report.path).is_dir()
    assert list(root.iterdir()) == []


@needs_posix
def test_umask_cannot_widen_what_is_created(root: Path) -> None:
    previous = os.umask(0)
    try:
        cache(root, version="1.0")
        temp(root)
    finally:
        os.umask(previous)
    modes = {str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode) for p in root.rglob("*")}
    assert modes == dict.fromkeys([".cache", ".cache/pip", ".cache/pip/1.0", ".cache/Temp", ".cache/Temp/pip"], 0o700)


class Unprivileged:
    """Run a scenario as a user whom permission bits bind: ``nobody`` in a forked child when we are root, else us.

    Scenarios return JSON-able values. The paths they touch must be reachable by that user: use the ``shared`` fixture.
    """

    def __init__(self) -> None:
        self.uid, self.gid = nobody() if IS_ROOT else (os.geteuid(), os.getegid())

    def own(self, *paths: Path) -> None:
        for path in paths:
            os.chown(path, self.uid, self.gid)

    def run(self, scenario: Callable[[], Any]) -> Any:
        if not IS_ROOT:
            return json.loads(json.dumps(scenario()))
        return in_child(scenario, uid=self.uid, gid=self.gid)


def in_child(scenario: Callable[[], Any], *, uid: int | None = None, gid: int | None = None) -> Any:
    """Run ``scenario`` in a forked child (as ``uid``/``gid`` if given) and return its JSON-able result."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover  # the child: coverage is not collected here
        os.close(read_end)
        try:
            if uid is not None and gid is not None:
                os.setgroups([])
                os.setgid(gid)
                os.setuid(uid)
            result = {"value": scenario()}
        except BaseException:  # noqa: BLE001  # everything goes back to the parent
            result = {"error": traceback.format_exc()}
        with os.fdopen(write_end, "w", encoding="utf-8") as pipe:
            json.dump(result, pipe)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    result = json.loads(data)
    assert "error" not in result, result["error"]
    return result["value"]


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder every user can reach (tmp_path's parents are root's own), with a home for the scenario's user."""
    if IS_WINDOWS:
        pytest.skip("POSIX users and permission bits")
    base = Path(tempfile.mkdtemp(prefix="pdd-safety-", dir="/tmp"))
    base.chmod(0o755)
    home = base / "home"
    home.mkdir()
    standard_temp = base / "tmp"
    standard_temp.mkdir()
    standard_temp.chmod(0o1777)
    Unprivileged().own(home)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setattr(tempfile, "tempdir", str(standard_temp))
    yield base
    for path in [base, *base.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o700)
    shutil.rmtree(base)


def report_of(resolve: Callable[[], pdd.Resolution]) -> Callable[[], list[str]]:
    def scenario() -> list[str]:
        report = resolve()
        return [report.path, report.source.value, report.code.value, report.reason]

    return scenario


@needs_posix
def test_permission_denied_when_creating(shared: Path) -> None:
    user = Unprivileged()
    locked = shared / "locked"
    locked.mkdir(mode=0o555)  # root's, or ours read-only: either way the scenario's user cannot add to it
    locked.chmod(0o555)
    created = user.run(report_of(lambda: cache(locked)))
    assert created[1:3] == ["fallback", "create-failed"]
    assert f"cannot create {locked / '.cache'}: Permission denied" in created[3]
    # Without ensure_exists the owner-only .cache is still made (tools create their folders below it): same answer.
    looked = user.run(report_of(lambda: cache(locked, ensure_exists=False)))
    assert looked[1:] == created[1:]
    assert list(locked.iterdir()) == []


@needs_posix
def test_existing_tree_you_cannot_write_falls_back(shared: Path) -> None:
    user = Unprivileged()
    root = shared / "fast"
    (root / ".cache" / "pip").mkdir(parents=True)
    user.own(root, root / ".cache", root / ".cache" / "pip")
    for path in (root / ".cache", root / ".cache" / "pip"):
        path.chmod(0o500)  # ours and safe, but read-only
    report = user.run(report_of(lambda: cache(root)))
    assert report[1:3] == ["fallback", "root-not-writable"]
    assert f"{root / '.cache' / 'pip'} is not writable for you" in report[3]


@needs_posix
def test_unsearchable_component_is_inaccessible(shared: Path) -> None:
    user = Unprivileged()
    root = shared / "fast"
    (root / ".cache").mkdir(parents=True)
    user.own(root, root / ".cache")
    (root / ".cache").chmod(0o000)  # ours, but we cannot look inside
    try:
        report = user.run(report_of(lambda: cache(root)))
    finally:
        (root / ".cache").chmod(0o700)
    assert report[1:3] == ["fallback", "inaccessible"]
    assert f"cannot inspect {root / '.cache' / 'pip'}: Permission denied" in report[3]


CLONE_NEWNS = 0x00020000
MS_RDONLY, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 32, 4096, 16384, 1 << 18


def _read_only_bind_mount(path: Path) -> str | None:
    """In this (child) process only: make ``path`` a read-only bind mount; return why not, or ``None``."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_void_p]
    target = os.fsencode(path)
    steps: list[tuple[str, Callable[[], int]]] = [
        ("unshare(CLONE_NEWNS)", lambda: libc.unshare(CLONE_NEWNS)),
        ("make / private", lambda: libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None)),
        ("bind mount", lambda: libc.mount(target, target, None, MS_BIND, None)),
        ("remount read-only", lambda: libc.mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY, None)),
    ]
    for what, step in steps:
        if step() != 0:
            return f"{what}: {os.strerror(ctypes.get_errno())}"
    return None


@needs_posix
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux mount namespaces")
def test_read_only_file_system(root: Path) -> None:
    """A read-only bind mount in a private mount namespace (needs root); else a read-only folder (chmod)."""

    def scenario() -> dict[str, Any]:
        why_not = _read_only_bind_mount(root) if IS_ROOT else "not root"
        if why_not is None:
            return {
                "method": "bind-mount",
                "reports": [report_of(lambda: cache(root, ensure_exists=e))() for e in (True, False)],
            }
        return {"method": f"unavailable ({why_not})", "reports": []}

    result = in_child(scenario)
    if result["method"] != "bind-mount":
        pytest.skip(
            f"no read-only bind mount here: {result['method']}; test_permission_denied_when_creating covers chmod"
        )
    created, looked = result["reports"]
    assert created[1:3] == ["fallback", "create-failed"]
    assert f"cannot create {root / '.cache'}: Read-only file system" in created[3]
    assert looked[1:] == created[1:]  # the owner-only .cache is made without ensure_exists too
    assert list(root.iterdir()) == []


# --- detection and names ----------------------------------------------------------------------------------------


def test_detection_raising_oserror_falls_back_and_creates_nothing(root: Path) -> None:
    with simulated_drives() as world:
        world.add_drive(str(root))
        world.fail_enumeration(OSError(errno.EIO, "the volume manager is gone"))
        report = pdd.resolve_cache_dir("pip", ensure_exists=True, devdrive=True)
        assert_fallback(report, Reason.DETECTION_FAILED, "OSError", "the volume manager is gone")
        world.fail_enumeration(None)
        world.add_drive(str(root), error=PermissionError(errno.EACCES, "Access is denied"))
        near = pdd.resolve_temp_dir("pip", ensure_exists=True, devdrive=True, near=str(root / "target"))
        assert (near.source, "could not check" in near.reason) == (Source.FALLBACK, True)
    assert list(root.iterdir()) == []


def refused_by_platformdirs(resolve: Callable[[], pdd.Resolution]) -> pdd.Resolution | None:
    """Resolve, or ``None`` when platformdirs (>= 4.14) already refused the name at construction."""
    try:
        return resolve()
    except ValueError as error:
        message = str(error)
    assert "must stay inside the base directory" in message
    return None


@pytest.mark.parametrize("appname", ["a\0b", "a/b", "..", "../up", "a/../../up", "/abs", "."])
def test_appname_that_would_leave_the_checked_tree(root: Path, tmp_path: Path, appname: str) -> None:
    before = snapshot(tmp_path)
    report = refused_by_platformdirs(lambda: cache(root, ensure_exists=False, appname=appname))
    if report is not None:
        assert_fallback(report, Reason.INVALID_NAME, "is not a plain folder name")
    report = refused_by_platformdirs(lambda: temp(root, appname=appname))
    if report is not None:
        assert (report.source, report.code) == (Source.FALLBACK, Reason.STANDARD_TEMP_UNUSABLE)
        # Not <tmp>/<appname>, which would climb out of it, nor the shared folder itself, nor a stand-in named after
        # it: a path nothing can be created at, whatever a tool does to it (normpath included).
        assert report.path == unusable_temp(tempfile.gettempdir(), appname)
        assert ".." not in report.path.replace("\\", "/").split("/")
        assert "where nothing can be created" in report.reason
        with pytest.raises(OSError):  # NotADirectoryError below /dev/null; ERROR_INVALID_NAME on Windows
            os.makedirs(report.path, exist_ok=True)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("version", ["1/2", "..", "../../up"])
def test_version_that_would_leave_the_checked_tree(root: Path, version: str) -> None:
    report = refused_by_platformdirs(lambda: cache(root, ensure_exists=False, version=version))
    if report is not None:
        assert_fallback(report, Reason.INVALID_NAME, repr(version))
    assert list(root.iterdir()) == []


@needs_posix
def test_overlong_non_ascii_appname_falls_back(root: Path) -> None:
    appname = "é" * 300  # 600 bytes: over NAME_MAX (255) on Linux and macOS file systems
    report = cache(root, ensure_exists=False, appname=appname)
    assert_fallback(report, Reason.INVALID_NAME, "longer than 255")
    assert report.path == platformdirs.user_cache_dir(appname)
    report = temp(root, appname=appname)
    assert (report.source, report.code) == (Source.FALLBACK, Reason.STANDARD_TEMP_UNUSABLE)
    assert report.path == unusable_temp(tempfile.gettempdir(), "é" * 64)  # nothing can be made there
    assert "longer than 255" in report.reason
    assert list(root.iterdir()) == []


@needs_posix
def test_name_too_long_for_this_file_system_falls_back(root: Path, mocker: MockerFixture) -> None:
    real_lstat = os.lstat

    def short_names(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if (
            os.fspath(path).startswith(str(root)) and os.path.basename(path) == "p" * 200
        ):  # some file systems (eCryptfs: 143) allow fewer than 255 bytes
            raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG), path)
        return real_lstat(path, *args, **kwargs)

    mocker.patch("os.lstat", side_effect=short_names)
    report = cache(root, appname="p" * 200)
    assert_fallback(report, Reason.INACCESSIBLE, "File name too long")


# --- the standard temp folder in shared /tmp ----------------------------------------------------------------------


@pytest.fixture
def foreign_temp(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str, str]]:
    """``(tempdir, appname, owner)``: ``<tempdir>/<appname>`` exists and belongs to another user.

    As root, ``/tmp/<appname>`` is planted and given to ``nobody``; otherwise ``/usr`` (root's) plays the part.
    """
    if IS_WINDOWS:
        pytest.skip("POSIX users")
    if not IS_ROOT:
        monkeypatch.setattr(tempfile, "tempdir", "/")
        import pwd

        uid = os.stat("/usr").st_uid
        yield "/", "usr", f"{pwd.getpwuid(uid).pw_name} (uid {uid})"
        return
    uid, gid = nobody()
    appname = f"pdd-planted-{uuid.uuid4().hex}"
    planted = plant(Path("/tmp", appname))
    chown_tree(planted, uid, gid)
    monkeypatch.setattr(tempfile, "tempdir", "/tmp")
    yield "/tmp", appname, f"nobody (uid {uid})"
    shutil.rmtree(planted)


def test_standard_temp_folder_planted_by_another_user_is_refused(foreign_temp: tuple[str, str, str]) -> None:
    tempdir, appname, owner = foreign_temp
    planted = Path(tempdir, appname)
    before = planted.stat()
    private = set()
    for devdrive in (False, None):
        for ensure_exists in (True, False):
            report = pdd.resolve_temp_dir(appname, ensure_exists=ensure_exists, devdrive=devdrive)
            assert (report.source, report.code) == (Source.FALLBACK, Reason.STANDARD_TEMP_UNUSABLE)
            assert f"{planted} is owned by {owner}" in report.reason
            # Never the shared folder itself, nor a folder inside it: the stand-in in the user's own cache folder.
            assert report.path == os.path.join(platformdirs.user_cache_dir(), *STAND_IN_PARTS, appname)
            assert f"using the private folder {report.path}" in report.reason
            info = os.lstat(report.path)
            assert (info.st_uid, stat.S_IMODE(info.st_mode)) == (os.geteuid(), 0o700)
            assert pdd.user_temp_dir(appname, devdrive=devdrive) == report.path  # the same one every time
            private.add(report.path)
    assert len(private) == 1  # one per app and user, reused: not a new folder per call
    after = planted.stat()
    assert (after.st_uid, after.st_mode, after.st_mtime_ns) == (before.st_uid, before.st_mode, before.st_mtime_ns)


@needs_posix
def test_standard_temp_folder_is_created_owner_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared_tmp = tmp_path / "tmp"
    shared_tmp.mkdir(mode=0o1777)
    shared_tmp.chmod(0o1777)
    monkeypatch.setattr(tempfile, "tempdir", str(shared_tmp))
    assert pdd.user_temp_dir("pip", ensure_exists=True) == str(shared_tmp / "pip")
    assert stat.S_IMODE((shared_tmp / "pip").stat().st_mode) == 0o700


# --- the verdict cache ------------------------------------------------------------------------------------------


@needs_posix
def test_verdicts_are_kept_per_process_and_bound_to_what_was_checked(root: Path, mocker: MockerFixture) -> None:
    parts = [".cache", "pip", "1.0"]
    assert _safety.check(str(root), parts, windows=False, create=True) is None
    lstat, stat_ = mocker.spy(os, "lstat"), mocker.spy(os, "stat")
    assert _safety.check(str(root), parts, windows=False, create=False) is None
    # warm: the root and the first folder only you may enter (.cache) are looked at again, nothing below them
    assert [call.args[0] for call in stat_.call_args_list + lstat.call_args_list] == [str(root), str(root / ".cache")]
    assert _safety.check(str(root), parts, windows=False, create=True) is None
    assert lstat.call_count > 1  # creating always walks the whole tree again
    (root / ".cache").chmod(0o777)  # the folder the verdict was bound to changed: checked afresh, and refused
    problem = _safety.check(str(root), parts, windows=False, create=False)
    assert problem is not None
    assert problem.code is Reason.UNSAFE
    assert repr(problem).startswith("Problem(unsafe, ")


@needs_posix
def test_a_removed_then_replanted_folder_is_seen_by_the_next_ensure_exists(root: Path) -> None:
    first = cache(root)
    assert first.source is Source.ARGUMENT
    shutil.rmtree(first.path)
    elsewhere = plant(root.parent / "elsewhere")
    os.symlink(elsewhere, first.path)  # something puts a link where the folder was
    second = cache(root)  # the same process asks again, with ensure_exists as before
    assert_fallback(second, Reason.UNSAFE, "symbolic link")


@needs_posix
def test_a_removed_temp_folder_replanted_by_another_user_is_refused(tmp_path: Path) -> None:
    shared = tmp_path / "shared-tmp"
    shared.mkdir(mode=0o1777)
    shared.chmod(0o1777)
    tempfile.tempdir = str(shared)
    first = pdd.user_temp_dir("tool", ensure_exists=True)
    assert first == str(shared / "tool")
    os.rmdir(first)  # the tool cleans up after itself
    plant(Path(first), mode=0o777)
    second = pdd.resolve_temp_dir("tool")  # no ensure_exists: temp folders are never remembered
    assert (second.source, second.code) == (Source.FALLBACK, Reason.STANDARD_TEMP_UNUSABLE)
    assert second.path != first


def test_missing_tree_is_not_created_without_ensure_exists(root: Path) -> None:
    (root / ".cache").mkdir(mode=0o700)
    (root / ".cache").chmod(0o700)
    assert _safety.check(str(root), [".cache", "pip", "1.0"], windows=IS_WINDOWS, create=False) is None
    assert [p.name for p in root.rglob("*")] == [".cache"]


def test_a_root_that_does_not_exist_has_nothing_to_check_or_create_in(tmp_path: Path) -> None:
    missing = str(tmp_path / "gone")
    assert _safety.check(missing, [".cache", "pip"], windows=IS_WINDOWS, create=False) is None
    problem = _safety.check(missing, [".cache", "pip"], windows=IS_WINDOWS, create=True)
    assert problem is not None
    assert (problem.code, problem.message.startswith(f"cannot create {tmp_path / 'gone' / '.cache'}: ")) == (
        Reason.CREATE_FAILED,
        True,
    )
    assert not (tmp_path / "gone").exists()


def test_simulated_windows_paths_are_never_created() -> None:
    problem = _safety.check("D:\\", [".cache", "pip"], windows=not IS_WINDOWS, create=True)
    assert problem is not None
    assert problem.code is Reason.CREATE_FAILED
    assert "on this system" in problem.message
    assert _safety.check("D:\\", [".cache", "pip"], windows=not IS_WINDOWS, create=False) is None


@needs_posix
def test_uninspectable_folder_above_the_root_is_refused(mocker: MockerFixture, root: Path) -> None:
    real_lstat = os.lstat

    def failing(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if path == str(root.parent):
            raise OSError(errno.EIO, os.strerror(errno.EIO), path)
        return real_lstat(path, *args, **kwargs)

    mocker.patch("os.lstat", side_effect=failing)
    problem = _safety.check(str(root), [".cache"], windows=False, create=True)
    assert problem is not None
    assert (problem.code, problem.message) == (Reason.INACCESSIBLE, f"cannot inspect {root.parent}: Input/output error")
    assert list(root.iterdir()) == []


@needs_posix
def test_a_folder_that_vanishes_after_creation(root: Path, mocker: MockerFixture) -> None:
    real_lstat = os.lstat
    target = str(root / ".cache")

    def gone(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if path == target:  # before our mkdir and after it: someone removes it right after we made it
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), path)
        return real_lstat(path, *args, **kwargs)

    mocker.patch("os.lstat", side_effect=gone)
    problem = _safety.check(str(root), [".cache"], windows=False, create=True)
    assert problem is not None
    assert (problem.code, problem.message) == (
        Reason.CREATE_FAILED,
        f"{target} vanished after creation: No such file or directory",
    )


# --- many processes at once -------------------------------------------------------------------------------------

CONCURRENT = """
import json, sys, tempfile
sys.path[:0] = json.loads(sys.argv[3])  # the parent's: this very package, however the suite was installed
import platformdirs_devdrive as pdd
root, tempdir = sys.argv[1], sys.argv[2]
sys.stdin.read()  # the start gate: the parent closes it once every process is ready
tempfile.tempdir = tempdir
reports = [
    pdd.resolve_cache_dir("app", "Acme", "1.0", ensure_exists=True, devdrive=root),
    pdd.resolve_temp_dir("app", ensure_exists=True, devdrive=root),
    pdd.resolve_temp_dir("app", ensure_exists=True, devdrive=False),
]
print(json.dumps([[r.path, r.source.value] for r in reports]))
"""


def test_sixteen_processes_create_the_same_tree_at_once(tmp_path: Path) -> None:
    root, tempdir = tmp_path / "fast", tmp_path / "tmp"
    root.mkdir()
    tempdir.mkdir()
    environment = {key: value for key, value in os.environ.items() if key != "PLATFORMDIRS_DEVDRIVE"}
    processes = [
        subprocess.Popen(  # our own interpreter and script
            [sys.executable, "-c", CONCURRENT, str(root), str(tempdir), json.dumps(sys.path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=environment,
        )
        for _ in range(16)
    ]
    for process in processes:
        assert process.stdin is not None
        process.stdin.close()
    outputs = []
    for process in processes:
        assert process.stdout is not None
        outputs.append(process.stdout.read().decode("utf-8", "replace"))
        process.stdout.close()
        assert process.wait() == 0, outputs[-1]
    results = [json.loads(output) for output in outputs]
    layout = "Acme/app/Cache/1.0" if IS_WINDOWS else "app/1.0"
    expected = [
        [str(root / ".cache" / layout), "argument"],
        [str(root / ".cache" / "Temp" / "app"), "argument"],
        [str(tempdir / "app"), "fallback"],
    ]
    assert results == [expected] * 16
    created = [root / ".cache", *(root / ".cache").rglob("*"), tempdir / "app"]
    if IS_WINDOWS:
        from platformdirs_devdrive import _winsec

        assert [_winsec.refusal(str(path)) for path in created] == [None] * len(created)
    else:
        assert {stat.S_IMODE(path.stat().st_mode) for path in created} == {0o700}
