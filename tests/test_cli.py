"""The command line: every command against simulated drives and on this machine, exit codes, JSON keys, quoting."""

from __future__ import annotations

import importlib.util
import json
import os
import posixpath
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from platformdirs_devdrive import (
    DevDrivePlatformDirs,
    Reason,
    Resolution,
    __devdrive_version__,
    _cli,
    _places,
    _shells,
    _tools,
)
from platformdirs_devdrive._cli import main
from platformdirs_devdrive._report import explain

from .conftest import needs_posix

if TYPE_CHECKING:
    from pytest_mock import MockerFixture

    from platformdirs_devdrive.testing import SimulatedProbe

#: Variables that move other tools' caches (or their defaults); every test starts without them.
TOOL_VARS = sorted(
    {name for tool in _tools.TOOLS for setting in tool.settings for name in setting.names}
    | {"XDG_CACHE_HOME", "XDG_DATA_HOME", "PNPM_HOME", "GOPATH", "RATTLER_CACHE_DIR", "CONDA_EXE"}
)
WIN_ENV = {"USERPROFILE": r"C:\Users\me", "LOCALAPPDATA": r"C:\Users\me\AppData\Local"}
REPORT_KEYS = {"kind", "path", "standard_path", "on_dev_drive", "root", "source", "code", "reason", "dev_drives"}
CHOICE_KEYS = {"root", "on_dev_drive", "source", "code", "reason", "dev_drives"}
ON_POSIX = pytest.mark.skipif(sys.platform == "win32", reason="this machine's own answers are POSIX ones")


@pytest.fixture(autouse=True)
def _no_tool_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in TOOL_VARS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def windows_machine(devdrive_world: SimulatedProbe, monkeypatch: pytest.MonkeyPatch) -> SimulatedProbe:
    """A simulated Windows PC: C:\\ (NTFS) and the Dev Drive D:\\, user "me"; other tools' Windows defaults."""
    monkeypatch.setattr(_places, "current_platform", lambda: _places.WINDOWS)
    for name, value in WIN_ENV.items():
        monkeypatch.setenv(name, value)
    devdrive_world.add_drive("C:\\", dev_drive=False)
    devdrive_world.add_drive("D:\\")
    return devdrive_world


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code, out, _ = run(capsys, *argv, "--json")
    return code, json.loads(out)


# --- help and usage -------------------------------------------------------------------------------------------------


def test_help_lists_the_commands_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    out = " ".join(out.split())
    for command in ("show", "drives", "doctor", "env"):
        assert command in out
    assert "exit status: 0" in out
    assert "1 doctor" in out
    assert "2 usage" in out


