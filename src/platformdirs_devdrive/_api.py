r"""The public class and functions: thin views of one resolution per directory kind.

``DevDrivePlatformDirs`` is the running platform's ``platformdirs.PlatformDirs`` with ``user_cache_dir`` moved onto a
Dev Drive when asked, and a new ``user_temp_dir``; every other property is inherited untouched.
"""

from __future__ import annotations

import os
import sys

from platformdirs import PlatformDirs

from ._flag import ENV_VAR, HINT_VAR, OVERRIDE_VAR, is_off, off_now, read_flag, steered, steered_temp

# Only this module and the package's __init__ load at import: everything a resolution needs (_policy, _report,
# _layout, _probe, _safety) loads on the first call that resolves, so the off path costs pip nothing at start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from types import ModuleType
    from typing import Literal, TypeAlias

    from platformdirs.api import PlatformDirsABC as _MixinBase

    from ._report import Resolution

    DevDrive: TypeAlias = "bool | str | os.PathLike[str] | None"


def check_arguments(devdrive: object, near: object) -> None:
    """Raise :class:`TypeError` for argument types no caller should pass (programmer errors, not user input)."""
    if devdrive is not None and not isinstance(devdrive, (bool, str, os.PathLike)):
        msg = f"devdrive must be None, a bool or a path (str or os.PathLike[str]), got {type(devdrive).__name__}"
        raise TypeError(msg)
    if near is not None and not isinstance(near, (str, os.PathLike)):
        msg = f"near must be None or a path (str or os.PathLike[str]), got {type(near).__name__}"
        raise TypeError(msg)


def _windows_layout(cls: type) -> bool:
    # By name, not identity: pip vendors platformdirs under another package name.
    return any(base.__name__ == "Windows" and base.__module__.endswith(".windows") for base in cls.__mro__)


if not TYPE_CHECKING:  # a plain class at run time: the platformdirs class it is mixed into is the ABC, and ABCMeta's
    _MixinBase = object  # bookkeeping for a second class is import time pip pays at start-up


