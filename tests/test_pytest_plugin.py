"""pytest's temp folders on the Dev Drive (``_pytest_temp``, through the plugin's hooks), seen from real pytest runs.

Most tests run pytest in a subprocess, as a developer would, and look at the folders it left: the testing kit's
simulated drives live in one process only, so the root is an explicit folder (an explicit root is used on any OS).
A few run pytest in this process (pytester), where the environment it restores can be checked.
"""

from __future__ import annotations

import getpass
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# The resolution machinery, loaded here rather than first inside an in-process run: pytester unloads the modules an
# inner run imported, and a second copy of the probe module would not see the simulated world of the outer test.
import platformdirs_devdrive._policy
import platformdirs_devdrive._probe
import platformdirs_devdrive.testing  # noqa: F401
from platformdirs_devdrive import _pytest_temp

from .conftest import IS_WINDOWS, OUR_VARS, needs_posix

if TYPE_CHECKING:
    from platformdirs_devdrive.testing import SimulatedProbe

TEMPROOT = "PYTEST_DEBUG_TEMPROOT"
# Plugins come from their entry points, ours too, as in a developer's run; hypothesis's alone costs 0.5 s a run.
PYTEST = ("-p", "no:cacheprovider", "-p", "no:hypothesispytest")
HEADER = "devdrive tmp: "
IS_ROOT = not IS_WINDOWS and os.geteuid() == 0

# Each test of the inner suite writes where its tmp_path was into $PDD_OUT/<test name>.
INNER_TESTS = """
import os
import pathlib

def test_one(tmp_path, request):
    (pathlib.Path(os.environ["PDD_OUT"]) / request.node.name).write_text(str(tmp_path), encoding="utf-8")

def test_two(tmp_path, request):
    (pathlib.Path(os.environ["PDD_OUT"]) / request.node.name).write_text(str(tmp_path), encoding="utf-8")
"""


class Project:
    """A small project of two tests, run by a real pytest in a subprocess with an environment we control."""

    def __init__(self, top: Path, ini: str = "") -> None:
        self.dir = top / "project"
        self.dir.mkdir()
        self.root = top / "fast"  # the chosen root, the Dev Drive stand-in
        self.root.mkdir()
        (self.dir / "test_inner.py").write_text(INNER_TESTS, encoding="utf-8")
        (self.dir / "pytest.ini").write_text(f"[pytest]\n{ini.format(root=self.root)}\n", encoding="utf-8")
        self.standard = top / "standard"  # tempfile.gettempdir() of the runs: where pytest's default goes
        self.standard.mkdir()
        self.out = top / "out"
        self.out.mkdir()
        self.runs = 0

    def run(
        self, *args: str, flag: str | None = None, check: bool = True, umask: int | None = None
    ) -> subprocess.CompletedProcess[str]:
        self.runs += 1
        for old in self.out.iterdir():
            old.unlink()
        done = subprocess.run(
            [sys.executable, "-m", "pytest", *PYTEST, *args],
            cwd=self.dir,
            env=self.environment(flag),
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
            preexec_fn=None if umask is None else (lambda: _set_umask(umask)),
        )
        if check:
            assert done.returncode == 0, done.stdout + done.stderr
        return done

    def environment(self, flag: str | None) -> dict[str, str]:
        # Nothing of the outer run: its flag, the PYTEST_DEBUG_TEMPROOT we or pytester set, xdist's worker variables.
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_") and k not in OUR_VARS}
        env.update(TMPDIR=str(self.standard), PDD_OUT=str(self.out))
        if flag is not None:
            env["PLATFORMDIRS_DEVDRIVE"] = flag
        return env

    @property
    def on_root(self) -> Path:
        """pytest's temproot on the root: ``<root>/.cache/Temp/pytest``."""
        return self.root.resolve() / ".cache" / "Temp" / "pytest"

    def tmp_paths(self) -> dict[str, Path]:
        """Where each test of the last run had its tmp_path."""
        return {path.name: Path(path.read_text(encoding="utf-8")) for path in self.out.iterdir()}

    def numbered(self, temproot: Path) -> list[str]:
        """The numbered run folders kept in ``temproot/pytest-of-<user>``, oldest first."""
        (user_dir,) = temproot.glob("pytest-of-*")
        found = [p.name for p in user_dir.iterdir() if p.name.startswith("pytest-") and p.name != "pytest-current"]
        return sorted(found, key=lambda name: int(name.removeprefix("pytest-")))


