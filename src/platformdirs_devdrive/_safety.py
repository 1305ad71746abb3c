r"""Safe use and creation of directories in shared places (a drive root, ``/tmp``).

``D:\`` is writable by every local user, unlike ``%LOCALAPPDATA%``: a ``D:\.cache\pip`` that someone else made, or
that is a junction to elsewhere, would let them poison or read a tool's cache. So every existing component from
``.cache`` down is checked before a path is handed out, and missing ones are created owner-only, race-safely:
``mkdir`` (which never follows or replaces what is there), then the same check on whatever is there now, so
concurrent creators agree and a planted directory is refused whoever won the race.
"""

from __future__ import annotations

import os
import stat

from ._layout import path_module
from ._report import Reason

_FILE_ATTRIBUTE_REPARSE_POINT = 0x400  # winnt.h; junctions, symlinks and mount points all carry it
_WINDOWS_FORBIDDEN = '<>:"/\\|?*\0'  # characters no Windows file name may hold, plus both separators
_verified: set[str] = set()  # complete, checked trees; per process, like the probe's answers


class Problem:
    """Why a tree cannot be used: a :class:`Reason` code and a sentence."""

    __slots__ = ("code", "message")

    def __init__(self, code: Reason, message: str) -> None:
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"Problem({self.code!s}, {self.message!r})"


def check(root: str, parts: list[str], *, windows: bool, create: bool) -> Problem | None:
    """Check ``root/parts...`` component by component; with ``create``, make the missing ones owner-only.

    ``root`` itself is not checked for ownership (a drive root belongs to nobody in particular); everything below it
    must be a real directory (no symlink or junction), owned by the current user and not writable by others. The
    deepest existing directory must be writable. Returns ``None`` when the path may be used.
    """
    join = path_module(windows=windows).join
    if problem := _bad_name(parts, windows=windows):
        return problem
    target = join(root, *parts)
    if target in _verified:
        return None
    if not os.path.isabs(root) or windows != (os.name == "nt"):
        # Windows paths simulated on POSIX (tests, the testing kit): nothing on this disk to check or to create.
        return Problem(Reason.CREATE_FAILED, f"cannot create {target} on this system") if create else None
    deepest = root
    path = root
    for part in parts:
        path = join(path, part)
        info = _lstat(path, create=create)
        if info is None:  # missing, and not ours to create: nothing planted below
            return _writable(deepest)
        if isinstance(info, Problem) or (info := _refusal(path, info)):
            return info
        deepest = path
    if problem := _writable(target):
        return problem
    _verified.add(target)
    return None


def _lstat(path: str, *, create: bool) -> os.stat_result | Problem | None:
    """Return what is at ``path`` (made first when missing and ``create``), ``None`` when missing, or a problem."""
    try:
        return os.lstat(path)
    except FileNotFoundError:
        if not create:
            return None
    except OSError as error:  # EACCES on a parent, ENAMETOOLONG, ...
        return Problem(Reason.INACCESSIBLE, f"cannot inspect {path}: {error.strerror or error}")
    try:
        # 0o700: umask can only narrow it. The lstat after tells us what is there now, whoever made it.
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass  # another process (or user) was first: the check after mkdir decides whether we can use it
    except OSError as error:
        return Problem(Reason.CREATE_FAILED, f"cannot create {path}: {error.strerror or error}")
    try:
        return os.lstat(path)
    except OSError as error:
        return Problem(Reason.CREATE_FAILED, f"{path} vanished after creation: {error.strerror or error}")


def _bad_name(parts: list[str], *, windows: bool) -> Problem | None:
    # platformdirs 4.11 lets "a/b" or ".." through; on a shared root they would climb out of the tree we check.
    forbidden = _WINDOWS_FORBIDDEN if windows or os.name == "nt" else "/\0"
    for part in parts:
        if part in {"", ".", ".."} or any(char in forbidden for char in part):
            return Problem(Reason.INVALID_NAME, f"{part!r} is not a plain folder name")
    return None


def _refusal(path: str, info: os.stat_result) -> Problem | None:
    if stat.S_ISLNK(info.st_mode) or getattr(info, "st_file_attributes", 0) & _FILE_ATTRIBUTE_REPARSE_POINT:
        return Problem(Reason.UNSAFE, f"{path} is a symbolic link, junction or other reparse point")
    if not stat.S_ISDIR(info.st_mode):
        return Problem(Reason.UNSAFE, f"{path} exists and is not a directory")
    if os.name == "nt":
        return None  # owner and ACL checks on Windows: see _win_security
    uid = os.geteuid()
    if info.st_uid != uid:
        return Problem(Reason.UNSAFE, f"{path} is owned by uid {info.st_uid}, not by you (uid {uid})")
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        mode = stat.S_IMODE(info.st_mode)
        return Problem(Reason.UNSAFE, f"{path} is writable by group or others (mode {mode:o}); chmod go-w it")
    return None


def _writable(path: str) -> Problem | None:
    if not os.path.isdir(path) or os.access(path, os.W_OK):
        return None
    return Problem(Reason.ROOT_NOT_WRITABLE, f"{path} is not writable for you")


def clear() -> None:
    """Forget every tree checked so far (they are re-checked on next use)."""
    _verified.clear()


__all__ = [
    "Problem",
    "check",
    "clear",
]
