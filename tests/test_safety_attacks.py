"""The hostile review's classes, done for real: other users, shared folders, races, long paths, full fd tables.

Each test performs the attack or the fault on this machine (as root, the attacker is ``nobody`` and the victim
another uid, each in a forked child that dropped its privileges), and asserts what the promise in docs/security.rst
says: whatever a temp or cache resolution hands out is safe for ``os.makedirs(path, exist_ok=True)`` and a write,
nothing is handed out that another user could have made, and every fault is a fallback with a reason.
"""

from __future__ import annotations

import errno
import ntpath
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
import pytest

import platformdirs_devdrive as pdd
from platformdirs_devdrive import Reason, Source, _policy, _safety

from .conftest import IS_WINDOWS, STAND_IN_PARTS, WindowsDevDriveDirs, needs_posix
from .test_safety import IS_ROOT, in_child, nobody, plant, snapshot

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from platformdirs_devdrive.testing import SimulatedProbe

needs_root = pytest.mark.skipif(not IS_ROOT, reason="another user's folders and processes need root (as CI has)")
VICTIM = 54321  # a uid of its own (no passwd entry needed: the kernel only knows numbers)


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """``tmp_path/shared``: a /tmp of its own (root's, mode 1777), and homes every user can reach."""
    if IS_WINDOWS:
        pytest.skip("POSIX users and permission bits")
    base = Path(tempfile.mkdtemp(prefix="pdd-attack-", dir="/tmp"))  # tmp_path's parents are root's 0o700
    base.chmod(0o755)
    (base / "tmp").mkdir()
    (base / "tmp").chmod(0o1777)
    monkeypatch.setattr(tempfile, "tempdir", str(base / "tmp"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "home" / ".cache"))
    (base / "home").mkdir()
    yield base
    for path in [base, *base.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o700)
    shutil.rmtree(base)


def as_user(uid: int, home: Path, scenario: Callable[[], Any]) -> Any:
    """Run ``scenario`` in a forked child as ``uid`` with ``home`` as its own home and cache folder."""
    os.chown(home, uid, uid)

    def run() -> Any:
        os.environ["HOME"] = str(home)
        os.environ["XDG_CACHE_HOME"] = str(home / ".cache")
        return scenario()

    return in_child(run, uid=uid, gid=uid)


def preload() -> None:
    # A child that dropped root may not read the test's site-packages (/root is 0o700): load what it will use now.
    pdd.resolve_temp_dir("preload", devdrive=False)
    pdd.resolve_cache_dir("preload", devdrive=os.getcwd())


# --- 1. no plantable temp name ----------------------------------------------------------------------------------


@needs_root
def test_the_standard_temp_folder_exists_and_is_yours_when_handed_out(shared: Path) -> None:
    path = pdd.user_temp_dir("tool")  # no ensure_exists: the normal call
    assert path == str(shared / "tmp" / "tool")
    info = os.lstat(path)
    assert (stat.S_ISDIR(info.st_mode), info.st_uid, stat.S_IMODE(info.st_mode)) == (True, 0, 0o700)
    uid, gid = nobody()

    def outcome(attempt: Callable[[], object]) -> str:
        try:
            attempt()
        except OSError as error:
            return errno.errorcode[error.errno or 0]
        return "done"

    def plant_into() -> list[str]:
        return [
            outcome(lambda: os.mkdir(path, 0o777)),
            outcome(lambda: Path(path, "evil").write_text("x", encoding="utf-8")),
        ]

    assert in_child(plant_into, uid=uid, gid=gid) == ["EEXIST", "EACCES"]


ATTACK_ROUNDS = 40