def _set_umask(mask: int) -> None:  # in the child, before pytest starts (POSIX only)
    os.umask(mask)


def header_lines(done: subprocess.CompletedProcess[str] | pytest.RunResult) -> list[str]:
    output = done.stdout if isinstance(done, subprocess.CompletedProcess) else done.stdout.str()
    return [line for line in output.splitlines() if line.startswith(HEADER)]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


# --- several runs in a row: pytest's naming and retention, on the root ----------------------------------------------


def test_runs_in_a_row_get_numbered_folders_on_the_root_and_the_last_three_stay(project: Project) -> None:
    flag = str(project.root)
    for run in range(5):
        done = project.run(flag=flag)
        paths = project.tmp_paths()
        assert set(paths) == {"test_one", "test_two"}
        for name, path in paths.items():
            assert path.parent == project.on_root / f"pytest-of-{getpass.getuser()}" / f"pytest-{run}", name
        (line,) = header_lines(done)
        assert line.startswith(f"{HEADER}{project.root / '.cache' / 'Temp' / 'pytest'} (")
        assert f"PLATFORMDIRS_DEVDRIVE chose {project.root}" in line
        if run == 0:  # what a person keeps next to pytest's folders: pytest never empties the temproot
            notes = [project.on_root / "notes.txt", next(project.on_root.glob("pytest-of-*")) / "notes.txt"]
            for note in notes:
                note.write_text("mine", encoding="utf-8")
    assert project.numbered(project.on_root) == ["pytest-2", "pytest-3", "pytest-4"]  # tmp_path_retention_count: 3
    assert [note.read_text(encoding="utf-8") for note in notes] == ["mine", "mine"]
    assert (
        list(project.standard.iterdir()) == []
    )  # nothing in the standard temp folder, not even tempfile's /tmp/pytest


def test_the_retention_count_of_the_ini_file_is_pytests_own(tmp_path: Path) -> None:
    project = Project(tmp_path, ini="tmp_path_retention_count = 1\ndevdrive_tmp = {root}")
    for _ in range(3):
        done = project.run()
    assert project.numbered(project.on_root) == ["pytest-2"]
    (line,) = header_lines(done)
    assert f"devdrive_tmp in pytest.ini chose {project.root}" in line


def test_the_retention_policy_none_keeps_no_folder_of_a_passing_run(tmp_path: Path) -> None:
    project = Project(tmp_path, ini="tmp_path_retention_policy = none")
    project.run(flag=str(project.root))
    project.run(flag=str(project.root))
    assert project.numbered(project.on_root) == []  # pytest removes them at the end of each session


@needs_posix
def test_every_folder_from_the_root_down_is_owner_only_whatever_the_umask(project: Project) -> None:
    project.run(flag=str(project.root), umask=0)
    (path,) = {path.parent for path in project.tmp_paths().values()}  # .../pytest-of-<user>/pytest-0
    folders = [project.root / ".cache", project.root / ".cache" / "Temp", project.on_root, path.parent, path]
    for folder in folders:
        info = folder.lstat()
        assert (stat.S_ISDIR(info.st_mode), stat.S_IMODE(info.st_mode), info.st_uid) == (True, 0o700, os.geteuid()), (
            folder
        )


def test_concurrent_runs_on_one_root_each_get_their_own_folder(project: Project) -> None:
    runs = []
    for number in range(3):
        out = project.out / str(number)
        out.mkdir()
        env = project.environment(str(project.root)) | {"PDD_OUT": str(out)}
        command = [sys.executable, "-m", "pytest", *PYTEST, "-q"]
        runs.append(
            (
                out,
                subprocess.Popen(
                    command, cwd=project.dir, env=env, stdout=subprocess.PIPE, text=True, encoding="utf-8"
                ),
            )
        )
    folders = set()
    for out, process in runs:
        output, _ = process.communicate(timeout=120)
        assert process.returncode == 0, output
        paths = {Path(path.read_text(encoding="utf-8")).parent for path in out.iterdir()}
        assert len(paths) == 1
        folders |= paths
    assert len(folders) == 3
    assert {folder.parent for folder in folders} == {next(project.on_root.glob("pytest-of-*"))}


# --- off, and the user's own choices ----------------------------------------------------------------------------


