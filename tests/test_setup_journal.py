"""The journal of enable: where it lives, atomic owner-only writes, and a clear error for anything unreadable."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from platformdirs_devdrive._setup import journal
from platformdirs_devdrive._setup.journal import JournalError

from .conftest import needs_posix

if TYPE_CHECKING:
    from pathlib import Path

    from pytest_mock import MockerFixture


def _sample(root: str = "/fast") -> journal.Journal:
    record = journal.new(root, "linux")
    record["variables"].append({"name": "PIP_CACHE_DIR", "before": None, "after": {"value": "/x", "type": "profile"}})
    record["variables"].append(
        {
            "name": "MAVEN_OPTS",
            "before": {"value": "-Xmx1g", "type": "environment"},
            "after": {"value": "-Dmaven.repo.local=/m -Xmx1g", "type": "profile"},
        }
    )
    record["profiles"].append({"path": "/h/.profile", "created": False, "separator": True})
    record["moves"].append({"tool": "pip", "variable": "PIP_CACHE_DIR", "source": "/a", "target": "/b", "done": False})
    return record


@needs_posix
def test_the_journal_lives_in_the_users_state_folder(user_home: Path) -> None:
    assert journal.path() == str(user_home / ".local" / "state" / "platformdirs-devdrive" / "enable.json")


def test_a_saved_journal_reads_back_the_same(tmp_path: Path) -> None:
    where = str(tmp_path / "state" / "enable.json")
    record = _sample()

    journal.save(record, where)

    assert journal.load(where) == record
    assert os.listdir(tmp_path / "state") == ["enable.json"]  # no temporary file left


@needs_posix
def test_the_journal_and_its_folder_are_owner_only(tmp_path: Path) -> None:
    where = tmp_path / "state" / "enable.json"

    journal.save(_sample(), str(where))

    assert stat.S_IMODE(where.stat().st_mode) == 0o600
    assert stat.S_IMODE(where.parent.stat().st_mode) == 0o700


def test_a_missing_journal_is_none(tmp_path: Path) -> None:
    assert journal.load(str(tmp_path / "none.json")) is None


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"{", "is corrupt"),
        (b"\xff\xfe", "is corrupt"),
        (b"[]", "not a JSON object"),
        (b'{"version": 99}', "format version 99"),
        (json.dumps({**_sample(), "state": "odd"}).encode(), "state 'odd' is neither"),
        (json.dumps({**_sample(), "moves": "x"}).encode(), "'moves' is missing or not a list"),
        (json.dumps({**_sample(), "variables": [{"name": "A"}]}).encode(), "variable A has no valid value"),
        (json.dumps({**_sample(), "profiles": [{"path": "/p"}]}).encode(), "profile whose 'created'"),
        (json.dumps({**_sample(), "moves": [{"tool": "pip"}]}).encode(), "move whose 'variable'"),
    ],
)
def test_an_unusable_journal_is_a_one_line_error(tmp_path: Path, content: bytes, words: str) -> None:
    where = tmp_path / "enable.json"
    where.write_bytes(content)

    with pytest.raises(JournalError, match=words) as caught:
        journal.load(str(where))

    assert "\n" not in str(caught.value)
    assert str(where) in str(caught.value)


def test_a_failed_write_keeps_the_old_journal(tmp_path: Path, mocker: MockerFixture) -> None:
    where = str(tmp_path / "enable.json")
    journal.save(_sample("/old"), where)
    mocker.patch("os.replace", side_effect=OSError(28, "No space left on device"))

    with pytest.raises(OSError, match="No space"):
        journal.save(_sample("/new"), where)

    kept = journal.load(where)
    assert kept is not None
    assert kept["root"] == "/old"
    assert os.listdir(tmp_path) == ["enable.json"]


def test_status_says_whether_enable_is_in_effect(tmp_path: Path) -> None:
    where = str(tmp_path / "enable.json")
    assert journal.status(where)["in_effect"] is False
    assert "not in effect" in str(journal.status(where)["summary"])

    journal.save(_sample("/fast"), where)
    state = journal.status(where)

    assert state["in_effect"] is True
    assert state["variables"] == ["PIP_CACHE_DIR", "MAVEN_OPTS"]
    assert state["moves_pending"] == 1
    assert "root /fast, 2 variables set, 1 moves unfinished" in str(state["summary"])


def test_status_reports_a_corrupt_journal_without_raising(tmp_path: Path) -> None:
    where = tmp_path / "enable.json"
    where.write_text("{", encoding="utf-8")

    state = journal.status(str(where))

    assert state["in_effect"] is False
    assert "is corrupt" in str(state["error"])
    assert str(state["summary"]).startswith("enable: unknown (")


def test_remove_takes_the_empty_folder_too(tmp_path: Path) -> None:
    where = tmp_path / "state" / "enable.json"
    journal.save(_sample(), str(where))

    journal.remove(str(where))
    journal.remove(str(where))  # a second time: nothing left, no error

    assert not where.parent.exists()


def test_the_lock_refuses_a_second_holder_until_the_first_is_killed(tmp_path: Path) -> None:
    where = str(tmp_path / "state" / "enable.json")
    busy = (
        "import sys, time\n"
        "from platformdirs_devdrive._setup import journal\n"
        "with journal.locked(sys.argv[1]):\n"
        "    print('locked', flush=True)\n"
        "    time.sleep(60)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", busy, where], stdout=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "locked\n"
        with pytest.raises(JournalError, match="another enable or disable is running"), journal.locked(where):
            pass  # pragma: no cover  # refused before
    finally:
        holder.kill()  # TerminateProcess or SIGKILL: no clean-up code runs, the OS drops the lock
        holder.wait()
        holder.stdout.close()  # type: ignore[union-attr]  # a pipe, as asked

    with journal.locked(where):
        journal.save(_sample(), where)
    journal.remove(where)
    assert not (tmp_path / "state").exists()
