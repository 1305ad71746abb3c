"""The drive-probe interface and the choice of backend; the only door to Dev Drive detection.

Every question the policy asks about drives goes through one :class:`Probe`, so the same policy code runs against the
real Windows backends, the off-Windows backend, and the simulated drives of :mod:`platformdirs_devdrive.testing`.
The Windows backends live in ``_windows``; ``_backends`` picks the one for this OS, on first use, and imports it.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod


class VolumeInfo:
    """What the probe knows of one volume. Frozen.

    A volume whose detection failed is reported as not a Dev Drive, with :attr:`error` saying why.
    """

    __slots__ = ("error", "filesystem", "is_dev_drive", "root", "trusted")

    root: str
    """The volume's mount point: ``D:\\``, a folder mount such as ``C:\\dev\\``, or ``/`` off Windows."""
    is_dev_drive: bool
    """Whether Windows marks the volume as a Dev Drive (``PERSISTENT_VOLUME_STATE_DEV_VOLUME``)."""
    trusted: bool | None
    """Whether the Dev Drive is trusted (Defender performance mode needs that); ``None`` when unknown."""
    filesystem: str | None
    """The file-system name, e.g. ``ReFS`` or ``NTFS``; ``None`` when unknown."""
    error: str | None
    """Why detection failed, or ``None``."""

    def __init__(
        self,
        root: str,
        *,
        is_dev_drive: bool = False,
        trusted: bool | None = None,
        filesystem: str | None = None,
        error: str | None = None,
    ) -> None:
        for name, value in (
            ("root", root),
            ("is_dev_drive", is_dev_drive),
            ("trusted", trusted),
            ("filesystem", filesystem),
            ("error", error),
        ):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        msg = f"VolumeInfo is frozen; cannot set {name!r}"
        raise AttributeError(msg)

    def _key(self) -> tuple[object, ...]:
        return (self.root, self.is_dev_drive, self.trusted, self.filesystem, self.error)

    def __eq__(self, other: object) -> bool:
        return self._key() == other._key() if isinstance(other, VolumeInfo) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"VolumeInfo(root={self.root!r}, is_dev_drive={self.is_dev_drive!r}, trusted={self.trusted!r}, "
            f"filesystem={self.filesystem!r}, error={self.error!r})"
        )

    def as_dict(self) -> dict[str, object]:
        """Return a JSON-ready mapping of the fields."""
        return dict(zip(("root", "is_dev_drive", "trusted", "filesystem", "error"), self._key(), strict=True))


class Probe(ABC):
    """The questions the policy asks about drives.

    Contract for backends: :meth:`volume` never raises (a failure is a :class:`VolumeInfo` with ``error``);
    :meth:`volume_root` and :meth:`roots` raise only :class:`OSError` (or :class:`ValueError` for a path the OS
    cannot represent), which the policy turns into "not a Dev Drive" plus a reason.
    """

    name: str = "abstract"
    """A short name for reports (``stdlib``, ``win32``, ``posix``, ``simulated``)."""
    supported: bool = False
    """Whether this OS can have Dev Drives at all; ``False`` makes the policy skip detection ("not Windows")."""

    @abstractmethod
    def volume_root(self, path: str) -> str:
        """Return the mount point of the volume holding ``path`` (which need not exist yet)."""

    @abstractmethod
    def volume(self, root: str) -> VolumeInfo:
        """Describe the volume mounted at ``root`` (as returned by :meth:`volume_root` or :meth:`roots`)."""

    @abstractmethod
    def roots(self) -> list[str]:
        """Return the mount points of every volume: drive letters and folder mounts."""

    def volumes(self) -> list[VolumeInfo]:
        """Describe every volume of :meth:`roots`, in order; caching backends keep the list for the process."""
        return [self.volume(root) for root in self.roots()]

    def dev_drives(self) -> list[str]:
        """Return the mount points of every Dev Drive, in :meth:`roots` order."""
        return [volume.root for volume in self.volumes() if volume.is_dev_drive]

    def clear_cache(self) -> None:  # noqa: B027  # optional hook: only caching backends override it
        """Forget cached answers (backends that cache override this)."""


class PosixProbe(Probe):
    """macOS, Linux and every other non-Windows OS: there are no Dev Drives, so nothing is ever one."""

    name = "posix"
    supported = False

    def volume_root(self, path: str) -> str:  # part of the interface
        """Return the mount point above ``path``'s nearest existing ancestor."""
        current = os.path.abspath(path)
        while not os.path.ismount(current):
            current = os.path.dirname(current)
        return current

    def volume(self, root: str) -> VolumeInfo:  # part of the interface
        """Describe ``root``: never a Dev Drive."""
        return VolumeInfo(root)

    def roots(self) -> list[str]:  # part of the interface
        """No volume here can be a Dev Drive, so none is listed."""
        return []


# The simulated probes of the testing kit, innermost last. A tuple, replaced whole (under the kit's lock), so that a
# resolution in another thread reads a consistent stack with one load and never a half-popped list. The OS's own
# probe is chosen above this module, in _backends: the interface imports no backend.
_overrides: tuple[Probe, ...] = ()


def simulated() -> Probe | None:
    """Return the innermost simulated probe of :mod:`platformdirs_devdrive.testing`, or ``None`` outside a world."""
    overrides = _overrides
    return overrides[-1] if overrides else None


def push_probe(probe: Probe) -> None:
    """Make ``probe`` current until :func:`pop_probe`; used by the testing kit."""
    global _overrides  # noqa: PLW0603  # replaced whole: see above
    _overrides = (*_overrides, probe)


def pop_probe(probe: Probe) -> None:
    """Undo :func:`push_probe` of ``probe``, wherever it sits in the stack."""
    global _overrides  # noqa: PLW0603  # replaced whole: see above
    for index in range(len(_overrides) - 1, -1, -1):
        if _overrides[index] is probe:
            _overrides = _overrides[:index] + _overrides[index + 1 :]
            return


def simulated_probes() -> tuple[Probe, ...]:
    """Return every simulated probe installed now, outermost first."""
    return _overrides


__all__ = [
    "PosixProbe",
    "Probe",
    "VolumeInfo",
    "pop_probe",
    "push_probe",
    "simulated",
    "simulated_probes",
]