@pytest.mark.parametrize("flag", [None, "0", ""], ids=["unset", "off", "empty"])
def test_off_leaves_pytests_default_and_says_nothing(project: Project, flag: str | None) -> None:
    done = project.run(flag=flag)
    assert {path.parent.parent.parent for path in project.tmp_paths().values()} == {project.standard.resolve()}
    assert header_lines(done) == []
    assert list(project.root.iterdir()) == []


def test_an_off_run_loads_none_of_the_resolution_machinery(project: Project) -> None:
    (project.dir / "test_modules.py").write_text(
        "import os, pathlib, sys\n"
        "def test_modules():\n"
        "    names = ' '.join(name for name in sys.modules if name.startswith('platformdirs_devdrive'))\n"
        "    (pathlib.Path(os.environ['PDD_OUT']) / 'modules').write_text(names, encoding='utf-8')\n",
        encoding="utf-8",
    )
    project.run()
    loaded = set((project.out / "modules").read_text(encoding="utf-8").split())
    assert "platformdirs_devdrive._pytest_temp" in loaded  # the hooks ran ...
    assert not {"platformdirs_devdrive._policy", "platformdirs_devdrive.testing"} & loaded  # ... and stopped there


def test_no_devdrive_tmp_beats_the_flag_and_the_ini_key(tmp_path: Path) -> None:
    project = Project(tmp_path, ini="devdrive_tmp = auto")
    done = project.run("--no-devdrive-tmp", flag=str(project.root))
    assert {path.parent.parent.parent for path in project.tmp_paths().values()} == {project.standard.resolve()}
    assert header_lines(done) == [f"{HEADER}pytest's default (--no-devdrive-tmp)"]
    assert list(project.root.iterdir()) == []


def test_the_users_basetemp_wins_and_is_not_moved(project: Project) -> None:
    mine = project.dir.parent / "mine"
    done = project.run(f"--basetemp={mine}", flag=str(project.root))
    assert {path.parent for path in project.tmp_paths().values()} == {mine.resolve()}
    assert header_lines(done) == [f"{HEADER}--basetemp={mine}, as given (never moved)"]
    assert list(project.root.iterdir()) == []  # not even <root>/.cache


def test_the_option_with_a_root_needs_no_flag(project: Project) -> None:
    done = project.run(f"--devdrive-tmp={project.root}")
    assert {path.parent.parent.parent for path in project.tmp_paths().values()} == {project.on_root}
    (line,) = header_lines(done)
    assert f"--devdrive-tmp chose {project.root}" in line


def test_the_bare_option_without_a_dev_drive_keeps_the_default_and_says_why(project: Project) -> None:
    done = project.run("--devdrive-tmp")  # last: a bare option takes a following path as its ROOT
    assert {path.parent.parent.parent for path in project.tmp_paths().values()} == {project.standard.resolve()}
    (line,) = header_lines(done)
    assert line.startswith(f"{HEADER}pytest's default (standard location: ")
    if not IS_WINDOWS:
        assert "not Windows" in line
    assert list(project.standard.iterdir()) == [project.standard / f"pytest-of-{getpass.getuser()}"]


def test_an_unusable_flag_keeps_the_default_without_failing_a_warnings_are_errors_run(project: Project) -> None:
    missing = project.root / "missing"
    done = project.run("-W", "error", flag=str(missing))
    assert {path.parent.parent.parent for path in project.tmp_paths().values()} == {project.standard.resolve()}
    (line,) = header_lines(done)
    assert (
        line
        == f"{HEADER}pytest's default (standard location: PLATFORMDIRS_DEVDRIVE names {missing}, which does not exist)"
    )
    assert "Warning" not in done.stdout + done.stderr


@needs_posix
def test_a_linked_temp_folder_on_the_root_is_refused(project: Project) -> None:
    elsewhere = project.dir.parent / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (project.root / ".cache").mkdir(mode=0o700)
    (project.root / ".cache" / "Temp").symlink_to(elsewhere)
    done = project.run(flag=str(project.root))
    assert {path.parent.parent.parent for path in project.tmp_paths().values()} == {project.standard.resolve()}
    (line,) = header_lines(done)
    assert line.startswith(f"{HEADER}pytest's default (standard location: refused because ")
    assert list(elsewhere.iterdir()) == []


