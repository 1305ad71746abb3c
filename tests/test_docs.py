"""The generated parts of the docs (docs/_ext): the flowchart is current, every reason is documented, and the
simulated Windows the examples run in agrees with the one this suite tests against, and leaves nothing behind."""

from __future__ import annotations

import importlib
import ntpath
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
import pytest

import platformdirs_devdrive as pdd
from platformdirs_devdrive import Reason, _api, _backends

from .conftest import WindowsDevDriveDirs

if TYPE_CHECKING:
    from collections.abc import Iterator

    from platformdirs_devdrive.testing import SimulatedProbe

DOCS_EXT = Path(__file__).parent.parent / "docs" / "_ext"
SVG = DOCS_EXT.parent / "_static" / "choosing.svg"


@pytest.fixture(scope="module")
def ext() -> Iterator[dict[str, Any]]:
    """The docs' helper modules, imported from docs/_ext."""
    sys.path.insert(0, str(DOCS_EXT))
    try:
        yield {name: importlib.import_module(name) for name in ("simulation", "reference", "flowchart")}
    finally:
        sys.path.remove(str(DOCS_EXT))


# --- the flowchart --------------------------------------------------------------------------------------------------


def test_committed_flowchart_is_what_the_script_draws(ext: dict[str, Any]) -> None:
    drawn: str = ext["flowchart"].render()
    assert SVG.read_text(encoding="utf-8") == drawn, "run: python docs/_ext/flowchart.py"


def test_flowchart_shows_every_reason_code(ext: dict[str, Any]) -> None:
    drawing = SVG.read_text(encoding="utf-8")
    assert [code.value for code in Reason if f">{code.value}" not in drawing and f" {code.value}" not in drawing] == []


