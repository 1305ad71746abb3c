"""Per-call cost against platformdirs: warm (timeit, in this process) and cold (the first call of a fresh process).

Each of our calls is timed in turns with its baseline: platformdirs' own call for the cache, and what a tool does
today for temp (``os.path.join(tempfile.gettempdir(), "pip")``). Warm means the call was made once before, so the
per-process decision memo is filled; ``resolve_*`` has no memo by design (it is the full report).
"""

from __future__ import annotations

import os
import tempfile
import timeit
from contextlib import ExitStack

import platformdirs

import platformdirs_devdrive as pdd
from bench.measure import CLOCK, CLOCK_NAME, clean_env, environ, ratio, run_python, summary, time_pair
from platformdirs_devdrive.testing import simulated_drives

CACHE_BASELINE = 'pd.user_cache_dir("pip", appauthor=False)'
DATA_BASELINE = 'pd.user_data_dir("pip", appauthor=False)'
PROPERTY_BASELINE = "pd_dirs.user_cache_dir"
TEMP_BASELINE = 'join(gettempdir(), "pip")'


class Case:
    """One of our calls, the baseline it is compared with, and the world it runs in."""

    def __init__(  # a record
        self,
        key: str,
        label: str,
        statement: str,
        baseline: str,
        *,
        env: dict[str, str | None] | None = None,
        simulated: bool = False,
        goal: float | None = None,
    ) -> None:
        self.key = key
        self.label = label
        self.statement = statement
        self.baseline = baseline
        self.env = env or {}
        self.simulated = simulated
        self.goal = goal


def cases(root: str) -> list[Case]:
    """The warm cases; ``root`` is an existing directory standing in for a chosen drive."""
    # The issues' goals, for the cache (temp has no platformdirs counterpart to hold it to): off, at most 1.25 times
    # platformdirs (issue 14: every function builds our PlatformDirs, or a patched one, as platformdirs' own do);
    # on and warm, at most twice platformdirs.
    off, on = 1.25, 2.0
    return [
        Case(
            "rebound_off",
            "user_data_dir (platformdirs' function, rebound), off",
            'pdd.user_data_dir("pip", appauthor=False)',
            DATA_BASELINE,
            goal=off,
        ),
        Case(
            "cache_off",
            "user_cache_dir, off (flag unset)",
            'pdd.user_cache_dir("pip", appauthor=False)',
            CACHE_BASELINE,
            goal=off,
        ),
        Case(
            "cache_off_veto",
            "user_cache_dir, off (PLATFORMDIRS_DEVDRIVE=0)",
            'pdd.user_cache_dir("pip", appauthor=False)',
            CACHE_BASELINE,
            env={"PLATFORMDIRS_DEVDRIVE": "0"},
            goal=off,
        ),
        Case(
            "cache_on_root",
            "user_cache_dir, on: devdrive=<root>",
            'pdd.user_cache_dir("pip", appauthor=False, devdrive=root)',
            CACHE_BASELINE,
            goal=on,
        ),
        Case(
            "cache_on_env_root",
            "user_cache_dir, on: PLATFORMDIRS_DEVDRIVE=<root>",
            'pdd.user_cache_dir("pip", appauthor=False)',
            CACHE_BASELINE,
            env={"PLATFORMDIRS_DEVDRIVE": root},
            goal=on,
        ),
        Case(
            "cache_on_auto",
            "user_cache_dir, on: auto, one (simulated) Dev Drive",
            'pdd.user_cache_dir("pip", appauthor=False)',
            CACHE_BASELINE,
            env={"PLATFORMDIRS_DEVDRIVE": "auto"},
            simulated=True,
            goal=on,
        ),
        Case(
            "property_off",
            "DevDrivePlatformDirs(...).user_cache_dir, off",
            "dirs_off.user_cache_dir",
            PROPERTY_BASELINE,
            goal=off,
        ),
        Case(
            "property_on_root",
            "DevDrivePlatformDirs(..., devdrive=<root>).user_cache_dir",
            "dirs_root.user_cache_dir",
            PROPERTY_BASELINE,
            goal=on,
        ),
        Case(
            "resolve_cache_off",
            "resolve_cache_dir, off",
            'pdd.resolve_cache_dir("pip", appauthor=False)',
            CACHE_BASELINE,
        ),
        Case(
            "resolve_cache_on_root",
            "resolve_cache_dir, on: devdrive=<root>",
            'pdd.resolve_cache_dir("pip", appauthor=False, devdrive=root)',
            CACHE_BASELINE,
        ),
        Case("temp_off", "user_temp_dir, off", 'pdd.user_temp_dir("pip")', TEMP_BASELINE),
        Case(
            "temp_on_root",
            "user_temp_dir, on: devdrive=<root>",
            'pdd.user_temp_dir("pip", devdrive=root)',
            TEMP_BASELINE,
        ),
        Case(
            "temp_near",
            "user_temp_dir, on: near=<target on the (simulated) Dev Drive>",
            'pdd.user_temp_dir("pip", devdrive=True, near=target)',
            TEMP_BASELINE,
            simulated=True,
        ),
        Case("resolve_temp_off", "resolve_temp_dir, off", 'pdd.resolve_temp_dir("pip")', TEMP_BASELINE),
        Case(
            "resolve_temp_on_root",
            "resolve_temp_dir, on: devdrive=<root>",
            'pdd.resolve_temp_dir("pip", devdrive=root)',
            TEMP_BASELINE,
        ),
    ]