@pytest.mark.skipif(not IS_ROOT, reason="POSIX users: a folder owned by another user needs root to make (as CI has)")
def test_a_temp_tree_another_user_made_on_a_shared_root_is_refused(project: Project) -> None:
    import pwd  # POSIX only

    project.root.chmod(0o1777)  # shared, like a drive root: everyone may create .cache there first
    project.run(flag=str(project.root))  # "their" run ...
    other = pwd.getpwnam("nobody")
    for path in [project.root / ".cache", *(project.root / ".cache").rglob("*")]:
        os.lchown(path, other.pw_uid, other.pw_gid)  # ... and so their folders
    done = project.run(flag=str(project.root))
    assert {path.parent.parent.parent for path in project.tmp_paths().values()} == {project.standard.resolve()}
    (line,) = header_lines(done)
    assert "refused because" in line
    assert "owned by" in line


# --- pytest-xdist -----------------------------------------------------------------------------------------------


def test_xdist_workers_share_the_controllers_folder_on_the_root(project: Project) -> None:
    pytest.importorskip("xdist", reason="pytest-xdist is in the test extra")
    for run in range(2):
        done = project.run("-n", "2", flag=str(project.root))
        paths = project.tmp_paths()
        assert {path.parent.name for path in paths.values()} == {"popen-gw0", "popen-gw1"}
        assert {path.parent.parent for path in paths.values()} == {
            project.on_root / f"pytest-of-{getpass.getuser()}" / f"pytest-{run}"
        }
        assert len(header_lines(done)) == 1  # the controller's header; workers decide nothing
    assert project.numbered(project.on_root) == ["pytest-0", "pytest-1"]


# --- in this process: the environment put back, and the choices of the ini key --------------------------------


