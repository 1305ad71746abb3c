"""Windows drive probes. Imported only on Windows (or by tests), on first use.

Python 3.12+ has :func:`os.path.isdevdrive`, :func:`os.listvolumes` and :func:`os.listmounts`; :class:`StdlibProbe`
uses them. Older Pythons get the ctypes port of the same Win32 calls (see ``_win32``).
"""

from __future__ import annotations

import os

from ._probe import Probe, VolumeInfo


def existing_ancestor(path: str) -> str:
    """Return ``path`` made absolute, or its nearest existing ancestor: volumes are found for real paths only."""
    current = os.path.abspath(path)
    while not os.path.exists(current):
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    return current


class StdlibProbe(Probe):
    """Detection through the standard library (Python 3.12+ on Windows)."""

    name = "stdlib"
    supported = True

    def __init__(self) -> None:
        self._volumes: dict[str, VolumeInfo] = {}
        self._volume_list: list[VolumeInfo] | None = None

    def volume_root(self, path: str) -> str:  # part of the interface
        """Return the mount point of ``path``'s volume, via ``GetVolumePathNameW`` in ``nt._getvolumepathname``."""
        import nt  # noqa: PLC0415  # Windows-only builtin module

        # What ntpath.ismount uses: GetVolumePathNameW. Private, so reached by name.
        return str(getattr(nt, "_getvolumepathname")(existing_ancestor(path)))  # noqa: B009

    def volume(self, root: str) -> VolumeInfo:
        """Describe the volume at ``root``; cached per root for the process."""
        info = self._volumes.get(root)
        if info is None:
            info = self._volumes[root] = self._query(root)
        return info

    def _query(self, root: str) -> VolumeInfo:  # overridden by the ctypes backend
        try:
            import nt  # noqa: PLC0415  # Windows-only builtin module

            # os.path.isdevdrive's own helper: it raises where the public function hides why.
            is_dev = bool(getattr(nt, "_path_isdevdrive")(root))  # noqa: B009
        except (OSError, ValueError, AttributeError) as error:
            return VolumeInfo(root, error=str(error))
        return VolumeInfo(root, is_dev_drive=is_dev)

    def roots(self) -> list[str]:  # part of the interface
        """Return every mount point of every volume (drive letters and folder mounts)."""
        found: list[str] = []
        for volume in os.listvolumes():  # type: ignore[attr-defined,unused-ignore]  # Windows, 3.12+
            try:
                found.extend(os.listmounts(volume))  # type: ignore[attr-defined,unused-ignore]  # Windows, 3.12+
            except OSError:  # noqa: PERF203  # one bad volume must not hide the others
                continue  # an unmounted or vanished volume has nothing to offer
        return found

    def volumes(self) -> list[VolumeInfo]:
        """Describe every volume; cached for the process."""
        if self._volume_list is None:
            self._volume_list = super().volumes()
        return list(self._volume_list)

    def clear_cache(self) -> None:
        """Forget every cached answer."""
        self._volumes.clear()
        self._volume_list = None


def windows_probe() -> Probe:
    """Return the best probe this Python offers on Windows."""
    return StdlibProbe()


__all__ = [
    "StdlibProbe",
    "existing_ancestor",
    "windows_probe",
]
