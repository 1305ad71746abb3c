"""The testing kit: simulated worlds, their restoration, nesting, threads, faults, and the pytest fixtures."""

from __future__ import annotations

import doctest
import importlib.util
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
import pytest
from hypothesis import given, strategies as st

import platformdirs_devdrive as pdd
from platformdirs_devdrive import Reason, Source, VolumeInfo, _backends, _probe, testing
from platformdirs_devdrive.testing import SimulatedProbe, simulated_drives

from .conftest import WindowsDevDriveDirs

if TYPE_CHECKING:
    from collections.abc import Callable

PIP_ON_D = r"D:\.cache\pip\Cache"
PIP_ON_E = r"E:\.cache\pip\Cache"
FLAG = "PLATFORMDIRS_DEVDRIVE"


def cache_dir() -> str:
    """pip's cache through the property (and so the decision memo), with the Windows layout."""
    return WindowsDevDriveDirs("pip", appauthor=False, devdrive=True).user_cache_dir


def cache(devdrive: bool | str | None = True) -> pdd.Resolution:
    return WindowsDevDriveDirs("pip", appauthor=False, devdrive=devdrive).resolve_cache()


def _run(code: str) -> str:
    """Run ``code`` in a fresh interpreter (what a tool's start-up sees) and return its output."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True)
    return done.stdout.strip()


# --- the world answers through the real probe interface ----------------------------------------------------------


def test_the_world_is_the_probe_the_package_asks(win_folders: object) -> None:
    before = _backends.current_probe()
    with simulated_drives(dev_drives=["D:\\"]) as world:
        assert _backends.current_probe() is world
        assert isinstance(world, _probe.Probe)
        report = cache()
        assert (report.path, report.source, report.root) == (PIP_ON_D, Source.SOLE_DEV_DRIVE, "D:\\")
        assert world.calls["roots"] == 1
    assert _backends.current_probe() is before


def test_declared_volumes_as_the_probe_reports_them() -> None:
    world = SimulatedProbe()
    assert world.add_drive("D:\\") == "D:\\"
    assert world.add_drive("C:\\", dev_drive=False) == "C:\\"
    assert world.add_drive("E:\\", trusted=False, filesystem="ReFS") == "E:\\"
    assert world.add_drive("F:\\", trusted=None) == "F:\\"
    assert world.add_drive("V:\\", dev_drive=False, filesystem="ReFS", trusted=True) == "V:\\"
    assert world.roots() == ["D:\\", "C:\\", "E:\\", "F:\\", "V:\\"]
    assert world.dev_drives() == ["D:\\", "E:\\", "F:\\"]
    assert world.volume("D:\\") == VolumeInfo("D:\\", is_dev_drive=True, trusted=True, filesystem="ReFS")
    assert world.volume("C:\\") == VolumeInfo("C:\\", filesystem="NTFS")
    assert world.volume("E:\\").trusted is False
    assert world.volume("F:\\").trusted is None
    assert world.volume("V:\\") == VolumeInfo("V:\\", filesystem="ReFS")  # trusted means nothing off a Dev Drive
    assert world.volume("Z:\\") == VolumeInfo("Z:\\", filesystem="NTFS")  # undeclared: a plain volume
    assert world.name == "simulated"


def test_declaring_a_root_again_replaces_it() -> None:
    world = SimulatedProbe()
    world.add_drive("D:\\", error=OSError(21, "The device is not ready"))
    world.add_drive("E:\\")
    world.add_drive("D:\\")  # the card is in now
    assert world.volume_root("D:\\src") == "D:\\"
    assert world.volume("D:\\").error is None
    assert world.dev_drives() == ["D:\\", "E:\\"]


@pytest.mark.parametrize(
    ("path", "root"),
    [
        ("C:\\dev\\src\\tool", "C:\\dev\\"),  # the folder mount, not the drive it sits on
        ("c:\\DEV\\src", "C:\\dev\\"),  # Windows compares paths case-insensitively
        ("C:/dev/src", "C:\\dev\\"),  # and takes both separators
        ("C:\\devices\\x", "C:\\"),  # a prefix of a name is not a parent folder
        ("C:\\Users\\me", "C:\\"),
        ("D:\\x", "D:\\"),
        ("Q:\\undeclared", "Q:\\"),  # any other drive: its own plain volume
        ("\\\\server\\share\\x", "\\\\server\\share\\"),  # a network share is its own volume
        ("\\x", "C:\\"),  # no drive at all: the system drive
    ],
)
def test_volume_root_is_the_longest_declared_root_holding_the_path(path: str, root: str) -> None:
    world = SimulatedProbe()
    world.add_drive("C:\\", dev_drive=False)
    world.add_drive("C:\\dev\\")
    world.add_drive("D:\\")
    assert world.volume_root(path) == root


def test_off_windows_paths_are_case_sensitive_and_undeclared_ones_are_on_slash() -> None:
    world = SimulatedProbe(windows=False)
    world.add_drive("/mnt/fast")
    assert world.volume_root("/mnt/fast/cache") == "/mnt/fast"
    assert world.volume_root("/mnt/Fast/cache") == "/"
    assert world.volume("/") == VolumeInfo("/")


@given(
    st.lists(st.lists(st.sampled_from(["a", "b", "A"]), min_size=1, max_size=3), max_size=5),
    st.lists(st.sampled_from(["a", "b", "A", "c"]), max_size=4),
)
def test_volume_root_property(mounts: list[list[str]], path_parts: list[str]) -> None:
    world = SimulatedProbe()
    for parts in mounts:
        world.add_drive("D:\\" + "\\".join(parts))
    path = "D:\\" + "\\".join(path_parts)
    root = world.volume_root(path)
    holders = [
        "D:\\" + "\\".join(parts)
        for parts in mounts
        if [p.lower() for p in path_parts[: len(parts)]] == [p.lower() for p in parts]
    ]
    if holders:
        assert len(root) == max(len(holder) for holder in holders)
        assert root.lower() in {holder.lower() for holder in holders}
    else:
        assert root == "D:\\"


def test_root_types_and_forms(tmp_path: Path) -> None:
    world = SimulatedProbe()
    assert world.add_drive("D:") == "D:\\"  # the drive, as the package reads "D:"
    assert world.add_drive(tmp_path) == str(tmp_path)
    assert world.add_drive("/srv/fast") == "/srv/fast"
    assert world.add_drive("\\\\server\\share\\") == "\\\\server\\share\\"


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda w: w.add_drive(4), TypeError, "root must be a str or an os.PathLike"),
        (lambda w: w.add_drive(b"D:\\"), TypeError, "root must be a str or an os.PathLike"),
        (lambda w: w.add_drive("relative\\dir"), ValueError, "absolute path, got 'relative"),
        (lambda w: w.add_drive(""), ValueError, "absolute path"),
        (lambda w: w.add_drive("D:\\", error="not ready"), TypeError, "error must be an OSError"),
        (lambda w: w.add_drive("D:\\", error=RuntimeError()), TypeError, "got RuntimeError"),
        (lambda w: w.fail_enumeration(ValueError()), TypeError, "error must be an OSError"),
        (lambda w: w.remove_drive("D:\\"), ValueError, "no volume was declared at"),
        (lambda w: w.set_flag(True), TypeError, "got bool"),
    ],
)
def test_programmer_errors_are_clear(call: Callable[[SimulatedProbe], object], error: type, match: str) -> None:
    with simulated_drives() as world, pytest.raises(error, match=match):
        call(world)


def test_dev_drives_must_be_a_list_not_one_path() -> None:
    before = _backends.current_probe()
    with pytest.raises(TypeError, match="list of roots"), simulated_drives(dev_drives="D:\\"):
        pass  # pragma: no cover  # never entered
    with pytest.raises(ValueError, match="absolute"), simulated_drives(dev_drives=["D:\\", "relative"]):
        pass  # pragma: no cover
    assert _backends.current_probe() is before


# --- restoration --------------------------------------------------------------------------------------------------


def test_everything_is_restored_when_the_block_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FLAG, "off")
    before = _backends.current_probe()
    inside: list[str] = []

    def use_and_fail() -> None:
        with simulated_drives(dev_drives=[tmp_path]) as world:
            world.set_flag("auto")
            inside.append(pdd.user_cache_dir("pip"))
            raise KeyError

    with pytest.raises(KeyError):
        use_and_fail()
    assert inside[0].startswith(str(tmp_path))
    assert _backends.current_probe() is before
    assert os.environ[FLAG] == "off"
    monkeypatch.setenv(FLAG, "auto")
    # The decision taken in the world is not remembered outside it: the real machine answers again.
    assert not pdd.user_cache_dir("pip").startswith(str(tmp_path))


@pytest.mark.parametrize("before", [None, "", "0", "D:\\mine"])
def test_set_flag_is_undone_on_exit(before: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    if before is None:
        monkeypatch.delenv(FLAG, raising=False)
    else:
        monkeypatch.setenv(FLAG, before)
    with simulated_drives() as world:
        world.set_flag("auto")
        assert os.environ[FLAG] == "auto"
        world.set_flag(Path("/fast"))
        assert os.environ[FLAG] == str(Path("/fast"))
        world.set_flag(None)
        assert FLAG not in os.environ
    assert os.environ.get(FLAG) == before


def test_a_world_hides_the_developers_flag_and_gives_it_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FLAG, "auto")  # as if set in the shell that runs the tests
    monkeypatch.setenv("DEV_DRIVE", "D:")
    with simulated_drives():
        assert FLAG not in os.environ
        assert os.environ["DEV_DRIVE"] == "D:"  # only the flag is the world's: the rest stays as it is
        with simulated_drives() as inner:  # an inner world keeps what the outer one (the test) set
            inner.set_flag("0")
        assert FLAG not in os.environ
    assert os.environ[FLAG] == "auto"


# --- nesting ------------------------------------------------------------------------------------------------------


def test_worlds_nest_and_the_innermost_answers_alone(win_folders: object) -> None:
    with simulated_drives(dev_drives=["D:\\"]) as outer:
        assert cache_dir() == PIP_ON_D
        with simulated_drives(dev_drives=["E:\\"]) as inner:
            assert cache_dir() == PIP_ON_E  # the outer D:\ is not part of the inner world
            with simulated_drives(windows=False):
                assert cache().code is Reason.NOT_WINDOWS
            assert cache_dir() == PIP_ON_E
            assert inner.calls["roots"] == 2  # once, then remembered, then asked again after the innermost world
        assert cache_dir() == PIP_ON_D
        assert outer.calls["roots"] == 2  # asked again after the inner world: nothing leaked back


def test_nested_set_flag_restores_each_level(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FLAG, raising=False)
    with simulated_drives() as outer:
        outer.set_flag("auto")
        with simulated_drives() as inner:
            inner.set_flag("0")
            assert os.environ[FLAG] == "0"
        assert os.environ[FLAG] == "auto"
    assert FLAG not in os.environ


# --- threads ------------------------------------------------------------------------------------------------------


def _in_threads(count: int, work: Callable[[int], None]) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(count)

    def run(index: int) -> None:
        try:
            barrier.wait()
            work(index)
        except BaseException as error:  # noqa: BLE001  # reported to the test thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_entering_and_leaving_from_many_threads_leaves_nothing_behind(win_folders: object) -> None:
    before = _backends.current_probe()

    def work(index: int) -> None:
        for _ in range(30):
            with simulated_drives(dev_drives=[f"{'DEFG'[index % 4]}:\\"]) as world:
                assert world in _probe._overrides
                assert isinstance(cache(), pdd.Resolution)  # whichever world is innermost answers, never an error
            assert world not in _probe._overrides

    assert _in_threads(8, work) == []
    assert _backends.current_probe() is before
    assert _probe._overrides == ()


def test_a_world_is_seen_by_every_thread(win_folders: object) -> None:
    seen: list[str] = []
    with simulated_drives(dev_drives=["D:\\"]):
        assert _in_threads(4, lambda _: seen.append(cache_dir())) == []
    assert seen == [PIP_ON_D] * 4


def test_worlds_may_end_in_another_order_than_they_began(win_folders: object) -> None:
    before = _backends.current_probe()
    entered, leave, left = threading.Event(), threading.Event(), threading.Event()

    def other() -> None:
        with simulated_drives(dev_drives=["E:\\"]):
            entered.set()
            leave.wait()
        left.set()

    thread = threading.Thread(target=other)
    thread.start()
    entered.wait()
    with simulated_drives(dev_drives=["D:\\"]) as mine:
        leave.set()
        left.wait()  # the older world, in the other thread, ended inside mine
        assert _backends.current_probe() is mine
        assert cache_dir() == PIP_ON_D
    thread.join()
    assert _backends.current_probe() is before


def test_declaring_while_other_threads_ask_is_safe() -> None:
    with simulated_drives() as world:

        def work(index: int) -> None:
            for number in range(200):
                if index == 0:
                    world.add_drive(f"D:\\mount{number}")
                else:
                    world.volume_root(f"D:\\mount{number}\\x")
                    world.dev_drives()

        assert _in_threads(4, work) == []
        assert len(world.roots()) == 200
        # every question was counted, none lost to a race
        assert world.calls["volume_root"] == 3 * 200


# --- "running on Windows" or not ----------------------------------------------------------------------------------


def test_not_windows(win_folders: object, tmp_path: Path) -> None:
    with simulated_drives(windows=False, dev_drives=["D:\\"]) as world:
        assert world.windows is False
        report = cache()
        assert (report.source, report.code) == (Source.FALLBACK, Reason.NOT_WINDOWS)
        explicit = cache(str(tmp_path))  # a chosen folder is still honoured, without asking about drives
        assert (explicit.source, explicit.on_dev_drive) == (Source.ARGUMENT, False)
        assert "not Windows" in explicit.reason
        assert world.calls == {"volume_root": 0, "volume": 0, "roots": 0}


# --- faults -------------------------------------------------------------------------------------------------------


def test_a_failing_volume_raises_for_its_paths_and_is_no_dev_drive(win_folders: object) -> None:
    error = PermissionError(13, "Access is denied")
    with simulated_drives() as world:
        world.add_drive("D:\\")
        world.add_drive("N:\\", error=error, filesystem="NTFS")
        depths = []
        for _ in range(3):
            with pytest.raises(PermissionError) as caught:
                world.volume_root("N:\\x")
            assert caught.value is error
            depths.append(len(caught.traceback))
        assert depths[0] == depths[1] == depths[2]  # raised afresh each time, not stacked on the last raise
        assert world.volume("N:\\") == VolumeInfo(
            "N:\\", filesystem="NTFS", error="PermissionError: [Errno 13] Access is denied"
        )
        assert world.dev_drives() == ["D:\\"]
        assert cache_dir() == PIP_ON_D  # a failing volume is not a Dev Drive; the sole one is still found


def test_enumeration_failure_and_recovery(win_folders: object) -> None:
    with simulated_drives(dev_drives=["D:\\"]) as world:
        world.fail_enumeration(OSError(21, "The device is not ready"))
        with pytest.raises(OSError, match="not ready"):
            world.roots()
        report = cache()
        assert (report.source, report.code) == (Source.FALLBACK, Reason.DETECTION_FAILED)
        assert "The device is not ready" in report.reason
        world.fail_enumeration(None)
        assert cache_dir() == PIP_ON_D


def test_an_explicit_root_whose_detection_fails_is_used_with_a_reason(win_folders: object, tmp_path: Path) -> None:
    with simulated_drives() as world:
        world.add_drive(tmp_path, error=OSError(1, "Incorrect function"))
        report = cache(str(tmp_path))
        assert (report.source, report.code, report.on_dev_drive) == (
            Source.ARGUMENT,
            Reason.CHOSEN_NOT_DEV_DRIVE,
            False,
        )
        assert "(detection failed: PermissionError: [Errno 1] Incorrect function)" in report.reason


# --- counting and remembered decisions ----------------------------------------------------------------------------


def test_calls_count_each_question() -> None:
    world = SimulatedProbe()
    world.add_drive("D:\\")
    world.add_drive("E:\\", dev_drive=False)
    world.volume_root("D:\\x")
    world.volume("D:\\")
    world.dev_drives()  # one listing, then one description per root
    assert world.calls == {"volume_root": 1, "volume": 3, "roots": 1}


def test_remembered_decisions_follow_every_change_of_the_world(win_folders: object) -> None:
    with simulated_drives(dev_drives=["D:\\"]) as world:
        assert cache_dir() == PIP_ON_D
        standard = cache(False).path
        world.add_drive("E:\\")
        assert cache_dir() == standard  # two Dev Drives now: the remembered D:\ is not handed out
        world.remove_drive("D:\\")
        assert cache_dir() == PIP_ON_E
        world.windows = False
        assert cache_dir() == standard
        world.windows = True
        assert cache_dir() == PIP_ON_E
        world.fail_enumeration(OSError(5, "Access is denied"))
        assert cache_dir() == standard
        world.fail_enumeration(None)
        world.add_drive("E:\\", error=OSError(21, "The device is not ready"))
        assert cache_dir() == standard
        world.add_drive("E:\\")
        assert cache_dir() == PIP_ON_E
        world.set_flag("0")
        assert WindowsDevDriveDirs("pip", appauthor=False).user_cache_dir == standard
        world.set_flag("auto")
        assert WindowsDevDriveDirs("pip", appauthor=False).user_cache_dir == PIP_ON_E


def test_docstring_examples() -> None:
    results = doctest.testmod(testing, optionflags=doctest.ELLIPSIS)
    assert results.attempted > 0
    assert results.failed == 0


# --- the pytest fixtures --------------------------------------------------------------------------------------------


def test_devdrive_world_starts_empty_without_the_users_settings(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(FLAG, "auto")
    monkeypatch.setenv("DEV_DRIVE", "E:")
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", "X:\\mine")
    world = request.getfixturevalue("devdrive_world")
    assert isinstance(world, SimulatedProbe)
    assert _backends.current_probe() is world
    assert (world.windows, world.roots()) == (True, [])
    assert FLAG not in os.environ
    assert "DEV_DRIVE" not in os.environ
    assert "WIN_PD_OVERRIDE_LOCAL_APPDATA" not in os.environ  # the machine's platformdirs setting, too


def test_devdrive_root_is_a_real_empty_dev_drive_with_use_still_off(
    devdrive_world: SimulatedProbe, devdrive_root: Path, tmp_path: Path
) -> None:
    assert devdrive_root == tmp_path / "devdrive"
    assert devdrive_root.is_dir()
    assert list(devdrive_root.iterdir()) == []
    assert devdrive_world.dev_drives() == [str(devdrive_root)]
    assert devdrive_world.volume(str(devdrive_root)).trusted is True
    assert pdd.user_cache_dir("tool") == platformdirs.user_cache_dir("tool")
    devdrive_world.set_flag("auto")
    report = pdd.resolve_cache_dir("tool", ensure_exists=True)
    assert (report.source, report.root) == (Source.SOLE_DEV_DRIVE, str(devdrive_root))
    assert Path(report.path).is_dir()
    assert Path(report.path).is_relative_to(devdrive_root / ".cache")


def test_the_fixtures_come_from_the_installed_entry_point(pytestconfig: pytest.Config) -> None:
    from importlib.metadata import entry_points

    from platformdirs_devdrive import pytest_plugin

    (point,) = (p for p in entry_points(group="pytest11") if p.name == "platformdirs_devdrive")
    assert point.value == "platformdirs_devdrive.pytest_plugin"
    assert pytestconfig.pluginmanager.get_plugin("platformdirs_devdrive") is pytest_plugin


def test_the_fixtures_restore_everything_between_tests(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(
        """
        import os

        from platformdirs_devdrive import _backends

        BEFORE = _backends.current_probe()

        def test_changes_the_world(devdrive_world, devdrive_root):
            devdrive_world.set_flag("auto")
            devdrive_world.add_drive("E:\\\\", error=OSError(21, "not ready"))
            assert _backends.current_probe() is devdrive_world
            raise KeyError("a failing test restores too")

        def test_sees_the_machine_again():
            assert _backends.current_probe() is BEFORE
            assert os.environ["PLATFORMDIRS_DEVDRIVE"] == "the user's"
            assert os.environ["DEV_DRIVE"] == "Z:"
        """
    )
    monkeypatch.setenv(FLAG, "the user's")
    monkeypatch.setenv("DEV_DRIVE", "Z:")
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*KeyError: 'a failing test restores too'*"])


def test_works_together_with_platformdirs_isolated(
    request: pytest.FixtureRequest, devdrive_world: SimulatedProbe, devdrive_root: Path
) -> None:
    pytest.importorskip("platformdirs.testing", reason="platformdirs_isolated is newer than platformdirs 4.11")
    isolated: Path = request.getfixturevalue("platformdirs_isolated")
    standard = pdd.user_cache_dir("tool")
    assert standard == platformdirs.user_cache_dir("tool")
    assert Path(standard).is_relative_to(isolated)  # while off, platformdirs' isolated answer
    assert not Path(standard).is_relative_to(devdrive_root)
    devdrive_world.set_flag("auto")
    report = pdd.resolve_cache_dir("tool")
    assert Path(report.path).is_relative_to(devdrive_root)
    assert report.standard_path == standard  # the fallback stays inside the isolation
    devdrive_world.add_drive("E:\\")  # now two: back to the isolated standard location
    assert pdd.user_cache_dir("tool") == standard


# --- import cost ----------------------------------------------------------------------------------------------------


def test_importing_the_package_loads_no_testing_support() -> None:
    loaded = _run(
        "import sys; before = set(sys.modules); import platformdirs_devdrive; "
        "print(' '.join(sorted(set(sys.modules) - before)))"
    ).split()
    assert "platformdirs_devdrive" in loaded
    for name in (
        "platformdirs_devdrive.testing",
        "platformdirs_devdrive.pytest_plugin",
        "pytest",
        "_pytest",
        "threading",
    ):
        assert name not in loaded


def test_the_plugin_loads_the_kit_only_when_a_fixture_is_used() -> None:
    loaded = _run(
        "import sys; import platformdirs_devdrive.pytest_plugin; "
        "print(' '.join(name for name in sys.modules if name.startswith('platformdirs_devdrive')))"
    ).split()
    assert "platformdirs_devdrive.pytest_plugin" in loaded
    assert "platformdirs_devdrive.testing" not in loaded


def test_a_windows_world_compares_roots_case_insensitively() -> None:
    world = SimulatedProbe()
    world.add_drive("D:\\")
    assert world.volume("d:\\").is_dev_drive
    world.add_drive("d:\\", dev_drive=False)  # declaring it again, in another case, replaces it
    assert world.roots() == ["d:\\"]
    assert not world.volume("D:\\").is_dev_drive
    world.remove_drive("D:\\")
    assert world.roots() == []


def test_a_posix_world_compares_roots_as_they_are(tmp_path: Path) -> None:
    world = SimulatedProbe(windows=False)
    world.add_drive(tmp_path / "A")
    world.add_drive(tmp_path / "a", dev_drive=False)
    assert world.roots() == [str(tmp_path / "A"), str(tmp_path / "a")]


def test_the_fixture_hides_the_machines_settings(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PLATFORMDIRS_DEVDRIVE", "DEV_DRIVE", "WIN_PD_OVERRIDE_LOCAL_APPDATA"):
        monkeypatch.setenv(name, "D:\\")
    pytester.makepyfile(
        """
        import os

        def test_clean(devdrive_world):
            names = ("PLATFORMDIRS_DEVDRIVE", "DEV_DRIVE", "WIN_PD_OVERRIDE_LOCAL_APPDATA")
            assert [os.environ.get(name) for name in names] == [None, None, None]
        """
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


# --- the kit isolates too, whatever the developer's flag says (issue 14, item 2) ----------------------------------


def test_a_world_leaves_nothing_on_the_drive_the_developers_flag_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "the-developers-dev-drive"
    real.mkdir()
    monkeypatch.setenv(FLAG, str(real))
    simulated = tmp_path / "simulated"
    simulated.mkdir()
    with simulated_drives(windows=False, dev_drives=[simulated]):
        paths = [
            pdd.user_cache_dir("app", ensure_exists=True),
            pdd.user_temp_dir("app", ensure_exists=True, devdrive=True),
            pdd.resolve_cache_dir("app", ensure_exists=True, devdrive=True).path,
        ]
    assert [path for path in paths if Path(path).is_relative_to(real)] == []
    assert list(real.iterdir()) == []
    assert os.environ[FLAG] == str(real)


def test_the_fixtures_leave_nothing_on_the_drive_the_developers_flag_names(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = tmp_path / "the-developers-dev-drive"
    real.mkdir()
    monkeypatch.setenv(FLAG, str(real))
    pytester.makepyfile(
        """
        from pathlib import Path

        import platformdirs_devdrive as pdd


        def test_off(devdrive_world, devdrive_root):
            assert not Path(pdd.user_cache_dir("app", ensure_exists=True)).is_relative_to(devdrive_root)


        def test_on(devdrive_world, devdrive_root):
            devdrive_world.set_flag("auto")
            assert Path(pdd.user_cache_dir("app", ensure_exists=True, devdrive=True)).is_relative_to(devdrive_root)
            pdd.user_temp_dir("app", ensure_exists=True, devdrive=True)
        """
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=2)
    assert list(real.iterdir()) == []


# --- one testing module, ours, with platformdirs' names merged in (issue 14, item 5) -------------------------------


@pytest.mark.parametrize(
    "first",
    [
        "",
        pytest.param(
            "import platformdirs.testing; ",
            marks=pytest.mark.skipif(
                importlib.util.find_spec("platformdirs.testing") is None, reason="platformdirs 4.11.0 has no testing"
            ),
        ),
    ],
)
def test_our_testing_module_is_the_same_whatever_was_imported_first(first: str) -> None:
    code = f"{first}from platformdirs_devdrive import testing; import platformdirs_devdrive.testing as t; "
    code += "print(testing.__name__, testing is t)"
    assert _run(code) == "platformdirs_devdrive.testing True"


def test_platformdirs_testing_names_are_merged_without_a_clash() -> None:
    ours = {"SimulatedProbe", "simulated_drives"}
    theirs = set(getattr(pytest.importorskip("platformdirs.testing"), "__all__", ()))
    assert theirs, "platformdirs.testing has public names"
    assert not ours & theirs
    assert set(testing.__all__) == ours | theirs
    assert len(testing.__all__) == len(set(testing.__all__))
    for name in theirs:
        assert getattr(testing, name) is getattr(sys.modules["platformdirs.testing"], name)


def test_a_swapped_platformdirs_testing_isolated_dirs_works(tmp_path: Path) -> None:
    pytest.importorskip("platformdirs.testing", reason="platformdirs 4.11.0 has no testing module")
    swapped = pdd  # import platformdirs_devdrive as platformdirs; platformdirs.testing.isolated_dirs(...)
    with swapped.testing.isolated_dirs(tmp_path) as root:  # type: ignore[attr-defined]
        assert swapped.user_data_path("app") == root / "user_data" / "app"
        assert swapped.user_cache_path("app") == root / "user_cache" / "app"
        assert swapped.user_temp_path("app") == root / "user_temp" / "app"