class DevDriveMixin(_MixinBase):
    """The Dev Drive behaviour, mixed in front of a platformdirs class (see :class:`DevDrivePlatformDirs`).

    Tests combine it with ``platformdirs.windows.Windows`` to run the Windows layout on any OS.
    """

    _windows: bool = False
    devdrive: DevDrive = None
    """Whether and where to use a Dev Drive: see the constructor."""
    near: str | os.PathLike[str] | None = None
    """The path the tool is about to write into; only temp follows it."""
    _anchor: bool = True  # False: a preview that creates nothing, not even <root>/.cache (the CLI's "turned on")

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls._windows = _windows_layout(cls)

    def __init__(  # noqa: PLR0917  # platformdirs' positional API, then ours
        self,
        appname: str | None = None,
        appauthor: str | Literal[False] | None = None,
        version: str | None = None,
        roaming: bool = False,
        multipath: bool = False,
        opinion: bool = True,
        ensure_exists: bool = False,
        use_site_for_root: bool = False,
        *,
        devdrive: DevDrive = None,
        near: str | os.PathLike[str] | None = None,
    ) -> None:
        """Create the directories object; the first eight arguments are platformdirs' own.

        :param devdrive: ``None`` follows ``PLATFORMDIRS_DEVDRIVE``; ``False`` keeps the standard locations; ``True``
            uses the Dev Drive if one is chosen (the user can still name or veto it); a path is the user's own
            choice of drive or folder.
        :param near: the path the tool is about to write into; temp may follow it onto its Dev Drive.
        :raises TypeError: for a ``devdrive`` or ``near`` of the wrong type.
        """
        if devdrive is not None or near is not None:  # the common case skips this: every module function builds us
            check_arguments(devdrive, near)
            self.devdrive = devdrive
            self.near = near
        super().__init__(appname, appauthor, version, roaming, multipath, opinion, ensure_exists, use_site_for_root)

    def _memo_key(self) -> tuple[object, ...] | None:
        """Everything the cache decision depends on, or ``None`` when it must be taken afresh.

        Afresh with ``ensure_exists`` (the folder may have been removed, or planted, since: platformdirs too creates
        it on every access) and for a relative root (it depends on the working directory).
        """
        devdrive = self.devdrive
        if self.ensure_exists:
            return None
        if isinstance(devdrive, os.PathLike):
            devdrive = os.fspath(devdrive)
        if isinstance(devdrive, str):
            from ._layout import is_absolute  # noqa: PLC0415  # explicit paths only; see the imports at the top

            if not is_absolute(devdrive, windows=self._windows):
                return None
        # A local "from . import _backends" costs 0.7 µs a call here; the module dict, 30 ns once loaded.
        backends = sys.modules.get(_BACKENDS_MODULE) or _load_backends()
        return (
            type(self),
            self.appname,
            self.appauthor,
            self.version,
            self.opinion,
            devdrive,
            read_flag(),
            os.environ.get(OVERRIDE_VAR),
            os.environ.get(HINT_VAR),
            backends.current_probe(),
        )

    @property
    def user_cache_dir(self) -> str:
        r"""Cache directory tied to the user, on the Dev Drive when Dev Drive use is on and a drive is chosen.

        On a Dev Drive ``D:\``: ``D:\.cache\$appauthor\$appname\Cache\$version`` (pip: ``D:\.cache\pip\Cache``);
        on macOS/Linux with a chosen root ``/fast``: ``/fast/.cache/$appname/$version``. Otherwise, and whenever
        anything is off, platformdirs' own: ``%LOCALAPPDATA%\$appauthor\$appname\Cache\$version``.
        """
        devdrive = self.devdrive  # inline, not a method: the off path is budgeted at 25% of platformdirs' cost
        if devdrive is None:
            value = os.environ.get(ENV_VAR)  # unset, the common case, costs this get alone
            off = not value or is_off(value)
        else:
            off = devdrive is False
        if off or _steered(self):
            return super().user_cache_dir  # type: ignore[safe-super]  # a concrete platformdirs class follows us
        try:
            path = _memo.get(self._memo_key(), _UNKNOWN)
            # A remembered folder is used again only while the folders it was checked through are still the same.
            if path is _UNKNOWN or (path is not None and not _still_valid(path)):
                return self.resolve_cache().path  # and remembers the decision
        except OSError:  # the resolution's modules could not be loaded (no file descriptor left): platformdirs'
            path = None
        if path is None:  # decided before: the standard location, which platformdirs gives (and creates)
            return super().user_cache_dir  # type: ignore[safe-super]
        return path

    @property
    def user_cache_path(self) -> Path:
        r"""The :attr:`user_cache_dir` as a :class:`~pathlib.Path`, e.g. ``D:\.cache\pip\Cache``."""
        from pathlib import Path  # noqa: PLC0415  # platformdirs already imported it; keeps the annotation lazy

        return Path(self.user_cache_dir)

    @property
    def user_temp_dir(self) -> str:
        r"""Temporary-files directory of the app: ``D:\.cache\Temp\$appname`` on a Dev Drive.

        Standard (fallback): ``<tempfile.gettempdir()>\$appname``, e.g. ``%LOCALAPPDATA%\Temp\$appname`` or
        ``/tmp/$appname``. With ``near``, temp may follow the target onto its Dev Drive so that moving files into
        place is a rename, not a copy.
        """
        try:
            return self.resolve_temp().path  # never remembered: temp folders come and go all the time
        except OSError:  # not even the report could be loaded (no file descriptor left): a path nothing can be made at
            return unusable_temp(_tempdir(), self.appname)

    @property
    def user_temp_path(self) -> Path:
        r"""The :attr:`user_temp_dir` as a :class:`~pathlib.Path`, e.g. ``D:\.cache\Temp\pip``."""
        from pathlib import Path  # noqa: PLC0415  # see user_cache_path

        return Path(self.user_temp_dir)

    def resolve_cache(self) -> Resolution:
        r"""Resolve :attr:`user_cache_dir` and report how: the path, the standard path, the source and the reason.

        On a chosen root, ``<root>\.cache`` is created owner-only if missing (what the tool creates below it then stays
        private); with ``ensure_exists`` the whole directory is, like platformdirs' own is in the standard place.
        """
        if _steered(self):
            path = super().user_cache_dir  # type: ignore[safe-super]  # created by platformdirs' patch if asked
            return _unresolved("cache", path, "steered")
        try:
            return self._resolve_cache()
        except OSError as error:  # a module it needs could not be loaded: the report says so, if it can be loaded
            path = super().user_cache_dir  # type: ignore[safe-super]  # created as asked
            return _unresolved("cache", path, "unavailable", error=f"{type(error).__name__}: {error}")

    def _resolve_cache(self) -> Resolution:
        from . import _backends, _layout  # noqa: PLC0415  # see the imports at the top
        from ._policy import Request, resolve  # noqa: PLC0415

        parts = _layout.cache_parts(
            windows=self._windows,
            appname=self.appname,
            appauthor=self.appauthor,
            version=self.version,
            opinion=self.opinion,
        )
        request = Request(
            "cache",
            parts,
            self._standard_cache_dir(),
            windows=self._windows,
            ensure_exists=self.ensure_exists,
            anchor=self._anchor,
        )
        report = resolve(request, self.devdrive, env=os.environ, probe=_backends.current_probe())
        if report.is_fallback and self.ensure_exists:
            super().user_cache_dir  # type: ignore[safe-super]  # noqa: B018  # platformdirs creates its own, as it would
        if self._anchor:
            _remember(self._memo_key(), None if report.is_fallback else report.path)
        return report

    def _standard_cache_dir(self) -> str:
        if not self.ensure_exists:
            return super().user_cache_dir  # type: ignore[safe-super]
        from copy import copy  # noqa: PLC0415  # not loaded by platformdirs 4.11

        lookup = copy(self)  # the standard path without creating it: it may not be the one we hand out
        lookup.ensure_exists = False
        return super(DevDriveMixin, lookup).user_cache_dir  # type: ignore[safe-super]

    def resolve_temp(self) -> Resolution:
        """Resolve :attr:`user_temp_dir` and report how (see :meth:`resolve_cache`)."""
        if _steered(self) and (path := steered_temp(self.appname, ensure_exists=self.ensure_exists)) is not None:
            return _unresolved("temp", path, "steered")
        try:
            return self._resolve_temp()
        except OSError as error:  # as in resolve_cache
            base = _tempdir()
            error_words = f"{type(error).__name__}: {error}"
            return _unresolved(
                "temp", unusable_temp(base, self.appname), "unavailable", standard=base, error=error_words
            )

    def _resolve_temp(self) -> Resolution:
        from . import _backends, _layout  # noqa: PLC0415  # see the imports at the top
        from ._policy import Request, fspath_str, resolve  # noqa: PLC0415

        base = _tempdir()
        appname = self.appname
        near = None if self.near is None else fspath_str(self.near, "near")
        request = Request(
            "temp",
            _layout.temp_parts(appname),
            _layout.standard_temp(base, appname),
            windows=self._windows,
            ensure_exists=self.ensure_exists,
            near=near,
            standard_base=base,
            standard_parts=[appname] if appname else [],
            nowhere=unusable_temp(base, appname),
            anchor=self._anchor,
        )
        return resolve(request, self.devdrive, env=os.environ, probe=_backends.current_probe())


