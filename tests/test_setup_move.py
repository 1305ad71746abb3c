"""Moving a cache (``move``, with ``copying``, ``files`` and ``progress`` below it): rename on one file system,
copy-check-remove across two; real faults never lose a file.

Faults are real: a small tmpfs that fills up (``unshare -m`` and ``mount``, as root), a copy killed with SIGKILL, a
file the moving user cannot read (a child dropped to ``nobody``), Ctrl-C. After each, every file is checked by its
SHA-256 in the place it is, and moving again completes the move.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from platformdirs_devdrive._setup import move
from platformdirs_devdrive._setup.move import PARTIAL, MoveError, move_tree

from .conftest import IS_WINDOWS, needs_posix

if TYPE_CHECKING:
    from collections.abc import Iterator

IS_ROOT = not IS_WINDOWS and os.geteuid() == 0
needs_root = pytest.mark.skipif(not IS_ROOT, reason="mounts a tmpfs / drops to another user: needs root")
SHM = Path("/dev/shm")


def make_tree(base: Path, files: int = 40, *, size: int = 20_000, seed: int = 16) -> dict[str, str]:
    """Write ``files`` files of random bytes in nested folders below ``base``; return their SHA-256 by path."""
    rng = random.Random(seed)  # content, not secrets
    for index in range(files):
        path = base / f"d{index % 4}" / f"e{index % 3}" / f"f{index}.bin"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rng.randbytes(rng.randint(1, size)))
    return checksums(base)


def checksums(base: Path) -> dict[str, str]:
    """Return the SHA-256 of every file below ``base`` by its relative path (partial copies included)."""
    found = {}
    for folder, _, names in os.walk(base):
        for name in names:
            path = Path(folder, name)
            found[path.relative_to(base).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def other_fs(tmp_path: Path) -> Iterator[Path]:
    """A folder on another file system than ``tmp_path`` (tmpfs), removed afterwards."""
    if IS_WINDOWS or not SHM.is_dir() or SHM.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("needs /dev/shm on another file system than the temporary folder")
    folder = Path(tempfile.mkdtemp(prefix="pdd-move-", dir=SHM))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


# --- one file system ------------------------------------------------------------------------------------------------


def test_on_one_file_system_the_tree_is_renamed(tmp_path: Path) -> None:
    before = make_tree(tmp_path / "old")

    outcome = move_tree(str(tmp_path / "old"), str(tmp_path / "new" / "pip"))

    assert outcome.method == "rename"
    assert outcome.complete
    assert checksums(tmp_path / "new" / "pip") == before
    assert (outcome.files, outcome.bytes) == (
        len(before),
        sum(p.stat().st_size for p in (tmp_path / "new").rglob("*.bin")),
    )
    assert not (tmp_path / "old").exists()


def test_renaming_merges_into_what_is_there_and_reports_conflicts(tmp_path: Path) -> None:
    before = make_tree(tmp_path / "old", files=12)
    target = tmp_path / "new"
    (target / "d0" / "e0").mkdir(parents=True)
    shutil.copy2(tmp_path / "old" / "d0" / "e0" / "f0.bin", target / "d0" / "e0" / "f0.bin")  # the same file
    (target / "d1" / "e1").mkdir(parents=True)
    (target / "d1" / "e1" / "f1.bin").write_bytes(b"another file")  # a different one

    outcome = move_tree(str(tmp_path / "old"), str(target))

    assert not outcome.complete
    clash, left = target / "d1" / "e1" / "f1.bin", tmp_path / "old" / "d1" / "e1" / "f1.bin"
    assert outcome.conflicts == [f"{clash} already exists with different content; {left} was left"]
    assert checksums(tmp_path / "old") == {"d1/e1/f1.bin": before["d1/e1/f1.bin"]}  # only the conflict stays
    after = checksums(target)
    assert after.pop("d1/e1/f1.bin") == hashlib.sha256(b"another file").hexdigest()
    assert after == {key: value for key, value in before.items() if key != "d1/e1/f1.bin"}


def test_a_missing_source_moves_nothing(tmp_path: Path) -> None:
    outcome = move_tree(str(tmp_path / "none"), str(tmp_path / "new"))
    assert (outcome.method, outcome.files, outcome.complete) == ("none", 0, True)


@pytest.mark.parametrize("inside", ["target-in-source", "source-in-target"])
def test_nested_folders_are_refused(tmp_path: Path, inside: str) -> None:
    make_tree(tmp_path / "a", files=2)
    source, target = (
        (tmp_path / "a", tmp_path / "a" / "b")
        if inside == "target-in-source"
        else (
            tmp_path / "a",
            tmp_path,
        )
    )
    with pytest.raises(MoveError, match="one folder is inside the other"):
        move_tree(str(source), str(target))


# --- copy, check, remove --------------------------------------------------------------------------------------------


def test_across_file_systems_files_are_copied_checked_and_removed(tmp_path: Path, other_fs: Path) -> None:
    before = make_tree(tmp_path / "old", files=60)
    (tmp_path / "old" / "link").symlink_to("d0/e0/f0.bin")  # other_fs is POSIX-only: links need no privilege

    outcome = move_tree(str(tmp_path / "old"), str(other_fs / "pip"), hash_files=True)

    assert outcome.method == "copy"
    assert outcome.complete, outcome.as_dict()
    assert checksums(other_fs / "pip") == {**before, "link": before["d0/e0/f0.bin"]}
    assert os.readlink(other_fs / "pip" / "link") == "d0/e0/f0.bin"
    assert outcome.files == len(before)
    assert not (tmp_path / "old").exists()


def test_a_forced_copy_on_one_file_system_keeps_modes_and_times(tmp_path: Path) -> None:
    make_tree(tmp_path / "old", files=3)
    path = tmp_path / "old" / "d0" / "e0" / "f0.bin"
    os.utime(path, (1_000_000_000, 1_000_000_000))
    if not IS_WINDOWS:
        path.chmod(0o640)

    outcome = move_tree(str(tmp_path / "old"), str(tmp_path / "new"), rename=False)

    copied = tmp_path / "new" / "d0" / "e0" / "f0.bin"
    assert outcome.method == "copy"
    assert copied.stat().st_mtime == 1_000_000_000
    if not IS_WINDOWS:
        assert copied.stat().st_mode & 0o777 == 0o640


def test_a_different_file_at_the_target_is_never_overwritten(tmp_path: Path) -> None:
    before = make_tree(tmp_path / "old", files=8)
    (tmp_path / "new" / "d2" / "e2").mkdir(parents=True)
    (tmp_path / "new" / "d2" / "e2" / "f2.bin").write_bytes(b"mine")

    outcome = move_tree(str(tmp_path / "old"), str(tmp_path / "new"), rename=False)

    assert len(outcome.conflicts) == 1
    assert "f2.bin already exists with different content" in outcome.conflicts[0]
    assert (tmp_path / "new" / "d2" / "e2" / "f2.bin").read_bytes() == b"mine"
    assert checksums(tmp_path / "old") == {"d2/e2/f2.bin": before["d2/e2/f2.bin"]}

    (tmp_path / "new" / "d2" / "e2" / "f2.bin").unlink()  # the user settles it; moving again completes
    assert move_tree(str(tmp_path / "old"), str(tmp_path / "new"), rename=False).complete
    assert checksums(tmp_path / "new") == before


def test_ctrl_c_mid_copy_loses_nothing_and_a_rerun_completes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = make_tree(tmp_path / "old", files=30, size=200_000)
    calls = []
    real_fsync = os.fsync

    def interrupted_fsync(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 10:
            raise KeyboardInterrupt
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", interrupted_fsync)
    with pytest.raises(KeyboardInterrupt):
        move_tree(str(tmp_path / "old"), str(tmp_path / "new"), rename=False)
    monkeypatch.setattr(os, "fsync", real_fsync)

    left, copied = checksums(tmp_path / "old"), checksums(tmp_path / "new")
    assert not [name for name in copied if name.endswith(PARTIAL)]
    assert left.keys() | copied.keys() == before.keys()
    assert all(before[name] == digest for name, digest in {**left, **copied}.items())
    assert len(copied) == 9  # the nine checked copies; their sources went

    assert move_tree(str(tmp_path / "old"), str(tmp_path / "new"), rename=False).complete
    assert checksums(tmp_path / "new") == before


@needs_posix
def test_kill_9_mid_copy_loses_nothing_and_a_rerun_completes(tmp_path: Path, other_fs: Path) -> None:
    before = make_tree(tmp_path / "old", files=80, size=100_000)
    target = other_fs / "pip"
    # A slow disk: each file takes 20 ms to flush, so the copy is surely killed halfway.
    script = textwrap.dedent(
        f"""
        import os, time
        from platformdirs_devdrive._setup.move import move_tree
        real = os.fsync
        os.fsync = lambda fd: (time.sleep(0.02), real(fd))[1]
        move_tree({str(tmp_path / "old")!r}, {str(target)!r})
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(_complete(target)) < 20:
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    child.wait()

    left, there = checksums(tmp_path / "old"), checksums(target)
    assert left == before  # nothing is removed before every file is copied and checked
    complete = {name: digest for name, digest in there.items() if not name.endswith(PARTIAL)}
    assert 20 <= len(complete) < len(before)  # killed halfway
    assert all(before[name] == digest for name, digest in complete.items())

    outcome = move_tree(str(tmp_path / "old"), str(target))

    assert outcome.complete, outcome.as_dict()
    assert outcome.files == len(before)  # the copies made before the kill were checked, not trusted
    assert checksums(target) == before  # and the partial file was replaced
    assert not (tmp_path / "old").exists()


