r"""Simulate Dev Drives in any test suite, on any OS, through the same probe interface the real code uses.

A *simulated world* answers every drive question this package asks (which volumes exist, which are Dev Drives,
trusted or not, which fail to answer, whether the OS has Dev Drives at all) for the whole process, until the
``with`` block ends. Nothing on the machine changes, and the resolution code that runs is the real one: only the
probe behind it is swapped, so a test of your tool on Linux CI exercises the same decisions as on a Windows
desktop. The pytest plugin wraps this as the ``devdrive_world`` and ``devdrive_root`` fixtures.

One Dev Drive, with Dev Drive use turned on by the user (``/tmp/t`` is a real, empty directory)::

    from platformdirs_devdrive import user_cache_dir
    from platformdirs_devdrive.testing import simulated_drives

    with simulated_drives(dev_drives=["/tmp/t"]) as world:
        world.set_flag("auto")  # as if the user set PLATFORMDIRS_DEVDRIVE=auto
        user_cache_dir("pip", appauthor=False)  # '/tmp/t/.cache/pip' ('D:\.cache\pip\Cache' on Windows, for D:\)

Faults are declared the same way::

    with simulated_drives() as world:
        world.add_drive("D:\\")
        world.add_drive("E:\\", error=PermissionError(13, "Access is denied"))  # detection fails for E:\
        world.fail_enumeration(OSError(21, "The device is not ready"))  # listing the volumes fails
        world.windows = False  # or behave as macOS/Linux: there are no Dev Drives

Roots are compared as strings, case-insensitively in a Windows world. Declare real directories (``tmp_path``) when
the code under test touches the disk (``ensure_exists``, an explicit path, which must exist): the file-system
checks then run for real. Windows-style roots such as ``D:\`` suit pure path logic on any OS; nothing is ever
created under them off Windows (``ensure_exists`` then falls back with a reason).

A world starts without the developer's own ``PLATFORMDIRS_DEVDRIVE`` (the test sets the flag it wants with
:meth:`~SimulatedProbe.set_flag`), so a setting in the shell that runs the tests cannot send anything to a real drive.

This module is also ``platformdirs.testing`` for code that swapped us in (``import platformdirs_devdrive as
platformdirs``): with platformdirs 4.14 and later, its names (``isolated_dirs``) are re-exported here, and Dev Drive
use steps aside inside them, so that nothing we hand out escapes the isolated tree (see the docs' testing page).
"""

from __future__ import annotations

import ntpath
import os
import posixpath
import threading
from contextlib import contextmanager

from . import _api, _probe
from ._flag import ENV_VAR
from ._layout import drive_root
from ._probe import Probe, VolumeInfo

_platformdirs_testing: ModuleType | None
try:  # platformdirs' own test helpers, for code that reaches them through us; 4.11.0 has none
    from platformdirs import testing as _platformdirs_testing
except ImportError:  # pragma: no cover  # depends on the installed platformdirs
    _platformdirs_testing = None

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from types import ModuleType

# Guards the probe stack while worlds are entered and left from several threads.
_LOCK = threading.RLock()
if hasattr(os, "register_at_fork"):
    # A child forked while another thread enters or leaves a world must not inherit a held lock.
    os.register_at_fork(before=_LOCK.acquire, after_in_parent=_LOCK.release, after_in_child=_LOCK.release)


