"""The rollout flag ``PLATFORMDIRS_DEVDRIVE`` and the other variables the package reads: the bottom of the house.

Everything that reads the environment reads it through here, with plain ``os.environ.get``: the off path of every
call (``user_cache_dir`` while the flag is unset) is one ``get`` and one dictionary look-up.
"""

from __future__ import annotations

import os

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
    "read_flag",
]
