r"""Dev Drive detection on Windows: the probes the policy uses there. Imported on Windows only (and by tests).

Two backends behind one :class:`~platformdirs_devdrive._probe.Probe`, picked by :func:`windows_probe`:

- :class:`StdlibProbe`, Python 3.12+: the Dev Drive answer is CPython's own ``nt._path_isdevdrive`` (what
  :func:`os.path.isdevdrive` calls, minus the ``except OSError: return False`` that hides why), the volumes come
  from :func:`os.listvolumes` and :func:`os.listmounts`, the mount point of a path from ``nt._getvolumepathname``.
- :class:`Win32Probe`, Python 3.10 and 3.11: the same Win32 calls through ctypes (:mod:`._win32`).

Both also use the ctypes layer, when it loads, for what the standard library lacks: drive types (network and
removable drives are never opened, so an empty card reader or a lost share costs no wait), ``subst`` drives, the
trusted bit and the file-system name. On 3.12+ a Python without ctypes still gets the Dev Drive answer.

Every answer is cached per volume for the life of the process; :meth:`~_WindowsProbe.clear_cache` forgets them.
"""

from __future__ import annotations

import ntpath
import os
from abc import abstractmethod

from ._layout import drive_root
from ._probe import Probe, VolumeInfo

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType
    from typing import TypeVar

    from ._win32 import Kernel32

    T = TypeVar("T")

# The few _win32 constants needed before (or without) ctypes; tests check they match _win32's.
DRIVE_FIXED = 3
DRIVE_REMOTE = 4
DEV_VOLUME = 0x00002000
TRUSTED_VOLUME = 0x00004000
STDLIB_FUNCTIONS = ("_path_isdevdrive", "_getvolumepathname", "listvolumes", "listmounts")
"""What :class:`StdlibProbe` needs from the ``nt`` module: all there on Windows from Python 3.12."""
_SUBST_DEPTH = 8  # a subst drive may point into another one; a loop of them must not hang detection


def _load_kernel32() -> Kernel32:
    from . import _win32  # noqa: PLC0415  # ctypes: Windows only, and milliseconds to import

    return _win32.load()


