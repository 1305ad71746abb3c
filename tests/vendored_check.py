# ruff: noqa: T201  # a script the vendoring tests run in a fresh interpreter
"""Run against a vendored copy of the core: ``python -I vendored_check.py SRC NAMESPACE ROOT``.

``SRC`` holds ``<namespace>/platformdirs_devdrive`` and ``<namespace>/platformdirs``, their imports rewritten under
``NAMESPACE`` (``host._vendor``), the droppable modules removed. Resolution, every reason and the hint must work from
the copy alone: nothing is imported from an installed ``platformdirs`` or ``platformdirs_devdrive``. Prints JSON.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import sys
from typing import Any

src, namespace, root = sys.argv[1:4]
sys.path.insert(0, src)
pdd: Any = importlib.import_module(f"{namespace}.platformdirs_devdrive")
probe_module: Any = importlib.import_module(f"{namespace}.platformdirs_devdrive._probe")
Probe: Any = probe_module.Probe

report = pdd.resolve_cache_dir("pip", appauthor=False, devdrive=root)
temp = pdd.resolve_temp_dir("pip", devdrive=root)
off = pdd.resolve_cache_dir("pip", appauthor=False)
messages = {code.value: code.message for code in pdd.Reason}


class OneDevDrive(Probe):  # type: ignore[misc]  # a Windows with one Dev Drive, D:\, through the copy's own Probe
    name = "check"
    supported = True

    def volume_root(self, path: str) -> str:
        return "D:\\" if path.upper().startswith("D:") else "C:\\"

    def volume(self, root: str) -> object:
        return probe_module.VolumeInfo(root, is_dev_drive=root == "D:\\", trusted=True)

    def roots(self) -> list[str]:
        return ["C:\\", "D:\\"]


probe_module.push_probe(OneDevDrive())
hint = pdd.devdrive_hint("pip", "C:\\Users\\me\\AppData\\Local\\pip\\Cache")
probe_module.pop_probe(probe_module.simulated())
modules = sorted(info.name for info in pkgutil.iter_modules(pdd.__path__))
for name in modules:
    if name not in {"_win32", "_winsec", "_windows"} or os.name == "nt":  # ctypes' WinDLL exists on Windows only
        importlib.import_module(f"{pdd.__name__}.{name}")
outside = sorted(
    name for name in sys.modules if name.split(".")[0] in {"platformdirs", "platformdirs_devdrive", "pytest"}
)
print(
    json.dumps(
        {
            "cache": [report.path, report.source.value, report.code.value],
            "temp": [temp.path, temp.source.value],
            "off": [off.path, off.code.value],
            "messages": messages,
            "hint": hint,
            "modules": modules,
            "outside": outside,
        }
    )
)
