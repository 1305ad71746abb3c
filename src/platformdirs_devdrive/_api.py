r"""The public class and functions: thin views of one resolution per directory kind.

``DevDrivePlatformDirs`` is the running platform's ``platformdirs.PlatformDirs`` with ``user_cache_dir`` moved onto a
Dev Drive when asked, and a new ``user_temp_dir``; every other property is inherited untouched.
"""

from __future__ import annotations

import os
import sys

import platformdirs
from platformdirs import PlatformDirs
from platformdirs.api import PlatformDirsABC

from ._layout import unusable_temp  # at import: it answers when nothing else can be loaded

# Only this module and the package's __init__ load at import: everything a resolution needs (_policy, _report,
# _layout, _probe, _safety) loads on the first call that resolves, so the off path costs pip nothing at start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from types import ModuleType
    from typing import Literal, TypeAlias

    from ._report import Resolution

    DevDrive: TypeAlias = "bool | str | os.PathLike[str] | None"

ENV_VAR = "PLATFORMDIRS_DEVDRIVE"
"""The variable users set: the rollout flag, and the way to name a drive."""
OFF_WORDS = frozenset({"0", "false", "no", "off"})
"""``PLATFORMDIRS_DEVDRIVE`` values that turn Dev Drive use off; unset or empty is off too (this release's default)."""
OVERRIDE_VAR = "WIN_PD_OVERRIDE_LOCAL_APPDATA"
"""platformdirs' own Windows override: when the user set it, automatic choices keep the cache where it points."""
HINT_VAR = "DEV_DRIVE"
"""Exported by the setup-dev-drive CI action: a hint worth naming in reasons, never proof of a Dev Drive."""


def check_arguments(devdrive: object, near: object) -> None:
    """Raise :class:`TypeError` for argument types no caller should pass (programmer errors, not user input)."""
    if devdrive is not None and not isinstance(devdrive, (bool, str, os.PathLike)):
        msg = f"devdrive must be None, a bool or a path (str or os.PathLike[str]), got {type(devdrive).__name__}"
        raise TypeError(msg)
    if near is not None and not isinstance(near, (str, os.PathLike)):
        msg = f"near must be None or a path (str or os.PathLike[str]), got {type(near).__name__}"
        raise TypeError(msg)


def getenv(name: str) -> str | None:
    """Return ``os.environ.get(name)`` at the cost of a dict lookup where CPython allows (see :func:`_raw_env`)."""
    raw = _raw_env(name)
    return None if raw is None else _decode(raw)


def _raw_env(name: str) -> object:
    # ``os.environ.get`` raises and catches ``KeyError`` for an unset variable (1-1.5 µs, a tenth of a platformdirs
    # call, and every off-path call reads the flag). CPython's ``os.environ`` keeps its values in ``_data`` under
    # encoded keys (since 3.2; bytes on POSIX, upper-case str on Windows): read them there, undecoded. Anything else
    # (``os.environ`` replaced by a plain mapping, as tests do, or another implementation) gets ``get``.
    environ = os.environ
    if environ is not _ENVIRON or _DATA is None:
        return environ.get(name)
    key = _ENCODED.get(name)
    if key is None:
        key = _ENCODED[name] = _ENVIRON.encodekey(name)
    return _DATA.get(key)


_ENVIRON = os.environ  # the interpreter's own mapping, as it was at import
_DATA: dict[object, object] | None = getattr(_ENVIRON, "_data", None)
if type(_DATA) is not dict or not (hasattr(_ENVIRON, "encodekey") and hasattr(_ENVIRON, "decodevalue")):
    _DATA = None  # not CPython's _Environ: every read goes through get()
_ENCODED: dict[str, object] = {}  # variable name -> os.environ's key for it


def _decode(raw: object) -> str:
    # POSIX keeps bytes in os.environ._data; typeshed types decodevalue for str only.
    return raw if isinstance(raw, str) else str(getattr(os.environ, "decodevalue")(raw))  # noqa: B009


def read_flag() -> str | None:
    """Return the rollout flag, ``PLATFORMDIRS_DEVDRIVE``, as :func:`getenv` reads it."""
    return getenv(ENV_VAR)


