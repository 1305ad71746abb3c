r"""The data behind the generated parts of the docs: the reason table, the flowchart's outcomes, the layout tables.

Every :class:`~platformdirs_devdrive.Reason` needs an entry in :data:`REASON_NOTES`: where it sits in the flowchart
and what it means to the person reading it. A member without one fails the docs build, the flowchart script and the
test suite, so a new reason cannot ship undocumented. The message templates themselves come from the code.

The layout examples are computed, not written: :func:`windows_layout` and :func:`posix_layout` run the real
resolution (in :mod:`simulation`'s Windows, and on this machine's file system for POSIX) and return what it gave.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any, NamedTuple

from platformdirs.macos import MacOS
from platformdirs.unix import Unix
from simulation import WindowsDevDrivePlatformDirs, clean_environment, simulated_windows

from platformdirs_devdrive import Reason, Source
from platformdirs_devdrive._api import DevDriveMixin
from platformdirs_devdrive.testing import simulated_drives

if TYPE_CHECKING:
    from platformdirs_devdrive import Resolution


class Note(NamedTuple):
    """What the docs say about one reason."""

    node: str
    """The flowchart box that lists it (a key of :data:`NODES`)."""
    meaning: str
    """When it happens and what to do, in reStructuredText."""


NODES = {
    "off-by-argument": "off",
    "off": "off",
    "not-windows": "nothing",
    "overridden": "nothing",
    "near-target": "used",
    "standard-temp": "used",
    "sole": "used",
    "several": "nothing",
    "none": "nothing",
    "detection-failed": "nothing",
    "explicit-refused": "refused",
    "explicit-chosen": "used",
    "safety": "refused",
    "temp-unusable": "refused",
}
"""The flowchart's outcome boxes, each with the group of :data:`GROUPS` its reasons belong to."""

GROUPS = {
    "off": "Dev Drive use is off: the standard location",
    "nothing": "On, but nothing to use: the standard location",
    "refused": "A place was chosen but cannot be used: the standard location",
    "used": "A Dev Drive, or the folder the user chose, is used",
}
"""The groups of the reason table, in the order the table shows them."""