class SimulatedProbe(Probe):
    r"""A simulated world of volumes; :func:`simulated_drives` (or the ``devdrive_world`` fixture) installs one.

    It is the probe the package asks while the world is active: declare volumes with :meth:`add_drive`, faults with
    its ``error=`` and :meth:`fail_enumeration`, the user's rollout flag with :meth:`set_flag`. Every change takes
    effect at once: decisions the package remembered are forgotten. A path on no declared volume lies on a plain
    (non-Dev-Drive) volume: in a Windows world its drive's root (``Q:\``, ``\\server\share\``; ``C:\`` for a path
    with no drive), elsewhere ``/``.

    >>> world = SimulatedProbe()
    >>> world.add_drive("D:\\")
    'D:\\'
    >>> world.add_drive("C:\\dev\\", trusted=False)  # a Dev Drive mounted on a folder
    'C:\\dev\\'
    >>> world.dev_drives()
    ['D:\\', 'C:\\dev\\']
    >>> world.volume_root("c:\\dev\\src\\tool"), world.volume_root("C:\\Users")
    ('C:\\dev\\', 'C:\\')
    >>> world.volume("C:\\dev\\")
    VolumeInfo(root='C:\\dev\\', is_dev_drive=True, trusted=False, filesystem='ReFS', error=None)
    """

    name = "simulated"

    def __init__(self, *, windows: bool = True) -> None:
        self.supported = bool(windows)
        self._lock = threading.Lock()
        self._volumes: dict[str, tuple[VolumeInfo, OSError | None]] = {}
        self._enumeration_error: OSError | None = None
        self._saved_environ: dict[str, str | None] = {}
        self.calls: dict[str, int] = {"volume_root": 0, "volume": 0, "roots": 0}
        """How many times each probe question was asked (``volume_root``, ``volume``, ``roots``): a test can assert
        that an answer was remembered, or that switched-off code asked nothing (``{"volume_root": 0, ...}``)."""

    @property
    def windows(self) -> bool:
        """Whether the simulated OS has Dev Drives; set ``False`` to behave as on macOS/Linux ("not Windows").

        Only detection follows it: the layout of the paths handed out is the one of the interpreter's own OS.
        """
        return self.supported

    @windows.setter
    def windows(self, value: bool) -> None:
        self.supported = bool(value)
        _api.clear_cache()

    def add_drive(  # every fact of a volume is optional
        self,
        root: str | os.PathLike[str],
        *,
        dev_drive: bool = True,
        trusted: bool | None = True,
        filesystem: str | None = None,
        error: OSError | None = None,
    ) -> str:
        r"""Declare a volume mounted at ``root`` (a Dev Drive unless told otherwise); return ``root`` as a string.

        Declaring a root again replaces what was declared for it. The returned string is the root as the probe
        reports it, and so as :attr:`~platformdirs_devdrive.Resolution.root` will show it: ``D:`` becomes ``D:\``.

        :param root: an absolute path: a drive root (``D:\``), a folder mount (``C:\dev\``) or a real directory.
        :param dev_drive: whether Windows marks the volume as a Dev Drive; ``False`` declares a plain volume.
        :param trusted: whether the Dev Drive is trusted (``None``: unknown); ignored for a plain volume.
        :param filesystem: the file-system name; ``ReFS`` for a Dev Drive, ``NTFS`` otherwise, when not given.
        :param error: make detection fail for this volume with this error: finding the volume of a path on it
            raises it, and the volume reports it as not a Dev Drive (as a volume that is not ready does).
        :raises TypeError: for a ``root`` or ``error`` of the wrong type.
        :raises ValueError: for a relative or empty ``root``.

        >>> SimulatedProbe().add_drive("D:")
        'D:\\'
        """
        key = _root_key(root)
        _check_error(error)
        if error is not None:
            info = VolumeInfo(key, filesystem=filesystem, error=f"{type(error).__name__}: {error}")
        elif dev_drive:
            info = VolumeInfo(key, is_dev_drive=True, trusted=trusted, filesystem=filesystem or "ReFS")
        else:
            info = VolumeInfo(key, filesystem=filesystem or "NTFS")
        with self._lock:
            # Declaring a root again replaces it where it stood ("d:\\" replaces "D:\\" in a Windows world).
            old = self._declared(key)
            self._volumes = {(key if known == old else known): value for known, value in self._volumes.items()}
            self._volumes[key] = (info, error)
        _api.clear_cache()  # decisions taken in the old world must not survive into the new one
        return key

    def _declared(self, root: str) -> str | None:
        """Return the declared root equal to ``root`` (case-insensitively in a Windows world), or ``None``."""
        if root in self._volumes:
            return root
        if self.supported:
            wanted = ntpath.normcase(root)
            return next((known for known in self._volumes if ntpath.normcase(known) == wanted), None)
        return None

    def remove_drive(self, root: str | os.PathLike[str]) -> None:
        """Forget the volume declared at ``root``, as if it were ejected mid-run.

        :raises ValueError: when no volume was declared at ``root``.
        """
        key = _root_key(root)
        with self._lock:
            found = self._volumes.pop(self._declared(key) or key, None)
        if found is None:
            msg = f"no volume was declared at {key!r}"
            raise ValueError(msg)
        _api.clear_cache()

    def fail_enumeration(self, error: OSError | None) -> None:
        """Make listing the volumes raise ``error`` (``None``: list them again), as a locked-down machine may.

        Only the automatic choice lists volumes; a path the user or the tool named is still checked on its own.

        :raises TypeError: for an ``error`` that is not an :class:`OSError` or ``None``.
        """
        _check_error(error)
        with self._lock:
            self._enumeration_error = error
        _api.clear_cache()

    def set_flag(self, value: str | os.PathLike[str] | None) -> None:
        r"""Set the user's rollout flag ``PLATFORMDIRS_DEVDRIVE`` until the world ends; ``None`` unsets it.

        ``"auto"`` turns Dev Drive use on, ``"0"`` turns it off, a path (``"D:\\"``, ``tmp_path``) names the drive.
        The variable's value from before is restored when the :func:`simulated_drives` block ends.
        """
        _check_type(value, (str, os.PathLike, type(None)), "value must be None, a str or an os.PathLike[str]")
        with self._lock:
            self._saved_environ.setdefault(ENV_VAR, os.environ.get(ENV_VAR))
            if value is None:
                os.environ.pop(ENV_VAR, None)
            else:
                os.environ[ENV_VAR] = os.fspath(value)
        _api.clear_cache()

    def volume_root(self, path: str) -> str:
        """Return the longest declared root that holds ``path``, else the root of ``path``'s own (plain) volume.

        :raises OSError: the ``error`` declared for the volume holding ``path``.
        """
        windows = self.supported
        with self._lock:
            self.calls["volume_root"] += 1
            best, error = "", None
            for root, (_, failure) in self._volumes.items():
                if len(root) > len(best) and _contains(root, path, windows=windows):
                    best, error = root, failure
        if error is not None:
            raise error.with_traceback(None)  # the same instance raised again must not grow its traceback
        return best or _anchor(path, windows=windows)

    def volume(self, root: str) -> VolumeInfo:
        """Describe the volume at ``root``: as declared, else a plain, non-Dev-Drive volume. Never raises."""
        with self._lock:
            self.calls["volume"] += 1
            found = self._volumes.get(self._declared(root) or root)
        if found is not None:
            return found[0]
        return VolumeInfo(root, filesystem="NTFS" if self.supported else None)

    def roots(self) -> list[str]:
        """Return the declared roots in declaration order.

        :raises OSError: the error given to :meth:`fail_enumeration`.
        """
        with self._lock:
            self.calls["roots"] += 1
            error = self._enumeration_error
            roots = list(self._volumes)
        if error is not None:
            raise error.with_traceback(None)
        return roots

    def _restore(self) -> None:
        with self._lock:
            for name, value in self._saved_environ.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
            self._saved_environ.clear()


