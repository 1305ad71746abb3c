"""The benchmarks' own logic (goals, counting, the moved tree, the generated page); no timing is ever asserted."""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from bench import colocation, detection, imports, moves, report, run

from platformdirs_devdrive.testing import SimulatedProbe

from .conftest import IS_WINDOWS

IMPORTTIME = """\
import time: self [us] | cumulative | imported package
import time:       729 |      34954 |   platformdirs
import time:       226 |        226 |     platformdirs_devdrive._layout
import time:       905 |       4069 |   platformdirs_devdrive._api
import time:       745 |      40274 | platformdirs_devdrive
"""


def test_importtime_output_is_parsed() -> None:
    table = imports.parse_importtime(IMPORTTIME)

    assert table == {
        "platformdirs": (729, 34954),
        "platformdirs_devdrive._layout": (226, 226),
        "platformdirs_devdrive._api": (905, 4069),
        "platformdirs_devdrive": (745, 40274),
    }


def _imports(added_ms: float, *, windows: bool = False, after_use: bool = False) -> dict[str, Any]:
    return {"added_ms": added_ms, "windows": windows, "ctypes_after_import": False, "ctypes_after_use": after_use}


def _by_key(results: dict[str, Any]) -> dict[str, bool]:
    return {str(goal["key"]): bool(goal["met"]) for goal in run.goals(results)}


@pytest.mark.parametrize(("added_ms", "met"), [(0.99, True), (1.0, True), (1.01, False)])
def test_import_goal_is_one_millisecond(added_ms: float, met: bool) -> None:
    assert _by_key({"imports": _imports(added_ms)})["import"] is met


@pytest.mark.parametrize(("windows", "met"), [(False, False), (True, True)])
def test_ctypes_may_be_loaded_by_use_only_on_windows(windows: bool, met: bool) -> None:
    assert _by_key({"imports": _imports(0.5, windows=windows, after_use=True)})["ctypes"] is met


def test_call_goals_are_judged_on_the_ratio_of_minimums() -> None:
    rows = [
        {"key": "fast", "ratio_min": 1.09, "ratio_median": 1.5, "goal": 1.1},
        {"key": "slow", "ratio_min": 1.11, "ratio_median": 1.0, "goal": 1.1},
        {"key": "report", "ratio_min": 5.0, "ratio_median": 5.0, "goal": None},
    ]

    assert _by_key({"calls": rows}) == {"fast": True, "slow": False}


def test_probe_counter_counts_per_volume_and_unwraps(tmp_path: Path) -> None:
    probe = SimulatedProbe()
    drive = probe.add_drive(tmp_path, dev_drive=True)

    with detection.counting(probe) as counter:
        probe.volume(probe.volume_root(str(tmp_path / "a" / "b")))
        probe.volume(drive)
        probe.dev_drives()

    assert counter.snapshot() == {
        "volume_root": {drive: 1},
        "roots": 1,
        "volume": {drive: 3},
        "round_trips": {drive: 3},  # the simulated probe has no cache below volume(): every question is a trip
    }
    assert not {"volume", "volume_root", "roots"} & set(vars(probe))  # the class's methods show through again
    probe.volume(drive)
    assert counter.snapshot()["volume"] == {drive: 3}


def test_detection_section_finds_one_round_trip_per_volume(tmp_path: Path) -> None:
    result: dict[str, Any] = detection.measure(root=str(tmp_path), repeat=3)

    goals = _by_key({"detection": result})
    assert goals["questions_simulated"] is True
    assert goals["round_trips_cached_backend"] is True
    for row in result["cached_backend"]["scenarios"]:
        assert set(row["first"]["round_trips"].values()) <= {1}, row
        assert row["repeat"]["round_trips"] == {}, row
    if not IS_WINDOWS:
        assert result["windows"] == {"measured": False, "why": "not Windows"}


def test_windows_branch_counts_the_real_probe_below_its_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # What a run on Windows does, with the Windows backend's cache fed simulated answers standing in for the OS.
    answers = SimulatedProbe()
    answers.add_drive(tmp_path, dev_drive=True)
    backend = detection.CachedBackend.build(answers)
    assert backend is not None
    monkeypatch.setattr(detection, "WINDOWS", True)

    with detection.installed(backend):
        result: dict[str, Any] = detection._measure_windows(str(tmp_path), repeat=3)

    assert result["measured"] is True
    assert {row["key"] for row in result["scenarios"]} == {
        "cache_auto",
        "temp_near",
        "cache_root",
        "resolve_auto",
        "startup",
    }
    for row in result["scenarios"]:
        assert row["first"]["round_trips"] == {str(tmp_path): 1}, row
        assert row["repeat"]["round_trips"] == {}, row
    assert _by_key({"detection": {"simulated": result, "cached_backend": result, "windows": result}})[
        "round_trips_windows"
    ]
    assert not {"volume", "volume_root", "roots", "_query"} & set(vars(backend))