REASON_NOTES: dict[Reason, Note] = {
    Reason.OFF_BY_ARGUMENT: Note(
        "off-by-argument",
        "The tool passed ``devdrive=False``: its standard location, whatever the user set. "
        "Tools use it for their own opt-out (a ``--no-dev-drive`` option, say).",
    ),
    Reason.OFF_BY_DEFAULT: Note(
        "off",
        "Nobody turned Dev Drive use on: ``PLATFORMDIRS_DEVDRIVE`` is unset or empty and the tool passed "
        "``devdrive=None``. This release's default. Set ``PLATFORMDIRS_DEVDRIVE=auto`` (or a drive) to turn it on.",
    ),
    Reason.OFF_BY_USER: Note(
        "off",
        "``PLATFORMDIRS_DEVDRIVE`` holds an off word (``0``, ``false``, ``no``, ``off``). It wins over a tool's "
        "``devdrive=True``: the user's way back at every rollout phase.",
    ),
    Reason.STEERED: Note(
        "off",
        "A test patched platformdirs' ``PlatformDirs`` (``platformdirs.testing.isolated_dirs``, the "
        "``platformdirs_isolated`` fixture, or a mock of its ``user_cache_dir``): the patched directories are used, "
        "whatever ``PLATFORMDIRS_DEVDRIVE`` says, so nothing escapes the isolation (:doc:`testing`).",
    ),
    Reason.NOT_WINDOWS: Note(
        "not-windows",
        "Automatic use (``auto`` or ``devdrive=True``) on macOS or Linux, where no Dev Drive exists. To use a fast "
        "volume there, name a folder in ``PLATFORMDIRS_DEVDRIVE``.",
    ),
    Reason.OVERRIDDEN: Note(
        "overridden",
        "Cache on Windows only: the user set platformdirs' own ``WIN_PD_OVERRIDE_LOCAL_APPDATA``, so an automatic "
        "choice keeps the cache where that points. An explicit path still wins over it.",
    ),
    Reason.NO_DEV_DRIVE: Note(
        "none",
        "Detection found no Dev Drive. The message adds what it could not check, and names ``DEV_DRIVE`` when that "
        "is set but is not a Dev Drive (with the setting that uses it anyway).",
    ),
    Reason.SEVERAL_DEV_DRIVES: Note(
        "several",
        "More than one Dev Drive and nothing says which. The package never guesses: a guess could change between "
        "runs, and every change is a cold cache. Name one in ``PLATFORMDIRS_DEVDRIVE``.",
    ),
    Reason.DETECTION_FAILED: Note(
        "detection-failed",
        "Listing the volumes failed with an OS error, which the message quotes. Nothing is guessed.",
    ),
    Reason.ROOT_INVALID: Note(
        "explicit-refused",
        "The chosen path is empty, holds a NUL character, goes through ``..``, means another folder in every "
        "process (``/proc/self/...``, ``/dev/fd/...``; on Windows ``D:work`` or ``\\work``, relative to a drive's "
        "current folder or to the current drive), or the OS refused to look at it.",
    ),
    Reason.ROOT_RELATIVE: Note(
        "explicit-refused",
        "``PLATFORMDIRS_DEVDRIVE`` is neither a keyword nor an absolute path, often a typo (``autoo``). A relative "
        "root would move with the working directory, so the variable refuses it (a relative ``devdrive=`` argument "
        "is made absolute instead).",
    ),
    Reason.ROOT_MISSING: Note(
        "explicit-refused",
        "The chosen path does not exist. The root is never created: create it, or fix the value.",
    ),
    Reason.ROOT_NOT_DIRECTORY: Note("explicit-refused", "The chosen path is a file, not a directory."),
    Reason.ROOT_NOT_WRITABLE: Note("safety", "The deepest existing folder of the layout is not writable for you."),
    Reason.UNSAFE: Note(
        "safety",
        "A folder of the layout below the root is a symbolic link, junction or other reparse point, is not a "
        "directory, belongs to another user, or is writable by others; or others could rename the root, a folder "
        "above it, or what is created in it. Nothing another user could have planted is ever handed out; the "
        "message names the folder and the fix (:doc:`security`).",
    ),
    Reason.INACCESSIBLE: Note(
        "safety",
        "A folder of the layout could not be inspected, for example for lack of permission on its parent.",
    ),
    Reason.INVALID_NAME: Note(
        "safety",
        "``appname``, ``appauthor`` or ``version`` would make a path component that is not a plain folder name "
        "(empty, ``.``, ``..``, a separator, a character Windows forbids, a Windows device name, over 255 units) "
        "and could climb out of ``.cache`` or never be created.",
    ),
    Reason.CREATE_FAILED: Note(
        "safety",
        "A missing folder of the layout could not be created (``<root>/.cache`` always, the rest with "
        "``ensure_exists``); the message quotes the OS.",
    ),
    Reason.PATH_TOO_LONG: Note(
        "safety",
        "The root plus the layout is longer than a folder path may be here (Windows without long paths: 247 "
        "characters; POSIX: ``PATH_MAX``), so no call could use it: choose a shorter root.",
    ),
    Reason.UNAVAILABLE: Note(
        "safety",
        "The resolution itself could not run, because a module it needs could not be loaded (the process has no "
        "file descriptor left, say). The standard cache folder, or for temp a path nothing can be created at.",
    ),
    Reason.STANDARD_TEMP_UNUSABLE: Note(
        "temp-unusable",
        "Temp only: the standard ``<gettempdir()>/<appname>`` fails the same checks (say ``/tmp/pip`` made by "
        "another user) or cannot be made, so the private stand-in in your own cache folder is returned instead "
        "(``~/.cache/platformdirs-devdrive/Temp/<appname>``), one per app, made owner-only; never the shared "
        "folder itself, which a tool might empty, nor a folder inside it. When not even that can be made, a path "
        "nothing can be created at (``/dev/null/<appname>``), so the tool's own write fails loudly.",
    ),
    Reason.CHOSEN_DEV_DRIVE: Note("explicit-chosen", "An explicit path, and it is on a Dev Drive."),
    Reason.CHOSEN_NOT_DEV_DRIVE: Note(
        "explicit-chosen",
        "An explicit path that is not on a Dev Drive (or could not be checked, or this is not Windows). It is "
        "used because the user or tool chose it; the message says that it is not a Dev Drive.",
    ),
    Reason.NEAR_TARGET: Note(
        "near-target",
        "Temp only: the ``near=`` target lies on a Dev Drive, so temp goes to that volume and moving files into "
        "the target is a rename, not a copy.",
    ),
    Reason.STANDARD_TEMP: Note(
        "standard-temp",
        "Temp only: ``TEMP``/``TMP`` already lead to a Dev Drive. The user's own choice is kept as it is.",
    ),
    Reason.SOLE_DEV_DRIVE: Note("sole", "Exactly one Dev Drive on the machine: it is used."),
}
"""The docs' words for every reason."""


def missing_notes() -> list[Reason]:
    """Return the reasons that have no entry in :data:`REASON_NOTES` (or one pointing at an unknown box)."""
    return [code for code in Reason if code not in REASON_NOTES or REASON_NOTES[code].node not in NODES]


def codes_of(node: str) -> list[str]:
    """Return the reason codes a flowchart box lists, in the enum's order."""
    return [code.value for code in Reason if code in REASON_NOTES and REASON_NOTES[code].node == node]


class ReasonRow(NamedTuple):
    """One row of the reason table."""

    code: str
    name: str
    template: str
    meaning: str


def reason_rows(group: str | None = None) -> list[ReasonRow]:
    """Return the rows of the reason table, of one group of :data:`GROUPS` or of all, in the enum's order."""
    return [
        ReasonRow(code.value, f"Reason.{code.name}", code.message, note.meaning)
        for code in Reason
        if (note := REASON_NOTES.get(code)) is not None and (group is None or NODES.get(note.node) == group)
    ]


class Example(NamedTuple):
    """One call of the layout tables."""

    call: str
    """How the call reads, e.g. ``user_cache_dir("pip", appauthor=False)``."""
    kind: str
    """``cache`` or ``temp``."""
    arguments: dict[str, Any]
    """The arguments of :class:`~platformdirs_devdrive.DevDrivePlatformDirs`."""


