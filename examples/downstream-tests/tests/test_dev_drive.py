"""The tool's Dev Drive integration, tested on any OS with platformdirs-devdrive's pytest fixtures.

``devdrive_world`` simulates the machine's volumes (nothing real changes) and ``devdrive_root`` is a real, empty
folder that the simulated machine reports as its only Dev Drive. Both come with the package: no conftest needed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import example_tool
import platformdirs
import pytest

from platformdirs_devdrive import Reason, resolve_cache_dir

if TYPE_CHECKING:
    from platformdirs_devdrive.testing import SimulatedProbe


def standard_cache() -> str:
    """Where the cache is without this package: platformdirs' own answer."""
    return platformdirs.user_cache_dir(example_tool.APP, appauthor=False)


def test_one_dev_drive_moves_cache_and_temp(devdrive_world: SimulatedProbe, devdrive_root: Path) -> None:
    devdrive_world.set_flag("auto")  # the user opted in: PLATFORMDIRS_DEVDRIVE=auto
    assert Path(example_tool.cache_dir()).is_relative_to(devdrive_root / ".cache")
    assert Path(example_tool.temp_dir()) == devdrive_root / ".cache" / "Temp" / example_tool.APP


@pytest.mark.usefixtures("devdrive_root")
def test_several_dev_drives_keep_the_standard_cache_and_say_why(devdrive_world: SimulatedProbe, tmp_path: Path) -> None:
    devdrive_world.set_flag("auto")
    devdrive_world.add_drive(tmp_path / "second")
    assert example_tool.cache_dir() == standard_cache()  # never a guess between two drives
    report = resolve_cache_dir(example_tool.APP, appauthor=False)
    assert report.code is Reason.SEVERAL_DEV_DRIVES
    assert "PLATFORMDIRS_DEVDRIVE=" in example_tool.explain()  # the reason tells the user how to pick one


@pytest.mark.usefixtures("devdrive_root")
def test_a_failing_drive_listing_keeps_the_standard_cache(devdrive_world: SimulatedProbe) -> None:
    devdrive_world.set_flag("auto")
    devdrive_world.fail_enumeration(PermissionError(13, "Access is denied"))
    assert example_tool.cache_dir() == standard_cache()  # no traceback, and the reason says why
    assert resolve_cache_dir(example_tool.APP, appauthor=False).code is Reason.DETECTION_FAILED
    assert "Access is denied" in example_tool.explain()


def test_a_drive_that_cannot_be_checked_is_not_used(devdrive_world: SimulatedProbe, devdrive_root: Path) -> None:
    devdrive_world.set_flag("auto")
    devdrive_world.add_drive(devdrive_root, error=OSError(21, "The device is not ready"))
    assert example_tool.cache_dir() == standard_cache()
    assert resolve_cache_dir(example_tool.APP, appauthor=False).code is Reason.NO_DEV_DRIVE


@pytest.mark.parametrize("flag", [None, "0", "off"])
def test_flag_off_changes_nothing(devdrive_world: SimulatedProbe, devdrive_root: Path, flag: str | None) -> None:
    devdrive_world.set_flag(flag)  # None: the variable is unset, this release's default
    assert example_tool.cache_dir() == standard_cache()
    assert example_tool.temp_dir() == os.path.join(tempfile.gettempdir(), example_tool.APP)
    assert devdrive_world.calls == {"volume_root": 0, "volume": 0, "roots": 0}  # not even a drive was asked about
    assert list(devdrive_root.iterdir()) == []


def test_with_platformdirs_isolated(
    platformdirs_isolated: Path, devdrive_world: SimulatedProbe, devdrive_root: Path
) -> None:
    # platformdirs' own fixture keeps the standard folders under tmp_path: the fallback is isolated too.
    assert Path(example_tool.cache_dir()).is_relative_to(platformdirs_isolated)
    devdrive_world.set_flag("auto")
    assert Path(example_tool.cache_dir()).is_relative_to(devdrive_root)
