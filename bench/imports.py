"""Import cost: ``import platformdirs_devdrive`` against ``import platformdirs``, each in fresh interpreters.

Two views, from processes taken in turns so that a busy machine slows both alike:

- ``python -X importtime``: the cumulative microseconds of each top module, and of each of our modules. Within one of
  our processes, our own cost is our cumulative time minus the nested ``platformdirs`` import: a paired figure, free
  of the noise between processes.
- a clock around the import statement, without the ``-X importtime`` bookkeeping: the process's CPU time where it is
  precise (see ``measure``), so that waiting for a CPU on a busy machine is not counted; else the wall clock.

- the whole process, ``python -c "import <module> as X; X.user_cache_dir('pip')"``, timed from outside (the wall
  clock from start to exit): what a tool's start-up pays, interpreter included. The goal holds the ratio of the
  medians to 1.03.

Both packages are byte-compiled first, as an installed package is; otherwise compiling would be measured.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

from bench.measure import CLOCK_NAME, clean_env, run_python, summary

OURS = "platformdirs_devdrive"
THEIRS = "platformdirs"

_CLOCKED = """
import time
start = time.{clock}()
import {module}
print(round((time.{clock}() - start) * 1e9))
"""

# What importing (and then using) the package adds to sys.modules, measured after platformdirs is already in.
_MODULES = """
import sys
import platformdirs
before = set(sys.modules)
import platformdirs_devdrive as pdd
after_import = set(sys.modules)
root = sys.argv[1]
pdd.user_cache_dir("pip", appauthor=False)
pdd.user_cache_dir("pip", appauthor=False, devdrive=root)
pdd.user_cache_path("pip", appauthor=False, devdrive=True)
pdd.resolve_cache_dir("pip", appauthor=False, devdrive=True)
pdd.user_temp_dir("pip", devdrive=root, near=root)
pdd.resolve_temp_dir("pip", devdrive=True)
pdd.DevDrivePlatformDirs("pip", appauthor=False, devdrive=root).user_cache_dir
after_use = set(sys.modules)
import json
print(json.dumps({"import": sorted(after_import - before), "use": sorted(after_use - after_import)}))
"""

_COMPILE = """
import compileall, os, sys
import platformdirs, platformdirs_devdrive
for module in (platformdirs, platformdirs_devdrive):
    if not compileall.compile_dir(os.path.dirname(module.__file__), quiet=1):
        sys.exit(f"cannot byte-compile {module.__name__}")
"""


def parse_importtime(stderr: str) -> dict[str, tuple[int, int]]:
    """Return ``{module: (self_us, cumulative_us)}`` from ``-X importtime`` output (first imports only)."""
    table: dict[str, tuple[int, int]] = {}
    for line in stderr.splitlines():
        if not line.startswith("import time:"):
            continue
        fields = line.removeprefix("import time:").split("|")
        if len(fields) != 3 or not fields[0].strip().isdigit():  # the header line
            continue
        table[fields[2].strip()] = (int(fields[0]), int(fields[1]))
    return table


_WHOLE = "import {module} as X; X.user_cache_dir('pip')"


def _whole_process(module: str) -> float:
    """Seconds from start to exit of ``python -c "import <module> as X; X.user_cache_dir('pip')"``."""
    command = [sys.executable, "-c", _WHOLE.format(module=module)]
    start = time.perf_counter()
    subprocess.run(command, check=True, env=clean_env(), stdout=subprocess.DEVNULL)  # our own command
    return time.perf_counter() - start


def measure(*, runs: int, root: str) -> dict[str, object]:
    """Run the import measurements: ``runs`` fresh processes per package and per view, in turns."""
    run_python(_COMPILE)
    for module in (THEIRS, OURS):  # a first, discarded run: pyc files and the OS file cache are warm for both
        run_python(_CLOCKED.format(module=module, clock=CLOCK_NAME))
    cumulative: dict[str, list[int]] = {OURS: [], THEIRS: []}
    own: list[int] = []
    nested: list[int] = []
    ours_by_module: dict[str, dict[str, list[int]]] = {}
    clocked: dict[str, list[float]] = {OURS: [], THEIRS: []}
    for index in range(runs):
        order = (THEIRS, OURS) if index % 2 == 0 else (OURS, THEIRS)
        for module in order:
            table = parse_importtime(run_python(f"import {module}", importtime=True)[1])
            cumulative[module].append(table[module][1])
            if module == OURS:
                own.append(table[OURS][1] - table[THEIRS][1])
                nested.append(table[THEIRS][1])
                for name, (self_us, cumulative_us) in table.items():
                    if name == OURS or name.startswith(f"{OURS}."):
                        entry = ours_by_module.setdefault(name, {"self": [], "cumulative": []})
                        entry["self"].append(self_us)
                        entry["cumulative"].append(cumulative_us)
            clocked[module].append(int(run_python(_CLOCKED.format(module=module, clock=CLOCK_NAME))[0]) / 1000)
    whole: dict[str, list[float]] = {OURS: [], THEIRS: []}
    for index in range(3 * runs):  # cheap and noisy (the wall clock of a whole process): three times as many
        for module in (THEIRS, OURS) if index % 2 == 0 else (OURS, THEIRS):
            whole[module].append(_whole_process(module) * 1e6)
    modules = json.loads(run_python(_MODULES, root)[0])
    stdlib_added = sorted(name for name in modules["import"] if name != OURS and not name.startswith(f"{OURS}."))
    own_median = statistics.median(own) / 1000
    return {
        "runs": runs,
        "command": f"{sys.executable} -I -X importtime -c 'import <module>'",
        "importtime_us": {
            "platformdirs": summary([float(value) for value in cumulative[THEIRS]]),
            "platformdirs_devdrive": summary([float(value) for value in cumulative[OURS]]),
            "platformdirs_nested": summary([float(value) for value in nested]),
            "own": summary([float(value) for value in own]),
        },
        "modules_us": {
            name: {
                "self": statistics.median(values["self"]),
                "cumulative": statistics.median(values["cumulative"]),
            }
            for name, values in ours_by_module.items()
        },
        "clock": CLOCK_NAME,
        "clocked_us": {
            "platformdirs": summary(clocked[THEIRS]),
            "platformdirs_devdrive": summary(clocked[OURS]),
        },
        "added_ms": round(own_median, 3),
        "added_ms_across_processes": round(
            (statistics.median(cumulative[OURS]) - statistics.median(cumulative[THEIRS])) / 1000, 3
        ),
        "added_ms_clocked": round((statistics.median(clocked[OURS]) - statistics.median(clocked[THEIRS])) / 1000, 3),
        "whole_process_command": f"{sys.executable} -c {_WHOLE!r}",
        "whole_process_us": {"platformdirs": summary(whole[THEIRS]), "platformdirs_devdrive": summary(whole[OURS])},
        "whole_process_ratio": round(statistics.median(whole[OURS]) / statistics.median(whole[THEIRS]), 4),
        "stdlib_added_by_import": stdlib_added,
        "stdlib_added_by_use": modules["use"],
        "ctypes_after_import": "ctypes" in modules["import"],
        "ctypes_after_use": "ctypes" in modules["use"],
        "windows": sys.platform == "win32",
    }