EXAMPLES = [
    Example('user_cache_dir("pip", appauthor=False)', "cache", {"appname": "pip", "appauthor": False}),
    Example(
        'user_cache_dir("SuperApp", "Acme", "1.0")',
        "cache",
        {"appname": "SuperApp", "appauthor": "Acme", "version": "1.0"},
    ),
    Example(
        'user_cache_dir("SuperApp", "Acme", "1.0", opinion=False)',
        "cache",
        {"appname": "SuperApp", "appauthor": "Acme", "version": "1.0", "opinion": False},
    ),
    Example("user_cache_dir()", "cache", {}),
    Example('user_temp_dir("pip")', "temp", {"appname": "pip"}),
    Example("user_temp_dir()", "temp", {}),
]
"""pip, an app with an author and a version, the same without platformdirs' opinion, and no app name at all."""

WINDOWS_ROOT = "D:\\"
"""The Dev Drive of the Windows table."""
FOLDER_MOUNT = "C:\\DevDrive\\"
"""A Dev Drive mounted on a folder instead of a drive letter."""
POSIX_ROOT = "/fast"
"""The folder named in ``PLATFORMDIRS_DEVDRIVE`` in the POSIX table."""


def _resolve(dirs: DevDriveMixin, kind: str) -> Resolution:
    return dirs.resolve_cache() if kind == "cache" else dirs.resolve_temp()


def _expect(report: Resolution, source: Source, example: Example) -> Resolution:
    if report.source is not source:  # a layout example must show the layout, not a fallback
        msg = f"{example.call} resolved from {report.source}, not {source}: {report.reason}"
        raise RuntimeError(msg)
    return report


def windows_layout(root: str = WINDOWS_ROOT) -> list[tuple[str, str, str]]:
    """Return ``(call, standard path, path on the Dev Drive at root)`` for every example, on simulated Windows."""
    rows = []
    with simulated_windows() as world:
        world.add_drive(root)
        for example in EXAMPLES:
            dirs = WindowsDevDrivePlatformDirs(**example.arguments, devdrive=True)
            report = _expect(_resolve(dirs, example.kind), Source.SOLE_DEV_DRIVE, example)
            rows.append((example.call, report.standard_path, report.path))
    return rows


class _UnixDirs(DevDriveMixin, Unix):
    pass


class _MacOSDirs(DevDriveMixin, MacOS):
    pass


def posix_layout() -> list[tuple[str, str, str, str]]:
    """Return ``(call, Linux standard path, macOS standard path, path below the chosen root)`` for every example.

    Resolved for real on this machine's file system, in a scratch folder shown as ``/fast`` and ``/tmp``; the homes
    are ``/home/me`` and ``/Users/me``.
    """
    rows = []
    with ExitStack() as stack:
        stack.enter_context(clean_environment())
        stack.enter_context(simulated_drives(windows=False))  # POSIX answers on any OS
        scratch = stack.enter_context(tempfile.TemporaryDirectory())
        root, temp = os.path.join(scratch, "fast"), os.path.join(scratch, "tmp")
        os.mkdir(root)
        os.mkdir(temp)
        saved = {name: os.environ.get(name) for name in ("HOME", "XDG_CACHE_HOME")}
        stack.callback(_restore, saved)
        os.environ.pop("XDG_CACHE_HOME", None)
        old_tempdir, tempfile.tempdir = tempfile.tempdir, temp
        stack.callback(setattr, tempfile, "tempdir", old_tempdir)

        def shown(path: str) -> str:
            for real, alias in ((root, POSIX_ROOT), (temp, "/tmp")):  # noqa: S108  # the path shown, not used
                if path == real or path.startswith(real + os.sep):
                    return alias + path[len(real) :].replace(os.sep, "/")
            return path

        for example in EXAMPLES:
            paths = []
            for cls, home in ((_UnixDirs, "/home/me"), (_MacOSDirs, "/Users/me")):
                os.environ["HOME"] = home
                dirs = cls(**example.arguments, devdrive=root)
                report = _expect(_resolve(dirs, example.kind), Source.ARGUMENT, example)
                paths.append((shown(report.standard_path), shown(report.path)))
            (linux, linux_chosen), (macos, macos_chosen) = paths
            if linux_chosen != macos_chosen:  # the layout below a chosen root is one on every POSIX system
                msg = f"{example.call}: {linux_chosen} on Linux but {macos_chosen} on macOS"
                raise RuntimeError(msg)
            rows.append((example.call, linux, macos, linux_chosen))
    return rows


def _restore(saved: dict[str, str | None]) -> None:
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


__all__ = [
    "EXAMPLES",
    "FOLDER_MOUNT",
    "GROUPS",
    "NODES",
    "POSIX_ROOT",
    "REASON_NOTES",
    "WINDOWS_ROOT",
    "Example",
    "Note",
    "ReasonRow",
    "codes_of",
    "missing_notes",
    "posix_layout",
    "reason_rows",
    "windows_layout",
]
