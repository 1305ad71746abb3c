"""The resolution report: what was chosen, from where, and why, as data.

Every view of a resolution (the properties, the module functions, the CLI, :func:`devdrive_hint`, the docs) reads
these objects, so the words a user sees are defined once, here.
"""

from __future__ import annotations

from enum import Enum

from ._flag import ENV_VAR

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: pip imports us at start-up
if TYPE_CHECKING:
    from typing import Any


class Source(str, Enum):
    """Where the directory of a :class:`Resolution` came from."""

    ARGUMENT = "argument"
    """The tool passed a path as ``devdrive=``."""
    ENVIRONMENT = "environment"
    """The user named a path in ``PLATFORMDIRS_DEVDRIVE``."""
    NEAR_TARGET = "near-target"
    """Temp only: the ``near=`` target lies on a Dev Drive, so temp sits on that volume."""
    SOLE_DEV_DRIVE = "sole-dev-drive"
    """Exactly one Dev Drive exists on this machine."""
    STANDARD_TEMP = "standard-temp"
    """Temp only: the standard temp folder (``TEMP``/``TMP``) already lies on a Dev Drive, so it is kept."""
    FALLBACK = "fallback"
    """The standard platformdirs (or :func:`tempfile.gettempdir`) location; :attr:`Resolution.reason` says why."""

    def __str__(self) -> str:
        return self.value


class Reason(str, Enum):
    """Why a :class:`Resolution` came out as it did; :attr:`message` is the sentence shown to people.

    The codes are stable and meant for programs (``report.code is Reason.SEVERAL_DEV_DRIVES``); the wording of the
    messages may improve between releases.
    """

    # Dev Drive use is off.
    OFF_BY_ARGUMENT = "off-by-argument"
    OFF_BY_DEFAULT = "off-by-default"
    OFF_BY_USER = "off-by-user"
    STEERED = "steered"
    # On, but nothing to use: the standard location.
    NOT_WINDOWS = "not-windows"
    OVERRIDDEN = "overridden"
    NO_DEV_DRIVE = "no-dev-drive"
    SEVERAL_DEV_DRIVES = "several-dev-drives"
    DETECTION_FAILED = "detection-failed"
    # A root was chosen but cannot be used.
    ROOT_INVALID = "root-invalid"
    ROOT_RELATIVE = "root-relative"
    ROOT_MISSING = "root-missing"
    ROOT_NOT_DIRECTORY = "root-not-directory"
    ROOT_NOT_WRITABLE = "root-not-writable"
    UNSAFE = "unsafe"
    INACCESSIBLE = "inaccessible"
    INVALID_NAME = "invalid-name"
    CREATE_FAILED = "create-failed"
    PATH_TOO_LONG = "path-too-long"
    STANDARD_TEMP_UNUSABLE = "standard-temp-unusable"
    UNAVAILABLE = "unavailable"
    # A Dev Drive (or the user's chosen folder) is used.
    CHOSEN_DEV_DRIVE = "chosen-dev-drive"
    CHOSEN_NOT_DEV_DRIVE = "chosen-not-dev-drive"
    NEAR_TARGET = "near-target"
    STANDARD_TEMP = "standard-temp"
    SOLE_DEV_DRIVE = "sole-dev-drive"

    @property
    def message(self) -> str:
        """The template of the human sentence; :func:`explain` fills it in."""
        return _MESSAGES[self]

    def __str__(self) -> str:
        return self.value


_MESSAGES = {
    Reason.OFF_BY_ARGUMENT: "Dev Drive use is off: the tool passed devdrive=False",
    Reason.OFF_BY_DEFAULT: (
        f"Dev Drive use is off by default; set {ENV_VAR}=auto (or a drive such as D:\\) to turn it on"
    ),
    Reason.OFF_BY_USER: f"Dev Drive use is off: {ENV_VAR}={{value}}",
    Reason.STEERED: (
        "standard location: platformdirs' PlatformDirs is patched (platformdirs.testing.isolated_dirs, or a test's"
        " mock), so Dev Drive use steps aside and the patched directories are used"
    ),
    Reason.NOT_WINDOWS: "standard location: not Windows, so there is no Dev Drive to detect",
    Reason.OVERRIDDEN: "standard location: overridden by WIN_PD_OVERRIDE_LOCAL_APPDATA={value}",
    Reason.NO_DEV_DRIVE: "standard location: no Dev Drive found{detail}",
    Reason.SEVERAL_DEV_DRIVES: (
        "standard location: several Dev Drives ({drives}) and none chosen; pick one with {env}={first}"
    ),
    Reason.DETECTION_FAILED: "standard location: Dev Drive detection failed ({error})",
    Reason.ROOT_INVALID: "standard location: {origin} is not a usable path ({error})",
    Reason.ROOT_RELATIVE: (
        "standard location: {origin}={root} is neither a keyword (auto, on, 1, off, 0, ...) nor an absolute path"
    ),
    Reason.ROOT_MISSING: "standard location: {origin} names {root}, which does not exist",
    Reason.ROOT_NOT_DIRECTORY: "standard location: {origin} names {root}, which is not a directory",
    Reason.ROOT_NOT_WRITABLE: "standard location: {error} ({origin} chose {root})",
    Reason.INACCESSIBLE: "standard location: {error} ({origin} chose {root})",
    Reason.INVALID_NAME: "standard location: {error}",
    Reason.UNSAFE: "standard location: refused because {error} ({origin} chose {root})",
    Reason.CREATE_FAILED: "standard location: {error} ({origin} chose {root})",
    Reason.PATH_TOO_LONG: "standard location: {error} ({origin} chose {root})",
    Reason.STANDARD_TEMP_UNUSABLE: "using {using}: the temp folder {path} cannot be used because {error}",
    Reason.UNAVAILABLE: "the resolution could not run ({error}), so this is no Dev Drive folder",
    Reason.CHOSEN_DEV_DRIVE: "{origin} chose {root}, a Dev Drive{trust}",
    Reason.CHOSEN_NOT_DEV_DRIVE: "{origin} chose {root}; it is not a Dev Drive{detail}, used because it was chosen",
    Reason.NEAR_TARGET: "temp follows the target {near} onto the Dev Drive {root}{trust}",
    Reason.STANDARD_TEMP: "the standard temp folder {path} is already on the Dev Drive {root}{trust}",
    Reason.SOLE_DEV_DRIVE: "the only Dev Drive on this machine, {root}{trust}",
}


