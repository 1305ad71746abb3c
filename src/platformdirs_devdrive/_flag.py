"""What steers the directories besides the tool's own ``devdrive=``: the user's variables, and a test's patches.

The bottom of the house; it imports nothing of ours.

- The rollout flag ``PLATFORMDIRS_DEVDRIVE`` and the other variables the package reads, read with plain
  ``os.environ.get``: the off path of every call (``user_cache_dir`` while the flag is unset) is one ``get``.
- platformdirs' functions build ``PlatformDirs(...)`` on each call, so a test that patches that class (or a property
  of it) steers them; ours follow the same patches (:func:`platform_dirs_class`). ``platformdirs.testing.isolated_dirs``
  (and the ``platformdirs_isolated`` fixture) patch the properties of ``platformdirs.PlatformDirs``, which our class
  inherits: while it does, Dev Drive use steps aside (:func:`steered`), so that a developer's
  ``PLATFORMDIRS_DEVDRIVE`` cannot leak into a test suite that believes it is isolated, and temp stays in the
  isolated tree too (:func:`steered_temp`).
"""

from __future__ import annotations

import os
import sys

import platformdirs
from platformdirs import PlatformDirs

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from platformdirs.api import PlatformDirsABC

ENV_VAR = "PLATFORMDIRS_DEVDRIVE"
"""The variable users set: the rollout flag, and the way to name a drive."""
OFF_WORDS = frozenset({"0", "false", "no", "off"})
"""``PLATFORMDIRS_DEVDRIVE`` values that turn Dev Drive use off; unset or empty is off too (this release's default)."""
ON_WORDS = frozenset({"1", "true", "yes", "on", "auto"})
"""``PLATFORMDIRS_DEVDRIVE`` values that turn Dev Drive use on (case-insensitive, stripped)."""
OVERRIDE_VAR = "WIN_PD_OVERRIDE_LOCAL_APPDATA"
"""platformdirs' own Windows override: when the user set it, automatic choices keep the cache where it points."""
HINT_VAR = "DEV_DRIVE"
"""Exported by the setup-dev-drive CI action: a hint worth naming in reasons, never proof of a Dev Drive."""
_MEMO_LIMIT = 64  # distinct flag values a process sees: one or two; this only bounds a pathological caller


def read_flag() -> str | None:
    """Return ``PLATFORMDIRS_DEVDRIVE`` as set (``None`` when unset)."""
    return os.environ.get(ENV_VAR)


def flag_is_off(value: str | None) -> bool:
    """Whether a ``PLATFORMDIRS_DEVDRIVE`` value means off (unset, empty, or an off keyword in any case)."""
    return not value or value.strip().lower() in OFF_WORDS


def flag_state(value: str | None) -> tuple[str, str]:
    """Classify a ``PLATFORMDIRS_DEVDRIVE`` value: ``("off"|"on"|"path", cleaned value)``.

    Unset, empty or an off keyword is ``off``; an on keyword (or ``auto``) is ``on``; anything else is a path.
    """
    cleaned = (value or "").strip()
    word = cleaned.lower()
    if not word or word in OFF_WORDS:
        return "off", cleaned
    if word in ON_WORDS:
        return "on", cleaned
    return "path", cleaned


def off_now() -> bool:
    """Whether the flag, as set now, means off: the test behind every off-path call (unset costs only the get)."""
    value = os.environ.get(ENV_VAR)
    return not value or is_off(value)


def is_off(value: str) -> bool:
    """:func:`flag_is_off` of a set value, classified once per value a process sees (one or two)."""
    verdict = _OFF.get(value)
    if verdict is None:
        if len(_OFF) >= _MEMO_LIMIT:
            _OFF.clear()
        verdict = _OFF[value] = flag_is_off(value)
    return verdict


_OFF: dict[str, bool] = {}


# The class isolated_dirs patches, and its user_cache_dir as platformdirs defined it: fixed when we are imported.
_PLATFORM = PlatformDirs
_PLATFORM_CACHE = vars(PlatformDirs).get("user_cache_dir")
_PACKAGE = __package__ or ""
_names: dict[str, Any] | None = None


def platform_dirs_class(ours: type[PlatformDirsABC]) -> type[PlatformDirsABC]:
    """Return the class the module functions build now, as platformdirs' functions build its ``PlatformDirs``.

    Our package's ``PlatformDirs`` (``ours`` unless patched), or what a test patched in: into our package
    (``mock.patch.object(platformdirs_devdrive, "PlatformDirs", Fake)``), or into platformdirs itself
    (``mocker.patch("platformdirs.PlatformDirs", Windows)``, which tests written for platformdirs keep doing after
    swapping us in). A patch of ours wins over one of platformdirs'.
    """
    global _names  # noqa: PLW0603  # the package's namespace, found once: every module function asks this
    names = _names
    if names is None:
        package = sys.modules.get(_PACKAGE)
        if package is None:
            return ours
        names = _names = vars(package)  # the same dict for the package's life (a reload refills it in place)
    named: type[PlatformDirsABC] = names.get("PlatformDirs", ours)
    if named is ours and platformdirs.PlatformDirs is not _PLATFORM:
        return platformdirs.PlatformDirs
    return named


def steered(dirs: PlatformDirsABC) -> bool:
    """Whether platformdirs' own class has its ``user_cache_dir`` replaced, ``dirs`` being one of its instances.

    Whoever steers platformdirs' cache (``isolated_dirs``, a test's mock) steers ours: Dev Drive use steps aside,
    whatever ``PLATFORMDIRS_DEVDRIVE`` or ``devdrive=`` say (unless a world of our testing kit is the test's own
    explicit choice of drives: the caller asks that).
    """
    return vars(_PLATFORM).get("user_cache_dir") is not _PLATFORM_CACHE and isinstance(dirs, _PLATFORM)


def steered_temp(appname: str | None, *, ensure_exists: bool) -> str | None:
    """Return the temp folder while :func:`steered`: ``user_temp/$appname`` beside the patched ``user_cache`` kind.

    ``isolated_dirs(root)`` maps each kind to ``<root>/<kind>`` (``<root>/user_cache``), so temp is
    ``<root>/user_temp/$appname``: inside the isolated tree, like everything else handed out there. ``None`` when the
    patch answers no path (a bare mock): there is no tree to stay in, and the usual resolution answers.
    """
    cache_kind: object = _PLATFORM().user_cache_dir  # no appname, version or ensure_exists: the kind's own folder
    if not isinstance(cache_kind, str):
        return None
    path = os.path.join(os.path.dirname(cache_kind), "user_temp", *([appname] if appname else []))
    if ensure_exists:
        try:  # noqa: SIM105  # contextlib is not loaded by the off path
            os.makedirs(path, mode=0o700, exist_ok=True)
        except OSError:
            pass  # the tool's own use of the folder reports the problem, as with a fallback that cannot be created
    return path


__all__ = [
    "ENV_VAR",
    "HINT_VAR",
    "OFF_WORDS",
    "ON_WORDS",
    "OVERRIDE_VAR",
    "flag_is_off",
    "flag_state",
    "is_off",
    "off_now",
    "platform_dirs_class",
    "read_flag",
    "steered",
    "steered_temp",
]