def _check_type(value: object, kinds: tuple[type, ...], message: str) -> None:
    # Worth checking at run time: a wrong type here would only surface later, as a confusing wrong answer.
    if not isinstance(value, kinds):
        msg = f"{message}, got {type(value).__name__}"
        raise TypeError(msg)


def _check_error(error: object) -> None:
    _check_type(error, (OSError, type(None)), "error must be an OSError instance or None")


def _root_key(root: object) -> str:
    key = os.fspath(root) if isinstance(root, (str, os.PathLike)) else None
    if not isinstance(key, str):  # a bytes path, or no path at all
        msg = f"root must be a str or an os.PathLike[str], got {type(root).__name__}"
        raise TypeError(msg)
    if (root_of_drive := drive_root(key)) != key:  # "D:" alone means the drive, as the package reads it
        return root_of_drive
    if not (posixpath.isabs(key) or ntpath.isabs(key)):
        msg = f"root must be an absolute path, got {key!r}"
        raise ValueError(msg)
    return key


def _parts(path: str, *, windows: bool) -> list[str]:
    if windows:
        path = path.replace("\\", "/").lower()
    return [part for part in path.split("/") if part]


def _contains(root: str, path: str, *, windows: bool) -> bool:
    root_parts = _parts(root, windows=windows)
    return _parts(path, windows=windows)[: len(root_parts)] == root_parts


