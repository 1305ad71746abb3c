"""The public API: the drop-in promise, the class, the module functions, on this machine's real file system."""

from __future__ import annotations

import inspect
import os
import stat
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
import pytest

import platformdirs_devdrive as pdd
from platformdirs_devdrive import Reason, Source

from .conftest import IS_WINDOWS, needs_posix

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytest_mock import MockerFixture

    from platformdirs_devdrive.testing import SimulatedProbe

ARGUMENT_SETS: list[dict[str, Any]] = [
    {},
    {"appname": "app"},
    {"appname": "app", "appauthor": "Acme", "version": "1.0"},
    {"appname": "app", "appauthor": False, "version": "2", "opinion": False},
    {"appname": "app", "roaming": True, "multipath": True},
]
PLATFORMDIRS_FUNCTIONS = sorted(
    name for name in platformdirs.__all__ if inspect.isfunction(getattr(platformdirs, name))
)
PROPERTIES = sorted(
    name
    for name, value in inspect.getmembers(platformdirs.PlatformDirs)
    if isinstance(value, property) and not name.startswith("_")
)
ITERATORS = sorted(name for name in dir(platformdirs.PlatformDirs) if name.startswith("iter_"))


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private home: every standard directory resolves (and is created) under it."""
    home = tmp_path / "home"
    home.mkdir()
    for name in ("HOME", "USERPROFILE"):
        monkeypatch.setenv(name, str(home))
    for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    for name in ("LOCALAPPDATA", "APPDATA"):
        monkeypatch.setenv(
            f"WIN_PD_OVERRIDE_{'LOCAL_APPDATA' if name == 'LOCALAPPDATA' else 'APPDATA'}", str(home / name)
        )
    return home


def _quietly(call: Callable[[], Any]) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs' own warnings (runtime dir) are the same on both sides
        try:
            return call()
        except Exception as error:  # noqa: BLE001  # the same error on both sides is the same behaviour
            return (type(error), str(error))


def _tree(root: Path) -> list[tuple[str, int]]:
    return sorted((str(p.relative_to(root)), stat.S_IMODE(p.stat().st_mode)) for p in root.rglob("*"))


# --- the drop-in promise --------------------------------------------------------------------------------------------


def test_every_platformdirs_name_is_exported() -> None:
    missing = [name for name in platformdirs.__all__ if not hasattr(pdd, name)]
    assert missing == []
    assert set(platformdirs.__all__) <= set(pdd.__all__)
    assert len(pdd.__all__) == len(set(pdd.__all__))


def test_names_we_do_not_change_are_platformdirs_own_objects_or_its_functions_rebound() -> None:
    ours = {"PlatformDirs", "AppDirs", "user_cache_dir", "user_cache_path"}
    for name in set(platformdirs.__all__) - ours:
        theirs = getattr(platformdirs, name)
        if inspect.isfunction(theirs):  # the same code, building our PlatformDirs (test_functions)
            assert getattr(pdd, name).__code__ is theirs.__code__, name
        else:
            assert getattr(pdd, name) is theirs, name


def test_platformdirs_submodules_are_reachable_through_us() -> None:
    modules = {
        name
        for name, value in vars(platformdirs).items()
        if inspect.ismodule(value) and value.__name__ == f"platformdirs.{name}" and not name.startswith("_")
    }
    assert {"api", "version"} <= modules
    ours = {"testing", "pytest_plugin"}  # our own kit answers under these names
    for name in modules - ours:
        assert getattr(pdd, name) is getattr(platformdirs, name), name


def test_platformdirs_class_is_ours_and_still_theirs() -> None:
    assert pdd.PlatformDirs is pdd.AppDirs is pdd.DevDrivePlatformDirs
    dirs = pdd.PlatformDirs("app")
    assert isinstance(dirs, platformdirs.PlatformDirs)
    assert isinstance(dirs, platformdirs.PlatformDirsABC)


@pytest.mark.parametrize("arguments", ARGUMENT_SETS, ids=repr)
@pytest.mark.parametrize("name", PLATFORMDIRS_FUNCTIONS)
def test_every_function_answers_like_platformdirs_while_off(
    name: str, arguments: dict[str, Any], home: Path, devdrive_world: SimulatedProbe
) -> None:
    devdrive_world.add_drive(str(home))  # a Dev Drive exists; off means it is not used
    parameters = inspect.signature(getattr(platformdirs, name)).parameters
    kwargs = {key: value for key, value in arguments.items() if key in parameters}
    theirs = _quietly(lambda: getattr(platformdirs, name)(**kwargs))
    ours = _quietly(lambda: getattr(pdd, name)(**kwargs))
    assert ours == theirs


@pytest.mark.parametrize("arguments", ARGUMENT_SETS, ids=repr)
def test_every_property_and_iterator_answers_like_platformdirs_while_off(arguments: dict[str, Any], home: Path) -> None:
    ours, theirs = pdd.PlatformDirs(**arguments), platformdirs.PlatformDirs(**arguments)
    for name in PROPERTIES:
        assert _quietly(lambda: getattr(ours, name)) == _quietly(lambda: getattr(theirs, name)), name
    for name in ITERATORS:
        assert _quietly(lambda: list(getattr(ours, name)())) == _quietly(lambda: list(getattr(theirs, name)())), name


@pytest.mark.parametrize(
    "name",
    [n for n in PLATFORMDIRS_FUNCTIONS if "ensure_exists" in inspect.signature(getattr(platformdirs, n)).parameters],
)
def test_ensure_exists_creates_what_platformdirs_creates(name: str, home: Path, tmp_path: Path) -> None:
    theirs = _quietly(
        lambda: (
            getattr(platformdirs, name)("app", ensure_exists=True)
            if "appname" in inspect.signature(getattr(platformdirs, name)).parameters
            else getattr(platformdirs, name)(ensure_exists=True)
        )
    )
    created_by_them = _tree(home)
    for child in sorted(home.rglob("*"), key=lambda p: -len(p.parts)):
        if child.name != "runtime":
            (child.rmdir if child.is_dir() else child.unlink)()
    ours = _quietly(
        lambda: (
            getattr(pdd, name)("app", ensure_exists=True)
            if "appname" in inspect.signature(getattr(platformdirs, name)).parameters
            else getattr(pdd, name)(ensure_exists=True)
        )
    )
    assert ours == theirs
    assert _tree(home) == created_by_them


def test_unset_flag_with_positional_arguments(home: Path) -> None:
    assert pdd.user_cache_dir("app", "Acme", "1.0", False) == platformdirs.user_cache_dir("app", "Acme", "1.0", False)
    assert (
        pdd.PlatformDirs("app", "Acme", "1.0", False, False, False).user_cache_dir
        == platformdirs.PlatformDirs("app", "Acme", "1.0", False, False, False).user_cache_dir
    )


# --- on, with an explicit root on this machine --------------------------------------------------------------------


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "fast"
    root.mkdir()
    return root


def _expected_cache(root: Path, *parts: str) -> str:
    if IS_WINDOWS:
        return str(root / ".cache" / "pip" / "Cache")
    return str(root.joinpath(".cache", *parts))


def test_flag_path_moves_the_cache_of_every_entry_point(
    root: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", str(root))
    expected = _expected_cache(root, "pip")
    assert pdd.user_cache_dir("pip", appauthor=False) == expected
    assert pdd.user_cache_path("pip", appauthor=False) == Path(expected)
    assert pdd.PlatformDirs("pip", appauthor=False).user_cache_dir == expected
    assert pdd.PlatformDirs("pip", appauthor=False).user_cache_path == Path(expected)
    assert next(pdd.PlatformDirs("pip", appauthor=False).iter_cache_dirs()) == expected
    report = pdd.resolve_cache_dir("pip", appauthor=False)
    assert (report.path, report.source, report.root) == (expected, Source.ENVIRONMENT, str(root))
    assert report.standard_path == platformdirs.user_cache_dir("pip", appauthor=False)
    # everything else stays where platformdirs puts it
    assert pdd.user_data_dir("pip") == platformdirs.user_data_dir("pip")
    assert pdd.PlatformDirs("pip").user_log_dir == platformdirs.PlatformDirs("pip").user_log_dir


def test_temp_on_an_explicit_root(root: Path, home: Path) -> None:
    expected = str(root / ".cache" / "Temp" / "pip")
    assert pdd.user_temp_dir("pip", devdrive=root) == expected
    assert pdd.user_temp_path("pip", devdrive=str(root)) == Path(expected)
    assert pdd.PlatformDirs("pip", devdrive=root).user_temp_path == Path(expected)
    report = pdd.resolve_temp_dir("pip", devdrive=root)
    assert (report.kind, report.source, report.on_dev_drive) == ("temp", Source.ARGUMENT, False)


def test_without_ensure_exists_only_the_owner_only_anchor_is_made(root: Path, home: Path) -> None:
    before = _tree(home)
    pdd.resolve_cache_dir("pip", devdrive=False)
    pdd.resolve_temp_dir("pip", devdrive=False)
    assert list(root.iterdir()) == []  # off: nothing at all on the root
    pdd.resolve_cache_dir("pip", devdrive=root)
    pdd.resolve_temp_dir("pip", devdrive=root)
    pdd.user_cache_dir("other", devdrive=root)
    # on: <root>/.cache alone, owner-only, so that what the tool creates below it is private too
    assert [path.name for path in root.rglob("*")] == [".cache"]
    if not IS_WINDOWS:
        assert stat.S_IMODE((root / ".cache").stat().st_mode) == 0o700
    assert _tree(home) == before


@needs_posix
def test_a_tools_own_folders_below_the_anchor_are_accepted_whatever_its_umask(root: Path, home: Path) -> None:
    """pip creates its cache folders itself; with umask 002 (Ubuntu's default for users) they are group-writable."""
    path = Path(pdd.user_cache_dir("pip", "Acme", "1.0", devdrive=root))
    old = os.umask(0o002)
    try:
        (path / "http").mkdir(parents=True)
    finally:
        os.umask(old)
    assert stat.S_IMODE((path / "http").stat().st_mode) == 0o775
    pdd.clear_cache()
    for _ in range(2):  # the next run, and the one after: the cache stays put
        report = pdd.resolve_cache_dir("pip", "Acme", "1.0", ensure_exists=True, devdrive=root)
        assert (report.source, report.path) == (Source.ARGUMENT, str(path))
    # but a .cache others can enter is no anchor: the same folders are then refused
    (root / ".cache").chmod(0o755)
    pdd.clear_cache()
    refused = pdd.resolve_cache_dir("pip", "Acme", "1.0", devdrive=root)
    assert refused.code is Reason.UNSAFE
    assert "writable by group or others" in refused.reason


@needs_posix
def test_ensure_exists_creates_owner_only_on_the_root_and_nothing_standard(root: Path, home: Path) -> None:
    before = _tree(home)
    path = pdd.user_cache_dir("pip", "Acme", "1.0", ensure_exists=True, devdrive=root)
    temp = pdd.user_temp_dir("pip", ensure_exists=True, devdrive=root)
    assert Path(path).is_dir()
    assert Path(temp).is_dir()
    assert _tree(root) == [
        (".cache", 0o700),
        (".cache/Temp", 0o700),
        (".cache/Temp/pip", 0o700),
        (".cache/pip", 0o700),
        (".cache/pip/1.0", 0o700),
    ]
    assert _tree(home) == before


@needs_posix
def test_ensure_exists_falls_back_to_platformdirs_creation_when_the_root_is_unusable(root: Path, home: Path) -> None:
    (root / ".cache").write_text("not a directory", encoding="utf-8")
    report = pdd.resolve_cache_dir("pip", ensure_exists=True, devdrive=root)
    assert (report.source, report.code) == (Source.FALLBACK, Reason.UNSAFE)
    assert ".cache exists and is not a directory" in report.reason
    assert Path(report.path).is_dir()
    assert report.path == platformdirs.user_cache_dir("pip")
    assert (root / ".cache").read_text(encoding="utf-8") == "not a directory"  # nothing lost


def test_constructor_keeps_platformdirs_attributes() -> None:
    dirs = pdd.DevDrivePlatformDirs("app", "Acme", "1.0", True, True, False, True, devdrive=False, near="/x")
    assert (dirs.appname, dirs.appauthor, dirs.version) == ("app", "Acme", "1.0")
    assert (dirs.roaming, dirs.multipath, dirs.opinion, dirs.ensure_exists) == (True, True, False, True)
    assert (dirs.devdrive, dirs.near) == (False, "/x")


def test_devdrive_and_near_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        pdd.DevDrivePlatformDirs("app", None, None, False, False, True, False, False, True)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        pdd.user_temp_dir("app", True)  # type: ignore[call-arg]


# --- the per-process memo -------------------------------------------------------------------------------------------


def test_warm_properties_ask_the_probe_nothing(devdrive_world: SimulatedProbe, tmp_path: Path) -> None:
    devdrive_world.add_drive(tmp_path)
    dirs = pdd.PlatformDirs("pip", appauthor=False, devdrive=True)
    first = dirs.user_cache_dir
    asked = dict(devdrive_world.calls)
    assert asked["roots"] == 1
    for _ in range(3):
        assert dirs.user_cache_dir == first
        assert pdd.user_cache_dir("pip", appauthor=False, devdrive=True) == first
    assert devdrive_world.calls == asked
    pdd.clear_cache()
    assert dirs.user_cache_dir == first
    assert devdrive_world.calls["roots"] == 2


def test_memo_follows_the_flag(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    dirs = pdd.PlatformDirs("pip")
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", str(root))
    assert dirs.user_cache_dir.startswith(str(root))
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", str(other))
    assert dirs.user_cache_dir.startswith(str(other))
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", "0")
    assert dirs.user_cache_dir == platformdirs.user_cache_dir("pip")


@needs_posix  # XDG_CACHE_HOME moves the standard cache; on Windows the shell folder does
def test_a_remembered_fallback_still_reads_the_standard_location_fresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", str(tmp_path / "missing"))
    with pytest.warns(pdd.DevDriveWarning):
        first = pdd.user_cache_dir("pip")
    assert first == platformdirs.user_cache_dir("pip")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "moved"))
    assert pdd.user_cache_dir("pip") == platformdirs.user_cache_dir("pip") != first