def test_flowchart_check_mode_reports_a_stale_file(
    ext: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = tmp_path / "choosing.svg"
    stale.write_text("<svg/>", encoding="utf-8")
    monkeypatch.setattr(ext["flowchart"], "OUTPUT", stale)
    assert ext["flowchart"].main(["--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert ext["flowchart"].main([]) == 0
    assert ext["flowchart"].main(["--check"]) == 0
    assert stale.read_text(encoding="utf-8") == SVG.read_text(encoding="utf-8")


# --- the reason table -----------------------------------------------------------------------------------------------


def test_every_reason_has_a_note_in_a_drawn_box(ext: dict[str, Any]) -> None:
    reference = ext["reference"]
    assert reference.missing_notes() == []
    assert sorted(code for node in reference.NODES for code in reference.codes_of(node)) == sorted(
        code.value for code in Reason
    )


def test_reason_table_groups_partition_the_reasons(ext: dict[str, Any]) -> None:
    reference = ext["reference"]
    grouped = [row.code for group in reference.GROUPS for row in reference.reason_rows(group)]
    assert sorted(grouped) == sorted(code.value for code in Reason)
    assert [row.template for row in reference.reason_rows()] == [code.message for code in Reason]


def test_a_reason_without_a_note_is_reported(ext: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    reference = ext["reference"]
    notes = dict(reference.REASON_NOTES)
    del notes[Reason.SOLE_DEV_DRIVE]
    monkeypatch.setattr(reference, "REASON_NOTES", notes)
    assert reference.missing_notes() == [Reason.SOLE_DEV_DRIVE]
    with pytest.raises(ValueError, match="sole-dev-drive"):
        ext["flowchart"].render()


# --- the simulated Windows of the examples --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def documented(ext: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The Windows layout table, computed before any test mocks platformdirs' folder lookup."""
    rows: list[tuple[str, str, str]] = ext["reference"].windows_layout("D:\\")
    return rows


def test_simulation_gives_the_suites_windows_answers(
    ext: dict[str, Any], documented: list[tuple[str, str, str]], devdrive_world: SimulatedProbe, win_local: str
) -> None:
    reference = ext["reference"]
    devdrive_world.add_drive("D:\\")
    for example, (call, standard, path) in zip(reference.EXAMPLES, documented, strict=True):
        dirs = WindowsDevDriveDirs(**example.arguments, devdrive=True)
        report = dirs.resolve_cache() if example.kind == "cache" else dirs.resolve_temp()
        assert (call, report.path) == (example.call, path)
        if example.kind == "cache":  # the suite's user is "dev", the docs' is "me": compare below the folder
            local = ext["simulation"].FOLDERS["CSIDL_LOCAL_APPDATA"]
            assert ntpath.relpath(standard, local) == ntpath.relpath(ntpath.normpath(report.standard_path), win_local)


@pytest.mark.skipif(sys.platform == "win32", reason="the POSIX table needs POSIX ~ (Windows' expanduser ignores HOME)")
def test_layout_tables_show_the_readmes_promise(ext: dict[str, Any]) -> None:
    windows = {row[0]: row[1:] for row in ext["reference"].windows_layout()}
    assert windows['user_cache_dir("pip", appauthor=False)'][1] == r"D:\.cache\pip\Cache"
    assert windows['user_temp_dir("pip")'][1] == r"D:\.cache\Temp\pip"
    posix = {row[0]: row[1:] for row in ext["reference"].posix_layout()}
    assert posix['user_cache_dir("pip", appauthor=False)'] == (
        "/home/me/.cache/pip",
        "/Users/me/Library/Caches/pip",
        "/fast/.cache/pip",
    )


def test_simulation_restores_everything(ext: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", "0")
    before = (
        platformdirs.PlatformDirs,
        pdd.PlatformDirs,
        pdd.DevDrivePlatformDirs,
        _api.DevDrivePlatformDirs,
        tempfile.tempdir,
        _backends.current_probe(),
    )
    with ext["simulation"].simulated_windows() as world:
        assert "PLATFORMDIRS_DEVDRIVE" not in os.environ  # every example starts clean
        assert _backends.current_probe() is world
        assert pdd.user_cache_dir("pip", appauthor=False) == r"C:\Users\me\AppData\Local\pip\Cache"
        assert pdd.user_temp_dir("pip") == r"C:\Users\me\AppData\Local\Temp\pip"
    after = (
        platformdirs.PlatformDirs,
        pdd.PlatformDirs,
        pdd.DevDrivePlatformDirs,
        _api.DevDrivePlatformDirs,
        tempfile.tempdir,
        _backends.current_probe(),
    )
    assert after == before
    assert os.environ["PLATFORMDIRS_DEVDRIVE"] == "0"


def test_posix_layout_restores_the_environment(ext: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    home, tempdir = os.environ.get("HOME"), tempfile.tempdir
    ext["reference"].posix_layout()
    assert (os.environ.get("HOME"), os.environ["XDG_CACHE_HOME"], tempfile.tempdir) == (home, "/somewhere", tempdir)


def test_a_layout_example_that_falls_back_is_an_error(ext: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    reference = ext["reference"]
    broken = reference.Example('user_cache_dir("a|b")', "cache", {"appname": "a|b"})  # | is no Windows name
    monkeypatch.setattr(reference, "EXAMPLES", [broken])
    with pytest.raises(RuntimeError, match=r"not a plain folder name"):
        reference.windows_layout()


# --- where we differ from platformdirs, said precisely (issue 14, item 6) -------------------------------------------

ADDED = sorted(set(pdd.__all__) - set(platformdirs.__all__))


def _differences(path: Path, start: str) -> str:
    text = path.read_text(encoding="utf-8")
    section = text[text.index(start) :]
    end = section.find("\n## ", 1) if path.suffix == ".md" else section.find("\nDirectories\n")
    return section if end < 0 else section[:end]


@pytest.mark.parametrize(
    ("path", "start"),
    [("README.md", "## Where it differs from platformdirs"), ("docs/api.rst", "Every public name of the installed")],
)
def test_the_differences_with_platformdirs_are_listed_precisely(path: str, start: str) -> None:
    section = _differences(Path(__file__).parent.parent / path, start)
    assert "DevDrivePlatformDirs" in section
    assert [name for name in ADDED if name not in section] == []  # every name we add
    for name in ("devdrive=", "near=", "resolve_cache()", "resolve_temp()", "testing", "pytest_plugin"):
        assert name in section, name
    # and names we only re-export are not presented as differences
    assert [name for name in ("user_data_dir", "site_cache_dir", "user_log_path") if name in section] == []


def test_there_are_added_names_to_check() -> None:
    assert {"DevDrivePlatformDirs", "user_temp_dir", "resolve_cache_dir", "ENV_VAR"} <= set(ADDED)
