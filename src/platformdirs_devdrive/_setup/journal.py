r"""The journal: what ``enable`` changed, so that ``disable`` can put back exactly what was there.

One JSON file in the user's state folder (``platformdirs.user_state_dir("platformdirs-devdrive")``: on Windows
``%LOCALAPPDATA%\platformdirs-devdrive``, on Linux ``~/.local/state/platformdirs-devdrive``). It holds, for every
variable ``enable`` wrote, the value before (``None``: absent) with its registry type, and the value written; the
profile files it touched; and each move, so that an interrupted move is completed by running ``enable`` again.

It is written atomically (a new file, flushed to disk, then renamed over the old one), so a crash leaves the old
journal or the new one, never half of one. A journal that cannot be read is an error, never a guess: without it,
``disable`` could not know what was there before.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from typing import TYPE_CHECKING, TypedDict

from platformdirs import user_state_dir

if TYPE_CHECKING:
    from collections.abc import Iterator

VERSION = 1
"""The journal's format; a journal of another version is refused (a newer release wrote it)."""
APP = "platformdirs-devdrive"
FILE_NAME = "enable.json"
LOCK_SUFFIX = ".lock"
ENABLED = "enabled"
"""The journal's ``state`` after ``enable``."""
UNDOING = "undoing"
"""The journal's ``state`` after a ``disable`` that put the variables back but did not finish moving the caches."""


class JournalError(Exception):
    """The journal is missing, unreadable or not one this release wrote; the message says which, in one line."""


class Value(TypedDict):
    """A variable's value and how it is stored: ``REG_SZ``/``REG_EXPAND_SZ`` (Windows) or ``profile`` (POSIX)."""

    value: str
    type: str


class Variable(TypedDict):
    """One variable ``enable`` wrote: its value before (``None``: absent) and the value written."""

    name: str
    before: Value | None
    after: Value


class Profile(TypedDict):
    """A login profile ``enable`` added its block to.

    ``created``: the file did not exist before; ``separator``: it did not end with a line break, so one was added
    before the block (and is taken away with it).
    """

    path: str
    created: bool
    separator: bool


class Move(TypedDict):
    """A cache ``enable --move`` moves from ``source`` to ``target``; ``done`` once nothing is left to move."""

    tool: str
    variable: str
    source: str
    target: str
    done: bool


class Journal(TypedDict):
    """The whole record of one ``enable`` (and of the ``enable`` runs that extended it)."""

    version: int
    state: str
    root: str
    platform: str
    enabled_at: str
    variables: list[Variable]
    profiles: list[Profile]
    moves: list[Move]


def path() -> str:
    """Return where the journal lives (the file may not exist)."""
    return os.path.join(user_state_dir(APP, appauthor=False), FILE_NAME)


def new(root: str, platform: str) -> Journal:
    """Return an empty journal for an ``enable`` of ``root`` now."""
    return {
        "version": VERSION,
        "state": ENABLED,
        "root": root,
        "platform": platform,
        "enabled_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "variables": [],
        "profiles": [],
        "moves": [],
    }


def load(where: str | None = None) -> Journal | None:
    """Return the journal, or ``None`` when there is none; :class:`JournalError` when it cannot be used."""
    where = where or path()
    try:
        with open(where, "rb") as file:
            raw = file.read()
    except FileNotFoundError:
        return None
    except OSError as error:
        msg = f"cannot read the journal {where}: {error.strerror or error}"
        raise JournalError(msg) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeError, ValueError) as error:
        msg = f"the journal {where} is corrupt ({type(error).__name__}: {error}); nothing was changed"
        raise JournalError(msg) from None
    if problem := _problem(data):
        msg = f"the journal {where} is not usable: {problem}; nothing was changed"
        raise JournalError(msg)
    journal: Journal = data
    return journal


def save(journal: Journal, where: str | None = None) -> str:
    """Write ``journal`` atomically (owner-only, flushed to disk, then renamed into place); return its path."""
    where = where or path()
    folder = os.path.dirname(where)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    data = (json.dumps(journal, indent=2, sort_keys=True) + "\n").encode("utf-8")
    temporary = f"{where}.{os.getpid()}.tmp"
    # O_EXCL: a file (or link) someone left at that name is never written through; 0o600: the journal is the user's.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())  # on disk before the rename: a crash leaves the old journal or this one
        os.replace(temporary, where)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)
    return where


def remove(where: str | None = None) -> None:
    """Delete the journal (``disable`` is done), and its folder when nothing else is in it; a missing one is fine."""
    where = where or path()
    with contextlib.suppress(FileNotFoundError):
        os.unlink(where)
    with contextlib.suppress(OSError):  # a lock another run holds stays (it is removed by the last one)
        os.unlink(where + LOCK_SUFFIX)
    with contextlib.suppress(OSError):  # not empty, or gone: either way nothing of ours is left there
        os.rmdir(os.path.dirname(where))


