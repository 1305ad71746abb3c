"""The one place a detection backend is chosen: the simulated world's probe inside one, else the OS's own.

On Windows the backend is ``_windows.windows_probe()`` (``StdlibProbe`` on Python 3.12+, ``Win32Probe`` before),
imported on first use: ctypes costs milliseconds and only Windows needs it. Elsewhere it is ``_probe.PosixProbe``.
Built once per process; :func:`all_probes` lets ``clear_cache`` reach every cache.
"""

from __future__ import annotations

import sys

from ._probe import PosixProbe, Probe, simulated, simulated_probes

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

_default: Probe | None = None


def default_probe() -> Probe:
    """Build this OS's backend: the Windows one on Windows, :class:`~._probe.PosixProbe` elsewhere."""
    if sys.platform == "win32":
        from ._windows import windows_probe  # noqa: PLC0415  # Windows-only, and ctypes is costly to import

        return windows_probe()
    return PosixProbe()


def current_probe() -> Probe:
    """Return the probe in use: a simulated one inside :mod:`platformdirs_devdrive.testing`, else the OS's own."""
    global _default  # noqa: PLW0603  # one backend per process, built on first use
    probe = simulated()
    if probe is not None:
        return probe
    if _default is None:
        _default = default_probe()
    return _default


def all_probes() -> Iterator[Probe]:
    """Yield every probe built so far, so ``clear_cache`` reaches them all."""
    if _default is not None:
        yield _default
    yield from simulated_probes()


__all__ = [
    "all_probes",
    "current_probe",
    "default_probe",
]
