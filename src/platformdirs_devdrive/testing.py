r"""Simulate Dev Drives in any test suite, on any OS, through the same probe interface the real code uses.

>>> from platformdirs_devdrive import resolve_cache_dir
>>> from platformdirs_devdrive.testing import simulated_drives
>>> with simulated_drives() as world:
...     drive = world.add_drive(str(tmp), dev_drive=True)  # doctest: +SKIP
...     resolve_cache_dir("pip", appauthor=False, devdrive=True).root == drive  # doctest: +SKIP
True

Nothing on the machine changes: the simulated world replaces only the answers of the drive probe (which volumes exist,
which are Dev Drives, trusted or not, which fail), for this process, until the ``with`` block ends.
Roots are compared as strings; on POSIX use real directories (``tmp_path``) so that the file-system checks
(existence, ownership, ``ensure_exists``) run for real, and Windows-style roots like ``D:\`` for pure path logic.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager

from . import _api, _probe
from ._probe import Probe, VolumeInfo

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

_LOCK = threading.RLock()


class SimulatedProbe(Probe):
    """A probe that answers from a declared world; :func:`simulated_drives` installs one.

    :attr:`calls` counts the questions asked, per method, so tests can assert that answers are cached.
    """

    name = "simulated"

    def __init__(self, *, windows: bool = True) -> None:
        self.supported = windows
        self._volumes: dict[str, VolumeInfo] = {}
        self._failures: dict[str, OSError] = {}
        self._enumeration_error: OSError | None = None
        self.calls: dict[str, int] = {"volume_root": 0, "volume": 0, "roots": 0}

    @property
    def windows(self) -> bool:
        """Whether the simulated OS can have Dev Drives (``False``: behave as on macOS/Linux)."""
        return self.supported

    @windows.setter
    def windows(self, value: bool) -> None:
        self.supported = value

    def add_drive(  # every fact of a volume is optional
        self,
        root: str | os.PathLike[str],
        *,
        dev_drive: bool = True,
        trusted: bool | None = True,
        filesystem: str | None = None,
        error: OSError | None = None,
    ) -> str:
        """Declare a volume mounted at ``root``; return ``root`` as a string (as the probe will report it).

        :param dev_drive: whether Windows marks it as a Dev Drive.
        :param trusted: whether the Dev Drive is trusted (``None``: unknown).
        :param filesystem: the file-system name; default ``ReFS`` for a Dev Drive, else ``NTFS``.
        :param error: make detection fail for this volume: :meth:`volume_root` raises it for paths on the volume,
            and the volume reports it as not a Dev Drive.
        """
        key = os.fspath(root)
        _api.clear_cache()  # decisions taken in the old world must not survive into the new one
        if error is not None:
            self._failures[key] = error
            self._volumes[key] = VolumeInfo(key, filesystem=filesystem, error=f"{type(error).__name__}: {error}")
        else:
            self._volumes[key] = VolumeInfo(
                key,
                is_dev_drive=dev_drive,
                trusted=trusted if dev_drive else None,
                filesystem=filesystem or ("ReFS" if dev_drive else "NTFS"),
            )
        return key

    def fail_enumeration(self, error: OSError | None) -> None:
        """Make listing the volumes raise ``error`` (``None`` to stop)."""
        _api.clear_cache()
        self._enumeration_error = error

    def volume_root(self, path: str) -> str:
        """Return the longest declared root that contains ``path``, else the path's own anchor (a plain volume)."""
        self.calls["volume_root"] += 1
        best = ""
        for root in self._volumes:
            if _contains(root, path, windows=self.supported) and len(root) > len(best):
                best = root
        if best in self._failures:
            raise self._failures[best]
        return best or _anchor(path, windows=self.supported)

    def volume(self, root: str) -> VolumeInfo:
        """Describe a declared volume; an undeclared one is a plain, non-Dev-Drive volume."""
        self.calls["volume"] += 1
        return self._volumes.get(root) or VolumeInfo(root, filesystem="NTFS" if self.supported else None)

    def roots(self) -> list[str]:
        """Return the declared roots, in declaration order."""
        self.calls["roots"] += 1
        if self._enumeration_error is not None:
            raise self._enumeration_error
        return list(self._volumes)


def _split(path: str, *, windows: bool) -> list[str]:
    text = path.replace("\\", "/") if windows else path
    if windows:
        text = text.lower()
    return [part for part in text.split("/") if part]


def _contains(root: str, path: str, *, windows: bool) -> bool:
    root_parts = _split(root, windows=windows)
    return _split(path, windows=windows)[: len(root_parts)] == root_parts


def _anchor(path: str, *, windows: bool) -> str:
    if not windows:
        return "/"
    import ntpath  # noqa: PLC0415  # already imported by pathlib

    drive = ntpath.splitdrive(path)[0]
    return f"{drive}\\" if drive else "C:\\"


@contextmanager
def simulated_drives(*, windows: bool = True) -> Iterator[SimulatedProbe]:
    """Answer every drive question of this process from a simulated world while the context is active.

    :param windows: whether to behave as Windows, where Dev Drives exist (``False``: as macOS/Linux).
    :yields: the :class:`SimulatedProbe`; declare volumes with :meth:`~SimulatedProbe.add_drive`.

    Cached answers and safety verdicts are cleared on entry and exit, so neither world leaks into the other.
    Contexts nest (the innermost wins) and may be entered and left from several threads.
    """
    probe = SimulatedProbe(windows=windows)
    with _LOCK:
        _api.clear_cache()
        _probe.push_probe(probe)
    try:
        yield probe
    finally:
        with _LOCK:
            _probe.pop_probe(probe)
            _api.clear_cache()


__all__ = [
    "SimulatedProbe",
    "simulated_drives",
]