@contextlib.contextmanager
def locked(where: str | None = None) -> Iterator[None]:
    """Hold the journal's lock while changing anything: a second ``enable`` or ``disable`` meanwhile is an error.

    The operating system's own file lock (``flock``; on Windows ``msvcrt.locking``), so a run that is killed holds
    it no longer: nothing stale is left to clean up by hand.
    """
    where = where or path()
    os.makedirs(os.path.dirname(where), mode=0o700, exist_ok=True)
    descriptor = os.open(where + LOCK_SUFFIX, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
    try:
        try:
            _lock(descriptor)
        except OSError:
            msg = f"another enable or disable is running (it holds {where + LOCK_SUFFIX}); try again when it is done"
            raise JournalError(msg) from None
        try:
            yield
        finally:
            _unlock(descriptor)
    finally:
        os.close(descriptor)


def _lock(descriptor: int) -> None:
    if os.name == "nt":
        import msvcrt  # noqa: PLC0415  # Windows only

        msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]  # Windows only
    else:
        import fcntl  # noqa: PLC0415  # POSIX only

        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(descriptor: int) -> None:
    if os.name == "nt":
        import msvcrt  # noqa: PLC0415  # Windows only

        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined,unused-ignore]  # Windows only
    else:
        import fcntl  # noqa: PLC0415  # POSIX only

        fcntl.flock(descriptor, fcntl.LOCK_UN)


def status(where: str | None = None) -> dict[str, object]:
    """Return whether ``enable`` is in effect, for ``show`` and ``doctor``: never raises for a bad journal.

    Keys: ``in_effect`` (bool; ``False`` too while a ``disable`` is unfinished), ``state`` (the journal's, or
    ``None``), ``journal`` (its path; ``None`` when there is none), ``root``, ``enabled_at``,
    ``variables`` (names written), ``moves_pending`` (moves not finished), ``error`` (why the journal could not be
    read, else ``None``), and ``summary``, all of it in one line (:func:`describe`).
    """
    where = where or path()
    result: dict[str, object] = {
        "in_effect": False,
        "state": None,
        "journal": None,
        "root": None,
        "enabled_at": None,
        "variables": [],
        "moves_pending": 0,
        "error": None,
    }
    try:
        journal = load(where)
    except JournalError as error:
        result.update(error=str(error), journal=where)
        result["summary"] = describe(result)
        return result
    if journal is not None:
        result.update(
            in_effect=journal["state"] == ENABLED,
            state=journal["state"],
            journal=where,
            root=journal["root"],
            enabled_at=journal["enabled_at"],
            variables=[variable["name"] for variable in journal["variables"]],
            moves_pending=sum(not move["done"] for move in journal["moves"]),
        )
    result["summary"] = describe(result)
    return result


def describe(state: dict[str, object]) -> str:
    r"""Return :func:`status` in one line: ``enable: in effect since ... (root D:\, 16 variables set)``."""
    if state["error"]:
        return f"enable: unknown ({state['error']})"
    if state["state"] == UNDOING:
        return (
            f"enable: undone, but {state['moves_pending']} caches were not all moved back "
            "(run platformdirs-devdrive disable --move again)"
        )
    if not state["in_effect"]:
        return "enable: not in effect (platformdirs-devdrive enable sets every tool's variable)"
    names = state["variables"]
    count = len(names) if isinstance(names, list) else 0
    pending = f", {state['moves_pending']} moves unfinished (run enable --move again)" if state["moves_pending"] else ""
    return f"enable: in effect since {state['enabled_at']} (root {state['root']}, {count} variables set{pending})"


def _problem(data: object) -> str | None:
    """Return what is wrong with a journal read from disk, or ``None``."""
    if not isinstance(data, dict):
        return "not a JSON object"
    if data.get("version") != VERSION:
        return f"format version {data.get('version')!r}, this release reads {VERSION}"
    fields = {"root": str, "platform": str, "enabled_at": str, "variables": list, "profiles": list, "moves": list}
    for key, kind in fields.items():
        if not isinstance(data.get(key), kind):
            return f"{key!r} is missing or not a {kind.__name__}"
    if data.get("state") not in {ENABLED, UNDOING}:
        return f"state {data.get('state')!r} is neither {ENABLED!r} nor {UNDOING!r}"
    profile_fields = {"path": str, "created": bool, "separator": bool}
    move_fields = {"tool": str, "variable": str, "source": str, "target": str, "done": bool}
    problems = (
        *(_variable_problem(variable) for variable in data["variables"]),
        *(_record_problem(profile, "profile", profile_fields) for profile in data["profiles"]),
        *(_record_problem(move, "move", move_fields) for move in data["moves"]),
    )
    return next((problem for problem in problems if problem), None)


def _variable_problem(variable: object) -> str | None:
    if not (isinstance(variable, dict) and isinstance(variable.get("name"), str)):
        return "a variable without a name"
    if not _is_value(variable.get("after")) or not (variable.get("before") is None or _is_value(variable["before"])):
        return f"variable {variable['name']} has no valid value"
    return None


def _record_problem(record: object, what: str, fields: dict[str, type]) -> str | None:
    if not isinstance(record, dict):
        return f"a {what} that is not an object"
    for key, kind in fields.items():
        if not isinstance(record.get(key), kind):
            return f"a {what} whose {key!r} is missing or not a {kind.__name__}"
    return None


def _is_value(value: object) -> bool:
    return isinstance(value, dict) and isinstance(value.get("value"), str) and isinstance(value.get("type"), str)


def _sync_folder(folder: str) -> None:
    # POSIX: the rename itself is on disk only once the folder is flushed. Windows cannot open a folder this way.
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


__all__ = [
    "ENABLED",
    "UNDOING",
    "Journal",
    "JournalError",
    "Move",
    "Profile",
    "Value",
    "Variable",
    "describe",
    "load",
    "locked",
    "new",
    "path",
    "remove",
    "save",
    "status",
]