@pytest.fixture
def inner(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A pytester project with pytester's own temproot taken away, so that the plugin may choose one."""
    monkeypatch.delenv(TEMPROOT)
    return pytester


def run_inner(pytester: pytest.Pytester, *args: str, tests: str = "") -> pytest.RunResult:
    pytester.makepyfile(
        test_inner=tests
        or """
        import os

        def test_sees_the_temproot(tmp_path):
            assert tmp_path.is_relative_to(os.environ["PYTEST_DEBUG_TEMPROOT"])
        """
    )
    return pytester.runpytest_inprocess(*PYTEST, *args)


def test_the_temproot_is_set_for_the_session_and_removed_after_it(
    inner: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = tmp_path / "fast"
    root.mkdir()
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", str(root))
    result = run_inner(inner)
    result.assert_outcomes(passed=1)
    assert TEMPROOT not in os.environ
    (line,) = header_lines(result)
    assert line.startswith(f"{HEADER}{root / '.cache' / 'Temp' / 'pytest'} (")


def test_a_temproot_set_by_someone_else_is_used_and_kept(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    given = os.environ[TEMPROOT]  # pytester's own
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", str(tmp_path))
    result = run_inner(pytester)
    result.assert_outcomes(passed=1)
    assert header_lines(result) == [f"{HEADER}{TEMPROOT}={given}, as set (never moved)"]
    assert os.environ[TEMPROOT] == given
    assert not (tmp_path / ".cache").exists()


@pytest.mark.parametrize(
    ("ini", "flag", "expected"),
    [
        ("false", "{root}", "pytest's default (devdrive_tmp = false in tox.ini)"),
        ("off", None, None),  # nobody asked: silent
        ("auto", "{root}", "{root}/.cache/Temp/pytest (PLATFORMDIRS_DEVDRIVE chose {root};"),
        ("elsewhere", "0", "pytest's default (Dev Drive use is off: PLATFORMDIRS_DEVDRIVE=0)"),
        ("elsewhere", "{root}", "{root}/.cache/Temp/pytest (PLATFORMDIRS_DEVDRIVE chose {root};"),
        ("fast", None, "{root}/.cache/Temp/pytest (devdrive_tmp in tox.ini chose {root};"),
    ],
    ids=[
        "off-beats-flag",
        "off-alone",
        "auto-follows-flag",
        "users-no-beats-ini-root",
        "users-root-beats-ini-root",
        "ini-root",
    ],
)
def test_the_ini_key(
    inner: pytest.Pytester,
    monkeypatch: pytest.MonkeyPatch,
    ini: str,
    flag: str | None,
    expected: str | None,
) -> None:
    root = inner.path / "fast"  # the ini key's relative root is relative to the configuration file
    root.mkdir()
    (inner.path / "elsewhere").mkdir()
    inner.makefile(".ini", tox=f"[pytest]\ndevdrive_tmp = {ini}\n")
    if flag is not None:
        monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", flag.format(root=root))
    result = run_inner(inner, tests="def test_passes(tmp_path): pass")
    result.assert_outcomes(passed=1)
    lines = header_lines(result)
    if expected is None:
        assert lines == []
    else:
        (line,) = lines
        assert line.startswith(HEADER + expected.format(root=root).replace("/", os.sep))
    assert not (inner.path / "elsewhere" / ".cache").exists()


# --- the automatic choice, on a simulated Windows (the kit's world is this process's, so the inner run sees it) ---


def test_the_rootdirs_dev_drive_takes_the_temp_folders(inner: pytest.Pytester, devdrive_world: SimulatedProbe) -> None:
    devdrive_world.add_drive(inner.path)  # the project is on a Dev Drive
    devdrive_world.add_drive(inner.path.parent / "elsewhere")  # and another one exists: near= decides
    result = run_inner(inner, "--devdrive-tmp")
    result.assert_outcomes(passed=1)
    on_root = inner.path / ".cache" / "Temp" / "pytest"
    reason = f"temp follows the target {inner.path} onto the Dev Drive {inner.path}"
    assert header_lines(result) == [f"{HEADER}{on_root} ({reason})"]


def test_the_only_dev_drive_takes_the_temp_folders(
    inner: pytest.Pytester, devdrive_world: SimulatedProbe, devdrive_root: Path
) -> None:
    devdrive_world.set_flag("auto")
    result = run_inner(inner)
    result.assert_outcomes(passed=1)
    assert header_lines(result) == [
        f"{HEADER}{devdrive_root / '.cache' / 'Temp' / 'pytest'} (the only Dev Drive on this machine, {devdrive_root})"
    ]


def test_a_standard_temp_folder_already_on_a_dev_drive_keeps_pytests_default(
    inner: pytest.Pytester, devdrive_world: SimulatedProbe
) -> None:
    standard = tempfile.gettempdir()  # this test's own (conftest)
    devdrive_world.add_drive(standard)
    result = run_inner(inner, "--devdrive-tmp", tests="def test_passes(tmp_path): pass")
    result.assert_outcomes(passed=1)
    (line,) = header_lines(result)
    assert line.startswith(f"{HEADER}pytest's default (the standard temp folder {os.path.join(standard, 'pytest')} is")
    assert os.listdir(standard) == [f"pytest-of-{getpass.getuser()}"]  # pytest's own; no <gettempdir()>/pytest


def test_several_dev_drives_and_none_chosen_keep_pytests_default(
    inner: pytest.Pytester, devdrive_world: SimulatedProbe
) -> None:
    devdrive_world.add_drive("D:\\")
    devdrive_world.add_drive("E:\\")
    result = run_inner(inner, "--devdrive-tmp", tests="def test_passes(tmp_path): pass")
    result.assert_outcomes(passed=1)
    (line,) = header_lines(result)
    assert line.startswith(f"{HEADER}pytest's default (standard location: several Dev Drives (D:")


def test_an_empty_option_value_means_on(
    inner: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", str(tmp_path))
    result = run_inner(inner, "--devdrive-tmp=")
    result.assert_outcomes(passed=1)
    (line,) = header_lines(result)
    assert f"PLATFORMDIRS_DEVDRIVE chose {tmp_path}" in line


def test_an_xdist_worker_decides_nothing(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(TEMPROOT)
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", str(tmp_path))
    config = pytester.parseconfig()
    config.workerinput = {"workerid": "gw0"}  # type: ignore[attr-defined]  # what xdist sets on a worker's config
    _pytest_temp.configure(config)
    assert _pytest_temp.header(config) == []
    assert TEMPROOT not in os.environ
    assert not (tmp_path / ".cache").exists()
    _pytest_temp.unconfigure(config)  # nothing to put back
    assert TEMPROOT not in os.environ


def test_the_options_are_in_pytests_help(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_inprocess("--help")
    result.stdout.fnmatch_lines(["*--devdrive-tmp=*ROOT*", "*--no-devdrive-tmp*", "*devdrive_tmp (string):*"])
