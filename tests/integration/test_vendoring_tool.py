"""pip's own ``vendoring`` tool, end to end: ``vendoring sync`` of our wheel with the docs' drop list.

The tool downloads what ``vendor.txt`` names (our wheel, as tox built it, and the platformdirs release installed
here), installs it into ``src/host/_vendor``, applies the drops, rewrites the imports, and looks for each library's
license in its distribution, failing when one has none (it would need a fallback URL). Then the copy runs the same
checks as ``tests/test_vendoring.py``. Run by ``tox -e pip-integration``; skipped elsewhere.
"""

from __future__ import annotations

import os
import shutil
import sys
from importlib.metadata import version
from typing import TYPE_CHECKING

import pytest

from tests.test_architecture import EXTRAS
from tests.test_vendoring import NAMESPACE, drop_paths, run_check

from .conftest import ENABLED_VAR, run

if TYPE_CHECKING:
    from pathlib import Path

if not os.environ.get(ENABLED_VAR):
    pytest.skip(f"the real-pip tests run in `tox -e pip-integration` ({ENABLED_VAR})", allow_module_level=True)

CONFIG = """\
[tool.vendoring]
destination = "src/host/_vendor/"
requirements = "src/host/_vendor/vendor.txt"
namespace = "{namespace}"
protected-files = ["__init__.py", "vendor.txt"]

[tool.vendoring.transformations]
drop = [
    "bin/",
    "*.dist-info",
{drops}
]
"""


@pytest.fixture(scope="module")
def vendored(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("vendoring-project")
    drops = "".join(f'    "{pattern}",\n' for pattern in drop_paths())
    (project / "pyproject.toml").write_text(CONFIG.format(namespace=NAMESPACE, drops=drops.rstrip("\n")), "utf-8")
    vendor_dir = project / "src" / "host" / "_vendor"
    vendor_dir.mkdir(parents=True)
    (project / "src" / "host" / "__init__.py").write_text("", encoding="utf-8")
    (vendor_dir / "__init__.py").write_text("", encoding="utf-8")
    requirements = f"platformdirs=={version('platformdirs')}\nplatformdirs-devdrive @ {wheel.as_uri()}\n"
    (vendor_dir / "vendor.txt").write_text(requirements, encoding="utf-8")
    tool = shutil.which("vendoring", path=os.path.dirname(sys.executable)) or "vendoring"
    run([tool, "sync"], cwd=project)
    return project


def test_the_license_is_found_in_the_wheel(vendored: Path) -> None:
    license_file = vendored / "src" / "host" / "_vendor" / "platformdirs_devdrive" / "LICENSE"
    assert license_file.read_text(encoding="utf-8").startswith("MIT License")


def test_the_drops_are_applied(vendored: Path) -> None:
    package = vendored / "src" / "host" / "_vendor" / "platformdirs_devdrive"
    present = {path.stem for path in package.iterdir() if path.suffix == ".py" or path.is_dir()}
    assert not present & EXTRAS, present & EXTRAS
    assert {"_api", "_policy", "_safety", "_flag", "_layout"} <= present


def test_the_vendored_core_works(vendored: Path, tmp_path: Path) -> None:
    root = tmp_path / "fast"
    root.mkdir()
    result = run_check(vendored / "src", root)
    assert result["outside"] == []
    assert result["cache"] == [str(root / ".cache" / "pip"), "argument", "chosen-not-dev-drive"]
    assert isinstance(result["hint"], str)
    assert result["hint"].startswith("pip's cache is on C:\\, and D:\\ is a Dev Drive")
