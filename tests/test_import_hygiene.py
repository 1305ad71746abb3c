"""What importing the package costs in modules: pip imports it at start-up (figures: docs/performance.rst)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from .conftest import IS_WINDOWS

if TYPE_CHECKING:
    from pathlib import Path

# Run in a fresh interpreter: what this test process has imported says nothing about a tool's start-up.
PROBE = """
import json, sys
import platformdirs
before = set(sys.modules)
import platformdirs_devdrive as pdd
imported = set(sys.modules)
root = sys.argv[1]
pdd.user_cache_dir("pip", appauthor=False)
pdd.user_cache_dir("pip", appauthor=False, devdrive=root)
pdd.resolve_cache_dir("pip", appauthor=False, devdrive=True)
pdd.user_temp_dir("pip", devdrive=root, near=root)
pdd.resolve_temp_dir("pip", devdrive=True)
print(json.dumps({"import": sorted(imported - before), "use": sorted(set(sys.modules) - imported)}))
"""


def _added_modules(root: Path) -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-I", "-c", PROBE, str(root)], capture_output=True, text=True, check=True, encoding="utf-8"
    )
    added: dict[str, list[str]] = json.loads(done.stdout)
    return added


def test_import_loads_no_windows_or_typing_module(tmp_path: Path) -> None:
    added = _added_modules(tmp_path)["import"]

    assert not {"ctypes", "winreg", "typing"} & set(added), added
    assert "platformdirs_devdrive._windows" not in added  # the Windows backend waits for the first detection


def test_import_loads_no_other_package(tmp_path: Path) -> None:
    added = _added_modules(tmp_path)["import"]

    assert {name.partition(".")[0] for name in added} <= {"platformdirs_devdrive", *sys.stdlib_module_names}


@pytest.mark.skipif(IS_WINDOWS, reason="on Windows, detection loads the Windows backend by design")
def test_resolving_off_windows_loads_no_windows_module(tmp_path: Path) -> None:
    used = _added_modules(tmp_path)["use"]

    assert not {"ctypes", "winreg", "platformdirs_devdrive._windows"} & set(used), used


def test_import_loads_only_the_off_path(tmp_path: Path) -> None:
    added = _added_modules(tmp_path)["import"]
    ours = {name for name in added if name.startswith("platformdirs_devdrive")}

    # The off path needs the package, the class (_api), the flag and the patch detection (_flag) and our module
    # functions (_functions): four modules, each a fixed cost at pip's start-up. platformdirs' other functions are
    # copied on first use (_rebind), and the resolution machinery loads on the first call that resolves.
    assert ours == {f"platformdirs_devdrive{name}" for name in ("", "._api", "._flag", "._functions")}, ours
    assert not {"copy", "enum"} - set(sys.modules) & set(added)  # nothing platformdirs itself does not load


def test_the_core_never_loads_the_setup_engine(tmp_path: Path) -> None:
    added = _added_modules(tmp_path)

    assert not [name for name in added["import"] + added["use"] if name.startswith("platformdirs_devdrive._setup")]


def test_the_command_line_loads_the_setup_engine_only_for_its_commands() -> None:
    probe = (
        "import sys, platformdirs_devdrive._cli as cli; "
        "before = sorted(n for n in sys.modules if n.startswith('platformdirs_devdrive._setup')); "
        "cli.main(['drives']); "
        "print(before, sorted(n for n in sys.modules if n.startswith('platformdirs_devdrive._setup')))"
    )
    done = subprocess.run(
        [sys.executable, "-I", "-c", probe], capture_output=True, text=True, check=True, encoding="utf-8"
    )

    assert done.stdout.splitlines()[-1] == "[] []"


# --- pytest and imports (issue 14, item 5) --------------------------------------------------------------------------

START_PYTEST = """
import sys
import platformdirs_devdrive  # a tool imports us at start-up, then runs pytest (a test runner, a plugin)
{tweak}
import pytest
sys.exit(pytest.main(["-q", "-W", "error", "-p", "no:cacheprovider", sys.argv[1]]))
"""


@pytest.mark.parametrize(("tweak", "aborts"), [("", False), ("platformdirs_devdrive.__doc__ = 'no marker'", True)])
def test_importing_us_before_pytest_main_under_w_error(tmp_path: Path, tweak: str, aborts: bool) -> None:
    # pytest marks our package (a pytest11 plugin's) for assertion rewriting and warns when it is already imported,
    # unless its docstring says PYTEST_DONT_REWRITE; under -W error the warning aborts the run. The tweak removes the
    # marker to show that this test sees the difference.
    (tmp_path / "test_one.py").write_text("def test_one():\n    assert True\n", encoding="utf-8")
    code = START_PYTEST.format(tweak=tweak)
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "test_one.py")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        check=False,
    )
    output = done.stdout + done.stderr
    assert ("PytestAssertRewriteWarning" in output) is aborts, output
    assert (done.returncode != 0) is aborts, output


def test_platformdirs_submodules_import_through_us_as_through_platformdirs() -> None:
    names = ["android", "api", "macos", "unix", "version", "windows"]
    code = f"""
import sys
loaded = {{name for name in {names!r} if f"platformdirs.{{name}}" in sys.modules}}
from platformdirs_devdrive import {", ".join(names)}
print(sorted(loaded), all(sys.modules[f"platformdirs.{{name}}"] is globals()[name] for name in {names!r}))
"""
    done = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True, encoding="utf-8"
    )
    loaded, same = done.stdout.rsplit(" ", 1)
    assert same.strip() == "True"
    assert "windows" not in loaded or IS_WINDOWS  # imported on demand, as "from platformdirs import windows" does


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    import platformdirs_devdrive as pdd

    with pytest.raises(AttributeError, match="no attribute 'nonexistent'"):
        pdd.nonexistent  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(ImportError):
        from platformdirs_devdrive import nonexistent  # type: ignore[attr-defined]  # noqa: F401
