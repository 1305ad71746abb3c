"""Run the benchmarks against platformdirs and write the figures as JSON (``tox -e bench``; see docs/performance.rst).

    python -m bench.run             # the full run: bench/results/<platform>-<python>.json
    python -m bench.run --quick     # a smoke run (seconds): written beside it as *.json.tmp, which git ignores

Then ``python -m bench.report`` turns every bench/results/*.json into docs/performance.rst. Timings are reported,
never asserted; the run fails only if ``ctypes`` is imported off Windows, which is a bug, not a slow machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import platformdirs

import platformdirs_devdrive
from bench import calls, colocation, detection, imports, moves
from bench.measure import OUR_VARS

if TYPE_CHECKING:
    from collections.abc import Callable

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "results")
SECTIONS = ("imports", "calls", "cold", "detection", "colocation", "moves")

#: How hard each mode works: the full run is what the docs show; quick only proves the benchmarks still run.
SETTINGS = {
    "full": {
        "import_runs": 21,
        "repeats": 25,
        "target_s": 0.01,
        "cold_runs": 15,
        "detect_repeat": 100,
        "files": 3000,
        "megabytes": 100,
        "move_repeats": 5,
        "cache_files": 10000,
        "cache_megabytes": 256,
        "cache_repeats": 5,
    },
    "quick": {
        "import_runs": 3,
        "repeats": 3,
        "target_s": 0.005,
        "cold_runs": 2,
        "detect_repeat": 10,
        "files": 300,
        "megabytes": 10,
        "move_repeats": 1,
        "cache_files": 200,
        "cache_megabytes": 4,
        "cache_repeats": 1,
    },
}


def machine() -> dict[str, object]:
    """Describe the machine and interpreter the figures come from."""
    info: dict[str, object] = {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu": _cpu_model(),
        "cpus": os.cpu_count(),
        "memory_gib": _memory_gib(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "python_build": " ".join(platform.python_build()),
        "platformdirs": platformdirs.__version__,
        "platformdirs_devdrive": platformdirs_devdrive.__devdrive_version__,
    }
    if hasattr(os, "getloadavg"):
        info["load_average_at_start"] = [round(value, 2) for value in os.getloadavg()]
    return info


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float | None:
    try:
        with open("/proc/meminfo", encoding="utf-8") as meminfo:
            for line in meminfo:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def goals(results: dict[str, Any]) -> list[dict[str, object]]:
    """Hold the figures to the goals of the issue; each entry says whether it was met."""
    found: list[dict[str, object]] = []
    if "imports" in results:
        imported = results["imports"]
        added = float(imported["added_ms"])
        found.append({"key": "import", "goal": "<= +1 ms", "value": f"+{added:.2f} ms", "met": added <= 1.0})
        if imported.get("whole_process_ratio") is not None:
            whole = float(imported["whole_process_ratio"])
            found.append({"key": "whole_process", "goal": "<= 1.03x", "value": f"{whole:.3f}x", "met": whole <= 1.03})
        windows = bool(imported["windows"])
        ctypes = bool(imported["ctypes_after_import"]) or (not windows and bool(imported["ctypes_after_use"]))
        found.append(
            {
                "key": "ctypes",
                "goal": "not imported" + ("" if windows else " (import, then use)"),
                "value": "imported" if ctypes else "not imported",
                "met": not ctypes,
            }
        )
    for row in results.get("calls", []):
        if row["goal"] is not None:
            value, goal = float(row["ratio_min"]), float(row["goal"])
            found.append({"key": row["key"], "goal": f"<= {goal:g}x", "value": f"{value:.2f}x", "met": value <= goal})
    if "moves" in results and (progress := moves.goal(results["moves"])):
        found.append(progress)
    if "detection" in results:
        for probe in ("simulated", "cached_backend", "windows"):
            section = results["detection"][probe]
            if section.get("measured", True):
                found.append(_detection_goal(probe, section["scenarios"]))
    return found


def _detection_goal(probe: str, scenarios: list[dict[str, Any]]) -> dict[str, object]:
    """One question per volume, then answers from a cache: the memo's for the simulated probe, the backend's else."""
    if probe == "simulated":  # it caches nothing itself: count the policy's questions per resolution
        first = max(count / row["resolutions"] for row in scenarios for count in row["first"]["volume"].values())
        again = max(
            sum(row["repeat"]["volume"].values()) + row["repeat"]["roots"] + sum(row["repeat"]["volume_root"].values())
            for row in scenarios
            if row["memoized"]
        )
        return {
            "key": "questions_simulated",
            "goal": "1 per volume per resolution; memoized calls ask none",
            "value": f"{first:g} per volume per resolution; memoized calls asked {again}",
            "met": first <= 1 and again == 0,
        }
    first = max((n for row in scenarios for n in row["first"]["round_trips"].values()), default=0)
    again = max((n for row in scenarios for n in row["repeat"]["round_trips"].values()), default=0)
    return {
        "key": f"round_trips_{probe}",
        "goal": "1 per volume, then cached",
        "value": f"{first} per volume, then {again}",
        "met": first <= 1 and again == 0,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the chosen sections and write the JSON; return 1 if ``ctypes`` was imported off Windows."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: few repeats, a 10 MB tree")
    parser.add_argument("--only", action="append", choices=SECTIONS, help="run only these sections (repeatable)")
    parser.add_argument("--output", help="where to write the JSON (default: bench/results/<platform>-<python>.json)")
    parser.add_argument("--disk-dir", help="the target's file system for the move (default: bench/results/)")
    parser.add_argument("--other-fs", help="a directory on another file system (default: /dev/shm when it is one)")
    args = parser.parse_args(argv)
    mode = "quick" if args.quick else "full"
    settings = SETTINGS[mode]
    sections = args.only or list(SECTIONS)
    output = args.output or _default_output(quick=args.quick, partial=bool(args.only))
    for name in OUR_VARS:  # figures for the defaults: a user's setting would change what is measured
        os.environ.pop(name, None)

    started = time.perf_counter()
    results: dict[str, Any] = {
        "schema": 1,
        "mode": mode,
        "date": datetime.now(timezone.utc).isoformat("T", "seconds"),
    }
    results["machine"] = machine()
    root = tempfile.mkdtemp(prefix="devdrive-bench-")
    disk_dir = args.disk_dir or RESULTS
    runners: dict[str, tuple[str, Callable[[], object]]] = {
        "imports": (
            f"import time: {settings['import_runs']} fresh processes per package and view",
            lambda: imports.measure(runs=int(settings["import_runs"]), root=root),
        ),
        "calls": (
            f"per call, warm: {settings['repeats']} repeats per case",
            lambda: calls.measure_warm(
                root=root, repeats=int(settings["repeats"]), target_s=float(settings["target_s"])
            ),
        ),
        "cold": (
            f"per call, cold: {settings['cold_runs']} fresh processes per case",
            lambda: calls.measure_cold(root=root, runs=int(settings["cold_runs"])),
        ),
        "detection": (
            f"detection: {settings['detect_repeat']} repeated calls per scenario",
            lambda: detection.measure(root=root, repeat=int(settings["detect_repeat"])),
        ),
        "colocation": (
            f"co-location: {settings['move_repeats']} moves each way of {settings['megabytes']} MB",
            lambda: colocation.measure(
                disk_dir=disk_dir,
                other_dir=args.other_fs or _default_other_fs(),
                files=int(settings["files"]),
                megabytes=int(settings["megabytes"]),
                repeats=int(settings["move_repeats"]),
            ),
        ),
        "moves": (
            (
                f"enable --move: {settings['cache_repeats']} moves of a {settings['cache_megabytes']} MB, "
                f"{settings['cache_files']}-file cache by rename and by copy, with and without progress"
            ),
            lambda: moves.measure(
                disk_dir=disk_dir,
                other_dir=args.other_fs or _default_other_fs(),
                files=int(settings["cache_files"]),
                megabytes=int(settings["cache_megabytes"]),
                repeats=int(settings["cache_repeats"]),
            ),
        ),
    }
    os.makedirs(disk_dir, exist_ok=True)
    results["sections_s"] = {}
    try:
        for name in SECTIONS:
            if name in sections:
                print(runners[name][0], flush=True)
                start = time.perf_counter()
                results[name] = runners[name][1]()
                results["sections_s"][name] = round(time.perf_counter() - start, 1)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    if hasattr(os, "getloadavg"):
        results["machine"]["load_average_at_end"] = [round(value, 2) for value in os.getloadavg()]
    results["duration_s"] = round(time.perf_counter() - started, 1)
    results["goals"] = goals(results)

    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    with open(output, "w", encoding="utf-8") as file:
        json.dump(results, file, indent=2, sort_keys=False)
        file.write("\n")
    for goal in results["goals"]:
        print(f"  {'met   ' if goal['met'] else 'MISSED'}  {goal['key']}: {goal['value']} (goal {goal['goal']})")
    print(f"wrote {os.path.relpath(output)} in {results['duration_s']} s")
    ctypes_goal = [goal for goal in results["goals"] if goal["key"] == "ctypes"]
    return 1 if ctypes_goal and not ctypes_goal[0]["met"] else 0


def _default_output(*, quick: bool, partial: bool) -> str:
    name = f"{sys.platform}-{platform.python_implementation().lower()}{sys.version_info[0]}.{sys.version_info[1]}"
    suffix = ".json.tmp" if quick or partial else ".json"  # only full runs replace the figures the docs show
    return os.path.join(RESULTS, f"{name}{'-quick' if quick else ''}{suffix}")


def _default_other_fs() -> str | None:
    return "/dev/shm" if os.path.isdir("/dev/shm") else None  # tmpfs on Linux: RAM, another fs


if __name__ == "__main__":
    sys.exit(main())
