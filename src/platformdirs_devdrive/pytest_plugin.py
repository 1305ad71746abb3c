r"""pytest plugin (entry point ``pytest11``): the ``devdrive_world`` and ``devdrive_root`` fixtures, and pytest's temp.

Installed with the package and active in every pytest run, at no cost until a test asks for a fixture: pytest
imports this module at start-up, and the testing kit is imported only by the fixtures. With Dev Drive use on
(``PLATFORMDIRS_DEVDRIVE``, ``--devdrive-tmp[=ROOT]`` or the ``devdrive_tmp`` ini key), pytest's temp folders move
to ``<root>/.cache/Temp/pytest`` (docs/testing-on-dev-drive); otherwise the hooks change nothing and print nothing.

.. code-block:: python

    def test_cache_moves_to_the_dev_drive(devdrive_world, devdrive_root):
        devdrive_world.set_flag("auto")
        assert Path(tool.cache_dir()).is_relative_to(devdrive_root)
"""

from __future__ import annotations

import pytest

from ._flag import ENV_VAR, HINT_VAR, OVERRIDE_VAR  # loaded with the package anyway: no cost for other projects

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from .testing import SimulatedProbe


@pytest.fixture
def devdrive_world(monkeypatch: pytest.MonkeyPatch) -> Iterator[SimulatedProbe]:
    r"""Simulate a Windows machine with no volume yet, and no Dev Drive setting of the user.

    The test's world for :func:`~platformdirs_devdrive.testing.simulated_drives`: declare volumes with
    ``devdrive_world.add_drive(root)``, faults with ``error=`` and ``fail_enumeration``, the user's choice with
    ``devdrive_world.set_flag("auto")``. ``PLATFORMDIRS_DEVDRIVE``, ``DEV_DRIVE`` and platformdirs' own
    ``WIN_PD_OVERRIDE_LOCAL_APPDATA`` are removed from the environment for the test (through ``monkeypatch``), so
    the settings of the machine running the tests cannot change their outcome. Everything is restored after the test.

    :yields: the :class:`~platformdirs_devdrive.testing.SimulatedProbe` answering for the test.
    """
    # pytest imports every pytest11 plugin at start-up; load the kit only for tests that ask for it.
    from .testing import simulated_drives  # noqa: PLC0415

    for name in (ENV_VAR, HINT_VAR, OVERRIDE_VAR):
        monkeypatch.delenv(name, raising=False)
    with simulated_drives() as world:
        yield world


@pytest.fixture
def devdrive_root(devdrive_world: SimulatedProbe, tmp_path: Path) -> Path:
    r"""Give the simulated machine one Dev Drive: a real, empty directory, ``tmp_path / "devdrive"``.

    Declared trusted and ReFS in :func:`devdrive_world`, so that ``ensure_exists`` and the safety checks run on
    a real folder. Dev Drive use stays off until the test turns it on (``devdrive_world.set_flag("auto")``), so
    the same fixture serves "off changes nothing" too.

    :returns: the root, as a :class:`~pathlib.Path`.
    """
    root = tmp_path / "devdrive"
    root.mkdir()
    devdrive_world.add_drive(root)
    return root


# --- pytest's temp folders on the Dev Drive (the work is in _pytest_temp, loaded by the first hook) ---------------


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--devdrive-tmp[=ROOT]``, ``--no-devdrive-tmp`` and the ``devdrive_tmp`` ini key."""
    from ._pytest_temp import add_options  # noqa: PLC0415  # see the module docstring

    add_options(parser)


@pytest.hookimpl(tryfirst=True)  # before any plugin that might ask for the base temp while configuring
def pytest_configure(config: pytest.Config) -> None:
    """Move pytest's temp root onto the Dev Drive when Dev Drive use is on (in the xdist controller only)."""
    from ._pytest_temp import configure  # noqa: PLC0415

    configure(config)


def pytest_report_header(config: pytest.Config) -> list[str]:
    """Say in one line where pytest's temp folders go and why, when Dev Drive use was asked for."""
    from ._pytest_temp import header  # noqa: PLC0415

    return header(config)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Restore ``PYTEST_DEBUG_TEMPROOT``."""
    from ._pytest_temp import unconfigure  # noqa: PLC0415

    unconfigure(config)


__all__ = [
    "devdrive_root",
    "devdrive_world",
]