@pytest.mark.parametrize(
    ("command", "words"),
    [
        ("show", ["APPNAME", "--author", "--no-author", "--version", "--json"]),
        ("drives", ["--json"]),
        ("doctor", ["--json", "exit status", "1 some cache could be on the Dev Drive"]),
        ("env", ["--root", "--shell", "--tools", *_shells.SHELLS, *(tool.name for tool in _tools.TOOLS)]),
    ],
)
def test_command_help(command: str, words: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert out.startswith(f"usage: platformdirs-devdrive {command}")
    for word in words:
        assert word in " ".join(out.split()), word


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.startswith(f"platformdirs-devdrive {__devdrive_version__}")


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["nope"],
        ["show", "--bogus"],
        ["show", "--author", "me", "--no-author"],
        ["env", "--shell", "zsh"],
        ["env", "--tools", "pip,bogus"],
        ["env", "--tools", ","],
        ["env", "--tools", ""],
        ["drives", "extra"],
    ],
)
def test_usage_errors_exit_2_with_usage(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "usage: platformdirs-devdrive" in err


def test_unknown_tool_names_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run(capsys, "env", "--tools", "pip,bogus")
    assert "unknown tool bogus (known: pip, uv," in err


# --- show -----------------------------------------------------------------------------------------------------------


def reports(data: dict[str, Any], kind: str, when: str) -> dict[str, Any]:
    report: dict[str, Any] = data[kind][when]
    assert set(report) == REPORT_KEYS
    return report


@ON_POSIX
def test_show_on_this_machine(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run_json(capsys, "show", "pip", "--no-author")
    assert code == 0
    assert set(data) == {"appname", "appauthor", "version", "flag", "enable", "cache", "temp"}
    assert (data["appname"], data["appauthor"], data["version"]) == ("pip", False, None)
    assert data["flag"] == {"name": "PLATFORMDIRS_DEVDRIVE", "value": None, "state": "off"}
    for kind in ("cache", "temp"):
        assert set(data[kind]) == {"current", "on"}
        assert reports(data, kind, "current")["code"] == Reason.OFF_BY_DEFAULT
        assert reports(data, kind, "on")["code"] == Reason.NOT_WINDOWS
    assert reports(data, "cache", "current")["path"] == DevDrivePlatformDirs("pip", False).user_cache_dir


def test_show_with_one_dev_drive(
    devdrive_world: SimulatedProbe, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drive = devdrive_world.add_drive(tmp_path)
    code, data = run_json(capsys, "show", "tool", "--version", "2.0")
    assert code == 0
    current, on = reports(data, "cache", "current"), reports(data, "cache", "on")
    assert (current["code"], current["on_dev_drive"]) == (Reason.OFF_BY_DEFAULT, False)
    assert (on["code"], on["root"], on["on_dev_drive"]) == (Reason.SOLE_DEV_DRIVE, drive, True)
    assert on["path"].startswith(os.path.join(drive, ".cache"))
    assert on["path"].endswith("2.0")
    assert reports(data, "temp", "on")["path"] == os.path.join(drive, ".cache", "Temp", "tool")


def test_show_with_several_dev_drives(
    devdrive_world: SimulatedProbe, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = devdrive_world.add_drive(tmp_path / "a"), devdrive_world.add_drive(tmp_path / "b")
    _, data = run_json(capsys, "show")
    on = reports(data, "cache", "on")
    assert (on["code"], on["root"], on["dev_drives"]) == (Reason.SEVERAL_DEV_DRIVES, None, [first, second])


def test_show_with_no_dev_drive(devdrive_world: SimulatedProbe, capsys: pytest.CaptureFixture[str]) -> None:
    devdrive_world.add_drive("C:\\", dev_drive=False)
    _, data = run_json(capsys, "show")
    assert reports(data, "cache", "on")["code"] == Reason.NO_DEV_DRIVE


def test_show_off_windows(devdrive_world: SimulatedProbe, capsys: pytest.CaptureFixture[str]) -> None:
    devdrive_world.windows = False
    _, data = run_json(capsys, "show")
    assert reports(data, "temp", "on")["code"] == Reason.NOT_WINDOWS


def test_show_follows_the_users_flag(
    devdrive_world: SimulatedProbe, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    devdrive_world.add_drive(tmp_path)
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", str(tmp_path))
    _, data = run_json(capsys, "show")
    assert data["flag"] == {"name": "PLATFORMDIRS_DEVDRIVE", "value": str(tmp_path), "state": "path"}
    current = reports(data, "cache", "current")
    assert (current["source"], current["code"], current["root"]) == (
        "environment",
        Reason.CHOSEN_DEV_DRIVE,
        str(tmp_path),
    )


def test_show_text_prints_each_report(
    devdrive_world: SimulatedProbe, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drive = devdrive_world.add_drive(tmp_path)
    code, out, _ = run(capsys, "show", "tool")
    assert code == 0
    assert out.startswith("tool: PLATFORMDIRS_DEVDRIVE is not set, so Dev Drive use is off\n")
    assert f"    reason:        {explain(Reason.SOLE_DEV_DRIVE, root=drive)}\n" in out
    assert "    source:        sole-dev-drive\n" in out
    assert out.count("on Dev Drive:  yes") == 2  # cache and temp, turned on


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("0", "PLATFORMDIRS_DEVDRIVE=0, so Dev Drive use is off"),
        ("auto", "PLATFORMDIRS_DEVDRIVE=auto, so Dev Drive use is on"),
    ],
)
def test_show_says_what_the_flag_means(
    value: str, words: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", value)
    _, out, _ = run(capsys, "show", "tool")
    assert out.startswith(f"tool: {words}\n")


def test_show_warns_once_about_a_flag_it_cannot_use(
    devdrive_world: SimulatedProbe, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing"
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", str(missing))
    code, out, err = run(capsys, "show")
    assert code == 0
    assert "PLATFORMDIRS_DEVDRIVE=" in out
    assert err.count("platformdirs-devdrive: warning: PLATFORMDIRS_DEVDRIVE ignored") == 1
    assert str(missing) in err


def test_show_refuses_a_name_that_climbs_out(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "..", "--json")
    if code == 2:  # platformdirs 4.12+ refuses it itself
        assert (out, err) == (
            "",
            "platformdirs-devdrive: error: appname must stay inside the base directory, got '..'\n",
        )
    else:  # platformdirs 4.11 lets it through: our own checks refuse it wherever it would be used
        assert code == 0
        assert "'..' is not a plain folder name" in out


# --- drives ---------------------------------------------------------------------------------------------------------


def test_drives_lists_volumes_and_the_choice(
    devdrive_world: SimulatedProbe, capsys: pytest.CaptureFixture[str]
) -> None:
    devdrive_world.add_drive("C:\\", dev_drive=False)
    devdrive_world.add_drive("D:\\", filesystem="ReFS")
    code, data = run_json(capsys, "drives")
    assert code == 0
    assert set(data) == {"probe", "windows", "volumes", "error", "chosen"}
    assert (data["probe"], data["windows"], data["error"]) == ("simulated", True, None)
    assert data["volumes"] == [devdrive_world.volume(root).as_dict() for root in ("C:\\", "D:\\")]
    assert set(data["chosen"]) == CHOICE_KEYS
    assert (data["chosen"]["root"], data["chosen"]["code"]) == ("D:\\", Reason.SOLE_DEV_DRIVE)


def test_drives_text(devdrive_world: SimulatedProbe, capsys: pytest.CaptureFixture[str]) -> None:
    devdrive_world.add_drive("C:\\", dev_drive=False)
    devdrive_world.add_drive("D:\\")
    devdrive_world.add_drive("E:\\", trusted=False)
    code, out, _ = run(capsys, "drives")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "probe: simulated (Windows)"
    assert lines[1].split() == ["ROOT", "FILESYSTEM", "DEV", "DRIVE", "TRUSTED", "ERROR"]
    assert lines[2].split() == ["C:\\", "NTFS", "no", "-"]
    assert lines[3].split() == ["D:\\", "ReFS", "yes", "yes"]
    assert lines[4].split() == ["E:\\", "ReFS", "yes", "no"]
    assert lines[5] == "chosen: none"
    reason = explain(Reason.SEVERAL_DEV_DRIVES, drives="D:\\, E:\\", env="PLATFORMDIRS_DEVDRIVE", first="D:\\")
    assert lines[6] == f"  reason: {reason}"
    assert "fsutil devdrv trust E:" in lines[7]


@pytest.mark.parametrize(
    ("drives", "windows", "code"),
    [
        ([], True, Reason.NO_DEV_DRIVE),
        (["C:\\"], True, Reason.NO_DEV_DRIVE),
        ([], False, Reason.NOT_WINDOWS),
    ],
)
def test_drives_says_why_none_is_chosen(
    drives: list[str], windows: bool, code: Reason, devdrive_world: SimulatedProbe, capsys: pytest.CaptureFixture[str]
) -> None:
    devdrive_world.windows = windows
    for root in drives:
        devdrive_world.add_drive(root, dev_drive=False)
    _, data = run_json(capsys, "drives")
    assert (data["chosen"]["root"], data["chosen"]["code"]) == (None, code)
    _, out, _ = run(capsys, "drives")
    assert "chosen: none\n" in out
    if not drives:
        assert "no volumes listed" in out


def test_drives_survives_a_failing_enumeration(
    devdrive_world: SimulatedProbe, capsys: pytest.CaptureFixture[str]
) -> None:
    devdrive_world.fail_enumeration(PermissionError("access denied"))
    code, data = run_json(capsys, "drives")
    assert code == 0
    assert data["error"] == "PermissionError: access denied"
    assert data["chosen"]["code"] == Reason.DETECTION_FAILED
    _, out, _ = run(capsys, "drives")
    assert "listing the volumes failed: PermissionError: access denied" in out


def test_drives_choice_honours_the_users_drive(
    devdrive_world: SimulatedProbe, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    devdrive_world.add_drive(tmp_path / "a")
    devdrive_world.add_drive(tmp_path / "b")
    (tmp_path / "b").mkdir()
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", str(tmp_path / "b"))
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", str(tmp_path))  # platformdirs' override: not other tools'
    _, data = run_json(capsys, "drives")
    assert (data["chosen"]["root"], data["chosen"]["code"]) == (str(tmp_path / "b"), Reason.CHOSEN_DEV_DRIVE)


@ON_POSIX
def test_drives_on_this_machine(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run_json(capsys, "drives")
    assert code == 0
    assert (data["probe"], data["windows"], data["volumes"]) == ("posix", False, [])
    assert data["chosen"]["code"] == Reason.NOT_WINDOWS


# --- doctor ---------------------------------------------------------------------------------------------------------

ROW_KEYS = {
    "tool",
    "variable",
    "variables",
    "path",
    "source",
    "on_dev_drive",
    "error",
    "status",
    "target",
    "command",
    "problem",
}


def rows(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found = {row["variable"]: row for row in data["caches"]}
    assert all(set(row) == ROW_KEYS for row in found.values())
    return found


def test_doctor_on_a_windows_machine(windows_machine: SimulatedProbe, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run_json(capsys, "doctor")
    assert code == _cli.doctor.SLOWER == 1
    assert set(data) == {"chosen", "flag", "enable", "shell", "caches", "exit_status"}
    assert (data["exit_status"], data["shell"], data["chosen"]["root"]) == (1, "powershell-setx", "D:\\")
    assert data["flag"] == {
        "name": "PLATFORMDIRS_DEVDRIVE",
        "value": None,
        "state": "off",
        "command": "setx PLATFORMDIRS_DEVDRIVE 'D:\\'",
    }
    found = rows(data)
    pip = found["PIP_CACHE_DIR"]
    assert (pip["path"], pip["source"], pip["on_dev_drive"], pip["status"]) == (
        r"C:\Users\me\AppData\Local\pip\Cache",
        "default",
        False,
        "movable",
    )
    assert pip["target"] == r"D:\.cache\pip\Cache"
    assert pip["command"] == r"setx PIP_CACHE_DIR 'D:\.cache\pip\Cache'"
    assert found["VCPKG_DEFAULT_BINARY_CACHE"]["command"] == (
        r"[void][System.IO.Directory]::CreateDirectory('D:\.cache\vcpkg'); "
        r"setx VCPKG_DEFAULT_BINARY_CACHE 'D:\.cache\vcpkg'"
    )
    assert found["pnpm_config_store_dir"]["command"] == (
        r"setx pnpm_config_store_dir 'D:\.cache\pnpm\store'; setx npm_config_store_dir 'D:\.cache\pnpm\store'"
    )
    assert found["MAVEN_OPTS"]["command"] == r"setx MAVEN_OPTS '-Dmaven.repo.local=D:\.cache\maven'"
    assert found["CONDA_PKGS_DIRS"]["status"] == "unknown"
    assert "PLATFORMDIRS_DEVDRIVE" not in found


def test_doctor_sees_caches_already_on_the_dev_drive(
    windows_machine: SimulatedProbe, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("UV_CACHE_DIR", r"D:\caches\uv")
    monkeypatch.setenv("MAVEN_OPTS", r"-Xmx2g -Dmaven.repo.local=D:\m2")
    _, data = run_json(capsys, "doctor")
    found = rows(data)
    assert (found["UV_CACHE_DIR"]["source"], found["UV_CACHE_DIR"]["status"]) == ("environment", "on-dev-drive")
    assert found["UV_CACHE_DIR"]["command"] is None
    assert (found["MAVEN_OPTS"]["path"], found["MAVEN_OPTS"]["status"]) == (r"D:\m2", "on-dev-drive")


def test_doctor_text(windows_machine: SimulatedProbe, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "doctor")
    assert code == 1
    reason = explain(Reason.SOLE_DEV_DRIVE, root="D:\\")
    assert out.startswith(f"Dev Drive: D:\\\n  reason: {reason}\n")
    assert (
        "pip (PIP_CACHE_DIR)\n  now:   C:\\Users\\me\\AppData\\Local\\pip\\Cache [default], not on a Dev Drive\n" in out
    )
    assert "  move:  setx PIP_CACHE_DIR 'D:\\.cache\\pip\\Cache'\n" in out
    assert "conda (CONDA_PKGS_DIRS)\n  now:   unknown (" in out
    assert out.rstrip().endswith("0 of 16 caches in place, 15 not on a Dev Drive, 1 unknown (exit status 1)")


def test_doctor_is_content_when_everything_is_on_the_dev_drive(
    devdrive_world: SimulatedProbe, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_places, "current_platform", lambda: _places.LINUX)
    drive = devdrive_world.add_drive(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    code, data = run_json(capsys, "doctor")
    statuses = {row["status"] for row in data["caches"]}
    assert statuses == {"on-dev-drive", "unknown"}  # conda: no CONDA_EXE, no known default
    assert code == data["exit_status"] == 0
    assert data["chosen"]["root"] == drive


def test_doctor_with_no_dev_drive_has_nothing_to_move(
    windows_machine: SimulatedProbe, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(windows_machine, "dev_drives", list)  # as if D:\ were an ordinary volume
    windows_machine.add_drive("D:\\", dev_drive=False)
    code, data = run_json(capsys, "doctor")
    assert code == 0
    assert data["chosen"]["code"] == Reason.NO_DEV_DRIVE
    assert {row["status"] for row in data["caches"]} == {"no-target", "unknown"}
    assert {row["command"] for row in data["caches"]} == {None}
    assert data["flag"]["command"] is None


def test_doctor_with_several_dev_drives_asks_for_a_choice(
    windows_machine: SimulatedProbe, capsys: pytest.CaptureFixture[str]
) -> None:
    windows_machine.add_drive("E:\\")
    code, out, _ = run(capsys, "doctor")
    assert code == 1  # caches could be faster once a drive is picked
    assert "Dev Drive: none\n" in out
    assert "pick one with PLATFORMDIRS_DEVDRIVE=D:\\" in out
    assert "move:" not in out


@ON_POSIX
def test_doctor_on_this_machine(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = run_json(capsys, "doctor")
    assert code == 0  # no Dev Drive can exist here
    assert data["chosen"]["code"] == Reason.NOT_WINDOWS
    assert data["shell"] == "bash"


@ON_POSIX
def test_doctor_with_a_chosen_folder_off_windows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", str(tmp_path))
    monkeypatch.setenv("PIP_CACHE_DIR", str(tmp_path / "pip"))
    code, data = run_json(capsys, "doctor")
    assert code == 1
    found = rows(data)
    assert found["PIP_CACHE_DIR"]["status"] == "in-place"
    assert found["UV_CACHE_DIR"]["command"] == f"export UV_CACHE_DIR='{tmp_path / '.cache' / 'uv'}'"
    assert data["flag"]["command"] is None  # already on


def test_doctor_reports_detection_errors_as_unknown(
    windows_machine: SimulatedProbe, capsys: pytest.CaptureFixture[str]
) -> None:
    windows_machine.add_drive("C:\\Users", error=OSError("volume gone"))
    _, data = run_json(capsys, "doctor")
    pip = rows(data)["PIP_CACHE_DIR"]
    assert (pip["status"], pip["on_dev_drive"], pip["error"]) == ("unknown", None, "OSError: volume gone")
    _, out, _ = run(capsys, "doctor")
    assert "not known whether on a Dev Drive\n  error: OSError: volume gone\n" in out


def test_doctor_reports_a_volume_that_failed_as_unknown(
    windows_machine: SimulatedProbe, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    windows_machine.add_drive("E:\\", error=OSError("no volume"))
    monkeypatch.setattr(windows_machine, "volume_root", lambda path: "E:\\")  # answers, but the volume fails
    _, data = run_json(capsys, "doctor")
    assert rows(data)["UV_CACHE_DIR"]["error"] == "OSError: no volume"


def test_doctor_explains_a_value_setx_cannot_take(
    windows_machine: SimulatedProbe, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MAVEN_OPTS", "-Dx=" + "y" * 1100)
    code, out, _ = run(capsys, "doctor")
    assert code == 1
    assert (
        "maven (MAVEN_OPTS)\n  now:   C:\\Users\\me\\.m2\\repository [default], not on a Dev Drive\n  note:  MAVEN_OPTS: "
        in out
    )
    assert "setx keeps only 1024" in out


def test_doctor_explains_what_a_tool_cannot_take(
    devdrive_world: SimulatedProbe, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_places, "current_platform", lambda: _places.LINUX)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # a simulated Linux needs a home; Windows has no HOME
    monkeypatch.setenv("CONDA_EXE", "/opt/conda/bin/conda")
    drive = devdrive_world.add_drive(tmp_path / "my drive, 2")
    _, data = run_json(capsys, "doctor")
    found = rows(data)
    assert found["MAVEN_OPTS"]["command"] is None
    assert "Maven splits MAVEN_OPTS at spaces" in found["MAVEN_OPTS"]["problem"]
    assert "comma-separated" in found["CONDA_PKGS_DIRS"]["problem"]
    assert found["UV_CACHE_DIR"]["target"] == posixpath.join(drive, ".cache", "uv")  # the simulated Linux's rules
    _, out, _ = run(capsys, "doctor")
    assert "  note:  Maven splits MAVEN_OPTS at spaces" in out


# --- env ------------------------------------------------------------------------------------------------------------

GOLDEN_POWERSHELL = r"""# platformdirs-devdrive env: tool caches under D:\.cache
# D:\: the only Dev Drive on this machine, D:\
# pip
$env:PIP_CACHE_DIR = 'D:\.cache\pip\Cache'
# uv: uv links installed files from its cache: keep projects and virtual environments on the same drive
$env:UV_CACHE_DIR = 'D:\.cache\uv'
# vcpkg
# vcpkg refuses a VCPKG_DEFAULT_BINARY_CACHE that is not an existing absolute directory
[void][System.IO.Directory]::CreateDirectory('D:\.cache\vcpkg')
$env:VCPKG_DEFAULT_BINARY_CACHE = 'D:\.cache\vcpkg'
# Maven
# this replaces MAVEN_OPTS: the other options it holds now are kept, an earlier -Dmaven.repo.local is dropped; settings.xml's localRepository is not read
$env:MAVEN_OPTS = '-Dmaven.repo.local=D:\.cache\maven -Xmx1g'
# platformdirs-devdrive: tools built on platformdirs-devdrive put their caches and temp files on this root
$env:PLATFORMDIRS_DEVDRIVE = 'D:\'
"""

GOLDEN_CMD = r"""REM platformdirs-devdrive env: tool caches under D:\.cache
REM D:\: the only Dev Drive on this machine, D:\
REM a batch file: save it as a .cmd file and run it with call
REM pnpm
REM pnpm 11+ reads pnpm_config_*, pnpm 10 and older npm_config_*; pnpm hard-links from its store, so keep projects on the same drive
set "pnpm_config_store_dir=D:\.cache\pnpm\store"
set "npm_config_store_dir=D:\.cache\pnpm\store"
REM Go
set "GOCACHE=D:\.cache\go\build"
set "GOMODCACHE=D:\.cache\go\mod"
"""


def test_env_golden_powershell(
    windows_machine: SimulatedProbe, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MAVEN_OPTS", "-Dmaven.repo.local=C:\\old -Xmx1g")
    code, out, _ = run(capsys, "env", "--tools", "pip,uv,vcpkg,maven,platformdirs")
    assert code == 0
    assert out == GOLDEN_POWERSHELL


def test_env_golden_cmd(windows_machine: SimulatedProbe, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "env", "--shell", "cmd", "--tools", "go,pnpm")
    assert code == 0
    assert out == GOLDEN_CMD


def test_env_setx_form(windows_machine: SimulatedProbe, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "env", "--shell", "powershell-setx", "--tools", "nuget")
    assert out.splitlines()[2:] == [
        "# setx writes your user environment; it applies to shells started afterwards, not to this one",
        "# NuGet",
        r"setx NUGET_PACKAGES 'D:\.cache\nuget\packages'",
    ]


def test_env_json_is_the_variables(windows_machine: SimulatedProbe, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "env", "--shell", "json")
    assert code == 0
    values = json.loads(out)
    expected_names = [name for tool in _tools.TOOLS for setting in tool.settings for name in setting.names]
    assert list(values) == expected_names
    assert values["PIP_CACHE_DIR"] == r"D:\.cache\pip\Cache"
    assert values["HF_HOME"] == r"D:\.cache\huggingface"
    assert values["PLATFORMDIRS_DEVDRIVE"] == "D:\\"
    assert r"note: VCPKG_DEFAULT_BINARY_CACHE must name an existing folder: create D:\.cache\vcpkg" in err


def test_env_without_a_dev_drive_says_so(devdrive_world: SimulatedProbe, capsys: pytest.CaptureFixture[str]) -> None:
    devdrive_world.add_drive("C:\\", dev_drive=False)
    code, out, err = run(capsys, "env")
    assert (code, out) == (2, "")
    assert err == (
        f"platformdirs-devdrive: error: no Dev Drive chosen ({explain(Reason.NO_DEV_DRIVE)}); "
        "name a drive or folder with --root\n"
    )


def test_env_with_several_dev_drives_says_how_to_pick(
    windows_machine: SimulatedProbe, capsys: pytest.CaptureFixture[str]
) -> None:
    windows_machine.add_drive("E:\\")
    code, _, err = run(capsys, "env")
    assert code == 2
    assert "several Dev Drives (D:\\, E:\\)" in err


@pytest.mark.parametrize("name", ["missing", "a-file"])
def test_env_refuses_a_root_that_is_no_directory(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    code, out, err = run(capsys, "env", "--root", str(tmp_path / name))
    assert (code, out) == (2, "")
    reason = "does not exist" if name == "missing" else "is not a directory"
    assert err == f"platformdirs-devdrive: error: --root {tmp_path / name}: {tmp_path / name} {reason}\n"


@needs_posix
def test_env_refuses_a_planted_cache_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    planted = tmp_path / ".cache"
    planted.mkdir()
    planted.chmod(0o777)
    code, _, err = run(capsys, "env", "--root", str(tmp_path))
    assert code == 2
    assert "writable by group or others" in err


def test_env_root_header_says_whether_it_is_a_dev_drive(
    devdrive_world: SimulatedProbe, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    devdrive_world.add_drive(tmp_path / "dev")
    (tmp_path / "dev").mkdir()
    _, out, _ = run(capsys, "env", "--root", str(tmp_path / "dev"), "--tools", "uv")
    assert out.splitlines()[1] == f"# {tmp_path / 'dev'} was named with --root; it is a Dev Drive"
    _, out, _ = run(capsys, "env", "--root", str(tmp_path), "--tools", "uv")
    assert out.splitlines()[1] == f"# {tmp_path} was named with --root; it is not a Dev Drive"


def test_env_root_whose_volume_cannot_be_checked(
    devdrive_world: SimulatedProbe, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    devdrive_world.add_drive(tmp_path, error=OSError("no answer"))
    _, out, _ = run(capsys, "env", "--root", str(tmp_path), "--tools", "uv")
    assert (
        out.splitlines()[1]
        == f"# {tmp_path} was named with --root; whether it is a Dev Drive is unknown (OSError: no answer)"
    )


def test_env_skips_what_a_tool_cannot_take(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "with space, comma"
    root.mkdir()
    code, out, _ = run(capsys, "env", "--root", str(root), "--tools", "maven,conda,uv", "--shell", "bash")
    assert code == 0
    assert "# skipped MAVEN_OPTS: Maven splits MAVEN_OPTS at spaces" in out
    assert "# skipped CONDA_PKGS_DIRS: CONDA_PKGS_DIRS is a comma-separated list" in out
    assert "export UV_CACHE_DIR=" in out
    code, out, err = run(capsys, "env", "--root", str(root), "--tools", "maven,conda,uv", "--shell", "json")
    assert list(json.loads(out)) == ["UV_CACHE_DIR"]
    assert "note: skipped MAVEN_OPTS" in err


def test_env_refuses_a_value_setx_would_truncate(
    windows_machine: SimulatedProbe, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MAVEN_OPTS", "-Dx=" + "y" * 1100)
    code, out, err = run(capsys, "env", "--shell", "powershell-setx", "--tools", "maven")
    assert (code, out) == (2, "")
    assert "setx keeps only 1024" in err
    assert err.count("\n") == 1


@needs_posix
def test_env_refuses_a_value_cmd_cannot_hold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / 'say "hi"'
    root.mkdir()
    code, out, err = run(capsys, "env", "--root", str(root), "--shell", "cmd", "--tools", "uv")
    assert (code, out) == (2, "")
    assert "cmd cannot be given a value with a double quote" in err


# Every character a shell might act on, and a line break (which must not escape a comment).
TRICKY = "dev $HOME 'q' `date` 100% \"dq\" \\b & ; | * ~ !x {a,b}\nnext"


def shell_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str], shell: str, root: Path) -> None:
    code, out, _ = run(capsys, "env", "--root", str(root), "--shell", "json")
    assert code == 0
    expected: dict[str, str] = json.loads(out)
    code, script, _ = run(capsys, "env", "--root", str(root), "--shell", shell)
    assert code == 0
    names = list(expected)
    if shell == "bash":
        program = script + "".join(f'printf "%s\\0" "${name}"\n' for name in names)
        command = ["bash", "--norc", "--noprofile", "-c", program]
    else:
        program = script + "".join(f"printf '%s\\0' ${name}\n" for name in names)
        command = ["fish", "--no-config", "-c", program]
    done = subprocess.run(command, capture_output=True, check=True, cwd=tmp_path, env={"PATH": os.defpath})
    assert dict(zip(names, done.stdout.decode().split("\0")[:-1], strict=True)) == expected
    assert (root / ".cache" / "vcpkg").is_dir()  # the script made the folder vcpkg needs


@needs_posix
@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_env_bash_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / TRICKY
    root.mkdir()
    shell_round_trip(tmp_path, capsys, "bash", root)


@needs_posix
@pytest.mark.skipif(shutil.which("fish") is None, reason="needs fish")
def test_env_fish_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / TRICKY
    root.mkdir()
    shell_round_trip(tmp_path, capsys, "fish", root)


def test_env_temp_is_only_there_when_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "env", "--root", str(tmp_path), "--shell", "json")
    assert not {"TEMP", "TMP", "TMPDIR"} & set(json.loads(out))
    _, out, err = run(capsys, "env", "--root", str(tmp_path), "--shell", "json", "--tools", "temp")
    temp = str(tmp_path / ".cache" / "Temp")
    assert json.loads(out) == {"TEMP": temp, "TMP": temp, "TMPDIR": temp}
    assert f"note: TEMP must name an existing folder: create {temp}" in err
    _, out, _ = run(capsys, "env", "--help")
    assert "only when named: temp" in " ".join(out.split())


def test_env_temp_carries_microsofts_caveat(
    windows_machine: SimulatedProbe, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "env", "--tools", "temp")
    assert code == 0
    lines = out.splitlines()
    assert "WinSetupMon" in next(line for line in lines if line.startswith("# Temp"))
    assert lines[-4:] == [
        r"[void][System.IO.Directory]::CreateDirectory('D:\.cache\Temp')",
        r"$env:TEMP = 'D:\.cache\Temp'",
        r"$env:TMP = 'D:\.cache\Temp'",
        r"$env:TMPDIR = 'D:\.cache\Temp'",
    ]


def test_doctor_leaves_temp_alone(windows_machine: SimulatedProbe, capsys: pytest.CaptureFixture[str]) -> None:
    _, data = run_json(capsys, "doctor")
    assert "temp" not in {row["tool"] for row in data["caches"]}


def test_env_github_is_only_assignments(windows_machine: SimulatedProbe, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "env", "--shell", "github", "--tools", "pip,vcpkg,temp,platformdirs")
    assert code == 0
    assert out.splitlines() == [
        r"PIP_CACHE_DIR=D:\.cache\pip\Cache",
        r"VCPKG_DEFAULT_BINARY_CACHE=D:\.cache\vcpkg",
        "PLATFORMDIRS_DEVDRIVE=D:\\",
        r"TEMP=D:\.cache\Temp",
        r"TMP=D:\.cache\Temp",
        r"TMPDIR=D:\.cache\Temp",
    ]
    assert r"note: VCPKG_DEFAULT_BINARY_CACHE must name an existing folder: create D:\.cache\vcpkg" in err


def test_env_dotenv_on_windows(windows_machine: SimulatedProbe, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "env", "--shell", "dotenv", "--tools", "vcpkg,platformdirs")
    assert code == 0
    assert out.splitlines()[3:] == [
        "# vcpkg",
        "# vcpkg refuses a VCPKG_DEFAULT_BINARY_CACHE that is not an existing absolute directory",
        r"VCPKG_DEFAULT_BINARY_CACHE='D:\.cache\vcpkg'",  # nothing to create the folder in a .env file
        "# platformdirs-devdrive: tools built on platformdirs-devdrive put their caches and temp files on this root",
        "PLATFORMDIRS_DEVDRIVE='D:\\\\'",  # python-dotenv reads D:\, the others D:\\, the same folder
    ]
    assert "create D:\\.cache\\vcpkg" in err


@needs_posix
def test_env_github_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .test_shells import read_github_env

    root = tmp_path / TRICKY  # a line break too: GitHub's heredoc form
    root.mkdir()
    _, out, _ = run(capsys, "env", "--root", str(root), "--shell", "json", "--tools", "pip,maven,temp,platformdirs")
    expected = json.loads(out)
    code, text, _ = run(
        capsys, "env", "--root", str(root), "--shell", "github", "--tools", "pip,maven,temp,platformdirs"
    )
    assert code == 0
    assert read_github_env(text) == expected
    assert list(root.iterdir()) == []


DOTENV_ROOT = 'dev $HOME `date` 100% "dq" \\b & ; | * ~ !x {a,b} # no comment'


@needs_posix
def test_env_dotenv_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dotenv import dotenv_values

    root = tmp_path / DOTENV_ROOT
    root.mkdir()
    _, out, _ = run(capsys, "env", "--root", str(root), "--shell", "json", "--tools", "pip,go,temp,platformdirs")
    expected = json.loads(out)
    code, text, _ = run(capsys, "env", "--root", str(root), "--shell", "dotenv", "--tools", "pip,go,temp,platformdirs")
    assert code == 0
    env_file = tmp_path / ".env"
    env_file.write_text(text, encoding="utf-8")
    assert dict(dotenv_values(env_file)) == expected
    names = list(expected)
    program = "set -a; . ./.env; set +a\n" + "".join(f'printf "%s\\0" "${name}"\n' for name in names)
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", program], capture_output=True, check=True, cwd=tmp_path
    )
    assert dict(zip(names, done.stdout.decode().split("\0")[:-1], strict=True)) == expected
    assert list(root.iterdir()) == []  # a .env file creates nothing, nor does env


@pytest.mark.parametrize("shell", ["github", "dotenv"])
def test_env_file_forms_are_utf8_with_lf_whatever_the_console(shell: str, tmp_path: Path) -> None:
    root = tmp_path / "\u4e2d dev"  # not in cp1252: printing it there would fail
    root.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "platformdirs_devdrive", "env", "--root", str(root), "--shell", shell, "--tools", "uv"],
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
    )
    assert done.returncode == 0, done.stderr
    assert b"\r" not in done.stdout
    assert str(root / ".cache" / "uv").encode() in done.stdout


@needs_posix
def test_env_dotenv_refuses_a_root_it_cannot_hold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "it's"
    root.mkdir()
    code, out, err = run(capsys, "env", "--root", str(root), "--shell", "dotenv", "--tools", "uv")
    assert (code, out) == (2, "")
    assert "a .env file cannot be given a value with a single quote" in err


@ON_POSIX
def test_env_defaults_to_bash_off_windows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "env", "--root", str(tmp_path), "--tools", "platformdirs")
    assert out.splitlines()[-1] == f"export PLATFORMDIRS_DEVDRIVE='{tmp_path}'"


# --- errors and entry points ----------------------------------------------------------------------------------------


def test_an_os_error_is_one_line_and_exit_2(mocker: MockerFixture, capsys: pytest.CaptureFixture[str]) -> None:
    mocker.patch.object(_cli._choice, "choose_root", side_effect=PermissionError(13, "Access is denied", "D:\\"))
    code, out, err = run(capsys, "drives")
    assert (code, out) == (2, "")
    assert err == "platformdirs-devdrive: error: [Errno 13] Access is denied: 'D:\\\\'\n"


def test_an_unprintable_path_is_one_line_and_exit_2(mocker: MockerFixture, capsys: pytest.CaptureFixture[str]) -> None:
    mocker.patch.object(_cli._output, "out", side_effect=UnicodeEncodeError("cp1252", "\u4e2d", 0, 1, "no mapping"))
    code, _, err = run(capsys, "drives")
    assert code == 2
    assert err.startswith("platformdirs-devdrive: error: 'cp1252' codec can't encode")


def test_a_closed_pipe_is_quiet(mocker: MockerFixture, capsys: pytest.CaptureFixture[str]) -> None:
    mocker.patch.object(_cli._output, "out", side_effect=BrokenPipeError)
    code, _, err = run(capsys, "drives")
    assert (code, err) == (2, "")


def test_interrupt_exits_130(mocker: MockerFixture, capsys: pytest.CaptureFixture[str]) -> None:
    mocker.patch.object(_cli._choice, "choose_root", side_effect=KeyboardInterrupt)
    assert run(capsys, "drives")[0] == 130


def test_choose_root_is_the_policys_resolution(devdrive_world: SimulatedProbe) -> None:
    drive = devdrive_world.add_drive("D:\\")
    report = _cli._choice.choose_root()
    assert isinstance(report, Resolution)
    assert (report.root, report.code) == (drive, Reason.SOLE_DEV_DRIVE)


def test_python_dash_m(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "platformdirs_devdrive", "env", "--root", str(tmp_path), "--shell", "json"],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["PLATFORMDIRS_DEVDRIVE"] == str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "platformdirs_devdrive", "bogus"],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_console_script() -> None:
    script = shutil.which("platformdirs-devdrive", path=os.path.dirname(sys.executable))
    if script is None:
        pytest.skip("the console script is not installed next to this interpreter")
    done = subprocess.run([script, "drives", "--json"], capture_output=True, check=False, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert set(json.loads(done.stdout)) == {"probe", "windows", "volumes", "error", "chosen"}


def test_docs_examples_are_what_the_command_prints() -> None:
    script = Path(__file__).parent.parent / "docs" / "_ext" / "cli_examples.py"
    if not script.is_file():
        pytest.skip("the docs are not next to these tests")
    spec = importlib.util.spec_from_file_location("cli_examples", script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, text in module.render_all().items():
        committed = (script.parent.parent / "cli" / name).read_text(encoding="utf-8")
        assert committed == text, f"docs/cli/{name} is stale: run python docs/_ext/cli_examples.py"


def test_importing_the_package_loads_no_cli_module() -> None:
    code = (
        "import sys, platformdirs_devdrive\n"
        "names = ('argparse', 'json', 'platformdirs_devdrive._cli', 'platformdirs_devdrive._tools',"
        " 'platformdirs_devdrive._shells', 'platformdirs_devdrive._fieldreport')\n"
        "print([name for name in names if name in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, encoding="utf-8")
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "command",
    [
        ["show", "pip"],
        ["drives"],
        ["doctor"],
        ["env", "--shell", "json"],
        ["env", "--shell", "github", "--tools", "temp,vcpkg"],
        ["env", "--shell", "dotenv", "--tools", "temp,vcpkg"],
    ],
)
def test_diagnostics_write_nothing_on_the_drive(
    command: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from platformdirs_devdrive.testing import simulated_drives

    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", "auto")
    with simulated_drives(dev_drives=[tmp_path]):
        run(capsys, *command)
    assert list(tmp_path.iterdir()) == []  # not even the .cache anchor a tool's own call would make