def flag_is_off(value: str | None) -> bool:
    """Whether a ``PLATFORMDIRS_DEVDRIVE`` value means off (unset, empty, or an off keyword in any case)."""
    return not value or value.strip().lower() in OFF_WORDS


def _off_now() -> bool:
    # flag_is_off(read_flag()), the test behind every off-path call, with _raw_env inlined (a Python call is 5% of
    # the budget here): each raw value a process sees (one or two) is decoded and classified once.
    raw = _DATA.get(_FLAG_KEY) if os.environ is _ENVIRON and _DATA is not None else _raw_env(ENV_VAR)
    if not raw:
        return True
    verdict = _OFF.get(raw)
    if verdict is None:
        if len(_OFF) >= _MEMO_LIMIT:
            _OFF.clear()
        verdict = _OFF[raw] = flag_is_off(_decode(raw))
    return verdict


_OFF: dict[object, bool] = {}
_FLAG_KEY = _ENVIRON.encodekey(ENV_VAR) if _DATA is not None else ENV_VAR


def _windows_layout(cls: type) -> bool:
    # By name, not identity: pip vendors platformdirs under another package name.
    return any(base.__name__ == "Windows" and base.__module__.endswith(".windows") for base in cls.__mro__)


class DevDriveMixin(PlatformDirsABC):
    """The Dev Drive behaviour, mixed in front of a platformdirs class (see :class:`DevDrivePlatformDirs`).

    Tests combine it with ``platformdirs.windows.Windows`` to run the Windows layout on any OS.
    """

    _windows: bool = False
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
        if devdrive is not None or near is not None:  # the common case skips a call: every module function builds us
            check_arguments(devdrive, near)
        super().__init__(appname, appauthor, version, roaming, multipath, opinion, ensure_exists, use_site_for_root)
        self.devdrive = devdrive
        """Whether and where to use a Dev Drive: see the constructor."""
        self.near = near
        """The path the tool is about to write into; only temp follows it."""

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
        # A local "from . import _probe" costs 0.7 µs a call here; the module dict, 30 ns once loaded.
        probe_module = sys.modules.get(_PROBE_MODULE) or _load_probe_module()
        return (
            type(self),
            self.appname,
            self.appauthor,
            self.version,
            self.opinion,
            devdrive,
            read_flag(),
            getenv(OVERRIDE_VAR),
            getenv(HINT_VAR),
            probe_module.current_probe(),
        )

    @property
    def user_cache_dir(self) -> str:
        r"""Cache directory tied to the user, on the Dev Drive when Dev Drive use is on and a drive is chosen.

        On a Dev Drive ``D:\``: ``D:\.cache\$appauthor\$appname\Cache\$version`` (pip: ``D:\.cache\pip\Cache``);
        on macOS/Linux with a chosen root ``/fast``: ``/fast/.cache/$appname/$version``. Otherwise, and whenever
        anything is off, platformdirs' own: ``%LOCALAPPDATA%\$appauthor\$appname\Cache\$version``.
        """
        devdrive = self.devdrive  # inline, not a method: the off path is budgeted at 10% of platformdirs' cost
        if devdrive is False or (devdrive is None and _off_now()) or self._steered():
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
        if self._steered():
            path = super().user_cache_dir  # type: ignore[safe-super]  # created by platformdirs' patch if asked
            return _steered_report("cache", path)
        try:
            return self._resolve_cache()
        except OSError as error:  # a module it needs could not be loaded: the report says so, if it can be loaded
            return _unavailable(super().user_cache_dir, "cache", error)  # type: ignore[safe-super]  # created as asked

    def _resolve_cache(self) -> Resolution:
        from . import _layout, _probe  # noqa: PLC0415  # see the imports at the top
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
        report = resolve(request, self.devdrive, env=os.environ, probe=_probe.current_probe())
        if report.is_fallback and self.ensure_exists:
            super().user_cache_dir  # type: ignore[safe-super]  # noqa: B018  # platformdirs creates its own, as it would
        if self._anchor:
            _remember(self._memo_key(), None if report.is_fallback else report.path)
        return report

    def _steered(self) -> bool:
        """Whether platformdirs' own class has its ``user_cache_dir`` replaced, and no simulated world answers.

        ``platformdirs.testing.isolated_dirs`` (and the ``platformdirs_isolated`` fixture) patch the properties of
        ``platformdirs.PlatformDirs``, which our class inherits; so does a test's ``mock.patch.object``. Whoever steers
        platformdirs' cache steers ours: Dev Drive use steps aside, whatever ``PLATFORMDIRS_DEVDRIVE`` or ``devdrive=``
        say, so a developer's setting cannot leak into a test suite that believes it is isolated. A world of our
        testing kit inside it is the test's own explicit choice of drives, and is honoured.
        """
        if vars(_PLATFORM).get("user_cache_dir") is _PLATFORM_CACHE or not isinstance(self, _PLATFORM):
            return False
        probe_module = sys.modules.get(_PROBE_MODULE)
        return probe_module is None or not probe_module.simulating()

    def _steered_temp(self) -> str | None:
        """Return the temp folder while :meth:`_steered`: ``user_temp/$appname`` beside the patched ``user_cache``.

        ``isolated_dirs(root)`` maps each kind to ``<root>/<kind>`` (``<root>/user_cache``), so temp is
        ``<root>/user_temp/$appname``: inside the isolated tree, like everything else handed out there.
        """
        cache_kind: object = _PLATFORM().user_cache_dir  # no appname, version or ensure_exists: the kind's own folder
        if not isinstance(cache_kind, str):  # a bare mock answers a mock: no tree to stay in (the usual resolution)
            return None
        path = os.path.join(os.path.dirname(cache_kind), "user_temp", *([self.appname] if self.appname else []))
        if self.ensure_exists:
            try:  # noqa: SIM105  # contextlib is not loaded by the off path
                os.makedirs(path, mode=0o700, exist_ok=True)
            except OSError:
                pass  # the tool's own use of the folder reports the problem, as with a fallback that cannot be created
        return path

    def _standard_cache_dir(self) -> str:
        if not self.ensure_exists:
            return super().user_cache_dir  # type: ignore[safe-super]
        from copy import copy  # noqa: PLC0415  # not loaded by platformdirs 4.11

        lookup = copy(self)  # the standard path without creating it: it may not be the one we hand out
        lookup.ensure_exists = False
        return super(DevDriveMixin, lookup).user_cache_dir  # type: ignore[safe-super]

    def resolve_temp(self) -> Resolution:
        """Resolve :attr:`user_temp_dir` and report how (see :meth:`resolve_cache`)."""
        if self._steered() and (path := self._steered_temp()) is not None:
            return _steered_report("temp", path)
        try:
            return self._resolve_temp()
        except OSError as error:  # as in resolve_cache
            base = _tempdir()
            return _unavailable(unusable_temp(base, self.appname), "temp", error, standard=base)

    def _resolve_temp(self) -> Resolution:
        from . import _layout, _probe  # noqa: PLC0415  # see the imports at the top
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
            anchor=self._anchor,
        )
        return resolve(request, self.devdrive, env=os.environ, probe=_probe.current_probe())


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