# Per process: what each combination of inputs resolved the cache to (a path, or None for "the standard location"),
# so that user_cache_dir costs a dictionary lookup once warm. Like the probe's answers and the safety verdicts, it is
# forgotten by clear_cache(). Never kept: decisions with ensure_exists, relative roots, and temp (see _memo_key).
_memo: dict[tuple[object, ...] | None, str | None] = {}
_UNKNOWN = "<unknown>"
_MEMO_LIMIT = 256  # a tool asks for a handful of directories; this only bounds a pathological caller


def _remember(key: tuple[object, ...] | None, path: str | None) -> None:
    if key is None:
        return
    if len(_memo) >= _MEMO_LIMIT:
        _memo.clear()
    _memo[key] = path


_BACKENDS_MODULE = f"{__package__}._backends"


def _load_backends() -> ModuleType:
    from . import _backends  # noqa: PLC0415  # see the imports at the top

    return _backends


def _steered(dirs: DevDriveMixin) -> bool:
    # platformdirs' class is patched (isolated_dirs, a mock) and no simulated world of our testing kit answers.
    probe = sys.modules.get(_PROBE_MODULE)  # loaded by any world: none loaded, none active
    return steered(dirs) and (probe is None or probe.simulated() is None)


_PROBE_MODULE = f"{__package__}._probe"