def _complete(target: Path) -> list[Path]:
    return list(target.rglob("*.bin")) if target.exists() else []


def _in_private_tmpfs(mount: Path, size: str, script: str) -> list[dict[str, object]]:
    """Run ``script`` with a ``size`` tmpfs on ``mount`` in a private mount namespace; return its JSON lines."""
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare(1)")
    mount.mkdir(exist_ok=True)
    done = subprocess.run(
        [
            *("unshare", "-m", "sh", "-c", f'mount -t tmpfs -o size={size},mode=0700 tmpfs "$1" && exec "$2" -c "$3"'),
            *("-", str(mount), sys.executable, textwrap.dedent(script)),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


REPORT = """
import hashlib, json, os
from platformdirs_devdrive._setup import copying, move
def sums(base):
    found = {}
    for folder, _, names in os.walk(base):
        for name in names:
            path = os.path.join(folder, name)
            found[os.path.relpath(path, base).replace(os.sep, "/")] = hashlib.sha256(open(path, "rb").read()).hexdigest()
    return found
def report(outcome, target):
    print(json.dumps({**outcome.as_dict(), "target": sums(target)}), flush=True)
"""


@needs_root
def test_a_disk_that_fills_up_mid_copy_loses_nothing_and_a_rerun_completes(tmp_path: Path) -> None:
    before = make_tree(tmp_path / "old", files=40, size=200_000)  # about 4 MB, into a 2 MiB tmpfs
    mount = tmp_path / "small"
    script = REPORT + textwrap.dedent(
        f"""
        import subprocess
        # Another program filled the disk after the free-space check: the copy meets a real ENOSPC.
        copying._short_of_space = lambda items, target, outcome: False
        target = {str(mount / "pip")!r}
        report(move.move_tree({str(tmp_path / "old")!r}, target), target)
        subprocess.run(["mount", "-o", "remount,size=64m", {str(mount)!r}], check=True)
        report(move.move_tree({str(tmp_path / "old")!r}, target), target)
        """
    )

    full, rerun = _in_private_tmpfs(mount, "2m", script)

    assert "is full" in str(full["stopped"])
    assert not [name for name in full["target"] if name.endswith(PARTIAL)]  # type: ignore[attr-defined]
    assert rerun["complete"] is True
    assert rerun["target"] == before
    assert not (tmp_path / "old").exists()


@needs_root
def test_a_move_that_cannot_fit_does_not_start(tmp_path: Path) -> None:
    before = make_tree(tmp_path / "old", files=10, size=200_000)
    mount = tmp_path / "small"
    script = REPORT + textwrap.dedent(
        f"""
        target = {str(mount / "pip")!r}
        report(move.move_tree({str(tmp_path / "old")!r}, target), target)
        """
    )

    (result,) = _in_private_tmpfs(mount, "8m", script)

    assert "not enough free space" in str(result["stopped"])
    assert "nothing was copied" in str(result["stopped"])
    assert result["target"] == {}
    assert checksums(tmp_path / "old") == before


@needs_root
def test_a_file_the_user_cannot_read_stays_and_the_rest_moves(other_fs: Path) -> None:
    import pwd  # POSIX only

    entry = pwd.getpwnam("nobody")
    base = Path(
        tempfile.mkdtemp(prefix="pdd-eacces-", dir="/tmp")
    )  # /tmp: nobody can reach it, unlike pytest's own folders
    try:
        before = make_tree(base / "old", files=12)
        for path in [base, *base.rglob("*")]:
            os.lchown(path, entry.pw_uid, entry.pw_gid)
        secret = base / "old" / "d1" / "e1" / "f1.bin"
        os.chown(secret, 0, 0)
        secret.chmod(0o600)  # root's file in nobody's cache: nobody cannot read it
        target = other_fs / "pip"
        os.chown(other_fs, entry.pw_uid, entry.pw_gid)

        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover  # the child reports through the pipe
            try:
                os.setgroups([])
                os.setgid(entry.pw_gid)
                os.setuid(entry.pw_uid)
                outcome = move_tree(str(base / "old"), str(target))
                os.write(write, json.dumps(outcome.as_dict()).encode())
            finally:
                os._exit(0)
        os.close(write)
        with os.fdopen(read, "rb") as pipe:
            result = json.loads(pipe.read() or b"{}")
        os.waitpid(pid, 0)

        assert result["problems"] == [f"{secret}: Permission denied; left where it was"]
        assert checksums(base / "old") == {"d1/e1/f1.bin": before["d1/e1/f1.bin"]}
        assert checksums(target) == {key: value for key, value in before.items() if key != "d1/e1/f1.bin"}

        assert move_tree(str(base / "old"), str(target)).complete  # as root now: the last file follows
        assert checksums(target) == before
    finally:
        shutil.rmtree(base, ignore_errors=True)


# --- a file in use (Windows) ----------------------------------------------------------------------------------------

needs_windows = pytest.mark.skipif(not IS_WINDOWS, reason="Windows' sharing rules: an open file cannot be renamed")


@needs_windows
@pytest.mark.windows
@pytest.mark.parametrize("rename", [None, False])
def test_a_file_in_use_stays_and_the_rest_moves(tmp_path: Path, rename: bool | None) -> None:
    before = make_tree(tmp_path / "old", files=9)
    busy = tmp_path / "old" / "busy.bin"  # at the top: Wine, unlike Windows, renames a folder holding an open file
    busy.write_bytes(b"held open")
    before["busy.bin"] = hashlib.sha256(b"held open").hexdigest()
    with busy.open("rb"):  # Python opens without FILE_SHARE_DELETE, as most programs do: no rename, no delete
        outcome = move_tree(str(tmp_path / "old"), str(tmp_path / "new"), rename=rename)

    assert not outcome.complete
    assert any("in use by another program" in problem for problem in outcome.problems), outcome.problems
    left = checksums(tmp_path / "old")
    assert left["busy.bin"] == before["busy.bin"]  # still there, whole
    assert {**left, **checksums(tmp_path / "new")} == before

    assert move_tree(str(tmp_path / "old"), str(tmp_path / "new"), rename=rename).complete  # closed: it follows
    assert checksums(tmp_path / "new") == before


def test_a_folder_windows_will_not_rename_is_moved_entry_by_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = make_tree(tmp_path / "old", files=12)
    real_rename = os.rename

    def windows_rename(source: str, target: str) -> None:
        # What Windows answers for a folder holding a file a program has open (ERROR_ACCESS_DENIED).
        if os.path.basename(source) == "d1":
            raise PermissionError(13, "Access is denied", source)
        real_rename(source, target)

    monkeypatch.setattr(os, "rename", windows_rename)
    outcome = move_tree(str(tmp_path / "old"), str(tmp_path / "new"))

    assert outcome.complete, outcome.as_dict()
    assert checksums(tmp_path / "new") == before
    assert not (tmp_path / "old").exists()


# --- the progress display -------------------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_files_bytes_and_rate_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_tree(tmp_path / "old", files=5)
    terminal = _Terminal()
    monkeypatch.setattr(move.Progress, "update", lambda self, files, size: self._draw(files, size, time.monotonic()))

    move_tree(str(tmp_path / "old"), str(tmp_path / "new"), rename=False, progress=move.terminal_progress(terminal))

    lines = terminal.getvalue().split("\r")
    assert lines[-1].startswith("  copied 5 of 5 files, ")
    assert lines[-1].endswith(" MiB/s \n")
    assert len(lines) > 5  # drawn as it went


def test_no_progress_display_off_a_terminal() -> None:
    assert move.terminal_progress(io.StringIO()) is None
