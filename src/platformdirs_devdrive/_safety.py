r"""Safe use and creation of directories in shared places (a drive root, ``/tmp``).

``D:\`` is writable by every local user, unlike ``%LOCALAPPDATA%``: a ``D:\.cache\pip`` that someone else made, or
that is a junction to elsewhere, would let them poison or read a tool's cache. So every existing component from
``.cache`` down is checked before a path is handed out, and missing ones are created owner-only, race-safely:
``mkdir`` (which never follows or replaces what is there), then the same check on whatever is there now, so
concurrent creators agree and a planted directory is refused whoever won the race.

The root itself may be shared, but nobody else may be able to rename it, a folder above it, or what we create in
it: otherwise a checked ``.cache`` could be swapped for a planted one after the check (docs/security).
"""

from __future__ import annotations

import os
import stat

from ._layout import path_module
from ._report import Reason

_NT = os.name == "nt"
_FILE_ATTRIBUTE_REPARSE_POINT = 0x400  # winnt.h; junctions, symlinks and mount points all carry it
_WINDOWS_FORBIDDEN = frozenset('<>:"/\\|?*').union(map(chr, range(32)))  # no Windows file name may hold these
_WINDOWS_DEVICES = frozenset(
    ("CON", "PRN", "AUX", "NUL", *(f"{port}{digit}" for port in ("COM", "LPT") for digit in "123456789"))
)
_NAME_MAX = 255  # NAME_MAX of ext4, XFS, APFS (bytes) and of NTFS, ReFS (UTF-16 units)
_MAX_LINKS = 40  # as Linux's path resolution allows
_verified: set[str] = set()  # complete, checked trees; per process, like the probe's answers


class Problem:
    """Why a tree cannot be used: a :class:`Reason` code and a sentence."""

    __slots__ = ("code", "message")

    def __init__(self, code: Reason, message: str) -> None:
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"Problem({self.code!s}, {self.message!r})"


def check(
    root: str, parts: list[str], *, windows: bool, create: bool, anchor: bool = False, remember: bool = True
) -> Problem | None:
    r"""Check ``root/parts...`` component by component; with ``create``, make the missing ones owner-only.

    With ``anchor``, the first component (``.cache``) is made even without ``create``: tools create their cache
    folders themselves (pip does), and what they create inherits from it. Below an owner-only ``.cache`` made this
    way, a tool's own folders are private whatever its umask or Windows' inherited permissions would have made them.

    ``root`` may be shared (``/tmp``, ``D:\``) but nobody else may rename it, what is above it or what is in it;
    everything below it must be a real directory (no symlink or junction), owned by the current user and not writable
    by others. The deepest existing directory must be writable. Returns ``None`` when the path may be used. With
    ``remember``, the verdict on a complete tree is kept for the life of the process (:func:`clear` forgets it) and
    used again when nothing is to be created; ``create`` always looks again, as the folder may have been removed
    (and planted anew) since. Temp folders, removed and recreated as a matter of course, are never remembered.
    """
    if problem := _bad_name(parts, windows=windows):
        return problem
    if windows != _NT or not os.path.isabs(root):
        # Windows paths simulated on POSIX (tests, the testing kit): nothing on this disk to check or to create.
        target = path_module(windows=windows).join(root, *parts)
        return Problem(Reason.CREATE_FAILED, f"cannot create {target} on this system") if create else None
    target = os.path.join(root, *parts)
    if target in _verified and not create:
        return None
    if problem := _root_refusal(root):
        return problem
    problem, complete = _walk(root, parts, create=create, anchor=anchor)
    if remember and complete and problem is None:
        _verified.add(target)  # only a whole tree: a missing part may be planted by the time it is created
    return problem