def _still_valid(path: str) -> bool:
    safety = sys.modules.get(_SAFETY_MODULE)  # loaded by the resolution that remembered ``path``
    return safety is not None and bool(safety.still_valid(path))


_SAFETY_MODULE = f"{__package__}._safety"


def unusable_temp(base: str, appname: str | None) -> str:
    r"""Return a temp path that does not exist and that nobody can create, so that the tool's own write fails loudly.

    Handed out when no private temp folder can be had: below a device on POSIX (``/dev/null/<app>``: ENOTDIR for
    everyone, root included); on Windows a name with ``<`` and ``>``, which no Windows file system accepts
    (``<tmp>\<no safe temp folder for pip>``: ERROR_INVALID_NAME).
    """
    # The app's name where it is a plain one (it tells a person whose folder it was to be); never ".." or a separator,
    # which a tool normalising the path could turn into a real, shared folder (/dev/null/.. is /dev).
    name = "".join(char for char in appname or "" if char.isalnum() or char in "-_")[:64] or "temp"
    if os.name == "nt":
        return os.path.join(base, f"<no safe temp folder for {name}>")
    return os.path.join(os.devnull, name)


def _unresolved(kind: str, path: str, code: str, **fields: str) -> Resolution:
    from ._report import unresolved  # noqa: PLC0415  # steered or unavailable only; may raise OSError too: then it shows

    return unresolved(kind, path, code, **fields)


def _tempdir() -> str:
    try:
        import tempfile  # noqa: PLC0415  # 2-3 ms to import; only temp needs it (gettempdir caches its answer)

        return tempfile.gettempdir()
    except OSError:
        # No usable temp folder at all (tempfile tried TMPDIR, TEMP, TMP and the usual places): name the first one
        # it would have used, so that resolving still answers and the tool's own use reports the real problem.
        for name in ("TMPDIR", "TEMP", "TMP"):
            if value := os.environ.get(name):
                return os.path.abspath(value)
        return os.path.expanduser(r"~\AppData\Local\Temp") if os.name == "nt" else "/tmp"  # noqa: S108


class DevDrivePlatformDirs(DevDriveMixin, PlatformDirs):
    r"""The running platform's :class:`platformdirs.PlatformDirs`, with the cache and temp dirs on a Dev Drive.

    Only :attr:`user_cache_dir`/:attr:`user_cache_path` change, and :attr:`user_temp_dir`/:attr:`user_temp_path`
    are new; every other property is platformdirs' own.

    >>> dirs = DevDrivePlatformDirs("pip", appauthor=False, devdrive=False)
    >>> dirs.user_cache_dir == platformdirs.user_cache_dir("pip", appauthor=False)
    True
    """


DevDrivePlatformDirs._windows = _windows_layout(DevDrivePlatformDirs)  # noqa: SLF001  # __init_subclass__ skips the class itself
OURS = DevDrivePlatformDirs  # the package's PlatformDirs unless patched (see _flag.platform_dirs_class)


def clear_cache() -> None:
    """Forget every cached decision, detection answer and safety verdict.

    Answers are kept for the life of the process (drives rarely change under a running tool); long-running tools
    call this after drives or folders change.
    """
    _memo.clear()
    # What was never loaded holds nothing to forget, and clearing must not load it.
    if backends := sys.modules.get(_BACKENDS_MODULE):
        for probe in backends.all_probes():
            probe.clear_cache()
    if safety_module := sys.modules.get(f"{__package__}._safety"):
        safety_module.clear()


if not off_now():
    # The user turned Dev Drive use on, so the first call resolves: load what it needs now, while the process surely
    # has a file descriptor to spare (a module loaded lazily cannot be, without one). It would load on that call anyway.
    from . import _backends, _policy  # noqa: F401

__all__ = [
    "OURS",
    "DevDriveMixin",
    "DevDrivePlatformDirs",
    "check_arguments",
    "clear_cache",
    "unusable_temp",
]
