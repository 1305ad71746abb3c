r"""Safe use and creation of directories in shared places (a drive root, ``/tmp``).

``D:\`` is writable by every local user, unlike ``%LOCALAPPDATA%``: a ``D:\.cache\pip`` that someone else made, or
that is a junction to elsewhere, would let them poison or read a tool's cache. So every existing component from
``.cache`` down is checked before a path is handed out, and missing ones are created owner-only, race-safely:
``mkdir`` (which never follows or replaces what is there), then the same check on whatever is there now, so
concurrent creators agree and a planted directory is refused whoever won the race.

The root itself may be shared, but nobody else may be able to rename it, a folder above it, or what we create in
it: otherwise a checked ``.cache`` could be swapped for a planted one after the check (docs/security).

A verdict is remembered for the process, bound to what was checked: the device, inode, owner and mode of the root and
of each folder below it down to the first one only you may enter. Using it again costs one ``lstat`` per bound folder
(two, typically: the root and ``.cache``), and a folder removed and recreated by anyone is checked afresh.
"""

from __future__ import annotations

import os
import stat

from ._layout import path_module
from ._names import bad_name, too_long
from ._report import Reason

_NT = os.name == "nt"
_FILE_ATTRIBUTE_REPARSE_POINT = 0x400  # winnt.h; junctions, symlinks and mount points all carry it
_MAX_LINKS = 40  # as Linux's path resolution allows
# Folders whose content is each process's own view (/proc/self, /dev/fd/3): a root through them names another folder
# in every process, so the checked folder would not be the one the next process uses.
_PROCESS_DEPENDENT = frozenset({"/proc", "/dev/fd"})
_MEMO_LIMIT = 256  # a tool asks for a handful of directories; this only bounds a pathological caller

