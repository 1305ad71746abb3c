r"""Which folder names and path lengths a layout may have, on Windows and elsewhere: pure text, no disk access.

Checked before anything on disk is looked at, so that a verdict never depends on how much of a tree exists yet:
a name that would climb out of the checked tree (``..``, a separator), that no file system stores (NUL, a lone
surrogate, over 255 units), that Win32 maps to something else (a device name, trailing dots), or a whole path longer
than any call accepts.
"""

from __future__ import annotations

import os
import sys

from ._report import Reason

Refusal = tuple[Reason, str]
"""Why a name or path cannot be used: the reason code and the sentence (``_safety`` wraps it in its ``Problem``)."""

WINDOWS_FORBIDDEN = frozenset('<>:"/\\|?*').union(map(chr, range(32)))  # no Windows file name may hold these
# Microsoft, "Naming Files, Paths, and Namespaces" (learn.microsoft.com/windows/win32/fileio/naming-a-file): "CON,
# PRN, AUX, NUL, COM0-COM9, COM¹, COM², COM³, LPT0-LPT9, LPT¹, LPT², LPT³", also "followed immediately by an
# extension"; CONIN$ and CONOUT$ open the console (CreateFileW, "Consoles"). CPython 3.13's ntpath.isreserved
# reserves the same names (less COM0 and LPT0, which the page added later): a superset, on the side of caution.
WINDOWS_DEVICES = frozenset(
    (
        "CON",
        "PRN",
        "AUX",
        "NUL",
        "CONIN$",
        "CONOUT$",
        *(f"{port}{digit}" for port in ("COM", "LPT") for digit in "0123456789\u00b9\u00b2\u00b3"),
    )
)
NAME_MAX = 255  # NAME_MAX of ext4, XFS, APFS (bytes) and of NTFS, ReFS (UTF-16 units)
# The longest directory path a call can use. Windows without long-path support: "the directory name cannot exceed
# MAX_PATH minus 12" (CreateDirectoryW; learn.microsoft.com/windows/win32/fileio/maximum-file-path-limitation), so
# 247 characters and the NUL. POSIX: PATH_MAX counts the NUL too (<linux/limits.h> 4096, <sys/syslimits.h> 1024).
WINDOWS_PATH_MAX = 260 - 12 - 1
POSIX_PATH_MAX = (1024 if sys.platform == "darwin" else 4096) - 1
_NT = os.name == "nt"


def bad_name(parts: list[str], *, windows: bool) -> Refusal | None:
    # platformdirs 4.11 lets "a/b" or ".." through; on a shared root they would climb out of the tree we check.
    windows = windows or _NT
    for part in parts:
        if part in {"", ".", ".."} or "\0" in part or "/" in part or (windows and bad_windows_name(part)):
            return (Reason.INVALID_NAME, f"{part!r} is not a plain folder name")
        # Checked up front, so that the verdict does not depend on how much of the tree exists yet.
        try:
            size = len(part.encode("utf-16-le")) // 2 if windows else len(os.fsencode(part))
        except UnicodeError:  # a lone surrogate: no file system stores that name as given
            return (Reason.INVALID_NAME, f"{part!r} is not a valid file name (it holds a lone surrogate)")
        if size > NAME_MAX:
            unit = "UTF-16 characters" if windows else "bytes"
            return (
                Reason.INVALID_NAME,
                f"{part[:16]!r}... is longer than {NAME_MAX} {unit}, the limit of file systems",
            )
    return None


def bad_windows_name(part: str) -> bool:
    # Win32 drops trailing dots and spaces ("pip." is "pip") and maps device names ("NUL", "com1.txt") to devices.
    device = part.split(".", 1)[0].rstrip(" ").upper()
    return not WINDOWS_FORBIDDEN.isdisjoint(part) or part[-1] in ". " or device in WINDOWS_DEVICES


def too_long(target: str, *, windows: bool) -> Refusal | None:
    # Checked up front: a path no call can use is no answer, and a tool would only learn it from its first write.
    if windows or _NT:
        size, limit, unit = _utf16_length(target), WINDOWS_PATH_MAX, "characters"
    else:
        try:
            size = len(os.fsencode(target))
        except UnicodeError:  # not a name this system can store; the checks that follow say so
            size = len(target)
        limit, unit = POSIX_PATH_MAX, "bytes"
    if size <= limit:
        return None
    return (
        Reason.PATH_TOO_LONG,
        f"{target[:40]}... is {size} {unit} long, over the {limit} a folder's path may have here",
    )


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


__all__ = [
    "NAME_MAX",
    "POSIX_PATH_MAX",
    "WINDOWS_DEVICES",
    "WINDOWS_PATH_MAX",
    "bad_name",
    "bad_windows_name",
    "too_long",
]
