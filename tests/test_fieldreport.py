"""The field report: its keys, every backend's answers, nothing personal in it, and nothing written but the file."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

import pytest

from platformdirs_devdrive import _fieldreport
from platformdirs_devdrive._cli import main
from platformdirs_devdrive._cli.report import REPORT_FILE
from platformdirs_devdrive._fieldreport import HOME, USER, build, scrub

if TYPE_CHECKING:
    from pathlib import Path

    from platformdirs_devdrive.testing import SimulatedProbe

REPORT_KEYS = {"kind", "path", "standard_path", "on_dev_drive", "root", "source", "code", "reason", "dev_drives"}
VOLUME_KEYS = {"root", "is_dev_drive", "trusted", "filesystem", "error"}
SECRET_HOME = "Zanzibar-home-7731"
SECRET_USER = "quokka7731"


@pytest.fixture
def personal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder and user name with distinctive names; the current folder is an empty one of the test's."""
    home = tmp_path / SECRET_HOME
    home.mkdir()
    for name in ("HOME", "USERPROFILE"):
        monkeypatch.setenv(name, str(home))
    for name in ("USER", "USERNAME", "LOGNAME"):
        monkeypatch.setenv(name, SECRET_USER)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return home


def written(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["report", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_report_keys(devdrive_world: SimulatedProbe) -> None:
    devdrive_world.add_drive("C:\\", dev_drive=False)
    data: dict[str, Any] = build()
    assert set(data) == {
        "schema",
        "package",
        "platformdirs",
        "python",
        "os",
        "flag",
        "probe",
        "backends",
        "resolutions",
    }
    assert data["schema"] == _fieldreport.SCHEMA
    assert data["python"]["version"] == sys.version.split()[0]
    assert data["package"]["version"]
    assert data["platformdirs"]["version"]
    assert data["flag"] == {"name": "PLATFORMDIRS_DEVDRIVE", "value": None, "state": "off"}
    for kind in ("cache", "temp"):
        assert set(data["resolutions"][kind]) == {"now", "on"}
        for report in data["resolutions"][kind].values():
            assert set(report) == REPORT_KEYS
            assert report["kind"] == kind
    for backend in data["backends"]:
        assert set(backend) == {"name", "supported", "roots", "error", "volumes", "dev_drives", "paths"}
        assert set(backend["paths"]) == {"pip_cache", "temp"}
        assert all(set(volume) == VOLUME_KEYS for volume in backend["volumes"])


def test_report_holds_every_backends_answers(devdrive_world: SimulatedProbe, monkeypatch: pytest.MonkeyPatch) -> None:
    devdrive_world.add_drive("C:\\", dev_drive=False, filesystem="NTFS")
    devdrive_world.add_drive("D:\\", filesystem="ReFS", trusted=False)
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", "auto")
    data: dict[str, Any] = build()
    assert data["probe"] == "simulated"
    names = [backend["name"] for backend in data["backends"]]
    expected = (["stdlib"] if sys.version_info >= (3, 12) else []) + ["win32"] if sys.platform == "win32" else ["posix"]
    assert names == [*expected, "simulated"]  # the OS's own backends, asked afresh, and the simulated world
    simulated = data["backends"][-1]
    assert simulated["roots"] == ["C:\\", "D:\\"]
    assert simulated["volumes"][1] == {
        "root": "D:\\",
        "is_dev_drive": True,
        "trusted": False,
        "filesystem": "ReFS",
        "error": None,
    }
    assert simulated["dev_drives"] == {"value": ["D:\\"], "error": None}
    assert data["flag"]["state"] == "on"
    assert data["resolutions"]["cache"]["on"]["code"] == "sole-dev-drive"


def test_a_failing_enumeration_is_reported(devdrive_world: SimulatedProbe) -> None:
    devdrive_world.fail_enumeration(OSError("no volumes today"))
    simulated = build()["backends"]
    assert isinstance(simulated, list)
    assert simulated[-1]["error"] == "OSError: no volumes today"
    assert simulated[-1]["roots"] is None


def test_the_file_has_no_home_folder_and_no_user_name(
    personal: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = personal / "fast"  # a chosen root inside the home folder: every resolution holds the home path
    root.mkdir()
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", str(root))
    code, out, _ = written(capsys)
    assert code == 0
    assert out == f"wrote {REPORT_FILE}: attach it to your issue (your home folder and user name are replaced)\n"
    text = (personal.parent / "work" / REPORT_FILE).read_text(encoding="utf-8")
    assert SECRET_HOME.lower() not in text.lower()
    assert SECRET_USER not in text.lower()
    data = json.loads(text)
    assert data["flag"]["value"] == f"{HOME}{'/' if sys.platform != 'win32' else chr(92)}fast"
    assert data["resolutions"]["cache"]["now"]["root"].startswith(HOME)


def test_it_writes_nothing_but_the_report(
    personal: Path, devdrive_world: SimulatedProbe, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    drive = personal.parent / "dev"
    drive.mkdir()
    devdrive_world.add_drive(drive)
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", "auto")
    before = sorted(path.name for path in personal.parent.iterdir())
    code, _, _ = written(capsys, "--output", "field.json")
    assert code == 0
    assert list(drive.iterdir()) == []  # not even the <root>/.cache a tool's own call would make
    assert list(personal.iterdir()) == []
    assert sorted(path.name for path in personal.parent.iterdir()) == before
    assert [path.name for path in (personal.parent / "work").iterdir()] == ["field.json"]
    data = json.loads((personal.parent / "work" / "field.json").read_text(encoding="utf-8"))
    assert data["resolutions"]["temp"]["on"]["on_dev_drive"] is True


def test_dash_writes_to_stdout_only(personal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = written(capsys, "-o", "-")
    assert (code, err) == (0, "")
    assert json.loads(out)["schema"] == _fieldreport.SCHEMA
    assert list((personal.parent / "work").iterdir()) == []


def test_an_unwritable_output_is_one_line_and_exit_2(personal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = written(capsys, "--output", str(personal / "missing" / "r.json"))
    assert (code, out) == (2, "")
    assert err.startswith("platformdirs-devdrive: error: ")
    assert err.count("\n") == 1


def test_scrub_keeps_drive_letters_and_words_that_hold_the_name() -> None:
    env = {"USERPROFILE": r"C:\Users\me", "USERNAME": "me"}
    data = {
        "a": r"c:\users\ME\AppData\Local\pip\Cache",
        "b": "the name of me",
        "c": [r"D:\.cache\me\x", r"E:\me", r"F:\profiles\me.CORP", "me"],
        "d": 3,
        "me": "key",
    }
    assert scrub(data, env, windows=True) == {
        "a": rf"{HOME}\AppData\Local\pip\Cache",
        "b": "the name of me",  # words in reasons stay; a name in a path goes
        "c": [rf"D:\.cache\{USER}\x", rf"E:\{USER}", rf"F:\profiles\{USER}.CORP", USER],
        "d": 3,
        "me": "key",
    }


def test_scrub_is_case_sensitive_off_windows() -> None:
    env = {"HOME": "/home/Ann", "USER": "Ann"}
    assert scrub({"a": "/home/Ann/x /home/ann/y"}, env, windows=False) == {"a": f"{HOME}/x /home/ann/y"}


@pytest.mark.skipif(sys.platform != "win32", reason="needs a real Windows interpreter")
def test_real_windows_report() -> None:
    data: dict[str, Any] = build()
    windows = data["os"]["windows"]
    assert windows["build"] == sys.getwindowsversion().build  # type: ignore[attr-defined,unused-ignore]
    assert len(windows["platform_version"]) == 3
    backends = {backend["name"]: backend for backend in data["backends"]}
    assert set(backends) == ({"stdlib", "win32"} if sys.version_info >= (3, 12) else {"win32"})
    for backend in backends.values():
        assert backend["error"] is None
        assert backend["roots"], backend  # C:\ at least
        assert backend["paths"]["temp"]["volume_root"]


def test_scrub_copes_without_a_login_name(monkeypatch: pytest.MonkeyPatch) -> None:
    import getpass

    def nobody() -> str:
        msg = "no user name"  # getpass.getuser() in a container with no passwd entry
        raise OSError(msg)

    monkeypatch.setattr(getpass, "getuser", nobody)
    assert scrub({"a": "/srv/x"}, {"HOME": "/srv"}, windows=False) == {"a": f"{HOME}/x"}
