r"""The documented on-drive layout: pure functions from arguments to path segments, no disk access.

On a chosen root the ``.cache`` folder stands in for the base folder platformdirs uses (``%LOCALAPPDATA%`` on
Windows, ``$XDG_CACHE_HOME`` and its kin elsewhere), and below it the segments are exactly platformdirs' own:

============  =================================================  ==========================================
kind          Windows                                            macOS / Linux
============  =================================================  ==========================================
cache         ``<root>\.cache\<appauthor>\<appname>\Cache\<ver>``   ``<root>/.cache/<appname>/<ver>``
temp          ``<root>\.cache\Temp\<appname>``                     ``<root>/.cache/Temp/<appname>``
============  =================================================  ==========================================

Changing anything here moves every user's cache, so it is a breaking change (see docs/layout).
"""

from __future__ import annotations

import ntpath
import os
import posixpath

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import ModuleType
    from typing import Literal

CACHE_FOLDER = ".cache"
"""The folder on the root that holds everything this package places there."""
TEMP_FOLDER = "Temp"
"""The folder under :data:`CACHE_FOLDER` that holds temporary directories."""


def path_module(*, windows: bool) -> ModuleType:
    """Return the path flavour of the layout, so Windows paths stay Windows paths when tests run them elsewhere."""
    return ntpath if windows else posixpath


def is_absolute(path: str, *, windows: bool, nt: bool = os.name == "nt") -> bool:
    r"""Whether ``path`` names one folder whatever the working directory and drive (``nt``: the OS is Windows).

    On Windows a drive (``D:\x``) or a share (``\\server\share``) is required: ``\x`` lies on "the current drive",
    which ``ntpath.isabs`` accepts before Python 3.13 and refuses from 3.13 on; this answer does not depend on the
    version. Elsewhere the layout's flavour or the OS's rules will do, because a simulated Windows world on POSIX
    mixes ``D:\`` with real ``/tmp/...`` folders.
    """
    if nt:
        drive, rest = ntpath.splitdrive(path)
        return bool(drive) and (drive[:2] in {"\\\\", "//"} or rest[:1] in {"\\", "/"})
    return path_module(windows=windows).isabs(path) or os.path.isabs(path)


def drive_root(path: str) -> str:
    r"""Return ``D:\`` for ``D:``: a drive letter alone names the drive, not its working directory; else ``path``."""
    return f"{path}\\" if len(path) == 2 and path[1] == ":" else path  # noqa: PLR2004  # "D:" has two characters


def cache_parts(
    *,
    windows: bool,
    appname: str | None,
    appauthor: str | Literal[False] | None,
    version: str | None,
    opinion: bool,
) -> list[str]:
    r"""Return the segments platformdirs appends to its base folder for ``user_cache_dir``.

    Windows: ``<appauthor or appname>\<appname>[\Cache][\<version>]``, the author dropped for ``appauthor=False``
    and ``Cache`` for ``opinion=False``. Elsewhere: ``<appname>[/<version>]``. No ``appname``: no segments.
    """
    if not appname:
        return []
    parts = []
    if windows:
        if appauthor is not False:
            parts.append(appauthor or appname)
        parts.append(appname)
        if opinion:
            parts.append("Cache")
    else:
        parts.append(appname)
    if version:
        parts.append(version)
    return parts


def temp_parts(appname: str | None) -> list[str]:
    """Return the segments of the temp folder below the root's :data:`CACHE_FOLDER`: ``Temp[/<appname>]``."""
    return [TEMP_FOLDER, appname] if appname else [TEMP_FOLDER]


def on_root(root: str, parts: list[str], *, windows: bool) -> str:
    """Join ``root``, :data:`CACHE_FOLDER` and ``parts`` with the layout's separator."""
    joined: str = path_module(windows=windows).join(root, CACHE_FOLDER, *parts)
    return joined


def standard_temp(tempdir: str, appname: str | None) -> str:
    """Return the standard temp directory of an app: ``<tempfile.gettempdir()>/<appname>``.

    Joined with the running OS's separator, as platformdirs joins its standard paths.
    """
    return os.path.join(tempdir, appname) if appname else tempdir


__all__ = [
    "CACHE_FOLDER",
    "TEMP_FOLDER",
    "cache_parts",
    "drive_root",
    "is_absolute",
    "on_root",
    "path_module",
    "standard_temp",
    "temp_parts",
]
