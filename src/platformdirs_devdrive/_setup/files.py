"""What a move did (:class:`Outcome`), and the small file operations both ways of moving share.

Each operation reports a failure in the outcome instead of raising, in words a user can act on: a move goes on with
the other files, and what could not be moved stays where it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

CHUNK = 1024 * 1024
"""How much is read and written at a time."""


class Outcome:
    """What a move did: counts, the method, and every file it could not move (``problems``) or would not (conflicts)."""

    __slots__ = ("bytes", "conflicts", "files", "method", "problems", "seconds", "stopped")

    def __init__(self) -> None:
        self.files = 0
        self.bytes = 0
        self.seconds = 0.0
        self.method = "none"
        self.conflicts: list[str] = []
        self.problems: list[str] = []
        self.stopped: str | None = None  # why the move stopped before the end (a full disk, no space to start)

    @property
    def complete(self) -> bool:
        """Whether nothing is left to move: no conflict, no problem, not stopped."""
        return not (self.conflicts or self.problems or self.stopped)

    def as_dict(self) -> dict[str, object]:
        """Return the outcome as JSON-ready data."""
        return {
            "method": self.method,
            "files": self.files,
            "bytes": self.bytes,
            "seconds": round(self.seconds, 3),
            "complete": self.complete,
            "conflicts": self.conflicts,
            "problems": self.problems,
            "stopped": self.stopped,
        }


def entries(folder: str, outcome: Outcome) -> Iterator[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        outcome.problems.append(why(folder, error))
        return iter(())
    return iter(entries)


def count(path: str) -> tuple[int, int]:
    """Return the number of files and their bytes at ``path`` (a file, or a folder's whole tree)."""
    try:
        info = os.lstat(path)
    except OSError:
        return 0, 0
    if not stat.S_ISDIR(info.st_mode):
        return 1, info.st_size
    files = size = 0
    for folder, _, names in os.walk(path):
        for name in names:
            try:
                size += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                continue
            files += 1
    return files, size


def same_content(here: str, there: str, outcome: Outcome) -> bool | None:
    """Return whether two files hold the same bytes; ``None`` when one cannot be read (reported as a problem)."""
    try:
        if os.lstat(here).st_size != os.lstat(there).st_size:
            return False
        with open(here, "rb") as first, open(there, "rb") as second:
            while True:
                one, two = first.read(CHUNK), second.read(CHUNK)
                if one != two:
                    return False
                if not one:
                    return True
    except OSError as error:
        outcome.problems.append(why(error.filename or here, error))
        return None


def is_dir(path: str) -> bool:
    return os.path.isdir(path) and not os.path.islink(path)


def is_file(path: str) -> bool:
    return os.path.isfile(path) and not os.path.islink(path)


def unlink(path: str, outcome: Outcome) -> bool:
    try:
        os.unlink(path)
    except FileNotFoundError:
        return True
    except OSError as error:  # a file in use on Windows: it stays in both places
        outcome.problems.append(why(path, error) + " (it is in both places now)")
        return False
    return True


def rmdir(path: str) -> None:
    with contextlib.suppress(OSError):  # not empty: something stayed (reported), or someone added a file meanwhile
        os.rmdir(path)


def remove_empty(folder: str) -> None:
    """Remove ``folder`` and the empty folders below it, bottom-up; what holds a file stays."""
    if not is_dir(folder):
        return
    for here, _, _ in sorted(os.walk(folder, topdown=False), key=lambda entry: -len(entry[0])):
        rmdir(here)


def discard(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def existing(path: str) -> str:
    """Return ``path`` or its nearest parent that exists."""
    path = os.path.abspath(path)
    while not os.path.exists(path):
        parent = os.path.dirname(path)
        if parent == path:
            break
        path = parent
    return path


def why(path: str, error: OSError) -> str:
    words = error.strerror or str(error)
    if getattr(error, "winerror", None) == 32:  # noqa: PLR2004  # ERROR_SHARING_VIOLATION: a tool has it open
        words = "in use by another program (close it and move again)"
    return f"{path}: {words}; left where it was"


__all__ = [
    "CHUNK",
    "Outcome",
    "count",
    "discard",
    "entries",
    "existing",
    "is_dir",
    "is_file",
    "remove_empty",
    "rmdir",
    "same_content",
    "unlink",
    "why",
]