_PROBE_MODULE = f"{__package__}._probe"
# The class isolated_dirs patches, and its user_cache_dir as platformdirs defined it (see DevDriveMixin._steered).
_PLATFORM = PlatformDirs
_PLATFORM_CACHE = vars(PlatformDirs).get("user_cache_dir")


def _steered_report(kind: str, path: str) -> Resolution:
    from ._report import Reason, Resolution, Source, explain  # noqa: PLC0415  # see the imports at the top

    return Resolution(
        kind=kind,
        path=path,
        standard_path=path,
        on_dev_drive=False,
        root=None,
        source=Source.FALLBACK,
        code=Reason.STEERED,
        reason=explain(Reason.STEERED),
    )


def _load_probe_module() -> ModuleType:
    from . import _probe  # noqa: PLC0415  # see the imports at the top

    return _probe


def _still_valid(path: str) -> bool:
    safety = sys.modules.get(_SAFETY_MODULE)  # loaded by the resolution that remembered ``path``
    return safety is not None and bool(safety.still_valid(path))


_SAFETY_MODULE = f"{__package__}._safety"


def _unavailable(path: str, kind: str, error: OSError, standard: str | None = None) -> Resolution:
    from ._report import Reason, Resolution, Source, explain  # noqa: PLC0415  # may raise OSError too: then it shows

    code = Reason.UNAVAILABLE
    return Resolution(
        kind=kind,
        path=path,
        standard_path=standard or path,
        on_dev_drive=False,
        root=None,
        source=Source.FALLBACK,
        code=code,
        reason=explain(code, error=f"{type(error).__name__}: {error}"),
    )


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
_OURS = DevDrivePlatformDirs  # the package's PlatformDirs unless patched (see platform_dirs_class)


