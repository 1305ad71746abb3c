"""devdrive_hint: one actionable line only when a Dev Drive could hold the cache and the user has not chosen."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import platformdirs_devdrive as pdd
from platformdirs_devdrive import ENV_VAR, Reason
from platformdirs_devdrive._flag import OFF_WORDS, ON_WORDS, OVERRIDE_VAR
from platformdirs_devdrive._hint import HINTS

if TYPE_CHECKING:
    from pathlib import Path

    from pytest_mock import MockerFixture

    from platformdirs_devdrive.testing import SimulatedProbe

PIP_CACHE = r"C:\Users\dev\AppData\Local\pip\Cache"
NO_QUESTIONS = {"volume_root": 0, "volume": 0, "roots": 0}
SETTING = re.compile(rf"{ENV_VAR}=(\S+)")


def hint(current_dir: object = PIP_CACHE, **kwargs: object) -> str | None:
    return pdd.devdrive_hint("pip", current_dir, **kwargs)  # type: ignore[arg-type]


def follow(line: str, monkeypatch: pytest.MonkeyPatch) -> pdd.Resolution:
    """Do what the line says (set the variable it names), then resolve pip's cache as pip asks for it."""
    match = SETTING.search(line)
    assert match is not None, line
    monkeypatch.setenv(ENV_VAR, match.group(1))
    return pdd.resolve_cache_dir("pip", appauthor=False)


# --- when it speaks ---------------------------------------------------------------------------------------------


