"""pytest plugin (entry point ``pytest11``) with the ``devdrive_world`` fixture."""

from __future__ import annotations

import pytest

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

    from .testing import SimulatedProbe


@pytest.fixture
def devdrive_world() -> Iterator[SimulatedProbe]:
    """Simulate a Windows world with no volumes yet; declare them with ``devdrive_world.add_drive(root)``.

    :yields: the :class:`~platformdirs_devdrive.testing.SimulatedProbe` in use for the test.
    """
    # pytest imports every pytest11 plugin at start-up; load the kit only for tests that ask for it.
    from .testing import simulated_drives  # noqa: PLC0415

    with simulated_drives() as world:
        yield world


__all__ = [
    "devdrive_world",
]