def user_cache_dir(  # noqa: PLR0917  # platformdirs' positional API
    appname: str | None = None,
    appauthor: str | Literal[False] | None = None,
    version: str | None = None,
    opinion: bool = True,
    ensure_exists: bool = False,
    use_site_for_root: bool = False,
    *,
    devdrive: DevDrive = None,
) -> str:
    r"""Return the cache directory: platformdirs' own, or on the Dev Drive (``D:\.cache\pip\Cache``) when chosen.

    The arguments are platformdirs' ``user_cache_dir`` ones plus ``devdrive`` (see :class:`DevDrivePlatformDirs`).
    """
    if devdrive is None:  # the common case, inline (the off path's budget): what platformdirs' function builds
        return platform_dirs_class()(
            appname=appname,
            appauthor=appauthor,
            version=version,
            opinion=opinion,
            ensure_exists=ensure_exists,
            use_site_for_root=use_site_for_root,
        ).user_cache_dir
    dirs = _dirs(appname, appauthor, version, opinion, ensure_exists, use_site_for_root, devdrive, ours=False)
    return dirs.user_cache_dir


def user_cache_path(  # noqa: PLR0917  # platformdirs' positional API
    appname: str | None = None,
    appauthor: str | Literal[False] | None = None,
    version: str | None = None,
    opinion: bool = True,
    ensure_exists: bool = False,
    use_site_for_root: bool = False,
    *,
    devdrive: DevDrive = None,
) -> Path:
    """Like :func:`user_cache_dir`, as a :class:`~pathlib.Path`."""
    if devdrive is None:  # the common case, inline (the off path's budget): what platformdirs' function builds
        return platform_dirs_class()(
            appname=appname,
            appauthor=appauthor,
            version=version,
            opinion=opinion,
            ensure_exists=ensure_exists,
            use_site_for_root=use_site_for_root,
        ).user_cache_path
    dirs = _dirs(appname, appauthor, version, opinion, ensure_exists, use_site_for_root, devdrive, ours=False)
    return dirs.user_cache_path


def resolve_cache_dir(  # noqa: PLR0917  # platformdirs' positional API
    appname: str | None = None,
    appauthor: str | Literal[False] | None = None,
    version: str | None = None,
    opinion: bool = True,
    ensure_exists: bool = False,
    use_site_for_root: bool = False,
    *,
    devdrive: DevDrive = None,
) -> Resolution:
    """Like :func:`user_cache_dir`, returning the full :class:`Resolution` report."""
    dirs: PlatformDirsABC = _dirs(
        appname, appauthor, version, opinion, ensure_exists, use_site_for_root, devdrive, ours=False
    )
    if not isinstance(dirs, DevDriveMixin):  # a class patched in for platformdirs': what user_cache_dir() gives
        return _steered_report("cache", dirs.user_cache_dir)
    return dirs.resolve_cache()


def platform_dirs_class() -> type[PlatformDirsABC]:
    """Return the class the module functions build now, as platformdirs' functions build its ``PlatformDirs``.

    Our package's ``PlatformDirs`` (:class:`DevDrivePlatformDirs`), or what a test patched in: into our package
    (``mock.patch.object(platformdirs_devdrive, "PlatformDirs", Fake)``), or into platformdirs itself
    (``mocker.patch("platformdirs.PlatformDirs", Windows)``, which tests written for platformdirs keep doing after
    swapping us in). A patch of ours wins over one of platformdirs'.
    """
    package = sys.modules.get(__package__)
    ours: type[PlatformDirsABC] = vars(package).get("PlatformDirs", _OURS) if package is not None else _OURS
    if ours is _OURS and platformdirs.PlatformDirs is not _PLATFORM:
        return platformdirs.PlatformDirs
    return ours


