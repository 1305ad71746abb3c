"""Import cost: ``import platformdirs_devdrive`` against ``import platformdirs``, each in fresh interpreters.

Two views, from processes taken in turns so that a busy machine slows both alike:

- ``python -X importtime``: the cumulative microseconds of each top module, and of each of our modules. Within one of
  our processes, our own cost is our cumulative time minus the nested ``platformdirs`` import: a paired figure, free
  of the noise between processes.
- a clock around the import statement, without the ``-X importtime`` bookkeeping: the process's CPU time where it is
  precise (see ``measure``), so that waiting for a CPU on a busy machine is not counted; else the wall clock.

Both packages are byte-compiled first, as an installed package is; otherwise compiling would be measured.
"""

from __future__ import annotations

import json
import statistics
import sys

from bench.measure import CLOCK_NAME, run_python, summary

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
        "stdlib_added_by_import": stdlib_added,
        "stdlib_added_by_use": modules["use"],
        "ctypes_after_import": "ctypes" in modules["import"],
        "ctypes_after_use": "ctypes" in modules["use"],
        "windows": sys.platform == "win32",
    }