def test_relative_roots_are_not_remembered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a", "b"):
        (tmp_path / name / "fast").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "a")
    first = pdd.user_temp_dir("pip", devdrive="fast")
    monkeypatch.chdir(tmp_path / "b")
    second = pdd.user_temp_dir("pip", devdrive="fast")
    assert first == str(tmp_path / "a" / "fast" / ".cache" / "Temp" / "pip")
    assert second == str(tmp_path / "b" / "fast" / ".cache" / "Temp" / "pip")


def test_memo_is_bounded(root: Path) -> None:
    from platformdirs_devdrive import _api

    for index in range(_api._MEMO_LIMIT + 10):
        pdd.user_cache_dir(f"app{index}", devdrive=root)
    assert 0 < len(_api._memo) <= _api._MEMO_LIMIT


def test_no_usable_temp_folder_still_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mocker: MockerFixture
) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    mocker.patch("tempfile.gettempdir", side_effect=FileNotFoundError(2, "No usable temporary directory found"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "gone"))
    monkeypatch.setenv("TEMP", str(tmp_path / "gone"))
    report = pdd.resolve_temp_dir("pip")
    assert report.path == str(tmp_path / "gone" / "pip")  # named, for the tool's own use to report the problem
    assert not (tmp_path / "gone").exists()
    root = tmp_path / "fast"
    root.mkdir()
    assert pdd.user_temp_dir("pip", devdrive=root) == str(root / ".cache" / "Temp" / "pip")