def _dirs(  # noqa: PLR0917
    appname: str | None,
    appauthor: str | Literal[False] | None,
    version: str | None,
    opinion: bool,
    ensure_exists: bool,
    use_site_for_root: bool,
    devdrive: DevDrive,
    near: str | os.PathLike[str] | None = None,
    *,
    ours: bool = True,
) -> DevDrivePlatformDirs:
    # As platformdirs' functions do with theirs, build the class named now (see platform_dirs_class). One that is
    # not ours gets platformdirs' own arguments (Dev Drive use steps aside for it, as for isolated_dirs), except for
    # what only ours has (temp, the reports: ours=True), which keeps to ours.
    cls = platform_dirs_class()
    if not issubclass(cls, DevDriveMixin):
        if ours:
            cls = DevDrivePlatformDirs
        else:
            devdrive = near = None
    if devdrive is None and near is None:  # platformdirs' own arguments, as its functions pass them
        return cls(  # type: ignore[return-value]  # a patched-in class stands in for ours
            appname=appname,
            appauthor=appauthor,
            version=version,
            opinion=opinion,
            ensure_exists=ensure_exists,
            use_site_for_root=use_site_for_root,
        )
    return cls(  # type: ignore[call-arg, return-value]  # ours (issubclass above), which takes devdrive and near
        appname,
        appauthor,
        version,
        opinion=opinion,
        ensure_exists=ensure_exists,
        use_site_for_root=use_site_for_root,
        devdrive=devdrive,
        near=near,
    )


def user_temp_dir(
    appname: str | None = None,
    *,
    ensure_exists: bool = False,
    devdrive: DevDrive = None,
    near: str | os.PathLike[str] | None = None,
) -> str:
    r"""Return the app's temp directory: ``<gettempdir()>\<appname>``, or ``D:\.cache\Temp\<appname>`` when chosen.

    :param near: the path the tool is about to write into (pip: the install target); temp follows it onto its Dev
        Drive so that moving files into place is a rename. The cache never follows it.
    """
    return _temp(appname, ensure_exists, devdrive, near).user_temp_dir


def user_temp_path(
    appname: str | None = None,
    *,
    ensure_exists: bool = False,
    devdrive: DevDrive = None,
    near: str | os.PathLike[str] | None = None,
) -> Path:
    """Like :func:`user_temp_dir`, as a :class:`~pathlib.Path`."""
    return _temp(appname, ensure_exists, devdrive, near).user_temp_path


def resolve_temp_dir(
    appname: str | None = None,
    *,
    ensure_exists: bool = False,
    devdrive: DevDrive = None,
    near: str | os.PathLike[str] | None = None,
) -> Resolution:
    """Like :func:`user_temp_dir`, returning the full :class:`Resolution` report."""
    return _temp(appname, ensure_exists, devdrive, near).resolve_temp()


def _temp(
    appname: str | None, ensure_exists: bool, devdrive: DevDrive, near: str | os.PathLike[str] | None
) -> DevDrivePlatformDirs:
    return _dirs(appname, None, None, True, ensure_exists, False, devdrive, near)  # noqa: FBT003


def clear_cache() -> None:
    """Forget every cached decision, detection answer and safety verdict.

    Answers are kept for the life of the process (drives rarely change under a running tool); long-running tools
    call this after drives or folders change.
    """
    _memo.clear()
    # What was never loaded holds nothing to forget, and clearing must not load it.
    if probe_module := sys.modules.get(f"{__package__}._probe"):
        for probe in probe_module.iter_probes():
            probe.clear_cache()
    if safety_module := sys.modules.get(f"{__package__}._safety"):
        safety_module.clear()


if not _off_now():
    # The user turned Dev Drive use on, so the first call resolves: load what it needs now, while the process surely
    # has a file descriptor to spare (a module loaded lazily cannot be, without one). It would load on that call anyway.
    from . import _policy, _probe  # noqa: F401

__all__ = [
    "DevDriveMixin",
    "DevDrivePlatformDirs",
    "clear_cache",
    "platform_dirs_class",
    "resolve_cache_dir",
    "resolve_temp_dir",
    "user_cache_dir",
    "user_cache_path",
    "user_temp_dir",
    "user_temp_path",
]