@needs_root
def test_a_looping_attacker_never_gets_the_victims_temp_files(shared: Path) -> None:
    """The victim announces each app name just before it asks for that app's temp folder and does the normal thing
    (``os.makedirs(path, exist_ok=True)``, then a write); ``nobody`` spins ``mkdir(<tmp>/<name>, 0o777)`` the moment
    it hears the name. Every round, the victim's file must land in a folder only the victim controls. (0.1.0 handed
    out the bare name, and the attacker won about one round in five.)"""
    preload()
    tmp = shared / "tmp"
    uid, gid = nobody()
    heard, announce = os.pipe()
    attacker = os.fork()
    if attacker == 0:  # pragma: no cover  # the attacker, until the announcements end
        os.close(announce)
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)
        with os.fdopen(heard, encoding="utf-8") as names:
            for index, line in enumerate(names):
                target = tmp / line.strip()
                time.sleep((index % 8) * 0.00005)  # a spread of head starts for the victim: some land mid-check
                for _ in range(20_000):
                    try:
                        os.mkdir(target, 0o777)
                        os.chmod(target, 0o777)
                        break
                    except FileExistsError:
                        break
                    except OSError:
                        continue
        os._exit(0)
    os.close(heard)

    def victim() -> list[list[Any]]:
        rounds = []
        with os.fdopen(announce, "w", encoding="utf-8", buffering=1) as names:
            for _ in range(ATTACK_ROUNDS):
                name = f"race-{uuid.uuid4().hex[:8]}"
                names.write(name + "\n")
                path = pdd.user_temp_dir(name)
                os.makedirs(path, exist_ok=True)
                Path(path, "secret").write_text("the victim's", encoding="utf-8")
                info = os.lstat(path)
                rounds.append([name, path, info.st_uid, stat.S_IMODE(info.st_mode)])
        return rounds

    try:
        rounds = as_user(VICTIM, shared / "home", victim)
    finally:
        os.close(announce)
        os.waitpid(attacker, 0)
    assert len(rounds) == ATTACK_ROUNDS
    won = 0
    for name, path, owner, mode in rounds:
        assert (owner, mode & 0o077) == (VICTIM, 0), (path, owner, oct(mode))  # the victim's, and private
        planted = (tmp / name).stat().st_uid == uid
        stand_in = os.path.join(shared / "home" / ".cache", *STAND_IN_PARTS, name)
        assert path == (stand_in if planted else str(tmp / name))  # the attacker's win sends it home
        won += planted
    print(f"the attacker made {won} of {ATTACK_ROUNDS} names first")  # noqa: T201  # with -s: how hard it raced


# --- 2. never the shared folder, never inside a refused one -----------------------------------------------------