# --- nothing that looks like a directory and is not one (issue 14, item 4) ----------------------------------------


def _public_dirs_and_paths(dirs: object) -> dict[str, object]:
    found: dict[str, object] = {}
    for name in dir(dirs):
        if name.endswith(("_dir", "_path")) and name[0] != "_":
            try:
                found[name] = getattr(dirs, name)
            except OSError:  # Wine cannot answer some of Windows' known folders (user_bin_dir): platformdirs' own
                with pytest.raises(OSError):  # lookup fails the same way, so it is not ours to check
                    getattr(platformdirs.PlatformDirs("app", "Acme", "1.0"), name)
    return found


@pytest.mark.parametrize("flag", [None, "root"])
def test_every_public_dir_attribute_is_a_str_and_every_path_a_path(
    flag: str | None, home: Path, devdrive_world: SimulatedProbe, devdrive_root: Path
) -> None:
    devdrive_world.set_flag(None if flag is None else devdrive_root)
    found = _public_dirs_and_paths(pdd.PlatformDirs("app", "Acme", "1.0"))
    assert {"user_cache_dir", "user_cache_path", "user_temp_dir", "user_temp_path", "user_data_dir"} <= set(found)
    assert {name for name, value in found.items() if name.endswith("_dir") and not isinstance(value, str)} == set()
    assert {name for name, value in found.items() if name.endswith("_path") and not isinstance(value, Path)} == set()
    if flag is not None:
        assert Path(str(found["user_cache_dir"])).is_relative_to(devdrive_root)


