r"""The one-line "your cache could be on a Dev Drive" hint a tool may print at start-up.

Imported on first use of :func:`devdrive_hint` (``platformdirs_devdrive.devdrive_hint`` is a lazy attribute), so
tools that never print it pay nothing at import.
"""

from __future__ import annotations

import os

from . import _backends
from ._flag import ENV_VAR, flag_state, read_flag
from ._policy import override_in_effect
from ._report import Reason

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._probe import Probe

#: The hint's wording, keyed by the situation's :class:`Reason`: one Dev Drive (:attr:`Reason.SOLE_DEV_DRIVE`) or
#: several (:attr:`Reason.SEVERAL_DEV_DRIVES`). Each names where the cache is, the Dev Drives, the one setting that
#: moves the cache and the one that stops the message (docs/pip.rst, "The hint").
HINTS = {
    Reason.SOLE_DEV_DRIVE: (
        "{app}'s cache is on {volume}, and {drive} is a Dev Drive; "
        "set {env}={drive} to keep caches there, or {env}=0 to stop this message"
    ),
    Reason.SEVERAL_DEV_DRIVES: (
        "{app}'s cache is on {volume}, and {drives} are Dev Drives; "
        "pick one with {env}={first} to keep caches there, or {env}=0 to stop this message"
    ),
}


def devdrive_hint(
    appname: str,
    current_dir: str | os.PathLike[str],
    *,
    devdrive: bool | str | os.PathLike[str] | None = None,
    explicit: bool = False,
) -> str | None:
    r"""Return one line telling the user how to put the app's cache on a Dev Drive, or ``None``.

    For pip with its cache in ``C:\Users\me\AppData\Local\pip\Cache`` and one Dev Drive ``D:\``, Dev Drive use
    being off by default (one line; wrapped here)::

        pip's cache is on C:\, and D:\ is a Dev Drive; set PLATFORMDIRS_DEVDRIVE=D:\ to keep caches there,
        or PLATFORMDIRS_DEVDRIVE=0 to stop this message

    and with two Dev Drives and none chosen, whether Dev Drive use is on or not::

        pip's cache is on C:\, and D:\, E:\ are Dev Drives; pick one with PLATFORMDIRS_DEVDRIVE=D:\ to keep
        caches there, or PLATFORMDIRS_DEVDRIVE=0 to stop this message

    ``None`` in every other case: not Windows; ``explicit``; ``devdrive`` is ``False`` or a path; the user set
    ``PLATFORMDIRS_DEVDRIVE`` to an off word or a path, or set ``WIN_PD_OVERRIDE_LOCAL_APPDATA``; ``current_dir`` is
    on a Dev Drive already, or detection failed for it; no Dev Drive exists; Dev Drive use is on and there is one
    Dev Drive (the resolution would have used it, so it cannot: :func:`resolve_cache_dir` says why). Detection
    answers are the probe's cached ones. It never raises: any error gives ``None``.

    :param appname: the app's name as the user knows it, e.g. ``pip``; the line starts with it.
    :param current_dir: the cache directory the tool is about to use.
    :param devdrive: what the tool passes as ``devdrive=`` to :func:`user_cache_dir` (``None`` when it follows
        ``PLATFORMDIRS_DEVDRIVE``).
    :param explicit: ``True`` when the user chose ``current_dir`` through the tool's own setting (pip:
        ``--cache-dir``, ``PIP_CACHE_DIR`` or ``cache-dir`` in a config file): never advise against a user's choice.
    """
    try:
        return _hint(appname, current_dir, devdrive, explicit=explicit)
    except Exception:  # noqa: BLE001  # a hint is advice: it must never break the tool that prints it
        return None


def _hint(
    appname: str,
    current_dir: str | os.PathLike[str],
    devdrive: bool | str | os.PathLike[str] | None,
    *,
    explicit: bool,
) -> str | None:
    if explicit or (devdrive is not None and devdrive is not True):
        return None  # the user's (or the tool's) own choice of place: nothing to advise
    state, value = flag_state(read_flag())
    if state == "path" or (state == "off" and value):
        return None  # PLATFORMDIRS_DEVDRIVE names a root, or says no
    probe = _backends.current_probe()
    if not probe.supported or override_in_effect(os.fspath(current_dir), os.environ):
        return None  # not Windows, or the cache is where the user put it (platformdirs' own override)
    volume = _volume_of(os.fspath(current_dir), probe)
    if volume is None:
        return None
    drives = probe.dev_drives()
    fields = {"app": appname, "volume": volume, "env": ENV_VAR}
    if len(drives) > 1:
        return HINTS[Reason.SEVERAL_DEV_DRIVES].format(drives=", ".join(drives), first=drives[0], **fields)
    if len(drives) == 1 and state == "off" and devdrive is None:
        return HINTS[Reason.SOLE_DEV_DRIVE].format(drive=drives[0], **fields)
    return None


def _volume_of(path: str, probe: Probe) -> str | None:
    """Return the root of ``path``'s volume when it is not a Dev Drive; ``None`` when it is one, or unknown."""
    info = probe.volume(probe.volume_root(path))
    return None if info.is_dev_drive or info.error else info.root


__all__ = [
    "HINTS",
    "devdrive_hint",
]