# What a verdict is bound to: per folder, (path, followed links?, (st_dev, st_ino, st_uid, st_mode)).
Identity = tuple[str, bool, tuple[int, int, int, int]]
_verified: dict[str, tuple[Identity, ...]] = {}  # target -> what was checked; per process, like the probe's answers


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
    by others. The deepest existing directory must let you create entries in it. Returns ``None`` when the path may be
    used. With ``remember``, a verdict on a tree whose first component exists is kept for the process, bound to the
    identity of what was checked (:func:`still_valid`); ``create`` always looks again.
    """
    target = path_module(windows=windows).join(root, *parts)
    if refused := bad_name(parts, windows=windows) or too_long(target, windows=windows):
        return Problem(*refused)
    if windows != _NT or not os.path.isabs(root):
        # Windows paths simulated on POSIX (tests, the testing kit): nothing on this disk to check or to create.
        if create:
            return Problem(Reason.CREATE_FAILED, f"cannot create {target} on this system")
        if remember:
            _keep(target, ())  # nothing on disk to re-check
        return None
    if not create and (known := _verified.get(target)) is not None and _unchanged(known):
        return None
    _verified.pop(target, None)
    if problem := _root_refusal(root):
        return problem
    problem, checked = _walk(root, parts, create=create, anchor=anchor)
    # Bound only once the first component exists: while it is missing, anyone who may write the root could make it.
    if remember and problem is None and len(checked) > 1:
        _keep(target, tuple(checked))
    return problem


def still_valid(target: str) -> bool:
    """Whether the remembered verdict on ``target`` holds: every bound folder is still the one that was checked."""
    known = _verified.get(target)
    return known is not None and _unchanged(known)


def _keep(target: str, checked: tuple[Identity, ...]) -> None:
    if len(_verified) >= _MEMO_LIMIT:
        _verified.clear()
    _verified[target] = checked


def _identity(path: str, info: os.stat_result, *, follow: bool) -> Identity:
    return path, follow, (info.st_dev, info.st_ino, info.st_uid, info.st_mode)


def _unchanged(checked: tuple[Identity, ...]) -> bool:
    # The same device and inode is the same folder; the same owner and mode, the same verdict. Windows fills st_ino
    # with the file ID (os.stat docs), so a recreated folder shows there too; its DACL is not re-read.
    try:
        for path, follow, key in checked:
            info = os.stat(path) if follow else os.lstat(path)
            if (info.st_dev, info.st_ino, info.st_uid, info.st_mode) != key:
                return False
    except (OSError, ValueError):
        return False
    return True


def _walk(root: str, parts: list[str], *, create: bool, anchor: bool) -> tuple[Problem | None, list[Identity]]:
    """Check (and make) each component; return the problem, if any, and the identities a verdict is bound to."""
    # The anchor goes on a root that is there: a probe's root that is not (a simulated D:\ on a real Windows test
    # machine) has nothing below it to protect, as with no anchor at all. ensure_exists still tries, and says why not.
    try:
        checked = [_identity(root, os.stat(root), follow=True)]
    except (OSError, ValueError):
        checked = []
    anchor = anchor and bool(checked)
    deepest = root
    path = root
    private = False
    for index, part in enumerate(parts):
        path = os.path.join(path, part)
        info = _lstat(path, create=create or (anchor and index == 0))
        if info is None:  # missing, and not ours to create: nothing planted below
            return _usable(deepest), checked
        if isinstance(info, Problem):
            return info, checked
        if problem := _refusal(path, info, private_parent=private):
            return problem, checked
        if not private:
            checked.append(_identity(path, info, follow=False))
        # POSIX enforces search permission on every folder of a path: below a folder only we may enter, nobody
        # else reaches a folder, whatever its mode (Windows lets everyone bypass traverse checks, so not there).
        private = private or (not _NT and not stat.S_IMODE(info.st_mode) & 0o077)
        deepest = path
    return _usable(path), checked


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


def _posix_chain(path: str, uid: int) -> Problem | None:
    # Like platformdirs' own check of the folders it creates: every folder from / down must belong to you or root
    # (an owner may rename anything in its folder, sticky bit or not), and be writable by nobody else unless sticky.
    # The path is resolved here one component at a time, as the kernel does, each link followed where it leads and
    # checked on the way: realpath would resolve /proc's per-process links (/proc/self/cwd) to whatever they show
    # this process, and a link whose target says ".." means the parent of where the link leads.
    pending = [part for part in path.split(os.sep) if part]
    current, links = os.sep, 0
    while pending:
        part = pending.pop(0)
        if part in {".", ".."}:
            current = current if part == "." else os.path.dirname(current)  # current holds no link: dirname is right
            continue
        candidate = os.path.join(current, part)
        if candidate in _PROCESS_DEPENDENT:
            return Problem(
                Reason.ROOT_INVALID,
                f"{path} goes through {candidate}, whose content differs in every process; name the folder itself",
            )
        info = os.lstat(candidate)
        if info.st_uid not in {uid, 0}:
            who = _user(info.st_uid)
            return Problem(Reason.UNSAFE, f"{candidate} is owned by {who}, who could replace what is created in it")
        if stat.S_ISLNK(info.st_mode):  # owned by you or root, so it stays put: go on where it leads
            links += 1
            if links > _MAX_LINKS:
                return Problem(Reason.INACCESSIBLE, f"cannot inspect {path}: too many symbolic links")
            target = os.readlink(candidate)
            current = os.sep if target.startswith(os.sep) else current
            pending[:0] = [piece for piece in target.split(os.sep) if piece]
            continue
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH) and not info.st_mode & stat.S_ISVTX:
            mode = stat.S_IMODE(info.st_mode)
            return Problem(
                Reason.UNSAFE,
                f"{candidate} is writable by group or others without the sticky bit (mode {mode:o}), so they could "
                f"replace what is created in it; run chmod +t {candidate} (as /tmp has) or chmod go-w {candidate}",
            )
        current = candidate
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
    if info.st_mode & stat.S_IWOTH or (info.st_mode & stat.S_IWGRP and not (private_parent and _own_group(info))):
        mode = stat.S_IMODE(info.st_mode)
        # Not "chmod go-w": whoever could write it may already have put files in it, which the chmod would keep.
        return Problem(
            Reason.UNSAFE,
            f"{path} is writable by group or others (mode {mode:o}), so another user may have put files in it; "
            f"remove it (rm -rf {path}): it is recreated owner-only",
        )
    return None


def _own_group(info: os.stat_result) -> bool:
    """Whether the folder's group is your user private group (umask 002 systems give each user a group of its own).

    Below a folder only you may enter, a group-writable folder is what ``umask 002`` makes of a tool's own ``mkdir``:
    accepted when the group is yours alone by that convention (named after you, your primary group), since nobody
    else can be in it; a shared group (``users``) could have been used by its members while the tree was open.
    """
    if info.st_gid != os.getegid():
        return False
    import grp  # noqa: PLC0415  # POSIX only, and only for a group-writable folder
    import pwd  # noqa: PLC0415

    try:
        return grp.getgrgid(info.st_gid).gr_name == pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return False


def _usable(path: str) -> Problem | None:
    # Creating an entry needs write and search permission on the folder (os.access as the effective user: what
    # the kernel will check), and a file system mounted read-write (access() says EROFS then).
    effective = os.access in os.supports_effective_ids
    if not os.path.isdir(path) or os.access(path, os.W_OK | os.X_OK, effective_ids=effective):
        return None
    return Problem(
        Reason.ROOT_NOT_WRITABLE, f"{path} is not writable for you (creating entries in it needs write and search)"
    )


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
    "still_valid",
]