def test_the_reports_are_methods_not_directories(devdrive_world: SimulatedProbe) -> None:
    dirs = pdd.PlatformDirs("app")
    assert isinstance(dirs.resolve_cache(), pdd.Resolution)
    assert isinstance(dirs.resolve_temp(), pdd.Resolution)
    assert not hasattr(dirs, "resolve_cache_dir")
    assert not hasattr(dirs, "resolve_temp_dir")
    assert callable(pdd.resolve_cache_dir)  # the module functions stay, by design
    assert callable(pdd.resolve_temp_dir)


# --- platformdirs' isolation holds, whatever the developer's flag says (issue 14, item 2) ---------------------------

HAS_ISOLATION = hasattr(platformdirs, "__version_info__") and platformdirs.__version_info__ >= (4, 12, 2)
needs_isolation = pytest.mark.skipif(
    not HAS_ISOLATION, reason="platformdirs.testing.isolated_dirs is new in 4.12.2 (4.11.0 has no testing module)"
)


def _everything_we_hand_out(devdrive: object) -> dict[str, str]:
    """Every directory of the package's functions and class, created where it can be (ensure_exists)."""
    out: dict[str, str] = {}
    for name in pdd.__all__:
        function = getattr(pdd, name)
        if name.endswith(("_dir", "_path")) and not name.startswith("resolve_") and callable(function):
            out[name] = str(function())
    for cache in ("user_cache_dir", "user_cache_path"):
        out[f"{cache}(devdrive)"] = str(getattr(pdd, cache)("app", ensure_exists=True, devdrive=devdrive))
    for temp in ("user_temp_dir", "user_temp_path"):
        out[f"{temp}(devdrive)"] = str(getattr(pdd, temp)("app", ensure_exists=True, devdrive=devdrive))
    dirs = pdd.PlatformDirs("app", "Acme", "1.0", ensure_exists=True, devdrive=devdrive)  # type: ignore[arg-type]
    out |= {f"PlatformDirs.{name}": str(value) for name, value in _public_dirs_and_paths(dirs).items()}
    out["resolve_cache_dir"] = pdd.resolve_cache_dir("app", ensure_exists=True, devdrive=devdrive).path  # type: ignore[arg-type]
    out["resolve_temp_dir"] = pdd.resolve_temp_dir("app", ensure_exists=True, devdrive=devdrive).path  # type: ignore[arg-type]
    return out