@needs_root
def test_with_no_safe_folder_anywhere_the_answer_cannot_be_created(
    shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uid, gid = nobody()
    tmp = shared / "tmp"
    planted = plant(tmp / "tool", mode=0o777)
    os.chown(planted, uid, gid)
    open_home = shared / "open-home"  # the user's cache folder is in a folder everyone may rename things in
    open_home.mkdir(mode=0o777)
    open_home.chmod(0o777)
    monkeypatch.setenv("XDG_CACHE_HOME", str(open_home / ".cache"))
    before = snapshot(tmp), snapshot(open_home)
    report = pdd.resolve_temp_dir("tool")
    assert (report.source, report.code) == (Source.FALLBACK, Reason.STANDARD_TEMP_UNUSABLE)
    assert report.path == os.path.join(os.devnull, "tool")
    assert f"{planted} is owned by nobody" in report.reason
    assert f"{open_home} is writable by group or others without the sticky bit" in report.reason
    with pytest.raises(NotADirectoryError):
        os.makedirs(report.path, exist_ok=True)  # the tool's own write fails loudly
    shutil.rmtree(report.path, ignore_errors=True)  # and a tool emptying "its" temp folder deletes nothing
    assert (snapshot(tmp), snapshot(open_home)) == before


@needs_root
def test_the_stand_in_is_never_inside_the_refused_folder(shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    unsticky = shared / "unsticky"  # 777 without the sticky bit: anyone may rename what is in it
    unsticky.mkdir()
    unsticky.chmod(0o777)
    monkeypatch.setattr(tempfile, "tempdir", str(unsticky))
    report = pdd.resolve_temp_dir("tool")
    assert (report.source, report.code) == (Source.FALLBACK, Reason.STANDARD_TEMP_UNUSABLE)
    assert report.path == os.path.join(shared / "home" / ".cache", *STAND_IN_PARTS, "tool")
    assert list(unsticky.iterdir()) == []  # nothing made in the refused folder
    uid, gid = nobody()

    def steal() -> str:
        try:
            os.rename(report.path, unsticky / "stolen")
        except OSError as error:
            return errno.errorcode[error.errno or 0]
        return "renamed"

    assert in_child(steal, uid=uid, gid=gid) in {"EACCES", "EPERM"}


def test_no_app_name_never_hands_out_the_shared_temp_folder(shared: Path) -> None:
    report = pdd.resolve_temp_dir()  # the temp folder itself would be shared with every user: the stand-in
    assert report.path == os.path.join(shared / "home" / ".cache", *STAND_IN_PARTS)
    assert report.code is Reason.STANDARD_TEMP_UNUSABLE


# --- 3. no verdict outlives its tree ----------------------------------------------------------------------------


@needs_root
@pytest.mark.parametrize("kind", ["cache", "temp"])
def test_a_tree_removed_and_recreated_by_another_user_is_checked_again(shared: Path, kind: str) -> None:
    root = shared / "tmp"  # a shared, sticky root: anyone may make a .cache there once ours is gone
    ask: Callable[..., str] = pdd.user_cache_dir if kind == "cache" else pdd.user_temp_dir
    first = ask("tool", devdrive=str(root))  # remembered (cache) / checked (temp), .cache made owner-only
    assert first.startswith(str(root / ".cache"))
    shutil.rmtree(root / ".cache")  # the user (or a cleaner) removes it, in the same process's lifetime
    uid, gid = nobody()

    def replant() -> None:
        plant(Path(first), mode=0o777)
        for path in (root / ".cache", *(root / ".cache").rglob("*")):
            path.chmod(0o777)

    in_child(replant, uid=uid, gid=gid)
    cheap = ask("tool", devdrive=str(root))  # the remembered decision is not reused for the new tree
    again = getattr(pdd, f"resolve_{kind}_dir")("tool", devdrive=str(root))
    assert again.is_fallback
    assert f"{root / '.cache'} is owned by nobody" in again.reason
    assert cheap == again.path


@needs_posix
def test_the_warm_cache_call_looks_at_two_folders_only(tmp_path: Path, mocker: Any) -> None:
    root = tmp_path / "fast"
    root.mkdir()
    first = pdd.user_cache_dir("tool", devdrive=str(root))
    lstat, stat_ = mocker.spy(os, "lstat"), mocker.spy(os, "stat")
    assert pdd.user_cache_dir("tool", devdrive=str(root)) == first
    assert [c.args[0] for c in stat_.call_args_list + lstat.call_args_list] == [str(root), str(root / ".cache")]


# --- 4. the fix we suggest leaves a safe tree -------------------------------------------------------------------


@needs_root
def test_following_the_advice_leaves_nothing_another_user_planted(shared: Path) -> None:
    root = shared / "fast"
    (root / ".cache" / "tool").mkdir(parents=True)
    for path in (root / ".cache", root / ".cache" / "tool"):
        path.chmod(0o777)  # ours, but open: another user walks in and leaves a file
    uid, gid = nobody()
    in_child(lambda: Path(root, ".cache", "tool", "planted.whl").write_text("evil", encoding="utf-8"), uid=uid, gid=gid)
    report = pdd.resolve_cache_dir("tool", devdrive=str(root))
    assert report.code is Reason.UNSAFE
    assert f"rm -rf {root / '.cache'}" in report.reason
    (root / ".cache").chmod(0o700)  # what 0.1.0 advised: the open folder below is still refused
    pdd.clear_cache()
    still = pdd.resolve_cache_dir("tool", devdrive=str(root))
    assert (still.code, f"{root / '.cache' / 'tool'} is writable by group or others" in still.reason) == (
        Reason.UNSAFE,
        True,
    )
    shutil.rmtree(root / ".cache")  # what the reason says now
    fixed = pdd.resolve_cache_dir("tool", devdrive=str(root), ensure_exists=True)
    assert fixed.source is Source.ARGUMENT
    assert list(Path(fixed.path).iterdir()) == []


@needs_posix
def test_umask_002_folders_of_your_own_group_below_an_owner_only_cache_are_fine(tmp_path: Path) -> None:
    import grp
    import pwd

    if grp.getgrgid(os.getegid()).gr_name != pwd.getpwuid(os.geteuid()).pw_name:
        pytest.skip("this account has no user private group")
    root = tmp_path / "fast"
    root.mkdir()
    path = pdd.user_cache_dir("tool", "1.0", devdrive=str(root))  # .cache made owner-only
    previous = os.umask(0o002)  # Ubuntu's default for users with their own group
    try:
        os.makedirs(path)  # what pip does: 0o775 folders
    finally:
        os.umask(previous)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o775
    assert pdd.resolve_cache_dir("tool", "1.0", devdrive=str(root)).source is Source.ARGUMENT
    os.chmod(path, 0o777)  # others-writable is never fine
    pdd.clear_cache()
    assert pdd.resolve_cache_dir("tool", "1.0", devdrive=str(root)).code is Reason.UNSAFE


# --- 5. diagnostics create nothing; repeated resolutions make one folder at most --------------------------------


@needs_root
def test_diagnostics_create_nothing_anywhere(shared: Path) -> None:
    uid, gid = nobody()
    os.chown(plant(shared / "tmp" / "tool", mode=0o755), uid, gid)  # the standard temp folder is refused
    root = shared / "fast"
    root.mkdir()
    env = {
        **os.environ,
        "HOME": str(shared / "home"),
        "XDG_CACHE_HOME": str(shared / "home" / ".cache"),
        "TMPDIR": str(shared / "tmp"),
    }
    before = snapshot(shared)
    commands = (["show", "tool"], ["show", "tool", "--json"], ["drives"], ["doctor"], ["env", "--root", str(root)])
    for flag in (None, str(root)):  # the refused standard temp folder, then a chosen root without .cache
        for command in commands:
            env.pop("PLATFORMDIRS_DEVDRIVE", None)
            env.update({"PLATFORMDIRS_DEVDRIVE": flag} if flag else {})
            done = subprocess.run(
                [sys.executable, "-m", "platformdirs_devdrive", *command],
                env=env,
                capture_output=True,
                text=True,
                encoding="utf-8",
                check=False,
            )
            assert done.returncode in {0, 1}, done.stderr
            assert "Traceback" not in done.stderr
            assert snapshot(shared) == before, command


@needs_root
def test_repeated_resolutions_leave_one_folder_at_most(shared: Path) -> None:
    uid, gid = nobody()
    os.chown(plant(shared / "tmp" / "tool", mode=0o755), uid, gid)
    paths = {pdd.user_temp_dir("tool") for _ in range(50)}
    assert len(paths) == 1
    stand_in = Path(paths.pop())
    assert sorted(p for p in (shared / "home").rglob("*")) == [
        *(stand_in.parents[i] for i in range(len(STAND_IN_PARTS), -1, -1) if stand_in.parents[i] != shared / "home"),
        stand_in,
    ]
    assert sorted(p.name for p in (shared / "tmp").iterdir()) == ["tool"]  # only what the attacker planted


# --- 6. roots whose meaning depends on the process --------------------------------------------------------------


@needs_posix
@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc")
def test_roots_through_proc_or_dev_fd_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "real"
    folder.mkdir()
    link = tmp_path / "link-to-proc"
    link.symlink_to("/proc/self/cwd")
    # A relative target that climbs with "..": it means the parent of where the link leads, not of the link's text.
    climbing = tmp_path / "deep" / "climbing-link"
    climbing.parent.mkdir()
    climbing.symlink_to("../" * len(climbing.parent.parts[1:]) + "proc/self/cwd")
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        roots = ["/proc/self/cwd", f"/proc/{os.getpid()}/root{folder}", f"/dev/fd/{descriptor}", str(link)]
        for root in [*roots, str(climbing)]:
            report = pdd.resolve_cache_dir("tool", devdrive=root)
            assert report.code is Reason.ROOT_INVALID, (root, report)
            assert "whose content differs in every process" in report.reason
    finally:
        os.close(descriptor)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(("root", "words"), [("D:work", "current folder of D:"), ("\\work", "whichever drive")])
def test_windows_roots_relative_to_a_drive_or_to_the_current_drive_are_refused(
    root: str, words: str, win_folders: object
) -> None:
    report = WindowsDevDriveDirs("tool", devdrive=root).resolve_cache()
    assert report.code is Reason.ROOT_INVALID
    assert words in report.reason


# --- 7. too long is refused -------------------------------------------------------------------------------------


@needs_posix
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's PATH_MAX (4096)")
def test_a_root_too_deep_for_the_layout_falls_back(tmp_path: Path) -> None:
    # A real root about 4,080 bytes deep (made one level at a time: no single call may see the whole path).
    current = os.open(tmp_path, os.O_RDONLY)
    path = str(tmp_path)
    try:
        while len(path) < 4080 - 200:
            os.mkdir("d" * 200, dir_fd=current)
            following = os.open("d" * 200, os.O_RDONLY, dir_fd=current)
            os.close(current)
            current, path = following, f"{path}/{'d' * 200}"
        name = "e" * (4080 - len(path) - 1)
        os.mkdir(name, dir_fd=current)
        root = f"{path}/{name}"
    finally:
        os.close(current)
    report = pdd.resolve_cache_dir("some-tool", devdrive=root)
    assert report.code is Reason.PATH_TOO_LONG
    assert "over the 4095 a folder's path may have here" in report.reason
    with pytest.raises(OSError, match="File name too long"):
        os.makedirs(os.path.join(root, ".cache", "some-tool"))  # what the tool would have met
    assert pdd.user_temp_dir("some-tool", devdrive=root) == pdd.resolve_temp_dir("some-tool", devdrive=False).path


def test_a_windows_root_too_long_without_long_paths_falls_back(
    win_folders: object, devdrive_world: SimulatedProbe
) -> None:
    long, short = devdrive_world.add_drive("C:\\" + "x" * 230), devdrive_world.add_drive("D:\\" + "x" * 200)
    report = WindowsDevDriveDirs("pip", appauthor=False, devdrive=True, near=long).resolve_temp()
    assert report.code is Reason.PATH_TOO_LONG
    assert "over the 247 a folder's path may have here" in report.reason
    fits = WindowsDevDriveDirs("pip", appauthor=False, devdrive=True, near=short).resolve_temp()
    assert fits.source is Source.NEAR_TARGET


# --- 8. usable means usable -------------------------------------------------------------------------------------


@needs_root
def test_a_folder_you_may_write_but_not_search_is_not_usable(shared: Path) -> None:
    root = shared / "fast"
    target = root / ".cache" / "tool"
    target.mkdir(parents=True)
    for path in (root, root / ".cache", target):
        os.chown(path, VICTIM, VICTIM)
    (root / ".cache").chmod(0o700)
    target.chmod(0o600)  # W_OK passes; creating anything in it fails (no search permission)

    def scenario() -> list[Any]:
        report = pdd.resolve_cache_dir("tool", devdrive=str(root))
        try:
            os.makedirs(os.path.join(target, "wheels"))
            made = "made"
        except OSError as error:
            made = errno.errorcode[error.errno or 0]
        return [report.code.value, report.reason, made]

    code, reason, made = as_user(VICTIM, shared / "home", scenario)
    assert (code, made) == ("root-not-writable", "EACCES")
    assert "needs write and search" in reason


# --- 9. Windows reserved names ----------------------------------------------------------------------------------

RESERVED = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"] + [
    f"{port}{digit}" for port in ("COM", "LPT") for digit in "0123456789\u00b9\u00b2\u00b3"
]


@pytest.mark.parametrize("device", RESERVED)
@pytest.mark.parametrize("form", ["{}", "{}.txt", "{} .txt", "{}.tar.gz", "{}.", "{} ", "{}. .", "{}:x"])
@pytest.mark.parametrize("case", [str.upper, str.lower, str.title])
def test_every_windows_device_name_is_refused_in_every_form(
    device: str, form: str, case: Callable[[str], str], win_folders: object, devdrive_world: SimulatedProbe
) -> None:
    name = form.format(case(device))
    devdrive_world.add_drive("D:\\")
    report = WindowsDevDriveDirs(name, devdrive=True).resolve_cache()
    assert report.code is Reason.INVALID_NAME, name
    if hasattr(ntpath, "isreserved") and not device.endswith("0"):  # 3.13+; it omits COM0/LPT0 (see _safety)
        assert ntpath.isreserved(name)


@pytest.mark.parametrize("name", ["COM10", "LPT", "CONIN", "console", "nul1", "pip", "auxiliary"])
def test_names_that_only_look_like_devices_are_fine(
    name: str, win_folders: object, devdrive_world: SimulatedProbe
) -> None:
    devdrive_world.add_drive("D:\\")
    assert WindowsDevDriveDirs(name, devdrive=True).resolve_cache().source is Source.SOLE_DEV_DRIVE


# --- 10. never raises from the environment ----------------------------------------------------------------------

EXHAUSTED = """
import json, os, resource, sys
sys.path[:0] = json.loads(sys.argv[2])
root = sys.argv[1]
import platformdirs_devdrive as pdd
resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
held = []
try:
    while True:
        held.append(os.open(os.devnull, os.O_RDONLY))
except OSError:
    pass  # the table is full: no module can be loaded from here on
if sys.argv[3] == "after":
    os.environ["PLATFORMDIRS_DEVDRIVE"] = root
answers = [pdd.user_cache_dir("tool"), pdd.user_temp_dir("tool"), pdd.user_cache_dir("tool", devdrive=root)]
for fd in held:
    os.close(fd)
print(json.dumps(answers))
"""


@needs_posix
@pytest.mark.parametrize("flag_set", ["before", "after"])
def test_a_full_descriptor_table_still_gets_an_answer(tmp_path: Path, flag_set: str) -> None:
    root = tmp_path / "fast"
    root.mkdir()
    env = {key: value for key, value in os.environ.items() if key != "PLATFORMDIRS_DEVDRIVE"}
    if flag_set == "before":
        env["PLATFORMDIRS_DEVDRIVE"] = str(root)
    env["TMPDIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", EXHAUSTED, str(root), repr(sys.path).replace("'", '"'), flag_set],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    import json

    cache, temp, explicit = json.loads(done.stdout)
    if flag_set == "before":  # the flag was on at import: what the first call needs was loaded then
        assert cache == explicit == str(root / ".cache" / "tool")
        assert temp == str(root / ".cache" / "Temp" / "tool")
    else:  # nothing could be loaded: the standard cache folder, and a temp path nothing can be made at
        assert cache == explicit == platformdirs.user_cache_dir("tool")
        assert temp == os.path.join(os.devnull, "tool")


WARNINGS_AS_ERRORS = (
    "import platformdirs_devdrive as p; print(p.user_cache_dir('tool')); print(p.user_temp_dir('tool'))"
)


@pytest.mark.parametrize("how", ["-W error", "PYTHONWARNINGS=error"])
def test_a_mistyped_flag_under_warnings_as_errors_still_answers_and_says_why(tmp_path: Path, how: str) -> None:
    env = {**os.environ, "PLATFORMDIRS_DEVDRIVE": "atuo", "TMPDIR": str(tmp_path)}
    options = []
    if how.startswith("-W"):
        options = ["-W", "error"]
    else:
        env["PYTHONWARNINGS"] = "error"
    done = subprocess.run(
        [sys.executable, *options, "-c", WARNINGS_AS_ERRORS],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == platformdirs.user_cache_dir("tool")
    assert "Traceback" not in done.stderr
    assert "DevDriveWarning: PLATFORMDIRS_DEVDRIVE ignored" in done.stderr  # shown, not raised
    assert "PLATFORMDIRS_DEVDRIVE=atuo is neither a keyword" in done.stderr


def test_a_mistyped_flag_under_pytests_filterwarnings_error_lands_in_its_summary(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nfilterwarnings = error\n")
    pytester.makepyfile(
        "import platformdirs_devdrive as p\n"
        "def test_tool_starts(monkeypatch):\n"
        "    monkeypatch.setenv('PLATFORMDIRS_DEVDRIVE', 'atuo')\n"
        "    assert p.user_cache_dir('tool')\n"
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, warnings=1)
    result.stdout.fnmatch_lines(["*DevDriveWarning: PLATFORMDIRS_DEVDRIVE ignored*"])


def test_the_warning_is_still_a_warning_where_warnings_are_not_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", "atuo")
    with pytest.warns(pdd.DevDriveWarning, match="PLATFORMDIRS_DEVDRIVE ignored"):
        pdd.user_cache_dir("tool")
    assert _policy.DevDriveWarning is pdd.DevDriveWarning
    assert _safety.still_valid("/nowhere") is False
