"""Copying a cache to another file system: copy each file, flush it, check it, and only then remove the sources.

Each file is copied to a temporary name beside its destination (:data:`PARTIAL`), flushed to disk, checked (size,
optionally a SHA-256) and renamed into place; once every file is in place and checked, the sources go. An interrupted
copy leaves every file at least in its old place, and copying again completes it: what is in place and identical is
not copied again, a partial file is started over, and a different file in the way is a conflict, never overwritten.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import stat
from typing import TYPE_CHECKING

from .files import (
    CHUNK,
    discard,
    entries,
    existing,
    is_dir,
    is_file,
    rmdir,
    same_content,
    unlink,
    why,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from .files import Outcome
    from .progress import Progress

PARTIAL = ".pdd-partial"
"""The suffix of a file being copied; a leftover one (the copy was killed) is overwritten by the next attempt."""
_MARGIN = 64 * 1024 * 1024  # left free on the target: a disk filled to the last byte breaks the tools using it
_MIB = 1024 * 1024


class _Item:
    __slots__ = ("kind", "relative", "size")

    def __init__(self, relative: str, kind: str, size: int) -> None:
        self.relative = relative
        self.kind = kind  # "dir", "file", "link"
        self.size = size


def copy_into(
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
        if item.kind != "dir" and unlink(os.path.join(source, item.relative), outcome):
            outcome.files += item.kind == "file"
            outcome.bytes += item.size
    for item in reversed(items):
        if item.kind == "dir":
            rmdir(os.path.join(source, item.relative))


def _short_of_space(items: list[_Item], target: str, outcome: Outcome) -> bool:
    """Check the free space before copying anything: a move that cannot finish should not start."""
    needed = sum(
        item.size for item in items if item.kind == "file" and not os.path.lexists(os.path.join(target, item.relative))
    )
    free = shutil.disk_usage(existing(target)).free
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
    same = same_content(here, there, outcome) if is_file(there) else False
    if same is False:
        outcome.conflicts.append(f"{there} already exists with different content; {here} was left")
    return bool(same)  # True: a copy an interrupted move made, checked, so the source may go


def _inventory(source: str, outcome: Outcome, *, only: str | None = None) -> list[_Item]:
    """Return every entry below ``source`` (folders before what they hold); unreadable ones are problems."""
    items: list[_Item] = []

    def walk(folder: str, relative: str) -> None:
        for entry in entries(folder, outcome):
            if only is not None and not relative and entry.name != only:
                continue
            rel = os.path.join(relative, entry.name) if relative else entry.name
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError as error:
                outcome.problems.append(why(entry.path, error))
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
                while chunk := reader.read(CHUNK):
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
            discard(partial)
            outcome.problems.append(problem)
            return False
        os.replace(partial, there)
    except OSError as error:
        discard(partial)
        if error.errno in {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}:
            outcome.stopped = f"the disk holding {there} is full ({error.strerror}); the rest stays in place"
            return None
        outcome.problems.append(why(here, error))
        return False
    except BaseException:  # Ctrl-C: no half file under the real name; the source is untouched
        discard(partial)
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
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _make_folder(here: str, there: str, outcome: Outcome) -> bool:
    if os.path.lexists(there):
        if is_dir(there):
            return True
        outcome.conflicts.append(f"{there} exists and is not a folder; {here} was left")
        return False
    try:
        os.mkdir(there, stat.S_IMODE(os.lstat(here).st_mode) | 0o700)
    except OSError as error:
        outcome.problems.append(why(there, error))
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
        outcome.problems.append(why(here, error))
        return False
    return True


__all__ = ["PARTIAL", "copy_into"]