@needs_isolation
@pytest.mark.parametrize("devdrive", [None, True, "root"])
def test_isolated_dirs_holds_with_the_flag_naming_a_real_root(
    devdrive: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from platformdirs.testing import isolated_dirs

    real = tmp_path / "the-developers-dev-drive"
    real.mkdir()
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", str(real))  # set in the shell that runs the tests
    assert Path(pdd.user_cache_dir("app")).is_relative_to(real)  # outside the isolation: the cache moves there
    (real / ".cache").rmdir()
    with isolated_dirs(tmp_path / "isolated") as root:
        handed_out = _everything_we_hand_out(real if devdrive == "root" else devdrive)
        report = pdd.resolve_cache_dir("app")
    assert {name: path for name, path in handed_out.items() if not Path(path).is_relative_to(root)} == {}
    assert list(real.iterdir()) == []  # nothing left behind on the developer's drive
    assert (report.source, report.code) == (Source.FALLBACK, Reason.STEERED)
    assert "isolated_dirs" in report.reason
    assert Path(pdd.user_cache_dir("app")).is_relative_to(real)  # and after it, the flag counts again


@needs_isolation
def test_temp_inside_the_isolation_is_the_user_temp_kind_created_owner_only(tmp_path: Path) -> None:
    from platformdirs.testing import isolated_dirs

    with isolated_dirs(tmp_path) as root:
        assert pdd.user_temp_dir("app") == str(root / "user_temp" / "app")
        assert not (root / "user_temp").exists()  # nothing created unless asked
        path = pdd.user_temp_path("app", ensure_exists=True)
        assert pdd.resolve_temp_dir("app").code is Reason.STEERED
    assert path == root / "user_temp" / "app"
    assert path.is_dir()
    if not IS_WINDOWS:
        assert stat.S_IMODE(path.stat().st_mode) == 0o700


@needs_isolation
def test_the_platformdirs_isolated_fixture_holds_with_the_flag_set(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = tmp_path / "the-developers-dev-drive"
    real.mkdir()
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", str(real))
    pytester.makepyfile(
        """
        from pathlib import Path

        import platformdirs_devdrive as platformdirs


        def test_isolated(platformdirs_isolated):
            for path in (
                platformdirs.user_cache_dir("app", ensure_exists=True),
                platformdirs.user_cache_dir("app", ensure_exists=True, devdrive=True),
                platformdirs.user_temp_dir("app", ensure_exists=True),
                platformdirs.PlatformDirs("app", ensure_exists=True).user_cache_dir,
            ):
                assert Path(path).is_relative_to(platformdirs_isolated), path
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    assert list(real.iterdir()) == []


@needs_isolation
def test_a_simulated_world_inside_the_isolation_is_the_tests_own_choice(tmp_path: Path) -> None:
    from platformdirs.testing import isolated_dirs

    from platformdirs_devdrive.testing import simulated_drives

    drive = tmp_path / "simulated-dev-drive"
    drive.mkdir()
    with isolated_dirs(tmp_path / "isolated") as root, simulated_drives(windows=False, dev_drives=[drive]) as world:
        assert Path(pdd.user_cache_dir("app")).is_relative_to(root)  # off: the isolated standard place
        world.set_flag(drive)
        assert Path(pdd.user_cache_dir("app")).is_relative_to(drive)


def test_a_mock_of_platformdirs_cache_property_steers_ours_with_dev_drive_use_on(
    devdrive_world: SimulatedProbe, devdrive_root: Path, mocker: MockerFixture, tmp_path: Path
) -> None:
    os.environ["PLATFORMDIRS_DEVDRIVE"] = str(devdrive_root)  # restored by the world's exit (see _clean too)
    mocker.patch.object(platformdirs.PlatformDirs, "user_cache_dir", new=property(lambda _: "/mocked"))
    # A world is active (the fixture), so Dev Drive use is the test's own choice and goes on...
    assert Path(pdd.user_cache_dir("app")).is_relative_to(devdrive_root)
    # ... and without one, the mock of platformdirs' class wins, as it would in platformdirs.
    from platformdirs_devdrive import _probe

    mocker.patch.object(_probe, "simulated", return_value=None)
    assert pdd.user_cache_dir("app") == "/mocked"
    assert pdd.PlatformDirs("app", devdrive=devdrive_root).user_cache_dir == "/mocked"


def test_a_bare_mock_of_platformdirs_cache_property_leaves_temp_standard(mocker: MockerFixture) -> None:
    mocker.patch.object(platformdirs.PlatformDirs, "user_cache_dir", new_callable=mocker.PropertyMock)
    import tempfile

    assert pdd.user_temp_dir("app") == os.path.join(tempfile.gettempdir(), "app")
    assert pdd.resolve_temp_dir("app").code is Reason.OFF_BY_DEFAULT  # the usual resolution: no tree to stay in