def test_one_dev_drive_and_off_by_default_says_how_to_use_it(
    devdrive_world: SimulatedProbe, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    drive = devdrive_world.add_drive(tmp_path)
    line = hint()
    assert line is not None
    assert line == HINTS[Reason.SOLE_DEV_DRIVE].format(app="pip", volume="C:\\", env=ENV_VAR, drive=drive)
    assert line.startswith("pip's cache is on C:\\")
    assert "\n" not in line
    assert f" {ENV_VAR}={drive} " in line  # the drive by name: a second Dev Drive later does not move the cache back
    assert line.endswith(f"{ENV_VAR}=0 to stop this message")
    report = follow(line, monkeypatch)  # the advice, taken: the cache lands on that drive
    assert (report.root, report.on_dev_drive) == (drive, True)
    assert hint(report.path) is None  # and the hint goes quiet


def test_several_dev_drives_say_how_to_choose(
    devdrive_world: SimulatedProbe, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    devdrive_world.add_drive("C:\\", dev_drive=False)
    drives = [devdrive_world.add_drive(tmp_path / name) for name in ("e", "c-dev", "d")]
    for drive in drives:
        os.mkdir(drive)
    line = hint()
    assert line is not None
    assert line == HINTS[Reason.SEVERAL_DEV_DRIVES].format(
        app="pip", volume="C:\\", env=ENV_VAR, drives=", ".join(drives), first=drives[0]
    )
    assert "\n" not in line
    assert line.endswith(f"{ENV_VAR}=0 to stop this message")
    report = follow(line, monkeypatch)
    assert (report.root, report.on_dev_drive) == (drives[0], True)
    assert hint(report.path) is None


@pytest.mark.parametrize("on", [{"devdrive": True}, {"flag": "auto"}, {"flag": " ON "}])
def test_several_dev_drives_are_named_when_use_is_on_too(
    on: dict[str, object], devdrive_world: SimulatedProbe, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dev Drive use on, but the resolution does not guess between drives: the hint says how to pick."""
    for root in ("D:\\", "E:\\"):
        devdrive_world.add_drive(root)
    if "flag" in on:
        monkeypatch.setenv(ENV_VAR, str(on["flag"]))
    line = hint(devdrive=on.get("devdrive"))
    assert line is not None
    assert f"{ENV_VAR}=D:\\ " in line
    assert "D:\\, E:\\ are Dev Drives" in line


def test_the_volume_named_is_the_one_holding_current_dir(devdrive_world: SimulatedProbe) -> None:
    devdrive_world.add_drive("D:\\")
    devdrive_world.add_drive("F:\\", dev_drive=False)
    line = hint(r"F:\caches\pip")
    assert line is not None
    assert line.startswith("pip's cache is on F:\\, and D:\\ is a Dev Drive")


def test_appname_leads_the_line(devdrive_world: SimulatedProbe) -> None:
    devdrive_world.add_drive("D:\\")
    line = pdd.devdrive_hint("unpack-tool", r"C:\tmp\cache")
    assert line is not None
    assert line.startswith("unpack-tool's cache ")


# --- when it stays silent ---------------------------------------------------------------------------------------


def test_not_windows(devdrive_world: SimulatedProbe) -> None:
    devdrive_world.add_drive("D:\\")
    devdrive_world.windows = False
    assert hint() is None
    assert devdrive_world.calls == NO_QUESTIONS


def test_on_this_machine_without_simulation() -> None:
    # The real probe: off Windows there is nothing to say; on Windows it depends on the machine, but never raises.
    line = hint(os.getcwd())
    if sys.platform != "win32":
        assert line is None
    else:
        assert line is None or line.startswith("pip's cache is on ")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"explicit": True},
        {"explicit": True, "devdrive": True},
        {"devdrive": False},
        {"devdrive": "E:\\"},
        {"devdrive": pdd.PlatformDirs().user_cache_path},
    ],
    ids=["explicit", "explicit-on", "tool-off", "tool-path", "tool-pathlike"],
)
def test_a_chosen_place_is_never_second_guessed(kwargs: dict[str, object], devdrive_world: SimulatedProbe) -> None:
    for root in ("D:\\", "E:\\"):
        devdrive_world.add_drive(root)
    assert hint(**kwargs) is None
    assert devdrive_world.calls == NO_QUESTIONS


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(word=st.sampled_from(sorted(OFF_WORDS)), upper=st.booleans(), pad=st.sampled_from(["", " ", "\t"]))
def test_off_by_the_user(
    word: str, upper: bool, pad: str, devdrive_world: SimulatedProbe, monkeypatch: pytest.MonkeyPatch
) -> None:
    devdrive_world.add_drive("D:\\")
    monkeypatch.setenv(ENV_VAR, f"{pad}{word.upper() if upper else word}{pad}")
    assert hint() is None
    assert hint(devdrive=True) is None  # the user's "no" beats the tool's "yes"


@pytest.mark.parametrize("value", ["D:\\", "E:\\caches", "relative\\path"])
def test_the_user_named_a_root(value: str, devdrive_world: SimulatedProbe, monkeypatch: pytest.MonkeyPatch) -> None:
    for root in ("D:\\", "E:\\"):
        devdrive_world.add_drive(root)
    monkeypatch.setenv(ENV_VAR, value)
    assert hint() is None


def test_the_user_overrode_local_appdata(devdrive_world: SimulatedProbe, monkeypatch: pytest.MonkeyPatch) -> None:
    devdrive_world.add_drive("D:\\")
    monkeypatch.setenv(OVERRIDE_VAR, r"F:\AppData")
    assert hint(r"F:\AppData\pip\Cache") is None  # where platformdirs put the cache: the user's choice
    # a value platformdirs ignored (4.14+ wants a fully qualified path) left the cache in the standard place
    monkeypatch.setenv(OVERRIDE_VAR, "AppData")
    assert hint() is not None


@pytest.mark.parametrize("several", [False, True])
def test_already_on_a_dev_drive(several: bool, devdrive_world: SimulatedProbe) -> None:
    devdrive_world.add_drive("D:\\")
    if several:
        devdrive_world.add_drive("E:\\")
    assert hint(r"D:\.cache\pip\Cache") is None
    assert hint(r"d:\elsewhere\pip") is None  # Windows paths are case-insensitive
    assert devdrive_world.calls["roots"] == 0  # known from current_dir alone: no enumeration


def test_no_dev_drive(devdrive_world: SimulatedProbe) -> None:
    assert hint() is None
    devdrive_world.add_drive("D:\\", dev_drive=False)
    assert hint() is None


@pytest.mark.parametrize("on", [{"devdrive": True}, *({"flag": word} for word in sorted(ON_WORDS))])
def test_one_dev_drive_and_use_already_on(
    on: dict[str, object], devdrive_world: SimulatedProbe, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The resolution would have used the drive; current_dir elsewhere means it could not (its reason says why)."""
    devdrive_world.add_drive("D:\\")
    if "flag" in on:
        monkeypatch.setenv(ENV_VAR, str(on["flag"]))
    assert hint(devdrive=on.get("devdrive")) is None


# --- never raising --------------------------------------------------------------------------------------------------


def test_detection_failing_for_current_dir(devdrive_world: SimulatedProbe) -> None:
    devdrive_world.add_drive("D:\\")
    devdrive_world.add_drive("C:\\", error=PermissionError(5, "Access is denied"))
    assert hint() is None


def test_enumeration_failing(devdrive_world: SimulatedProbe) -> None:
    devdrive_world.add_drive("D:\\")
    devdrive_world.fail_enumeration(OSError(21, "The device is not ready"))
    assert hint() is None


def test_any_error_from_the_probe(devdrive_world: SimulatedProbe, mocker: MockerFixture) -> None:
    devdrive_world.add_drive("D:\\")
    mocker.patch.object(devdrive_world, "dev_drives", side_effect=RuntimeError("a bug in a backend"))
    assert hint() is None


@pytest.mark.parametrize("current_dir", [None, 42, b"C:\\bytes"])
def test_bad_input(current_dir: object, devdrive_world: SimulatedProbe) -> None:
    devdrive_world.add_drive("D:\\")
    assert hint(current_dir) is None


# --- cost and shape -------------------------------------------------------------------------------------------------


def test_answers_come_from_the_current_probe(devdrive_world: SimulatedProbe) -> None:
    devdrive_world.add_drive("D:\\")
    assert hint() is not None
    assert devdrive_world.calls["roots"] == 1  # one enumeration per call; the real probes cache theirs


def test_importing_the_package_does_not_import_the_hint() -> None:
    code = (
        "import sys, platformdirs_devdrive as p\n"
        "assert 'platformdirs_devdrive._hint' not in sys.modules\n"
        "hint = p.devdrive_hint\n"
        "assert 'platformdirs_devdrive._hint' in sys.modules\n"
        "from platformdirs_devdrive._hint import devdrive_hint\n"
        "assert hint is devdrive_hint is p.devdrive_hint\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_unknown_attributes_still_raise() -> None:
    with pytest.raises(AttributeError, match="no attribute 'devdrive_hints'"):
        pdd.devdrive_hints  # type: ignore[attr-defined]  # noqa: B018
    assert "devdrive_hint" in pdd.__all__