def test_detection_goal_flags_a_probe_asked_twice() -> None:
    scenario = {
        "first": {"volume_root": {}, "roots": 1, "volume": {"D:\\": 2}, "round_trips": {"D:\\": 2}},
        "repeat": {"volume_root": {}, "roots": 0, "volume": {}, "round_trips": {}},
        "resolutions": 1,
        "memoized": True,
    }
    detected = {
        "simulated": {"scenarios": [scenario]},
        "cached_backend": {"scenarios": [scenario]},
        "windows": {"measured": False, "why": "not Windows"},
    }

    assert _by_key({"detection": detected}) == {"questions_simulated": False, "round_trips_cached_backend": False}


def test_tree_plan_is_fixed_and_adds_up() -> None:
    plan = colocation.tree_plan(files=600, total_bytes=20 * 1024 * 1024)

    assert plan == colocation.tree_plan(files=600, total_bytes=20 * 1024 * 1024)
    assert sum(size for _, size in plan) == 20 * 1024 * 1024
    assert len(plan) == 601  # and the dist-info RECORD
    small = [size for _, size in plan if size <= 64 * 1024]
    assert len(small) >= 0.9 * len(plan)
    assert len({path for path, _ in plan}) == len(plan)


def test_written_tree_has_the_planned_files_and_bytes(tmp_path: Path) -> None:
    plan = colocation.tree_plan(files=40, total_bytes=512 * 1024)

    colocation.write_tree(str(tmp_path / "tree"), plan)

    assert colocation.tree_size(str(tmp_path / "tree")) == (len(plan), 512 * 1024)


def test_move_needs_two_file_systems(tmp_path: Path) -> None:
    (tmp_path / "other").mkdir()

    same = colocation.measure(
        disk_dir=str(tmp_path), other_dir=str(tmp_path / "other"), files=3, megabytes=1, repeats=1
    )
    missing = colocation.measure(disk_dir=str(tmp_path), other_dir=None, files=3, megabytes=1, repeats=1)

    assert same["measured"] is False
    assert "are on the same file system" in str(same["why"])
    assert missing["measured"] is False
    assert "--other-fs" in str(missing["why"])
    assert os.listdir(tmp_path) == ["other"]  # nothing written when refused


def test_docs_page_shows_the_committed_results() -> None:
    page = Path(report.PAGE).read_text(encoding="utf-8")

    assert page == report.render(report.load()), "docs/performance.rst is stale: run python -m bench.report"


def _full_run() -> dict[str, Any]:
    """The newest committed run of every section (a run of one section, such as moves, has only its own)."""
    return next(run for run in report.load() if "calls" in run)


def test_missed_goals_are_explained_with_figures() -> None:
    broken = copy.deepcopy(_full_run())
    for goal in broken["goals"]:
        goal["met"] = False

    page = report.render([broken])

    assert "**missed**" in page
    assert "Why a goal was missed" in page
    notes = page.split("Why a goal was missed", 1)[1].split("\n~", 1)[0]
    assert "Import time: +" in notes
    assert "Off paths:" in notes
    assert "{" not in notes  # every field of every note was filled in


def test_a_ratio_close_to_its_goal_is_explained_too() -> None:
    far = copy.deepcopy(_full_run())
    for goal in far["goals"]:
        goal["met"] = True
    for row in far["calls"]:
        row["ratio_min"] = 0.9 * (row["goal"] or 1)
    close = copy.deepcopy(far)
    row = next(row for row in close["calls"] if row["key"] == "cache_off")
    row["ratio_min"] = 0.96 * row["goal"]

    assert "Off paths:" not in report.render([far])
    assert "Off paths:" in report.render([close])


# --- enable --move --------------------------------------------------------------------------------------------------


def test_cache_moves_need_two_file_systems(tmp_path: Path) -> None:
    (tmp_path / "other").mkdir()

    same = moves.measure(disk_dir=str(tmp_path), other_dir=str(tmp_path / "other"), files=3, megabytes=1, repeats=1)

    assert same["measured"] is False
    assert moves.goal(same) is None
    assert os.listdir(tmp_path) == ["other"]


@pytest.mark.skipif(IS_WINDOWS or not os.path.isdir("/dev/shm"), reason="needs tmpfs at /dev/shm")
def test_cache_moves_measure_every_move_and_leave_nothing(tmp_path: Path) -> None:
    shm = Path(tempfile.mkdtemp(dir="/dev/shm"))
    try:
        data = moves.measure(disk_dir=str(tmp_path), other_dir=str(shm), files=50, megabytes=1, repeats=2)
        assert os.listdir(shm) == []
    finally:
        shutil.rmtree(shm, ignore_errors=True)

    assert data["measured"] is True
    assert data["tree"] == {"files": 51, "bytes": 1024 * 1024}
    assert data["other_fs"] == "tmpfs"
    assert data["rename_s"]["n"] == data["copy_s"]["n"] == data["copy_progress_s"]["n"] == 2  # type: ignore[index]
    assert os.listdir(tmp_path) == []
    assert 0 < data["progress_share_max"] < 1  # type: ignore[operator]
    assert "enable --move: moving a cache" in report._moves(data)


@pytest.mark.parametrize(("share", "met"), [(0.0001, True), (0.02, True), (0.021, False)])
def test_the_progress_goal_is_two_percent(share: float, met: bool) -> None:
    goal = moves.goal({"measured": True, "progress_share_max": share})

    assert goal is not None
    assert goal["met"] is met