def _walk(root: str, parts: list[str], *, create: bool, anchor: bool) -> tuple[Problem | None, bool]:
    """Check (and make) each component; return the problem, if any, and whether the whole tree exists."""
    # The anchor goes on a root that is there: a probe's root that is not (a simulated D:\ on a real Windows test
    # machine) has nothing below it to protect, as with no anchor at all. ensure_exists still tries, and says why not.
    anchor = anchor and os.path.isdir(root)
    deepest = root
    path = root
    private = False
    for index, part in enumerate(parts):
        path = os.path.join(path, part)
        info = _lstat(path, create=create or (anchor and index == 0))
        if info is None:  # missing, and not ours to create: nothing planted below
            return _writable(deepest), False
        if isinstance(info, Problem):
            return info, False
        if problem := _refusal(path, info, private_parent=private):
            return problem, False
        # POSIX enforces search permission on every folder of a path: below a folder only we may enter, nobody
        # else reaches a folder, whatever its mode (Windows lets everyone bypass traverse checks, so not there).
        private = private or (not _NT and not stat.S_IMODE(info.st_mode) & 0o077)
        deepest = path
    return _writable(path), True


def _root_refusal(root: str) -> Problem | None:
    """Refuse a root where others could rename what we create, or the root itself, or a folder above it.

    Otherwise a tree that passed the check could be swapped for a planted one afterwards: the path we hand out goes
    through every one of these folders.
    """
    try:
        return _windows_chain(root) if _NT else _posix_chain(os.path.abspath(root), os.geteuid())
    except FileNotFoundError:
        return None  # nothing exists below it either: the walk finds nothing to hand out or to create in
    except (OSError, ValueError) as error:
        return Problem(
            Reason.INACCESSIBLE, f"cannot inspect {getattr(error, 'filename', None) or root}: {_strerror(error)}"
        )


def _posix_chain(path: str, uid: int, links: int = 0) -> Problem | None:
    # Like platformdirs' own check of the folders it creates: every folder from / down must belong to you or root
    # (an owner may rename anything in its folder, sticky bit or not), and be writable by nobody else unless sticky.
    current = os.sep
    for part in ["", *filter(None, path.split(os.sep))]:
        current = os.path.join(current, part)
        info = os.lstat(current)
        if info.st_uid not in {uid, 0}:
            who = _user(info.st_uid)
            return Problem(Reason.UNSAFE, f"{current} is owned by {who}, who could replace what is created in it")
        if stat.S_ISLNK(info.st_mode):  # owned by you or root, so it stays put: check where it leads
            if links >= _MAX_LINKS:
                return Problem(Reason.INACCESSIBLE, f"cannot inspect {path}: too many symbolic links")
            if problem := _posix_chain(os.path.realpath(current), uid, links + 1):
                return problem
        elif info.st_mode & (stat.S_IWGRP | stat.S_IWOTH) and not info.st_mode & stat.S_ISVTX:
            mode = stat.S_IMODE(info.st_mode)
            return Problem(
                Reason.UNSAFE,
                f"{current} is writable by group or others without the sticky bit (mode {mode:o}), so they could "
                f"replace what is created in it; run chmod +t {current} (as /tmp has) or chmod go-w {current}",
            )
    return None


def _windows_chain(root: str) -> Problem | None:
    from . import _winsec  # noqa: PLC0415  # Windows only

    folder = os.path.normpath(root)
    os.stat(folder)  # FileNotFoundError: a missing root has nothing to check
    while True:
        parent = os.path.dirname(folder)
        if message := _winsec.chain_refusal(folder, volume_root=parent == folder or os.path.ismount(folder)):
            return Problem(Reason.UNSAFE, message)
        if parent == folder:
            return None
        folder = parent


def _lstat(path: str, *, create: bool) -> os.stat_result | Problem | None:
    """Return what is at ``path`` (made first when missing and ``create``), ``None`` when missing, or a problem."""
    try:
        return os.lstat(path)
    except FileNotFoundError:
        if not create:
            return None
    except (OSError, ValueError) as error:  # EACCES on a parent, ENAMETOOLONG, ...
        return Problem(Reason.INACCESSIBLE, f"cannot inspect {path}: {_strerror(error)}")
    if problem := _make(path):
        return problem
    try:  # whoever made it (we, a concurrent process, another user): the check that follows decides
        return os.lstat(path)
    except OSError as error:
        return Problem(Reason.CREATE_FAILED, f"{path} vanished after creation: {_strerror(error)}")