class _WindowsProbe(Probe):
    """What both Windows backends share: path handling, drive types, extras, per-volume caching.

    :param kernel32: makes the ctypes layer (a fake one in tests); called once, on first need.
    :param exists: :func:`os.path.exists`, replaceable so tests can describe a file system.
    :param abspath: :func:`ntpath.abspath`, likewise.
    """

    supported = True

    def __init__(
        self,
        *,
        kernel32: Callable[[], Kernel32] = _load_kernel32,
        exists: Callable[[str], bool] = os.path.exists,
        abspath: Callable[[str], str] = ntpath.abspath,
    ) -> None:
        self._load = kernel32
        self._kernel32: Kernel32 | None = None
        self._kernel32_problem: str | None = None
        self._exists = exists
        self._abspath = abspath
        self._volumes: dict[str, VolumeInfo] = {}
        self._volume_list: list[VolumeInfo] | None = None

    # --- the interface ------------------------------------------------------------------------------------------

    def volume_root(self, path: str) -> str:
        r"""Return the mount point of the volume holding ``path``, which need not exist yet.

        ``D:\src\app`` gives ``D:\``; a path below a folder mount gives the folder, ``C:\dev\``; ``D:`` alone is
        the drive ``D:\``; a relative path is taken from the working directory; a ``subst`` drive gives the volume
        it points into; ``\\?\D:\...`` gives ``D:\``; a network path gives its share, ``\\server\share\``.
        """
        return self._quietly(self._volume_root, path)

    def volume(self, root: str) -> VolumeInfo:
        r"""Describe the volume mounted at ``root`` (``D:\``); never raises, cached per volume for the process."""
        key = ntpath.normcase(root)
        info = self._volumes.get(key)
        if info is None:
            info = self._volumes[key] = self._quietly(self._query, root)
        return info

    def roots(self) -> list[str]:
        r"""Return every mount point of every volume: ``["C:\\", "D:\\", "C:\\dev\\"]``."""
        return [root for mounts in self._quietly(self._mounts) for root in mounts]

    def volumes(self) -> list[VolumeInfo]:
        r"""Describe every volume once, by its drive letter when it has one (``D:\``, else ``C:\dev\``); cached.

        A volume mounted at both ``D:\`` and ``C:\dev\`` is one volume, so the policy never sees two Dev Drives.
        """
        if self._volume_list is None:
            self._volume_list = [self.volume(_preferred(mounts)) for mounts in self._quietly(self._mounts) if mounts]
        return list(self._volume_list)

    def clear_cache(self) -> None:
        """Forget every answer (the loaded ctypes layer is kept: it is not an answer)."""
        self._volumes.clear()
        self._volume_list = None

    # --- what each backend does its own way -----------------------------------------------------------------------

    @abstractmethod
    def _volume_path(self, path: str) -> str:
        """Return ``GetVolumePathNameW`` of an existing absolute path."""

    @abstractmethod
    def _dev_state(self, root: str) -> tuple[bool, bool | None]:
        """Return whether the fixed volume at ``root`` is a Dev Drive, and whether it is trusted (``None``: unknown)."""

    @abstractmethod
    def _mounts(self) -> list[list[str]]:
        """Return the mount points of every volume, one list per volume."""

    # --- shared ---------------------------------------------------------------------------------------------------

    def kernel32(self) -> Kernel32 | None:
        """Return the ctypes layer, loaded on first use; ``None`` where ctypes or kernel32 cannot be loaded."""
        if self._kernel32 is None and self._kernel32_problem is None:
            try:
                self._kernel32 = self._load()
            except (ImportError, OSError) as error:
                self._kernel32_problem = _describe_error(error)
        return self._kernel32

    def _require_kernel32(self) -> Kernel32:
        api = self.kernel32()
        if api is None:
            msg = f"the Win32 API is unavailable ({self._kernel32_problem})"
            raise OSError(msg)
        return api

    def _quietly(self, function: Callable[..., T], *args: str) -> T:
        # An empty card reader must answer "not ready", never ask the user to insert a disk.
        api = self.kernel32()
        mode = api.quiet() if api is not None else None
        try:
            return function(*args)
        finally:
            if api is not None:
                api.restore(mode)

    def _volume_root(self, path: str) -> str:
        path = drive_root(path)
        # GetVolumePathNameW answers the boot volume for a relative path: make it absolute first.
        path = self._abspath(path)
        api = self.kernel32()
        if api is not None:
            path = _unsubst(api, path)
        share = _network_share(path)
        if share is not None:
            return share  # a network path is never a Dev Drive: no round trip to a server that may be gone
        if api is not None:
            anchor = _plain(ntpath.splitdrive(path)[0])
            if api.drive_type(anchor) == DRIVE_REMOTE:  # a mapped network drive: as above
                return anchor
        return _plain(self._volume_path(self._existing_ancestor(path)))

    def _existing_ancestor(self, path: str) -> str:
        # Volumes are found for real paths only; a folder to be created lives on its nearest existing parent's.
        current = path
        while not self._exists(current):
            parent = ntpath.dirname(current)
            if parent == current:
                break
            current = parent
        return current

    def _query(self, root: str) -> VolumeInfo:
        """Ask the OS about the volume at ``root``: the uncached layer below :meth:`volume`."""
        api = self.kernel32()
        filesystem = None
        try:
            if api is not None:
                if api.drive_type(root) != DRIVE_FIXED:
                    # Network, removable, optical and RAM drives: never Dev Drives (CPython's first test), and
                    # not worth opening: an empty card reader or a lost share would only cost a wait.
                    return VolumeInfo(root)
                filesystem = _filesystem(api, root)
            is_dev_drive, trusted = self._dev_state(root)
        except (OSError, ValueError) as error:
            return VolumeInfo(root, filesystem=filesystem, error=_describe_error(error))
        return VolumeInfo(root, is_dev_drive=is_dev_drive, trusted=trusted, filesystem=filesystem)


class StdlibProbe(_WindowsProbe):
    r"""Python 3.12+: CPython's own Dev Drive test, with the ctypes layer for the extras.

    :param nt: the ``nt`` module with ``_path_isdevdrive``, ``_getvolumepathname``, ``listvolumes`` and
        ``listmounts`` (a stand-in in tests); by default the real one, imported on first use.
    """

    name = "stdlib"

    def __init__(
        self,
        nt: ModuleType | None = None,
        *,
        kernel32: Callable[[], Kernel32] = _load_kernel32,
        exists: Callable[[str], bool] = os.path.exists,
        abspath: Callable[[str], str] = ntpath.abspath,
    ) -> None:
        super().__init__(kernel32=kernel32, exists=exists, abspath=abspath)
        self._module = nt

    @property
    def _nt(self) -> ModuleType:
        if self._module is None:
            try:
                import nt  # noqa: PLC0415  # Windows-only builtin module: looked up on first use
            except ImportError as error:  # not Windows: a detection failure like any other, never a traceback
                msg = f"the nt module is unavailable ({error})"
                raise OSError(msg) from error
            self._module = nt
        return self._module

    def _volume_path(self, path: str) -> str:
        return str(self._nt._getvolumepathname(path))  # noqa: SLF001  # what ntpath.ismount uses

    def _dev_state(self, root: str) -> tuple[bool, bool | None]:
        # The ntpath wrapper returns False for every OSError; its helper raises, so the reason can be reported.
        if not self._nt._path_isdevdrive(root):  # noqa: SLF001
            return False, None
        api = self.kernel32()
        if api is None:
            return True, None
        try:
            flags = api.volume_flags(root, DEV_VOLUME | TRUSTED_VOLUME)
        except OSError:
            return True, None  # the answer stands; only the extra is unknown
        return True, None if flags is None else bool(flags & TRUSTED_VOLUME)

    def _mounts(self) -> list[list[str]]:
        groups = []
        for volume in self._nt.listvolumes():
            try:
                groups.append(list(self._nt.listmounts(volume)))
            except OSError:  # noqa: PERF203  # one vanished volume must not hide the others
                continue
        return groups