def _anchor(path: str, *, windows: bool) -> str:
    if not windows:
        return "/"
    drive = ntpath.splitdrive(path)[0]
    return f"{drive}\\" if drive else "C:\\"


@contextmanager
def simulated_drives(
    *, windows: bool = True, dev_drives: Iterable[str | os.PathLike[str]] = ()
) -> Iterator[SimulatedProbe]:
    r"""Answer every drive question of this process from a simulated world while the context is active.

    :param windows: whether the simulated OS has Dev Drives (``False``: as on macOS/Linux, "not Windows").
    :param dev_drives: roots to declare as trusted ReFS Dev Drives at once; more with
        :meth:`~SimulatedProbe.add_drive`. ``dev_drives=[tmp_path]`` is "this machine has one Dev Drive".
    :yields: the :class:`SimulatedProbe`, to declare more of the world.

    The world starts empty (no volume; ``PLATFORMDIRS_DEVDRIVE`` unset, the rest of the environment as it is) and is
    removed on exit, also when the block raises, with whatever :meth:`~SimulatedProbe.set_flag` changed and the
    developer's own flag given back; the package's remembered decisions are forgotten on entry and on exit, so
    neither world leaks into the other. Worlds nest: the innermost answers alone, and leaving it brings back the one
    outside (an inner world keeps the flag the outer one set). Like ``platformdirs.testing.isolated_dirs``, a world
    is seen by every thread of the process; entering and leaving worlds from several threads is safe, in any order.

    >>> with simulated_drives(dev_drives=["D:\\", "E:\\"]) as world:
    ...     world.dev_drives()
    ['D:\\', 'E:\\']
    """
    if isinstance(dev_drives, (str, os.PathLike)):
        msg = f"dev_drives must be a list of roots, got the single path {os.fspath(dev_drives)!r}"
        raise TypeError(msg)
    probe = SimulatedProbe(windows=windows)
    for root in dev_drives:  # before installing: a bad root raises with nothing to undo
        probe.add_drive(root)
    with _LOCK:
        if _probe.simulated() is None:  # the outermost world: the developer's own flag stays outside, restored on exit
            probe._saved_environ[ENV_VAR] = os.environ.pop(ENV_VAR, None)  # noqa: SLF001  # the world owns it
        _probe.push_probe(probe)
    try:
        _api.clear_cache()
        yield probe
    finally:
        with _LOCK:
            _probe.pop_probe(probe)
            probe._restore()  # noqa: SLF001  # the world owns what it changed
        _api.clear_cache()


__all__ = [
    "SimulatedProbe",
    "simulated_drives",
]
if _platformdirs_testing is not None:  # merged, never shadowing ours (a test checks that no name clashes)
    for _name in _platformdirs_testing.__all__:
        if _name not in __all__:
            globals()[_name] = getattr(_platformdirs_testing, _name)
            __all__ += [_name]  # noqa: PLE0604
    del _name
