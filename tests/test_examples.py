"""examples/unpack_tool: cache, hint, temp near the target and the move into place, over real folders."""

from __future__ import annotations

import errno
import importlib.util
import os
import shutil
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from platformdirs_devdrive import ENV_VAR

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytest_mock import MockerFixture

    from platformdirs_devdrive.testing import SimulatedProbe

# On Windows the fixture overrides %LOCALAPPDATA%, a user's setting, which silences the hint.
speaks_on_this_os = pytest.mark.skipif(
    sys.platform == "win32", reason="WIN_PD_OVERRIDE_LOCAL_APPDATA silences the hint"
)
TOOL_FILE = Path(__file__).parents[1] / "examples" / "unpack_tool" / "unpack_tool.py"
MEMBERS = {"README.txt": "hello\n", "pkg/__init__.py": "VALUE = 1\n", "pkg/data/table.csv": "a,b\n1,2\n"}


def _load_tool() -> Any:
    spec = importlib.util.spec_from_file_location("unpack_tool", TOOL_FILE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private home and temp folder, so the standard cache and temp are real folders under tmp_path."""
    home = tmp_path / "home"
    (home / "cache").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    if sys.platform == "win32":  # platformdirs asks Windows, not the environment, unless overridden
        monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", str(home / "local"))
    temp = tmp_path / "temp"
    temp.mkdir(mode=0o700)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.delenv(tool.CACHE_VAR, raising=False)
    return tmp_path


@pytest.fixture(params=["zip", "gztar"])
def archive(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    source = tmp_path / "source"
    for name, text in MEMBERS.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text, encoding="utf-8")
    return Path(shutil.make_archive(str(tmp_path / "archives" / "data"), request.param, source))


def unpacked(target: Path) -> dict[str, str]:
    return {
        path.relative_to(target).as_posix(): path.read_text(encoding="utf-8")
        for path in target.rglob("*")
        if path.is_file()
    }


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def test_off_by_default_uses_the_standard_folders(machine: Path, archive: Path) -> None:
    target = machine / "work" / "data"
    target.parent.mkdir()
    outcome = tool.unpack(str(archive), str(target))
    assert unpacked(target) == MEMBERS
    assert outcome.moved_by == "rename"
    assert Path(outcome.cache_dir).is_relative_to(machine / "home")
    assert Path(outcome.cached).parent == Path(outcome.cache_dir) / "downloads"
    assert outcome.temp_dir == str(machine / "temp" / tool.APP)
    assert leftovers(Path(outcome.temp_dir)) == []  # the work folder is gone
    assert leftovers(target.parent) == ["data"]
    assert outcome.hint is None or sys.platform == "win32"  # a real Windows machine may have a Dev Drive


@speaks_on_this_os
def test_the_hint_names_the_dev_drive_while_use_is_off(
    machine: Path, archive: Path, devdrive_world: SimulatedProbe
) -> None:
    drive = devdrive_world.add_drive(machine / "devdrive")
    (machine / "devdrive").mkdir()
    target = machine / "work" / "data"
    target.parent.mkdir()
    outcome = tool.unpack(str(archive), str(target))
    assert outcome.hint is not None
    assert outcome.hint.startswith(f"{tool.APP}'s cache is on ")
    assert f"{ENV_VAR}={drive} " in outcome.hint
    assert not Path(outcome.cache_dir).is_relative_to(drive)  # a hint, not a move


def test_on_a_dev_drive_everything_stays_on_it_and_moves_by_rename(
    machine: Path, archive: Path, devdrive_world: SimulatedProbe, monkeypatch: pytest.MonkeyPatch
) -> None:
    drive_dir = machine / "devdrive"
    (drive_dir / "work").mkdir(parents=True)
    drive = devdrive_world.add_drive(drive_dir)
    monkeypatch.setenv(ENV_VAR, "auto")
    target = drive_dir / "work" / "data"
    outcome = tool.unpack(str(archive), str(target))
    assert unpacked(target) == MEMBERS
    assert outcome.moved_by == "rename"
    assert outcome.hint is None
    # devdrive_world hides the machine's settings, WIN_PD_OVERRIDE_LOCAL_APPDATA included: on every OS alike
    assert Path(outcome.cache_dir).is_relative_to(Path(drive) / ".cache")
    assert Path(outcome.temp_dir) == Path(drive) / ".cache" / "Temp" / tool.APP
    assert leftovers(Path(outcome.temp_dir)) == []


@speaks_on_this_os
def test_temp_follows_the_target_not_the_cache(
    machine: Path, archive: Path, devdrive_world: SimulatedProbe, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = machine / "d", machine / "e"
    for folder in (first, second):
        (folder / "work").mkdir(parents=True)
        devdrive_world.add_drive(folder)
    monkeypatch.setenv(ENV_VAR, "auto")
    outcome = tool.unpack(str(archive), str(second / "work" / "data"))
    assert Path(outcome.temp_dir).is_relative_to(second)  # near the target's Dev Drive
    assert Path(outcome.cache_dir).is_relative_to(machine / "home")  # two Dev Drives, none chosen: no guess
    assert outcome.hint is not None
    assert f"{ENV_VAR}={first}" in outcome.hint
    assert outcome.moved_by == "rename"


def test_the_users_own_cache_folder_wins_and_silences_the_hint(
    machine: Path, archive: Path, devdrive_world: SimulatedProbe, monkeypatch: pytest.MonkeyPatch
) -> None:
    devdrive_world.add_drive(machine / "devdrive")
    chosen = machine / "my-cache"
    monkeypatch.setenv(tool.CACHE_VAR, str(chosen))
    target = machine / "data"
    outcome = tool.unpack(str(archive), str(target))
    assert outcome.cache_dir == str(chosen)
    assert Path(outcome.cached).is_relative_to(chosen)
    assert outcome.hint is None
    assert unpacked(target) == MEMBERS


def test_across_volumes_it_copies_next_to_the_target_then_renames(
    machine: Path, archive: Path, mocker: MockerFixture
) -> None:
    real_replace = os.replace
    renamed: list[tuple[str, str]] = []

    def replace(source: str, destination: str) -> None:
        if Path(source).name == "content" and Path(source).parent.parent == machine / "temp" / tool.APP:
            raise OSError(errno.EXDEV, "Invalid cross-device link")  # temp and target on different volumes
        renamed.append((source, destination))
        real_replace(source, destination)

    mocker.patch.object(tool.os, "replace", side_effect=replace)
    target = machine / "work" / "data"
    target.parent.mkdir()
    outcome = tool.unpack(str(archive), str(target))
    assert outcome.moved_by == "copy"
    assert unpacked(target) == MEMBERS
    assert Path(renamed[-1][0]).parent.parent == target.parent  # the final step is a rename beside the target
    assert leftovers(target.parent) == ["data"]  # no staging folder left
    assert leftovers(Path(outcome.temp_dir)) == []


def test_other_move_errors_propagate_and_clean_up(machine: Path, archive: Path, mocker: MockerFixture) -> None:
    mocker.patch.object(tool.os, "replace", side_effect=PermissionError(errno.EACCES, "Access is denied"))
    target = machine / "data"
    with pytest.raises(PermissionError):
        tool.unpack(str(archive), str(target))
    assert not target.exists()
    assert leftovers(machine / "temp" / tool.APP) == []


@pytest.mark.skipif(
    not Path("/dev/shm").is_dir() or Path("/dev/shm").stat().st_dev == Path(tempfile.gettempdir()).stat().st_dev,
    reason="needs a second file system (/dev/shm) to cross",
)
def test_a_real_cross_device_move(machine: Path, archive: Path) -> None:
    with tempfile.TemporaryDirectory(dir="/dev/shm") as other:
        target = Path(other) / "data"
        outcome = tool.unpack(str(archive), str(target))
        assert outcome.moved_by == "copy"
        assert unpacked(target) == MEMBERS
        assert leftovers(Path(other)) == ["data"]


def test_a_second_run_unpacks_from_the_cache(machine: Path, archive: Path) -> None:
    first = tool.unpack(archive.as_uri(), str(machine / "one"))
    archive.unlink()  # no second download possible
    second = tool.unpack(archive.as_uri(), str(machine / "two"))
    assert second.cached == first.cached
    assert unpacked(machine / "two") == MEMBERS


@speaks_on_this_os
def test_the_command_line(
    machine: Path, archive: Path, capsys: pytest.CaptureFixture[str], devdrive_world: SimulatedProbe
) -> None:
    devdrive_world.add_drive(machine / "devdrive")
    target = machine / "data"
    assert tool.main([str(archive), str(target)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == f"target: {target} (moved by rename)"
    assert err.startswith(f"{tool.APP}: hint: {tool.APP}'s cache is on ")
    assert tool.main([str(archive), str(target)]) == 1  # the target exists now
    assert "exists; choose a new folder" in capsys.readouterr().err


def test_a_broken_archive_is_an_error_not_a_traceback(
    machine: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"not a zip")
    assert tool.main([str(broken), str(machine / "data")]) == 1
    assert capsys.readouterr().err.startswith(f"{tool.APP}: error: ")
    assert not (machine / "data").exists()


def _members_of(path: Path) -> list[str]:  # sanity of the fixture itself: both formats hold the same files
    opener: Callable[[Path], Any] = zipfile.ZipFile if path.suffix == ".zip" else tarfile.open
    with opener(path) as handle:
        names = handle.namelist() if isinstance(handle, zipfile.ZipFile) else handle.getnames()
    return sorted(name.removeprefix("./") for name in names if Path(name).suffix)


def test_the_archives_hold_the_members(archive: Path) -> None:
    assert _members_of(archive) == sorted(MEMBERS)