def _make(path: str) -> Problem | None:
    if _NT:
        from . import _winsec  # noqa: PLC0415  # Windows only

        message = _winsec.make_directory(path)
        return Problem(Reason.CREATE_FAILED, message) if message else None
    try:
        # 0o700: umask can only narrow it. mkdir never follows a symlink planted at ``path``, and fails if anything
        # is there, so what we create is ours; EEXIST means someone was first, and the check after decides.
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    except OSError as error:  # EACCES, EROFS, ENOSPC, ...
        return Problem(Reason.CREATE_FAILED, f"cannot create {path}: {_strerror(error)}")
    return None


def _bad_name(parts: list[str], *, windows: bool) -> Problem | None:
    # platformdirs 4.11 lets "a/b" or ".." through; on a shared root they would climb out of the tree we check.
    windows = windows or _NT
    for part in parts:
        if part in {"", ".", ".."} or "\0" in part or "/" in part or (windows and _bad_windows_name(part)):
            return Problem(Reason.INVALID_NAME, f"{part!r} is not a plain folder name")
        # Checked up front, so that the verdict does not depend on how much of the tree exists yet.
        try:
            size = len(part.encode("utf-16-le")) // 2 if windows else len(os.fsencode(part))
        except UnicodeError:  # a lone surrogate: no file system stores that name as given
            return Problem(Reason.INVALID_NAME, f"{part!r} is not a valid file name (it holds a lone surrogate)")
        if size > _NAME_MAX:
            unit = "UTF-16 characters" if windows else "bytes"
            return Problem(
                Reason.INVALID_NAME, f"{part[:16]!r}... is longer than {_NAME_MAX} {unit}, the limit of file systems"
            )
    return None


def _bad_windows_name(part: str) -> bool:
    # Win32 drops trailing dots and spaces ("pip." is "pip") and maps device names ("NUL", "com1.txt") to devices.
    device = part.split(".", 1)[0].rstrip(" ").upper()
    return not _WINDOWS_FORBIDDEN.isdisjoint(part) or part[-1] in ". " or device in _WINDOWS_DEVICES


def _refusal(path: str, info: os.stat_result, *, private_parent: bool = False) -> Problem | None:
    if stat.S_ISLNK(info.st_mode) or getattr(info, "st_file_attributes", 0) & _FILE_ATTRIBUTE_REPARSE_POINT:
        how = f'rmdir "{path}"' if _NT else f"rm {path}"
        return Problem(
            Reason.UNSAFE,
            f"{path} is a symbolic link, junction or other reparse point; remove the link ({how}: its target stays)",
        )
    if not stat.S_ISDIR(info.st_mode):
        return Problem(Reason.UNSAFE, f"{path} exists and is not a directory; move it away to use this root")
    if _NT:
        from . import _winsec  # noqa: PLC0415  # Windows only

        message = _winsec.refusal(path)
        return Problem(Reason.UNSAFE, message) if message else None
    uid = os.geteuid()
    if info.st_uid != uid:
        return Problem(
            Reason.UNSAFE,
            f"{path} is owned by {_user(info.st_uid)}, not by you (uid {uid}); it may hold files another user "
            f"planted: have its owner or root remove it",
        )
    # POSIX ACLs show their mask in the group bits, so an ACL granting anyone write access sets S_IWGRP.
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH) and not private_parent:
        mode = stat.S_IMODE(info.st_mode)
        return Problem(Reason.UNSAFE, f"{path} is writable by group or others (mode {mode:o}); run chmod go-w {path}")
    return None


def _writable(path: str) -> Problem | None:
    if not os.path.isdir(path) or os.access(path, os.W_OK):
        return None
    return Problem(Reason.ROOT_NOT_WRITABLE, f"{path} is not writable for you")


def _user(uid: int) -> str:
    import pwd  # noqa: PLC0415  # POSIX only, and only to word a refusal

    try:
        return f"{pwd.getpwuid(uid).pw_name} (uid {uid})"
    except KeyError:
        return f"uid {uid}"


def _strerror(error: OSError | ValueError) -> str:
    return (error.strerror if isinstance(error, OSError) else None) or str(error)


def clear() -> None:
    """Forget every tree checked so far (they are re-checked on next use)."""
    _verified.clear()


__all__ = [
    "Problem",
    "check",
    "clear",
]