class Win32Probe(_WindowsProbe):
    r"""Python 3.10/3.11: the Win32 sequence of CPython's ``os.path.isdevdrive``, through ctypes.

    Asks ``PERSISTENT_VOLUME_STATE_DEV_VOLUME | PERSISTENT_VOLUME_STATE_TRUSTED_VOLUME`` in one query: both flags
    arrived in the same Windows release, so an older one rejects both, as CPython's single flag is rejected.
    """

    name = "win32"

    def _volume_path(self, path: str) -> str:
        return self._require_kernel32().volume_path_name(path)

    def _dev_state(self, root: str) -> tuple[bool, bool | None]:
        flags = self._require_kernel32().volume_flags(root, DEV_VOLUME | TRUSTED_VOLUME)
        if not flags or not flags & DEV_VOLUME:  # None: ERROR_INVALID_PARAMETER, "not a Dev Drive" as in CPython
            return False, None
        return True, bool(flags & TRUSTED_VOLUME)

    def _mounts(self) -> list[list[str]]:
        api = self._require_kernel32()
        groups = []
        for volume in api.volume_names():
            try:
                groups.append(api.mount_points(volume))
            except OSError:  # noqa: PERF203  # one vanished volume must not hide the others
                continue
        return groups


def windows_probe(nt: ModuleType | None = None) -> Probe:
    """Return the best probe this Python offers: :class:`StdlibProbe` on 3.12+, :class:`Win32Probe` before.

    :param nt: the ``nt`` module; tests pass a stand-in.
    """
    module: ModuleType
    if nt is None:
        import nt as module  # noqa: PLC0415  # Windows-only builtin module
    else:
        module = nt
    if all(hasattr(module, name) for name in STDLIB_FUNCTIONS):
        return StdlibProbe(module)
    return Win32Probe()


def _filesystem(api: Kernel32, root: str) -> str | None:
    try:
        return api.filesystem_name(root)
    except OSError:
        return None  # an extra: its absence must not turn into a detection error


def _unsubst(api: Kernel32, path: str) -> str:
    r"""Follow ``subst`` drives to the folder they stand for: ``S:\app`` with ``subst S: D:\work`` is ``D:\work\app``.

    ``QueryDosDeviceW`` names a subst drive's target with the ``\??\`` prefix; a real drive's is a device.
    """
    for _ in range(_SUBST_DEPTH):
        letter = _drive_letter(path)
        if letter is None:
            return path
        try:
            target = api.dos_device(f"{letter}:")
        except OSError:
            return path  # best effort: GetVolumePathNameW reports what is wrong with the drive, if anything
        if not target.startswith("\\??\\"):
            return path
        target = target[4:]
        if target[:4].upper() == "UNC\\":
            target = "\\" + target[3:]
        rest = path.split(":", 1)[1].lstrip("\\/")
        path = ntpath.join(target.rstrip("\\") + "\\", rest) if rest else target.rstrip("\\") + "\\"
    return path


def _drive_letter(path: str) -> str | None:
    r"""Return the letter of ``D:\...`` or ``\\?\D:\...``, else ``None``."""
    plain = path[4:] if path[:4] in {"\\\\?\\", "\\\\.\\"} else path
    if len(plain) >= 2 and plain[1] == ":" and plain[0].isascii() and plain[0].isalpha():  # noqa: PLR2004
        return plain[0]
    return None


def _network_share(path: str) -> str | None:
    r"""``\\server\share\`` for a path on a network share (``\\server\share\x`` or ``\\?\UNC\server\share\x``)."""
    text = path.replace("/", "\\")
    if text[:8].upper() in {"\\\\?\\UNC\\", "\\\\.\\UNC\\"}:
        text = "\\\\" + text[8:]
    elif not text.startswith("\\\\") or text[:4] in {"\\\\?\\", "\\\\.\\"}:
        return None
    server, _, rest = text[2:].partition("\\")
    share = rest.partition("\\")[0]
    return f"\\\\{server}\\{share}\\" if share else f"\\\\{server}\\"


def _plain(root: str) -> str:
    r"""Write a mount point as people do, with its trailing backslash: ``\\?\D:\`` is ``D:\``, ``D:`` is ``D:\``."""
    if root[:4] == "\\\\?\\" and _drive_letter(root) is not None:
        root = root[4:]
    return root if root.endswith("\\") else root + "\\"


def _preferred(mounts: list[str]) -> str:
    """Pick the mount point to name a volume by: a drive letter if it has one, else its first folder mount."""
    letters = [root for root in mounts if _drive_letter(root) is not None and len(root) <= 3]  # noqa: PLR2004
    return min(letters) if letters else mounts[0]


def _describe_error(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


__all__ = [
    "StdlibProbe",
    "Win32Probe",
    "windows_probe",
]
