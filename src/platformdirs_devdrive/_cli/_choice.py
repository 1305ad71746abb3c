r"""The drive Dev Drive use would choose now, and the other questions every command asks of it, creating nothing."""

from __future__ import annotations

import os

from .. import _api, _backends, _safety
from .._flag import ENV_VAR, OVERRIDE_VAR
from .._layout import CACHE_FOLDER, drive_root
from .._policy import Request, resolve
from ._output import CliError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .._probe import Probe
    from .._report import Resolution


def choose_root() -> Resolution:
    r"""Resolve the root Dev Drive use would choose now: the user's ``PLATFORMDIRS_DEVDRIVE``, else the one Dev Drive.

    The policy's own resolution of a cache with no app folder, so its reasons are the ones printed; platformdirs'
    ``WIN_PD_OVERRIDE_LOCAL_APPDATA`` is left out because it moves platformdirs' caches, not other tools'.
    """
    dirs = _api.DevDrivePlatformDirs  # looked up now: the docs' simulated Windows swaps it
    standard = dirs(devdrive=False).user_cache_dir
    windows = bool(getattr(dirs, "_windows", False))
    env = {name: value for name, value in os.environ.items() if name.upper() != OVERRIDE_VAR}
    request = Request("cache", [], standard, windows=windows, ensure_exists=False, anchor=False)  # writes nothing
    return resolve(request, True, env=env, probe=_backends.current_probe())  # noqa: FBT003  # the policy's devdrive=True


def preview(
    kind: str, appname: str, author: str | bool | None, version: str | None, devdrive: bool | None
) -> Resolution:
    """Resolve an app's cache or temp folder as a tool would, except that nothing is created, not even ``.cache``."""
    try:
        dirs = _api.DevDrivePlatformDirs  # looked up now, as in choose_root
        if kind == "cache":
            look = dirs(appname, author, version, devdrive=devdrive)  # type: ignore[arg-type]  # False: no author
        else:
            look = dirs(appname, devdrive=devdrive)  # temp has no author or version folder
        look._anchor = False  # noqa: SLF001  # a diagnostic writes nothing, not even <root>/.cache
        return look.resolve_cache() if kind == "cache" else look.resolve_temp()
    except ValueError as error:  # newer platformdirs refuses names such as ".." itself: here they are user input
        raise CliError(str(error)) from None


def choice(report: Resolution) -> dict[str, object]:
    """Return the JSON fields of the drive choice."""
    data = report.as_dict()
    return {key: data[key] for key in ("root", "on_dev_drive", "source", "code", "reason", "dev_drives")}


def chosen_root(report: Resolution) -> str | None:
    """Return the chosen root, or ``None`` when the choice fell back."""
    return None if report.is_fallback else report.root


def flag_words(value: str | None, state: str) -> str:
    """Say in words what ``PLATFORMDIRS_DEVDRIVE`` holds and so whether Dev Drive use is on."""
    if value is None or not value.strip():
        return f"{ENV_VAR} is not set, so Dev Drive use is off"
    if state == "off":
        return f"{ENV_VAR}={value}, so Dev Drive use is off"
    if state == "on":
        return f"{ENV_VAR}={value}, so Dev Drive use is on"
    return f"{ENV_VAR}={value} names the root for Dev Drive use"


def on_dev_drive(path: str, probe: Probe) -> tuple[bool | None, str | None]:
    """Return whether ``path`` is on a Dev Drive (``None``: unknown) and why it is unknown."""
    try:
        volume = probe.volume(probe.volume_root(path))
    except (OSError, ValueError) as problem:
        return None, f"{type(problem).__name__}: {problem}"
    if volume.error:
        return None, volume.error
    return volume.is_dev_drive, None


def enable_state() -> dict[str, object]:
    """Return whether ``enable`` is in effect and what it changed (``summary``: one line), from its journal."""
    from .._setup import journal  # noqa: PLC0415  # show and doctor only; the library never loads _setup

    return journal.status()


def checked_root(value: str, option: str = "--root") -> str:
    """Return the root the user named, absolute; :class:`CliError` when it is missing, no folder or unsafe."""
    root = os.path.abspath(drive_root(value) if os.name == "nt" else value)
    if not os.path.isdir(root):
        what = "is not a directory" if os.path.lexists(root) else "does not exist"
        msg = f"{option} {value}: {root} {what}"
        raise CliError(msg)
    if problem := _safety.check(root, [CACHE_FOLDER], windows=os.name == "nt", create=False):
        msg = f"{option} {value}: {problem.message}"
        raise CliError(msg)
    return root


__all__ = [
    "checked_root",
    "choice",
    "choose_root",
    "chosen_root",
    "enable_state",
    "flag_words",
    "on_dev_drive",
    "preview",
]
