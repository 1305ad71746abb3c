"""Moving a cache folder's contents into another folder without ever losing a file.

On one file system each entry is renamed (atomic: the file is in one place or the other). Across file systems each
file is copied to a temporary name beside its destination, flushed to disk, checked (size, optionally a SHA-256),
renamed into place, and only once every file is there and checked are the sources removed. So an interruption
(Ctrl-C, ``kill -9``, a full disk, a file that cannot be read) leaves every file at least in its old place, and
moving again completes the move: what is already in place and identical is not copied again. A file present in both
places with different content is a conflict: reported, both left as they are.
"""

from __future__ import annotations

import errno
import os
import time
from typing import TYPE_CHECKING

from .copying import PARTIAL, copy_into
from .files import Outcome, count, entries, existing, is_dir, is_file, remove_empty, same_content, unlink, why
from .progress import Progress, terminal_progress

if TYPE_CHECKING:
    from collections.abc import Callable


def same_volume(source: str, target: str) -> bool:
    """Return whether ``source`` and ``target`` (or its nearest existing parent) are on one file system."""
    return os.stat(source).st_dev == os.stat(existing(target)).st_dev


def move_tree(
    source: str,
    target: str,
    *,
    progress: Callable[[int, int], Progress] | None = None,
    hash_files: bool = False,
    rename: bool | None = None,
) -> Outcome:
    """Move everything in ``source`` into ``target`` (created if missing); remove ``source`` once it is empty.

    ``rename``: ``None`` picks renaming when both are on one file system, ``False`` always copies (tests, the
    benchmark). ``hash_files`` checks each copy against a SHA-256 of what was read, besides its size.
    """
    outcome = Outcome()
    started = time.perf_counter()
    try:
        if not os.path.isdir(source) or os.path.islink(source):
            return outcome
        _refuse_nesting(source, target)
        os.makedirs(target, mode=0o700, exist_ok=True)
        if rename is None:
            rename = same_volume(source, target)
        if rename:
            outcome.method = "rename"
            _rename_into(source, target, outcome)
        else:
            outcome.method = "copy"
            copy_into(source, target, outcome, progress=progress, hash_files=hash_files)
        remove_empty(source)
    finally:
        outcome.seconds = time.perf_counter() - started
    return outcome


class MoveError(Exception):
    """The move cannot start (the folders overlap); the message says why."""


def _refuse_nesting(source: str, target: str) -> None:
    here, there = os.path.realpath(source), os.path.realpath(existing(target))
    there = os.path.join(there, os.path.relpath(os.path.abspath(target), os.path.abspath(existing(target))))
    there = os.path.normpath(there)
    for inner, outer in ((there, here), (here, there)):
        if os.path.normcase(inner) == os.path.normcase(outer) or os.path.normcase(inner).startswith(
            os.path.normcase(outer).rstrip(os.sep) + os.sep
        ):
            msg = f"cannot move {source} into {target}: one folder is inside the other"
            raise MoveError(msg)


# --- one file system: rename ----------------------------------------------------------------------------------------


def _made(folder: str, outcome: Outcome) -> bool:
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        return is_dir(folder)
    except OSError as error:
        outcome.problems.append(why(folder, error))
        return False
    return True


def _rename_into(source: str, target: str, outcome: Outcome) -> None:
    for entry in entries(source, outcome):
        there = os.path.join(target, entry.name)
        if not os.path.lexists(there):
            _rename_entry(entry.path, there, source, target, outcome)
        elif is_dir(entry.path) and is_dir(there):
            _rename_into(entry.path, there, outcome)
            remove_empty(entry.path)
        elif not (is_file(entry.path) and is_file(there)):
            outcome.conflicts.append(f"{there} already exists and is not the same kind of entry; {entry.path} was left")
        elif (same := same_content(entry.path, there, outcome)) is None:
            continue  # unreadable: reported
        elif same:
            size = os.lstat(entry.path).st_size
            if unlink(entry.path, outcome):  # already there, identical: the source copy is not needed
                outcome.files += 1
                outcome.bytes += size
        else:
            outcome.conflicts.append(f"{there} already exists with different content; {entry.path} was left")


def _rename_entry(here: str, there: str, source: str, target: str, outcome: Outcome) -> None:
    """Rename one entry that the target does not have yet."""
    files, size = count(here)
    try:
        os.rename(here, there)  # atomic: the entry is in one place or the other
    except OSError as error:
        if error.errno == errno.EXDEV:  # another file system mounted inside the cache: copy that entry
            outcome.method = "rename+copy"
            copy_into(source, target, outcome, progress=None, hash_files=False, only=os.path.basename(here))
        elif isinstance(error, PermissionError) and is_dir(here) and _made(there, outcome):
            # Windows refuses to rename a folder while a program holds a file in it open: move what is inside one
            # by one, so that only the open file stays behind (and is reported).
            _rename_into(here, there, outcome)
            remove_empty(here)
        else:
            outcome.problems.append(why(here, error))
        return
    outcome.files += files
    outcome.bytes += size


__all__ = [
    "PARTIAL",
    "MoveError",
    "Outcome",
    "Progress",
    "move_tree",
    "same_volume",
    "terminal_progress",
]
