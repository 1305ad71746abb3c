"""Vendoring the core (docs/architecture.rst): the extras dropped, imports rewritten under a private namespace.

This does what pip's ``vendoring`` tool does to a package, with the same rewriting rules, on a copy made here; the
real tool runs end to end in ``tox -e pip-integration`` (``tests/integration/test_vendoring_tool.py``). The copy then
resolves, explains every reason and hints from a fresh ``python -I`` that can see nothing else.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

import platformdirs_devdrive
from platformdirs_devdrive import Reason

from .conftest import IS_WINDOWS
from .test_architecture import EXTRAS

CHECK = Path(__file__).with_name("vendored_check.py")
NAMESPACE = "host._vendor"
DOCS = Path(__file__).parents[1] / "docs" / "architecture.rst"


def drop_paths() -> list[str]:
    """The ``drop`` list of the docs' ``[tool.vendoring]`` example, as written there."""
    text = DOCS.read_text(encoding="utf-8")
    block = text[text.index("drop = [") : text.index("]", text.index("drop = ["))]
    return re.findall(r'"([^"]+)"', block)


def _rewrite(source: str, libraries: list[str]) -> str:
    # vendoring's rules (vendoring/tasks/vendor.py, rewrite_file_imports): "import lib" and "from lib..." of a
    # vendored library become imports from the namespace; relative imports are left alone.
    for lib in libraries:
        source = re.sub(rf"(\n\s*|^)import {lib}(\n| as )", rf"\1from {NAMESPACE} import {lib}\2", source)
        source = re.sub(rf"(\n\s*|^)from {lib}(\.| )", rf"\1from {NAMESPACE}.{lib}\2", source)
    return source


def vendor(into: Path) -> Path:
    """Copy platformdirs and our core under ``into/host/_vendor``, drop the extras, rewrite the imports."""
    vendor_dir = into / "host" / "_vendor"
    vendor_dir.mkdir(parents=True)
    for init in (into / "host" / "__init__.py", vendor_dir / "__init__.py"):
        init.write_text("", encoding="utf-8")
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(Path(platformdirs.__file__).parent, vendor_dir / "platformdirs", ignore=ignore)
    shutil.copytree(Path(platformdirs_devdrive.__file__).parent, vendor_dir / "platformdirs_devdrive", ignore=ignore)
    for pattern in drop_paths():
        target = vendor_dir / pattern
        if pattern.endswith("/"):
            shutil.rmtree(target)
        else:
            target.unlink()
    for path in vendor_dir.rglob("*.py"):
        path.write_text(_rewrite(path.read_text(encoding="utf-8"), ["platformdirs", "platformdirs_devdrive"]), "utf-8")
    return into


def run_check(src: Path, root: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-I", str(CHECK), str(src), NAMESPACE, str(root)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_the_docs_drop_exactly_the_extras() -> None:
    dropped = {
        Path(pattern).stem if not pattern.endswith("/") else pattern.rstrip("/").split("/")[-1]
        for pattern in drop_paths()
    }
    assert dropped == EXTRAS


def test_the_vendored_core_resolves_explains_and_hints(tmp_path: Path) -> None:
    src = vendor(tmp_path / "src")
    root = tmp_path / "fast"
    root.mkdir()
    result = run_check(src, root)
    layout = ["pip", "Cache"] if IS_WINDOWS else ["pip"]
    assert result["cache"] == [str(root.joinpath(".cache", *layout)), "argument", "chosen-not-dev-drive"]
    assert result["temp"] == [str(root / ".cache" / "Temp" / "pip"), "argument"]
    assert result["off"] == [platformdirs.user_cache_dir("pip", appauthor=False), "off-by-default"]
    assert result["messages"] == {code.value: code.message for code in Reason}
    assert result["hint"] == (
        "pip's cache is on C:\\, and D:\\ is a Dev Drive; set PLATFORMDIRS_DEVDRIVE=D:\\ to keep caches there, or "
        "PLATFORMDIRS_DEVDRIVE=0 to stop this message"
    )
    assert isinstance(result["modules"], list)
    assert not set(result["modules"]) & EXTRAS
    assert result["outside"] == []  # nothing came from an installed copy


def test_a_dropped_module_is_really_gone(tmp_path: Path) -> None:
    src = vendor(tmp_path / "src")
    package = src / "host" / "_vendor" / "platformdirs_devdrive"
    assert not (package / "_cli").exists()
    assert not (package / "testing.py").exists()
    with pytest.raises(subprocess.CalledProcessError):
        subprocess.run(
            [
                sys.executable,
                "-I",
                "-c",
                f"import sys; sys.path.insert(0, {str(src)!r}); import {NAMESPACE}.platformdirs_devdrive.testing",
            ],
            capture_output=True,
            check=True,
        )
