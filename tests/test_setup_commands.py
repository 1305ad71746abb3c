"""``enable`` and ``disable`` end to end through the command line, in a temporary home, on the real file system.

POSIX (every test but the last): the variables go into the login profiles. Windows (``tox -e windows`` under Wine): the real HKCU\\Environment,
put back afterwards.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from platformdirs_devdrive._setup import journal, userenv

from .conftest import IS_WINDOWS, needs_posix
from .test_cli import run, run_json

if TYPE_CHECKING:
    from collections.abc import Iterator

    from platformdirs_devdrive.testing import SimulatedProbe

needs_windows = pytest.mark.skipif(not IS_WINDOWS, reason="the real registry of a Windows interpreter")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "fast"
    folder.mkdir(mode=0o700)
    return folder


def _profile(home: Path) -> str:
    return (home / ".profile").read_text(encoding="utf-8")


def _file(path: Path) -> Path:
    path.write_text("", encoding="utf-8")
    return path


def _sums(base: Path) -> dict[str, str]:
    return {
        path.relative_to(base).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in base.rglob("*")
        if path.is_file()
    }


# --- enable ---------------------------------------------------------------------------------------------------------


@needs_posix
def test_dry_run_prints_the_plan_and_changes_nothing(
    user_home: Path, root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "enable", str(root), "--dry-run")

    assert (code, err) == (0, "")
    assert f"  set    PIP_CACHE_DIR={root}/.cache/pip  (now: not set)" in out
    assert f"  set    PLATFORMDIRS_DEVDRIVE={root}" in out
    assert "writes to: ~/.profile" in out
    assert out.endswith("dry run: nothing was changed\n")
    assert os.listdir(user_home) == []
    assert os.listdir(root) == []


@needs_posix
def test_enable_writes_the_profile_the_journal_and_owner_only_folders(
    user_home: Path, root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "enable", str(root), "--yes")

    assert code == 0
    assert "wrote 18 settings to ~/.profile" in out
    assert f"export VCPKG_DEFAULT_BINARY_CACHE='{root}/.cache/vcpkg'" in _profile(user_home)
    assert f"export PLATFORMDIRS_DEVDRIVE='{root}'" in _profile(user_home)
    for folder in ("vcpkg", "pip", "go/build", "yarn/berry"):
        info = (root / ".cache" / folder).stat()
        assert stat.S_IMODE(info.st_mode) == 0o700
    record = journal.load()
    assert record is not None
    assert record["root"] == str(root)
    assert {variable["name"]: variable["before"] for variable in record["variables"]}["PIP_CACHE_DIR"] is None


@needs_posix
def test_a_new_login_shell_sees_what_enable_wrote(
    user_home: Path, root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "enable", str(root), "--yes", "--tools", "pip,maven")

    done = subprocess.run(
        ["sh", "-lc", 'printf "%s|%s" "$PIP_CACHE_DIR" "$PLATFORMDIRS_DEVDRIVE"'],
        env={"HOME": str(user_home), "PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert done.stdout == f"{root}/.cache/pip|{root}"


@needs_posix
def test_show_and_doctor_report_enable(user_home: Path, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, before = run_json(capsys, "doctor")
    assert before["enable"]["in_effect"] is False

    run(capsys, "enable", str(root), "--yes", "--tools", "pip")
    _, shown = run_json(capsys, "show", "pip")
    _, out, _ = run(capsys, "doctor")

    assert shown["enable"]["in_effect"] is True
    assert shown["enable"]["variables"] == ["PIP_CACHE_DIR", "PLATFORMDIRS_DEVDRIVE"]
    assert "enable: in effect since " in out
    assert f"(root {root}, 2 variables set)" in out


@needs_posix
def test_a_variable_set_by_hand_is_kept_unless_its_tool_is_named(
    user_home: Path, root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UV_CACHE_DIR", "/mine/uv")

    _, out, _ = run(capsys, "enable", str(root), "--yes")
    assert "  yours  UV_CACHE_DIR: set by you (UV_CACHE_DIR=/mine/uv): kept; name uv in --tools to replace it" in out
    assert "UV_CACHE_DIR" not in _profile(user_home)

    code, out, _ = run(capsys, "enable", str(root), "--yes", "--tools", "uv")
    assert code == 0
    assert f"  set    UV_CACHE_DIR={root}/.cache/uv  (now: /mine/uv [environment])" in out
    assert f"export UV_CACHE_DIR='{root}/.cache/uv'" in _profile(user_home)
    record = journal.load()
    assert record is not None
    uv = next(variable for variable in record["variables"] if variable["name"] == "UV_CACHE_DIR")
    assert uv["before"] == {"value": "/mine/uv", "type": "environment"}


@needs_posix
def test_enable_again_changes_nothing_in_place(user_home: Path, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "enable", str(root), "--yes", "--tools", "pip")
    profile = _profile(user_home)

    code, out, _ = run(capsys, "enable", str(root), "--yes", "--tools", "pip")

    assert code == 0
    assert f"  same   PIP_CACHE_DIR={root}/.cache/pip" in out
    assert out.endswith("nothing to change\n")
    assert _profile(user_home) == profile


@needs_posix
def test_json_output(user_home: Path, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run_json(capsys, "enable", str(root), "--tools", "pip", "--dry-run")

    assert code == 0
    assert set(data) == {"plan", "dry_run", "changed", "exit_status"}
    items = {item["tool"]: item for item in data["plan"]["items"]}
    assert set(items) == {"pip", "platformdirs"}
    assert items["pip"]["action"] == "set"
    assert items["pip"]["value"] == f"{root}/.cache/pip"


@needs_posix
def test_enable_without_root_uses_the_chosen_dev_drive(
    user_home: Path, devdrive_world: SimulatedProbe, root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    devdrive_world.add_drive(root)

    code, out, _ = run(capsys, "enable", "--dry-run", "--tools", "pip")

    assert code == 0
    assert out.startswith(f"enable: tool caches under {root}/.cache ({root}: ")


def test_help_names_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    for command, options in (
        ("enable", ["ROOT", "--tools", "--move", "--dry-run", "--yes", "--json"]),
        ("disable", ["--move", "--dry-run", "--yes", "--json"]),
    ):
        code, out, _ = run(capsys, command, "--help")
        assert code == 0
        assert all(option in out for option in options), out
        assert "exit status: 0 done, 2 error or unfinished" in " ".join(out.split())


# --- errors ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda root: root / "missing", "does not exist"),
        (lambda root: _file(root / "file"), "is not a folder"),
    ],
)
@needs_posix
def test_a_root_that_is_no_folder_is_a_one_line_error(
    user_home: Path, root: Path, capsys: pytest.CaptureFixture[str], make: Any, words: str
) -> None:
    path = make(root)
    code, out, err = run(capsys, "enable", str(path), "--yes")

    assert (code, out) == (2, "")
    assert err == f"platformdirs-devdrive: error: ROOT {path}: {path} {words}\n"


@needs_posix
def test_an_unsafe_root_is_refused(user_home: Path, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / ".cache").mkdir(mode=0o700)
    (root / ".cache").chmod(0o777)  # anyone may plant a tool's folder in it

    code, _, err = run(capsys, "enable", str(root), "--yes")

    assert code == 2
    assert "is writable by group or others" in err
    assert err.count("\n") == 1
    assert not (user_home / ".profile").exists()


@needs_posix
def test_no_dev_drive_to_choose_is_an_error(
    user_home: Path, devdrive_world: SimulatedProbe, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    devdrive_world.add_drive(tmp_path / "a")
    devdrive_world.add_drive(tmp_path / "b")

    code, _, err = run(capsys, "enable", "--yes")

    assert code == 2
    assert "no Dev Drive chosen (" in err
    assert f"several Dev Drives ({tmp_path / 'a'}, {tmp_path / 'b'})" in err
    assert "name the drive or folder: platformdirs-devdrive enable " in err


@needs_posix
def test_an_unknown_tool_is_a_usage_error(user_home: Path, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "enable", str(root), "--tools", "pip,nope")

    assert code == 2
    assert "unknown tool nope" in err


@needs_posix
def test_without_yes_and_without_a_terminal_nothing_changes(
    user_home: Path, root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(capsys, "enable", str(root))
    assert code == 2
    assert "not confirmed: nothing was changed (add --yes" in err
    assert not (user_home / ".profile").exists()

    code, _, err = run(capsys, "enable", str(root), "--json")
    assert code == 2
    assert "--json prints no question: add --yes" in err


@needs_posix
def test_a_corrupt_journal_stops_both_commands(user_home: Path, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "enable", str(root), "--yes", "--tools", "pip")
    profile = _profile(user_home)
    with open(journal.path(), "w", encoding="utf-8") as file:
        file.write('{"version": 1, "root": ')

    for argv in (["enable", str(root), "--yes"], ["disable", "--yes"]):
        code, _, err = run(capsys, *argv)
        assert code == 2
        assert "is corrupt" in err
        assert "nothing was changed" in err
    assert _profile(user_home) == profile


@needs_posix
def test_disable_without_enable_is_an_error(user_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "disable", "--yes")

    assert code == 2
    assert err.startswith("platformdirs-devdrive: error: enable is not in effect: there is no journal at ")


@needs_posix
def test_another_root_while_enabled_is_an_error(
    user_home: Path, root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "enable", str(root), "--yes", "--tools", "pip")
    other = tmp_path / "other"
    other.mkdir(mode=0o700)

    code, _, err = run(capsys, "enable", str(other), "--yes")

    assert code == 2
    assert f"enable is in effect for {root}; run platformdirs-devdrive disable first" in err


@needs_posix
def test_a_profile_that_cannot_be_written_is_an_error(
    user_home: Path, root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (user_home / ".profile").mkdir()  # in the way even for root

    code, _, err = run(capsys, "enable", str(root), "--yes", "--tools", "pip")

    assert code == 2
    assert f"cannot read {user_home / '.profile'}" in err
    assert not os.path.exists(journal.path())  # stopped before anything was written


@needs_posix
def test_a_profile_that_refuses_the_write_leaves_a_journal_disable_can_use(
    user_home: Path, root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = user_home / ".profile"
    profile.write_text("export A=1\n", encoding="utf-8")
    (user_home / ".zprofile").write_text("", encoding="utf-8")  # written after .profile, before .zprofile fails
    if (
        shutil.which("chattr") is None
        or subprocess.run(["chattr", "+i", str(user_home / ".zprofile")], check=False).returncode
    ):
        pytest.skip("needs chattr +i (root, on a file system with the immutable flag)")
    try:
        code, _, err = run(capsys, "enable", str(root), "--yes", "--tools", "pip")
    finally:
        subprocess.run(["chattr", "-i", str(user_home / ".zprofile")], check=True)

    assert code == 2
    assert f"cannot write {user_home / '.zprofile'}: Operation not permitted" in err
    assert "PIP_CACHE_DIR" in profile.read_text(encoding="utf-8")  # the first profile got the block
    assert "disable puts back what was written" in err
    code, _, _ = run(capsys, "disable", "--yes")
    assert code == 0
    assert profile.read_text(encoding="utf-8") == "export A=1\n"
    assert (user_home / ".zprofile").read_text(encoding="utf-8") == ""
    assert not os.path.exists(journal.path())


@needs_posix
def test_a_second_run_at_the_same_time_is_refused_until_the_first_ends(
    user_home: Path, root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    busy = (
        "import time\n"
        "from platformdirs_devdrive._setup import journal\n"
        "with journal.locked():\n"
        "    print('locked', flush=True)\n"
        "    time.sleep(60)\n"
    )
    holder = subprocess.Popen(  # a busy enable
        [sys.executable, "-c", busy], stdout=subprocess.PIPE, text=True, encoding="utf-8"
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "locked\n"

        code, _, err = run(capsys, "enable", str(root), "--yes", "--tools", "pip")
        assert code == 2
        assert "another enable or disable is running" in err
        assert not (user_home / ".profile").exists()
    finally:
        holder.kill()  # SIGKILL: the operating system releases its lock
        holder.wait()
        holder.stdout.close()  # type: ignore[union-attr]  # a pipe, as asked

    code, _, _ = run(capsys, "enable", str(root), "--yes", "--tools", "pip")
    assert code == 0
    code, _, _ = run(capsys, "disable", "--yes")
    assert code == 0
    assert not os.path.exists(os.path.dirname(journal.path()))  # journal, lock and folder: all gone


# --- disable --------------------------------------------------------------------------------------------------------


@needs_posix
def test_disable_restores_the_profiles_byte_for_byte(
    user_home: Path, root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = b'# mine\nexport PATH="$HOME/bin:$PATH"'  # no final line break
    (user_home / ".profile").write_bytes(original)
    (user_home / ".bash_profile").write_bytes(b". ~/.profile\n")
    run(capsys, "enable", str(root), "--yes")
    run(capsys, "enable", str(root), "--yes", "--tools", "pip")  # a second enable: one block still

    code, out, _ = run(capsys, "disable", "--yes")

    assert code == 0
    assert "restored 18 settings in ~/.profile, ~/.bash_profile" in out
    assert (user_home / ".profile").read_bytes() == original
    assert (user_home / ".bash_profile").read_bytes() == b". ~/.profile\n"
    assert not os.path.exists(journal.path())
    _, data = run_json(capsys, "doctor")
    assert data["enable"]["in_effect"] is False


@needs_posix
def test_disable_leaves_a_setting_changed_by_hand(
    user_home: Path, root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "enable", str(root), "--yes", "--tools", "pip,npm")
    text = _profile(user_home).replace(f"{root}/.cache/npm", "/mine/npm")
    (user_home / ".profile").write_text(text, encoding="utf-8")

    code, out, _ = run(capsys, "disable", "--yes")

    assert code == 0
    assert "  yours    npm_config_cache: changed by hand since enable: left alone" in out
    assert "left alone (changed by hand since enable): npm_config_cache" in out
    assert _profile(user_home).splitlines()[1:-1] == ["export npm_config_cache='/mine/npm'"]


@needs_posix
def test_disable_dry_run_changes_nothing(user_home: Path, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "enable", str(root), "--yes", "--tools", "pip")
    profile = _profile(user_home)

    code, out, _ = run(capsys, "disable", "--dry-run")

    assert code == 0
    assert "  restore  PIP_CACHE_DIR: back to not set" in out
    assert _profile(user_home) == profile
    assert os.path.exists(journal.path())


# --- moving the caches ----------------------------------------------------------------------------------------------


def _pip_cache(home: Path) -> dict[str, str]:
    cache = home / ".cache" / "pip"
    for index in range(20):
        path = cache / "http" / f"{index % 3}" / f"entry{index}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(1000 + index))
    return _sums(cache)


@needs_posix
def test_enable_move_and_disable_move_carry_the_cache_there_and_back(
    user_home: Path, root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _pip_cache(user_home)

    code, out, _ = run(capsys, "enable", str(root), "--yes", "--move", "--tools", "pip")

    assert code == 0
    assert f"  move   {user_home}/.cache/pip -> {root}/.cache/pip" in out
    assert "  rename: 20 files, 0.0 MiB in " in out
    assert _sums(root / ".cache" / "pip") == before
    assert not (user_home / ".cache" / "pip").exists()

    code, out, _ = run(capsys, "disable", "--yes", "--move")

    assert code == 0
    assert f"  move     {root}/.cache/pip -> {user_home}/.cache/pip" in out
    assert _sums(user_home / ".cache" / "pip") == before


@needs_posix
def test_an_unfinished_move_is_reported_and_completed_by_running_enable_again(
    user_home: Path, root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _pip_cache(user_home)
    clash = root / ".cache" / "pip" / "http" / "0" / "entry0"
    clash.parent.mkdir(parents=True)
    clash.write_bytes(b"a different file")

    code, out, _ = run(capsys, "enable", str(root), "--yes", "--move", "--tools", "pip")

    assert code == 2
    assert f"  not moved: {clash} already exists with different content" in out
    assert "run platformdirs-devdrive enable --move again to finish" in out
    _, state = run_json(capsys, "show")
    assert state["enable"]["moves_pending"] == 1

    clash.unlink()
    code, out, _ = run(capsys, "enable", str(root), "--yes", "--move", "--tools", "pip")

    assert code == 0, out
    assert _sums(root / ".cache" / "pip") == before
    record = journal.load()
    assert record is not None
    assert all(move["done"] for move in record["moves"])


@needs_posix
def test_an_unfinished_disable_move_is_reported_and_completed_by_running_it_again(
    user_home: Path, root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _pip_cache(user_home)
    run(capsys, "enable", str(root), "--yes", "--move", "--tools", "pip")
    clash = user_home / ".cache" / "pip" / "http" / "1" / "entry1"
    clash.parent.mkdir(parents=True)
    clash.write_bytes(b"pip wrote this meanwhile")  # a file at the old place that differs

    code, out, _ = run(capsys, "disable", "--yes", "--move")

    assert code == 2
    assert f"  not moved: {clash} already exists with different content" in out
    assert "run platformdirs-devdrive disable --move again to finish" in out
    assert not (user_home / ".profile").exists()  # the variables are put back all the same
    _, state = run_json(capsys, "show")
    assert (state["enable"]["in_effect"], state["enable"]["state"]) == (False, "undoing")
    assert "not all moved back" in state["enable"]["summary"]

    clash.unlink()
    code, _, _ = run(capsys, "disable", "--yes", "--move")

    assert code == 0
    assert _sums(user_home / ".cache" / "pip") == before
    assert not os.path.exists(journal.path())


@needs_posix
def test_enable_killed_mid_move_loses_nothing_and_enable_again_finishes(
    user_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not os.path.isdir("/dev/shm") or os.stat("/dev/shm").st_dev == user_home.stat().st_dev:
        pytest.skip("needs /dev/shm on another file system")
    cache = user_home / ".cache" / "pip"
    for index in range(60):
        (cache / f"{index % 4}").mkdir(parents=True, exist_ok=True)
        (cache / f"{index % 4}" / f"entry{index}").write_bytes(os.urandom(50_000))
    before = _sums(cache)
    fast = Path(tempfile.mkdtemp(dir="/dev/shm"))
    # The real command in a child, on a slow disk (20 ms to flush each file), killed with SIGKILL halfway.
    script = (
        "import os, sys, time\n"
        "real = os.fsync\n"
        "os.fsync = lambda fd: (time.sleep(0.02), real(fd))[1]\n"
        "from platformdirs_devdrive._cli import main\n"
        "sys.exit(main(['enable', sys.argv[1], '--tools', 'pip', '--move', '--yes']))\n"
    )
    try:
        child = subprocess.Popen(
            [sys.executable, "-c", script, str(fast)], stdout=subprocess.DEVNULL, env={**os.environ}
        )
        target = fast / ".cache" / "pip"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(list(target.rglob("entry*"))) < 15:
            time.sleep(0.01)
        child.kill()
        child.wait()

        assert _sums(cache) == before  # every file still in its old place
        _, state = run_json(capsys, "show")
        assert state["enable"]["moves_pending"] == 1  # the journal knows the move is not done

        code, out, _ = run(capsys, "enable", str(fast), "--tools", "pip", "--move", "--yes")

        assert code == 0, out
        assert _sums(target) == before  # a partial file the kill left was replaced
        assert not cache.exists()
    finally:
        shutil.rmtree(fast, ignore_errors=True)


# --- the real registry (Windows) ------------------------------------------------------------------------------------


@pytest.fixture
def registry_snapshot() -> Iterator[None]:
    """Put PIP_CACHE_DIR and PLATFORMDIRS_DEVDRIVE in HKCU\\Environment back as they were."""
    store = userenv.RegistryStore()
    names = ("PIP_CACHE_DIR", "PLATFORMDIRS_DEVDRIVE")
    before = {name: store.get(name) for name in names}
    yield
    for name, value in before.items():
        store.set(name, value)


@needs_windows
@pytest.mark.windows
def test_enable_and_disable_in_the_real_registry(
    tmp_path: Path, registry_snapshot: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal, "path", lambda: str(tmp_path / "state" / "enable.json"))
    store = userenv.RegistryStore()
    store.set("PIP_CACHE_DIR", {"value": "%USERPROFILE%\\pipcache", "type": userenv.REG_EXPAND_SZ})
    store.set("PLATFORMDIRS_DEVDRIVE", None)
    root = tmp_path / "fast"
    root.mkdir()

    code, out, _ = run(capsys, "enable", str(root), "--yes", "--tools", "pip")

    assert code == 0, out
    assert store.get("PIP_CACHE_DIR") == {"value": str(root / ".cache" / "pip" / "Cache"), "type": userenv.REG_SZ}
    assert store.get("PLATFORMDIRS_DEVDRIVE") == {"value": str(root), "type": userenv.REG_SZ}

    code, out, _ = run(capsys, "disable", "--yes")

    assert code == 0, out
    assert store.get("PIP_CACHE_DIR") == {"value": "%USERPROFILE%\\pipcache", "type": userenv.REG_EXPAND_SZ}
    assert store.get("PLATFORMDIRS_DEVDRIVE") is None