def trust_note(root: str, trusted: bool | None) -> str:
    """Return the ``{trust}`` field: a warning when Windows says the Dev Drive is untrusted (unknown: nothing)."""
    if trusted is not False:
        return ""
    drive = root.rstrip("\\")
    return (
        f"; it is not trusted, so Defender scans it in real time instead of in performance mode"
        f" (an administrator can run: fsutil devdrv trust {drive})"
    )


def explain(code: Reason, **fields: object) -> str:
    """Fill in the message of ``code``; a field the template does not use is ignored."""
    return code.message.format_map(_Blank(fields))


class _Blank(dict):  # type: ignore[type-arg]  # a format_map mapping; the value type is any printable
    def __missing__(self, key: str) -> str:
        return ""


class Resolution:
    r"""The frozen report of one directory resolution; every public way to get a directory is a view of this.

    For pip with one Dev Drive ``D:\`` and ``PLATFORMDIRS_DEVDRIVE=auto``: ``path='D:\.cache\pip\Cache'``,
    ``standard_path='C:\Users\me\AppData\Local\pip\Cache'``, ``on_dev_drive=True``, ``root='D:\'``,
    ``source=Source.SOLE_DEV_DRIVE``, ``reason='the only Dev Drive on this machine, D:\'``.
    """

    __slots__ = ("code", "dev_drives", "kind", "on_dev_drive", "path", "reason", "root", "source", "standard_path")

    kind: str
    """``"cache"`` or ``"temp"``."""
    path: str
    """The directory to use: on the chosen drive, or the standard one when :attr:`source` is ``fallback``."""
    standard_path: str
    """Where platformdirs (cache) or :func:`tempfile.gettempdir` (temp) puts it: the fallback, always filled in."""
    on_dev_drive: bool
    """Whether :attr:`path` is on a volume the probe confirmed as a Dev Drive."""
    root: str | None
    """The chosen root (volume root, folder mount point or the user's folder); ``None`` for the standard place."""
    source: Source
    """Where :attr:`path` came from."""
    code: Reason
    """Why, as a stable code."""
    reason: str
    """Why, as one line a person can act on."""
    dev_drives: tuple[str, ...]
    """The Dev Drive roots the probe listed during this resolution; empty when it did not need to look."""

    def __init__(  # a record
        self,
        *,
        kind: str,
        path: str,
        standard_path: str,
        on_dev_drive: bool,
        root: str | None,
        source: Source,
        code: Reason,
        reason: str,
        dev_drives: tuple[str, ...] = (),
    ) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "kind", kind)
        setattr_(self, "path", path)
        setattr_(self, "standard_path", standard_path)
        setattr_(self, "on_dev_drive", on_dev_drive)
        setattr_(self, "root", root)
        setattr_(self, "source", source)
        setattr_(self, "code", code)
        setattr_(self, "reason", reason)
        setattr_(self, "dev_drives", dev_drives)

    def __setattr__(self, name: str, value: object) -> None:
        msg = f"{type(self).__name__} is frozen; cannot set {name!r}"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> None:
        msg = f"{type(self).__name__} is frozen; cannot delete {name!r}"
        raise AttributeError(msg)

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _FIELD_ORDER)

    def __eq__(self, other: object) -> bool:
        return self._fields() == other._fields() if isinstance(other, Resolution) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in _FIELD_ORDER)
        return f"Resolution({fields})"

    @property
    def is_fallback(self) -> bool:
        """Whether :attr:`path` is the standard location (``source == "fallback"``)."""
        return self.source is Source.FALLBACK

    def as_dict(self) -> dict[str, object]:
        """Return a JSON-ready mapping: the field names as keys, enums as their string values."""
        return {name: _plain(getattr(self, name)) for name in _FIELD_ORDER}


_FIELD_ORDER = ("kind", "path", "standard_path", "on_dev_drive", "root", "source", "code", "reason", "dev_drives")


def unresolved(kind: str, path: str, code: str, *, standard: str | None = None, **fields: str) -> Resolution:
    """Return the report of a directory handed out without a resolution: ``steered`` or ``unavailable``.

    ``steered``: platformdirs' class is patched (``isolated_dirs``), so Dev Drive use steps aside. ``unavailable``: a
    module the resolution needs could not be loaded (``fields``: the ``error``).
    """
    reason = Reason(code)
    return Resolution(
        kind=kind,
        path=path,
        standard_path=standard or path,
        on_dev_drive=False,
        root=None,
        source=Source.FALLBACK,
        code=reason,
        reason=explain(reason, **fields),
    )


def _plain(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


__all__ = [
    "Reason",
    "Resolution",
    "Source",
    "explain",
    "trust_note",
    "unresolved",
]