BASELINE_LABELS = {
    CACHE_BASELINE: "platformdirs.user_cache_dir",
    DATA_BASELINE: "platformdirs.user_data_dir",
    PROPERTY_BASELINE: "platformdirs.PlatformDirs(...).user_cache_dir",
    TEMP_BASELINE: "os.path.join(tempfile.gettempdir(), ...)",
}


def measure_warm(*, root: str, repeats: int, target_s: float) -> list[dict[str, object]]:
    """Time every warm case against its baseline."""
    rows: list[dict[str, object]] = []
    drive = os.path.join(root, "simulated-dev-drive")
    os.makedirs(drive, exist_ok=True)
    for case in cases(root):
        with ExitStack() as stack:
            stack.enter_context(environ(**case.env))
            if case.simulated:
                world = stack.enter_context(simulated_drives(windows=True))
                world.add_drive(drive, dev_drive=True)
            names = {
                "pd": platformdirs,
                "pdd": pdd,
                "root": root,
                "target": os.path.join(drive, "project", "site-packages"),
                "pd_dirs": platformdirs.PlatformDirs("pip", appauthor=False),
                "dirs_off": pdd.DevDrivePlatformDirs("pip", appauthor=False),
                "dirs_root": pdd.DevDrivePlatformDirs("pip", appauthor=False, devdrive=root),
                "join": os.path.join,
                "gettempdir": tempfile.gettempdir,
            }
            ours = timeit.Timer(case.statement, timer=CLOCK, globals=names)
            theirs = timeit.Timer(case.baseline, timer=CLOCK, globals=names)
            ours.timeit(1)  # warm: the decision is made (and remembered) before the clock starts
            theirs.timeit(1)
            mine, base = time_pair(ours, theirs, repeats=repeats, target_s=target_s)
        rows.append(
            {
                "key": case.key,
                "label": case.label,
                "statement": case.statement,
                "baseline": BASELINE_LABELS[case.baseline],
                "ours_ns": mine,
                "baseline_ns": base,
                "ratio_min": ratio(mine["min"], base["min"]),
                "ratio_median": ratio(mine["median"], base["median"]),
                "goal": case.goal,
                "clock": CLOCK_NAME,
            }
        )
    return rows


# The first call of a fresh process, imports done before the clock starts.
_COLD = """
import os, sys, time
what, root = sys.argv[1], sys.argv[2]
import platformdirs, platformdirs_devdrive as pdd, tempfile
calls = {
    "pd_cache": lambda: platformdirs.user_cache_dir("pip", appauthor=False),
    "cache_off": lambda: pdd.user_cache_dir("pip", appauthor=False),
    "cache_on_root": lambda: pdd.user_cache_dir("pip", appauthor=False, devdrive=root),
    "temp_baseline": lambda: os.path.join(tempfile.gettempdir(), "pip"),
    "temp_off": lambda: pdd.user_temp_dir("pip"),
    "temp_on_root": lambda: pdd.user_temp_dir("pip", devdrive=root),
}
call = calls[what]
clock = getattr(time, sys.argv[3])
start = clock()
call()
print(round((clock() - start) * 1e9))
"""

COLD_CASES = [
    ("cache_off", "user_cache_dir, off (flag unset)", "pd_cache"),
    ("cache_on_root", "user_cache_dir, on: devdrive=<root>", "pd_cache"),
    ("temp_off", "user_temp_dir, off", "temp_baseline"),
    ("temp_on_root", "user_temp_dir, on: devdrive=<root>", "temp_baseline"),
]


def measure_cold(*, root: str, runs: int) -> list[dict[str, object]]:
    """Time the first call in ``runs`` fresh processes per case, the cases and baselines taken in turns."""
    names = [key for key, _, _ in COLD_CASES] + sorted({baseline for _, _, baseline in COLD_CASES})
    samples: dict[str, list[float]] = {name: [] for name in names}
    env = clean_env()
    for index in range(runs):
        for name in names if index % 2 == 0 else reversed(names):
            samples[name].append(float(run_python(_COLD, name, root, CLOCK_NAME, env=env)[0]))
    rows: list[dict[str, object]] = []
    for key, label, baseline in COLD_CASES:
        mine, base = summary(samples[key]), summary(samples[baseline])
        rows.append(
            {
                "key": key,
                "label": label,
                "baseline": BASELINE_LABELS[CACHE_BASELINE if baseline == "pd_cache" else TEMP_BASELINE],
                "ours_ns": mine,
                "baseline_ns": base,
                "ratio_min": ratio(mine["min"], base["min"]),
                "ratio_median": ratio(mine["median"], base["median"]),
                "clock": CLOCK_NAME,
            }
        )
    return rows
