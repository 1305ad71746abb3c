"""Measuring tools shared by the benchmark sections: fresh interpreters, interleaved timeit pairs, summaries.

Figures are stored in nanoseconds (per call) or seconds (per move); the report converts them for reading.

Per-call figures use the process's CPU time where it is precise (Linux, macOS: ``CLOCK_PROCESS_CPUTIME_ID``), so
that time spent waiting for a CPU on a busy machine is not counted; Windows updates process times only at each clock
tick (about 15.6 ms), so there the wall clock (``perf_counter``) is used.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import timeit
    from collections.abc import Iterator

CPU_CLOCK = sys.platform != "win32"
#: The clock of the per-call figures, and its name for the record.
CLOCK = time.process_time if CPU_CLOCK else time.perf_counter
CLOCK_NAME = "process_time" if CPU_CLOCK else "perf_counter"

#: Variables that change what the package resolves; every measurement starts without them.
OUR_VARS = ("PLATFORMDIRS_DEVDRIVE", "WIN_PD_OVERRIDE_LOCAL_APPDATA", "DEV_DRIVE")


def clean_env(**extra: str) -> dict[str, str]:
    """Return this process's environment without our variables or coverage's hooks, plus ``extra``."""
    env = {key: value for key, value in os.environ.items() if key not in OUR_VARS and not key.startswith("COVERAGE_")}
    env.update(extra)
    return env


def run_python(code: str, *args: str, importtime: bool = False, env: dict[str, str] | None = None) -> tuple[str, str]:
    """Run ``code`` in a fresh, isolated interpreter (``-I``: no PYTHON* variables, no user site, no cwd on the path).

    :returns: the child's stdout and stderr.
    """
    command = [sys.executable, "-I"]
    if importtime:
        command += ["-X", "importtime"]
    command += ["-c", code, *args]
    done = subprocess.run(  # noqa: PLW1510  # checked below, with the child's stderr in the message
        command, capture_output=True, text=True, encoding="utf-8", env=clean_env() if env is None else env
    )
    if done.returncode:
        msg = f"benchmark child failed ({done.returncode}):\n{done.stderr}"
        raise RuntimeError(msg)
    return done.stdout, done.stderr


def summary(samples: list[float]) -> dict[str, float]:
    """Return the minimum, median and maximum of ``samples`` and how many there were."""
    return {
        "min": min(samples),
        "median": statistics.median(samples),
        "max": max(samples),
        "n": len(samples),
    }


def ratio(numerator: float, denominator: float) -> float:
    """Return ``numerator / denominator``, rounded for the record."""
    return round(numerator / denominator, 3)


def _loops(timer: timeit.Timer, target_s: float) -> int:
    """Return a loop count that makes one repeat of ``timer`` last about ``target_s`` seconds."""
    number = 1
    while True:
        elapsed = timer.timeit(number)
        if elapsed >= target_s / 10 or number >= 10**7:
            return max(1, round(number * target_s / max(elapsed, 1e-9)))
        number *= 10


def time_pair(
    candidate: timeit.Timer, baseline: timeit.Timer, *, repeats: int, target_s: float
) -> tuple[dict[str, float], dict[str, float]]:
    """Time ``candidate`` and ``baseline`` in turns, ``repeats`` times each: drift on a busy machine hits both.

    :returns: per-call nanoseconds of each (min, median, max, n) plus the loop count of one repeat.
    """
    loops = {"candidate": _loops(candidate, target_s), "baseline": _loops(baseline, target_s)}
    per_call: dict[str, list[float]] = {"candidate": [], "baseline": []}
    for _ in range(repeats):
        for name, timer in (("baseline", baseline), ("candidate", candidate)):
            per_call[name].append(timer.timeit(loops[name]) / loops[name] * 1e9)
    ours = {**summary(per_call["candidate"]), "loops": loops["candidate"]}
    theirs = {**summary(per_call["baseline"]), "loops": loops["baseline"]}
    return ours, theirs


@contextmanager
def environ(**values: str | None) -> Iterator[None]:
    """Set (or, for ``None``, remove) environment variables for the duration of the block."""
    saved = {name: os.environ.get(name) for name in values}
    try:
        for name, value in values.items():
            _set(name, value)
        yield
    finally:
        for name, value in saved.items():
            _set(name, value)


def _set(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value
