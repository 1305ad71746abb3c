r"""The standard temp folder in a shared place, and its private stand-in (docs/security).

``<gettempdir()>/<appname>`` sits in ``/tmp`` on POSIX, where every user may write. It is made owner-only whenever a
temp folder is resolved, then checked like a tree on a shared root; when it cannot be used, the answer is the
stand-in in the user's own cache folder, and when not even that can be had, a path nothing can be created at.
"""

from __future__ import annotations

import os

import platformdirs

from . import _layout, _safety
from ._report import Reason

STAND_IN_APP = "platformdirs-devdrive"
"""The app folder of the stand-in temp folders, in the user's own cache folder (docs/layout)."""


def standard_problem(base: str, parts: list[str], *, create: bool) -> _safety.Problem | None:
    """Why ``<base>/<parts>`` (``gettempdir()`` and the app name) cannot be handed out, or ``None``."""
    windows = os.name == "nt"
    if parts:
        return _safety.check(base, parts, windows=windows, create=create, remember=False)
    # No app name: the answer would be the temp folder itself, fine only when it is yours alone (TMPDIR=~/tmp).
    parent, name = os.path.split(os.path.normpath(base))
    if not name or parent == base:
        return _safety.Problem(Reason.UNSAFE, f"{base} is a whole volume, shared with everyone")
    return _safety.check(parent, [name], windows=windows, create=False, remember=False)


def stand_in(parts: list[str], *, create: bool, nowhere: str) -> tuple[str, str]:
    r"""Return the folder to use instead of ``<gettempdir()>/<parts>``, and the words that say what it is.

    The stand-in is ``<user cache>/platformdirs-devdrive/Temp/<app>``: ``~/.cache/platformdirs-devdrive/Temp/pip`` on
    Linux, ``%LOCALAPPDATA%\platformdirs-devdrive\Cache\Temp\pip`` on Windows. One per app and user, reused by every
    process (nothing new per call), checked and made owner-only like a tree on a shared root. Never the shared folder
    itself (a tool emptying "its" temp folder would empty /tmp), never a folder inside the refused one (whoever could
    plant there could rename ours away). When it cannot be had either: ``nowhere``, a path nothing can be created at.
    """
    windows = os.name == "nt"
    home = platformdirs.user_cache_dir()
    ours = _layout.cache_parts(windows=windows, appname=STAND_IN_APP, appauthor=False, version=None, opinion=True)
    below = [*ours, _layout.TEMP_FOLDER, *parts]
    path = os.path.join(home, *below)
    # Begin at the nearest existing folder, so that a fresh account's missing ~/.cache is made owner-only too.
    while not os.path.isdir(home) and os.path.dirname(home) != home:
        home, missing = os.path.split(home)
        below.insert(0, missing)
    problem = _safety.check(home, below, windows=windows, create=create, remember=False)
    if problem is None:
        return path, f"the private folder {path}"
    return nowhere, f"{nowhere}, where nothing can be created (no private folder either: {problem.message})"


__all__ = [
    "STAND_IN_APP",
    "stand_in",
    "standard_problem",
]
