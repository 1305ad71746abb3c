"""Moving a cache folder's contents into another folder without ever losing a file.

On one file system each entry is renamed (atomic: the file is in one place or the other). Across file systems each
file is copied to a temporary name beside its destination, flushed to disk, checked (size, optionally a SHA-256),
renamed into place, and only once every file is there and checked are the sources removed. So an interruption
(Ctrl-C, ``kill -9``, a full disk, a file that cannot be read) leaves every file at least in its old place, and
moving again completes the move: what is already in place and identical is not copied again. A file present in both
places with different content is a conflict: reported, both left as they are.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import stat
import sys
import time
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

PARTIAL = ".pdd-partial"
"""The suffix of a file being copied; a leftover one (the copy was killed) is overwritten by the next attempt."""
_CHUNK = 1024 * 1024
_MARGIN = 64 * 1024 * 1024  # left free on the target: a disk filled to the last byte breaks the tools using it
_MIB = 1024 * 1024


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


class Progress:
    """A one-line progress display on a terminal (files, bytes, rate), redrawn at most ten times a second."""

    __slots__ = ("_last", "_started", "stream", "total_bytes", "total_files")

    def __init__(self, stream: TextIO, total_files: int, total_bytes: int) -> None:
        self.stream = stream
        self.total_files = total_files
        self.total_bytes = total_bytes
        self._started = self._last = time.monotonic()

    def update(self, files: int, done_bytes: int) -> None:
        """Show ``files`` and ``done_bytes`` done, unless the line was drawn less than 0.1 s ago."""
        now = time.monotonic()
        if now - self._last < 0.1:  # noqa: PLR2004  # drawing every chunk would cost more than the copy
            return
        self._last = now
        self._draw(files, done_bytes, now)

    def finish(self, files: int, done_bytes: int) -> None:
        """Draw the last state and end the line."""
        self._draw(files, done_bytes, time.monotonic())
        self.stream.write("\n")
        self.stream.flush()

    def _draw(self, files: int, done_bytes: int, now: float) -> None:
        rate = done_bytes / _MIB / max(now - self._started, 1e-6)
        self.stream.write(
            f"\r  copied {files:,} of {self.total_files:,} files, {done_bytes / _MIB:,.1f} of "
            f"{self.total_bytes / _MIB:,.1f} MiB, {rate:,.1f} MiB/s "
        )
        self.stream.flush()


def terminal_progress(stream: TextIO | None = None) -> Callable[[int, int], Progress] | None:
    """Return a maker of :class:`Progress` for ``stream`` (default: stderr) if it is a terminal, else ``None``."""
    stream = stream or sys.stderr
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return (lambda files, size: Progress(stream, files, size)) if tty else None


def same_volume(source: str, target: str) -> bool:
    """Return whether ``source`` and ``target`` (or its nearest existing parent) are on one file system."""
    return os.stat(source).st_dev == os.stat(_existing(target)).st_dev


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
            _copy_into(source, target, outcome, progress=progress, hash_files=hash_files)
        _remove_empty(source)
    finally:
        outcome.seconds = time.perf_counter() - started
    return outcome


class MoveError(Exception):
    """The move cannot start (the folders overlap); the message says why."""


def _refuse_nesting(source: str, target: str) -> None:
    here, there = os.path.realpath(source), os.path.realpath(_existing(target))
    there = os.path.join(there, os.path.relpath(os.path.abspath(target), os.path.abspath(_existing(target))))
    there = os.path.normpath(there)
    for inner, outer in ((there, here), (here, there)):
        if os.path.normcase(inner) == os.path.normcase(outer) or os.path.normcase(inner).startswith(
            os.path.normcase(outer).rstrip(os.sep) + os.sep
        ):
            msg = f"cannot move {source} into {target}: one folder is inside the other"
            raise MoveError(msg)


# --- one file system: rename ----------------------------------------------------------------------------------------


def _rename_into(source: str, target: str, outcome: Outcome) -> None:
    for entry in _entries(source, outcome):
        there = os.path.join(target, entry.name)
        if not os.path.lexists(there):
            files, size = _count(entry.path)
            try:
                os.rename(entry.path, there)  # atomic: the entry is in one place or the other
            except OSError as error:
                if error.errno == errno.EXDEV:  # another file system mounted inside the cache: copy that entry
                    outcome.method = "rename+copy"
                    _copy_into(source, target, outcome, progress=None, hash_files=False, only=entry.name)
                else:
                    outcome.problems.append(_why(entry.path, error))
                continue
            outcome.files += files
            outcome.bytes += size
        elif _is_dir(entry.path) and _is_dir(there):
            _rename_into(entry.path, there, outcome)
            _remove_empty(entry.path)
        elif not (_is_file(entry.path) and _is_file(there)):
            outcome.conflicts.append(f"{there} already exists and is not the same kind of entry; {entry.path} was left")
        elif (same := _same_content(entry.path, there, outcome)) is None:
            continue  # unreadable: reported
        elif same:
            size = os.lstat(entry.path).st_size
            if _unlink(entry.path, outcome):  # already there, identical: the source copy is not needed
                outcome.files += 1
                outcome.bytes += size
        else:
            outcome.conflicts.append(f"{there} already exists with different content; {entry.path} was left")


# --- across file systems: copy, check, then remove ------------------------------------------------------------------


class _Item:
    __slots__ = ("kind", "relative", "size")

    def __init__(self, relative: str, kind: str, size: int) -> None:
        self.relative = relative
        self.kind = kind  # "dir", "file", "link"
        self.size = size


def _copy_into(
    source: str,
    target: str,
    outcome: Outcome,
    *,
    progress: Callable[[int, int], Progress] | None,
    hash_files: bool,
    only: str | None = None,
) -> None:
    items = _inventory(source, outcome, only=only)
    if _short_of_space(items, target, outcome):
        return
    files = [item for item in items if item.kind == "file"]
    display = progress(len(files), sum(item.size for item in files)) if progress else None
    moved: list[_Item] = []  # in place at the target and checked: their sources may go
    done = [0, 0]  # files and bytes copied, for the display

    def tick(partial_bytes: int) -> None:
        if display:
            display.update(done[0], done[1] + partial_bytes)

    try:
        for item in items:
            placed = _place(item, source, target, outcome, hash_files=hash_files, tick=tick)
            if placed is None:  # a full disk: everything after would fail too
                break
            if placed:
                moved.append(item)
                done[0] += item.kind == "file"
                done[1] += item.size
                tick(0)
    finally:
        if display:
            display.finish(done[0], done[1])
        _remove_sources(source, items, moved, outcome)


def _remove_sources(source: str, items: list[_Item], moved: list[_Item], outcome: Outcome) -> None:
    """Remove the sources of what is in place and checked, even when the copy stopped halfway (or Ctrl-C)."""
    for item in reversed(moved):
        if item.kind != "dir" and _unlink(os.path.join(source, item.relative), outcome):
            outcome.files += item.kind == "file"
            outcome.bytes += item.size
    for item in reversed(items):
        if item.kind == "dir":
            _rmdir(os.path.join(source, item.relative))


def _short_of_space(items: list[_Item], target: str, outcome: Outcome) -> bool:
    """Check the free space before copying anything: a move that cannot finish should not start."""
    needed = sum(
        item.size for item in items if item.kind == "file" and not os.path.lexists(os.path.join(target, item.relative))
    )
    free = shutil.disk_usage(_existing(target)).free
    if needed and needed + _MARGIN > free:
        outcome.stopped = (
            f"not enough free space on {target}: {needed / _MIB:,.1f} MiB to copy, {free / _MIB:,.1f} MiB free "
            f"(and {_MARGIN // _MIB} MiB kept free); nothing was copied"
        )
        return True
    return False


def _place(
    item: _Item, source: str, target: str, outcome: Outcome, *, hash_files: bool, tick: Callable[[int], None]
) -> bool | None:
    """Put one entry in place: ``True`` there and checked, ``False`` not (reported), ``None`` the disk is full."""
    here, there = os.path.join(source, item.relative), os.path.join(target, item.relative)
    if item.kind == "dir":
        return _make_folder(here, there, outcome)
    if item.kind == "link":
        return _copy_link(here, there, outcome)
    if not os.path.lexists(there):
        return _copy_file(here, there, item.size, outcome, hash_files=hash_files, tick=tick)
    same = _same_content(here, there, outcome) if _is_file(there) else False
    if same is False:
        outcome.conflicts.append(f"{there} already exists with different content; {here} was left")
    return bool(same)  # True: a copy an interrupted move made, checked, so the source may go


def _inventory(source: str, outcome: Outcome, *, only: str | None = None) -> list[_Item]:
    """Return every entry below ``source`` (folders before what they hold); unreadable ones are problems."""
    items: list[_Item] = []

    def walk(folder: str, relative: str) -> None:
        for entry in _entries(folder, outcome):
            if only is not None and not relative and entry.name != only:
                continue
            rel = os.path.join(relative, entry.name) if relative else entry.name
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError as error:
                outcome.problems.append(_why(entry.path, error))
                continue
            if stat.S_ISLNK(info.st_mode):
                items.append(_Item(rel, "link", 0))
            elif stat.S_ISDIR(info.st_mode):
                items.append(_Item(rel, "dir", 0))
                walk(entry.path, rel)
            elif stat.S_ISREG(info.st_mode):
                items.append(_Item(rel, "file", info.st_size))
            else:
                outcome.problems.append(f"{entry.path} is not a file, folder or link (a socket or device?): left")

    walk(source, "")
    return items


def _copy_file(
    here: str, there: str, size: int, outcome: Outcome, *, hash_files: bool, tick: Callable[[int], None]
) -> bool | None:
    """Copy one file into place; ``True`` done and checked, ``False`` skipped (reported), ``None`` the disk is full."""
    partial = os.path.join(os.path.dirname(there), f".{os.path.basename(there)}{PARTIAL}")
    digest = hashlib.sha256() if hash_files else None
    try:
        with open(here, "rb") as reader:
            # O_TRUNC: a partial file a killed copy left is started again; O_NOFOLLOW: never write through a link.
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
            with os.fdopen(os.open(partial, flags, 0o600), "wb") as writer:
                copied = 0
                while chunk := reader.read(_CHUNK):
                    writer.write(chunk)
                    copied += len(chunk)
                    if digest is not None:
                        digest.update(chunk)
                    if copied < size:  # a large file: show its progress too
                        tick(copied)
                writer.flush()
                os.fsync(writer.fileno())  # on disk before the source may go
        shutil.copystat(here, partial, follow_symlinks=False)
        if problem := _check(here, partial, digest):
            _discard(partial)
            outcome.problems.append(problem)
            return False
        os.replace(partial, there)
    except OSError as error:
        _discard(partial)
        if error.errno in {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}:
            outcome.stopped = f"the disk holding {there} is full ({error.strerror}); the rest stays in place"
            return None
        outcome.problems.append(_why(here, error))
        return False
    except BaseException:  # Ctrl-C: no half file under the real name; the source is untouched
        _discard(partial)
        raise
    return True


def _check(here: str, copy: str, digest: hashlib._Hash | None) -> str | None:
    """Return why ``copy`` is not a faithful copy of ``here`` (size, then SHA-256 when asked), or ``None``."""
    wanted, got = os.stat(here).st_size, os.stat(copy).st_size
    if wanted != got:
        return f"{here} changed while it was copied ({wanted} bytes now, {got} copied): left, move again"
    if digest is not None and _sha256(copy) != digest.hexdigest():
        return f"the copy of {here} does not match what was read: left"
    return None


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _make_folder(here: str, there: str, outcome: Outcome) -> bool:
    if os.path.lexists(there):
        if _is_dir(there):
            return True
        outcome.conflicts.append(f"{there} exists and is not a folder; {here} was left")
        return False
    try:
        os.mkdir(there, stat.S_IMODE(os.lstat(here).st_mode) | 0o700)
    except OSError as error:
        outcome.problems.append(_why(there, error))
        return False
    return True


def _copy_link(here: str, there: str, outcome: Outcome) -> bool:
    try:
        link = os.readlink(here)
        if os.path.lexists(there):
            if os.path.islink(there) and os.readlink(there) == link:
                return True
            outcome.conflicts.append(f"{there} already exists and is not the same link; {here} was left")
            return False
        os.symlink(link, there, target_is_directory=os.path.isdir(here))
    except OSError as error:
        outcome.problems.append(_why(here, error))
        return False
    return True


# --- helpers --------------------------------------------------------------------------------------------------------


def _entries(folder: str, outcome: Outcome) -> Iterator[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        outcome.problems.append(_why(folder, error))
        return iter(())
    return iter(entries)


def _count(path: str) -> tuple[int, int]:
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


def _same_content(here: str, there: str, outcome: Outcome) -> bool | None:
    """Return whether two files hold the same bytes; ``None`` when one cannot be read (reported as a problem)."""
    try:
        if os.lstat(here).st_size != os.lstat(there).st_size:
            return False
        with open(here, "rb") as first, open(there, "rb") as second:
            while True:
                one, two = first.read(_CHUNK), second.read(_CHUNK)
                if one != two:
                    return False
                if not one:
                    return True
    except OSError as error:
        outcome.problems.append(_why(error.filename or here, error))
        return None


def _is_dir(path: str) -> bool:
    return os.path.isdir(path) and not os.path.islink(path)


def _is_file(path: str) -> bool:
    return os.path.isfile(path) and not os.path.islink(path)


def _unlink(path: str, outcome: Outcome) -> bool:
    try:
        os.unlink(path)
    except FileNotFoundError:
        return True
    except OSError as error:  # a file in use on Windows: it stays in both places
        outcome.problems.append(_why(path, error) + " (it is in both places now)")
        return False
    return True


def _rmdir(path: str) -> None:
    with contextlib.suppress(OSError):  # not empty: something stayed (reported), or someone added a file meanwhile
        os.rmdir(path)


def _remove_empty(folder: str) -> None:
    """Remove ``folder`` and the empty folders below it, bottom-up; what holds a file stays."""
    if not _is_dir(folder):
        return
    for here, _, _ in sorted(os.walk(folder, topdown=False), key=lambda entry: -len(entry[0])):
        _rmdir(here)


def _discard(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _existing(path: str) -> str:
    """Return ``path`` or its nearest parent that exists."""
    path = os.path.abspath(path)
    while not os.path.exists(path):
        parent = os.path.dirname(path)
        if parent == path:
            break
        path = parent
    return path


def _why(path: str, error: OSError) -> str:
    words = error.strerror or str(error)
    if getattr(error, "winerror", None) == 32:  # noqa: PLR2004  # ERROR_SHARING_VIOLATION: a tool has it open
        words = "in use by another program (close it and move again)"
    return f"{path}: {words}; left where it was"


__all__ = [
    "MoveError",
    "Outcome",
    "Progress",
    "move_tree",
    "same_volume",
    "terminal_progress",
]
