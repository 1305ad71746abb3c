"""The rollout flag and the choice of drive: data in, :class:`~platformdirs_devdrive.Resolution` out.

The order is the contract (docs/choosing): an explicit path wins; then, for temp, the ``near`` target's Dev Drive and
a standard temp folder already on a Dev Drive; then the one Dev Drive on the machine; else the standard location.
Nothing here raises for the environment, the file system or detection: every problem becomes a reason.
"""

from __future__ import annotations

import ntpath
import os
import sys
import warnings

from . import _layout, _safety, _temp
from ._flag import ENV_VAR, HINT_VAR, OFF_WORDS, ON_WORDS, OVERRIDE_VAR, flag_state
from ._report import Reason, Resolution, Source, explain, trust_note

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._probe import Probe, VolumeInfo

ARGUMENT_ORIGIN = "the devdrive argument"
DETECTION_ORIGIN = "Dev Drive detection"


class DevDriveWarning(UserWarning):
    """``PLATFORMDIRS_DEVDRIVE`` holds a value that is neither a keyword nor a usable path; it was ignored."""


class Request:
    """What is being resolved: the kind, the layout below the root, and the standard location to fall back to.

    For temp, the standard location is ``standard_base`` (:func:`tempfile.gettempdir`) plus ``standard_parts``.
    """

    __slots__ = (
        "anchor",
        "ensure_exists",
        "kind",
        "near",
        "nowhere",
        "parts",
        "standard_base",
        "standard_parts",
        "standard_path",
        "windows",
    )

    def __init__(  # internal record
        self,
        kind: str,
        parts: list[str],
        standard_path: str,
        *,
        windows: bool,
        ensure_exists: bool,
        near: str | None = None,
        standard_base: str = "",
        standard_parts: list[str] | None = None,
        anchor: bool = True,
        nowhere: str = "",
    ) -> None:
        self.kind = kind
        self.parts = parts
        self.standard_path = standard_path
        self.windows = windows
        self.ensure_exists = ensure_exists
        self.near = near
        self.standard_base = standard_base
        self.standard_parts = standard_parts or []
        self.anchor = anchor
        """Make ``<root>/.cache`` owner-only when a root is chosen, even without ``ensure_exists`` (see _safety)."""
        self.nowhere = nowhere
        """Temp only: the path to hand out when no safe folder can be had (``_api.unusable_temp``)."""


def fspath_str(value: str | os.PathLike[str], name: str) -> str:
    """Return ``value`` as a ``str`` path, refusing bytes paths with :class:`TypeError`."""
    path: object = os.fspath(value)  # a PathLike may still hand back bytes
    if not isinstance(path, str):
        msg = f"{name} must be a str path, got {type(path).__name__}"
        raise TypeError(msg)
    return path


def resolve(
    request: Request,
    devdrive: bool | str | os.PathLike[str] | None,
    *,
    env: Mapping[str, str],
    probe: Probe,
) -> Resolution:
    """Resolve one directory. ``devdrive`` is the tool's argument, ``env`` the environment to read the flag from."""
    if devdrive is False:
        return _standard(request, Reason.OFF_BY_ARGUMENT)
    if devdrive is not None and devdrive is not True:
        return _explicit(request, fspath_str(devdrive, "devdrive"), ARGUMENT_ORIGIN, Source.ARGUMENT, probe)
    state, value = flag_state(env.get(ENV_VAR))
    if state == "path":
        return _explicit(request, value, ENV_VAR, Source.ENVIRONMENT, probe)
    if state == "off" and (value or devdrive is None):
        # A user's explicit "no" beats a tool's "yes"; unset leaves the tool's choice (None means off).
        return _standard(request, Reason.OFF_BY_USER if value else Reason.OFF_BY_DEFAULT, value=value)
    return _automatic(request, env, probe)


def _automatic(request: Request, env: Mapping[str, str], probe: Probe) -> Resolution:
    if not probe.supported:
        return _standard(request, Reason.NOT_WINDOWS)
    if request.kind == "cache" and request.windows and (override := override_in_effect(request.standard_path, env)):
        return _standard(request, Reason.OVERRIDDEN, value=override)
    notes: list[str] = []
    if request.kind == "temp":
        if request.near is not None and (volume := _dev_drive_of(request.near, probe, notes)):
            return _place(
                request,
                volume.root,
                DETECTION_ORIGIN,
                Source.NEAR_TARGET,
                Reason.NEAR_TARGET,
                near=request.near,
                trusted=volume.trusted,
            )
        if volume := _dev_drive_of(request.standard_path, probe, notes):
            return _standard_temp_on_dev_drive(request, volume)
    try:
        volumes = probe.volumes()
    except (OSError, ValueError) as error:
        return _standard(request, Reason.DETECTION_FAILED, error=_describe(error))
    found = [volume for volume in volumes if volume.is_dev_drive]
    drives = tuple(volume.root for volume in found)
    if len(found) == 1:
        return _place(
            request,
            drives[0],
            DETECTION_ORIGIN,
            Source.SOLE_DEV_DRIVE,
            Reason.SOLE_DEV_DRIVE,
            dev_drives=drives,
            trusted=found[0].trusted,
        )
    if drives:
        return _standard(
            request,
            Reason.SEVERAL_DEV_DRIVES,
            drives=", ".join(drives),
            env=ENV_VAR,
            first=drives[0],
            dev_drives=drives,
        )
    # A volume that could not be asked might be the Dev Drive: say so, rather than only "none found".
    notes.extend(f"could not check {volume.root}: {volume.error}" for volume in volumes if volume.error)
    if hint := env.get(HINT_VAR, "").strip():
        notes.append(f"{HINT_VAR}={hint} is set but is not a Dev Drive; to use it anyway set {ENV_VAR}={hint}")
    return _standard(request, Reason.NO_DEV_DRIVE, detail=f" ({'; '.join(notes)})" if notes else "")


def override_in_effect(path: str, env: Mapping[str, str]) -> str | None:
    """Return ``WIN_PD_OVERRIDE_LOCAL_APPDATA`` if it is set and ``path`` lies under it, else ``None``.

    Under it, not merely set: platformdirs 4.14+ ignores a value that is not a fully qualified path (4.11 takes any),
    and a setting platformdirs ignored is no choice of the user's to keep.
    """
    override = env.get(OVERRIDE_VAR, "").strip()
    if not override:
        return None
    folder = os.path.normcase(os.path.normpath(override)).rstrip("\\/")
    inside = os.path.normcase(path)
    return override if inside == folder or inside.startswith((f"{folder}\\", f"{folder}/")) else None


def _dev_drive_of(path: str, probe: Probe, notes: list[str]) -> VolumeInfo | None:
    """Return ``path``'s volume if it is a Dev Drive; detection problems become notes, not errors."""
    try:
        volume = probe.volume(probe.volume_root(path))
    except (OSError, ValueError) as error:
        notes.append(f"could not check {path}: {_describe(error)}")
        return None
    if volume.error:
        notes.append(f"could not check {volume.root}: {volume.error}")
    return volume if volume.is_dev_drive else None


def _standard_temp_on_dev_drive(request: Request, volume: VolumeInfo) -> Resolution:
    path, root = request.standard_path, volume.root
    reason = explain(Reason.STANDARD_TEMP, path=path, root=root, trust=trust_note(root, volume.trusted))
    return _finish(request, _report(request, path, Source.STANDARD_TEMP, Reason.STANDARD_TEMP, reason, root=root))


def _explicit(request: Request, value: str, origin: str, source: Source, probe: Probe) -> Resolution:
    root, problem = _clean_root(value, origin, windows=request.windows)
    if problem is None:
        problem = _root_problem(root, origin)
    if problem is not None:
        return _refused(request, source, *problem)
    detail = ""
    on_dev_drive = False
    trusted = None
    if not probe.supported:
        detail = " (not Windows)"
    else:
        try:
            volume = probe.volume(probe.volume_root(root))
        except (OSError, ValueError) as error:
            detail = f" (detection failed: {_describe(error)})"
        else:
            on_dev_drive, trusted = volume.is_dev_drive, volume.trusted
            detail = f" (detection failed: {volume.error})" if volume.error else ""
    code = Reason.CHOSEN_DEV_DRIVE if on_dev_drive else Reason.CHOSEN_NOT_DEV_DRIVE
    return _place(request, root, origin, source, code, on_dev_drive=on_dev_drive, detail=detail, trusted=trusted)


def _clean_root(value: str, origin: str, *, windows: bool) -> tuple[str, tuple[Reason, dict[str, str]] | None]:
    if not value:
        return value, (Reason.ROOT_INVALID, {"origin": origin, "error": "empty path"})
    if "\0" in value:
        return value, (Reason.ROOT_INVALID, {"origin": origin, "error": "it contains a NUL character"})
    if windows:
        value = _layout.drive_root(value)
        # (A simulated Windows world on POSIX mixes D:\ with real /tmp/... folders: those stay absolute.)
        if (os.name == "nt" or not os.path.isabs(value)) and (problem := _per_process_form(value)):
            return value, (Reason.ROOT_INVALID, {"origin": origin, "error": problem})
    if ".." in value.replace("\\", "/").split("/"):
        # The kernel resolves ".." after following a link, the checks would do it as text: two different folders.
        return value, (
            Reason.ROOT_INVALID,
            {"origin": origin, "error": f"{value} goes through '..'; name the folder directly"},
        )
    if not _layout.is_absolute(value, windows=windows):
        if origin == ENV_VAR:  # a relative root would move with the working directory: cache misses
            return value, (Reason.ROOT_RELATIVE, {"origin": origin, "root": value})
        value = os.path.abspath(value)
    return value, None


def _per_process_form(value: str) -> str | None:
    r"""Why a Windows root means another folder in each process (``D:work``, ``\work``), or ``None``.

    Each process keeps a current folder per drive and a current drive ("Naming Files, Paths, and Namespaces",
    "Fully qualified vs. relative paths"): ``D:work`` is relative to the one of ``D:``, ``\work`` lies on the current
    drive. Made absolute, either would be a different folder for the next process, so the cache would move.
    """
    drive, rest = ntpath.splitdrive(value)
    rooted = rest[:1] in {"\\", "/"}
    if drive[1:2] == ":" and not rooted:
        return (
            f"{value} is relative to the current folder of {drive}, which differs between processes; "
            f"write {drive}\\{rest}"
        )
    if not drive and rooted:
        return f"{value} lies on whichever drive is current in each process; name the drive, e.g. C:{value}"
    return None


def _root_problem(root: str, origin: str) -> tuple[Reason, dict[str, str]] | None:
    try:
        if not os.path.isdir(root):
            code = Reason.ROOT_NOT_DIRECTORY if os.path.lexists(root) else Reason.ROOT_MISSING
            return code, {"origin": origin, "root": root}
    except (OSError, ValueError) as error:  # isdir swallows most errors; be sure
        return Reason.ROOT_INVALID, {"origin": origin, "error": _describe(error)}
    return None


def _place(  # the last step of every resolution that found a root
    request: Request,
    root: str,
    origin: str,
    source: Source,
    code: Reason,
    *,
    dev_drives: tuple[str, ...] = (),
    on_dev_drive: bool = True,
    detail: str = "",
    near: str | None = None,
    trusted: bool | None = None,
) -> Resolution:
    path = _layout.on_root(root, request.parts, windows=request.windows)
    problem = _safety.check(
        root,
        [_layout.CACHE_FOLDER, *request.parts],
        windows=request.windows,
        create=request.ensure_exists,
        anchor=request.anchor,
    )
    if problem is not None:
        fields = {"origin": origin, "root": root, "path": path, "error": problem.message}
        return _refused(request, source, problem.code, fields, dev_drives)
    trust = trust_note(root, trusted) if on_dev_drive else ""
    reason = explain(code, origin=origin, root=root, detail=detail, near=near, path=path, trust=trust)
    return _report(request, path, source, code, reason, root=root, on_dev_drive=on_dev_drive, dev_drives=dev_drives)


def _refused(
    request: Request,
    source: Source,
    code: Reason,
    fields: dict[str, str],
    dev_drives: tuple[str, ...] = (),
) -> Resolution:
    report = _standard(request, code, dev_drives=dev_drives, **fields)
    if source is Source.ENVIRONMENT:
        # The user set the variable and it does not take effect: say so where they will see it.
        _warn(f"{ENV_VAR} ignored, {report.reason}")
    return report


def _standard(request: Request, code: Reason, dev_drives: tuple[str, ...] = (), **fields: str) -> Resolution:
    reason = explain(code, **fields)
    return _finish(
        request, _report(request, request.standard_path, Source.FALLBACK, code, reason, dev_drives=dev_drives)
    )


def _finish(request: Request, report: Resolution) -> Resolution:
    """Check the standard temp folder (made owner-only unless previewing); the cache's standard one is platformdirs'."""
    if request.kind != "temp":
        return report
    base = request.standard_base
    # A temp folder that is not there (a simulated D:\\tmp; none usable at all) is nothing to judge, as a root is not.
    create = request.ensure_exists or (request.anchor and os.path.isdir(base))
    problem = _temp.standard_problem(base, request.standard_parts, create=create)
    if problem is None:
        return report
    stand_in, using = _temp.stand_in(request.standard_parts, create=create, nowhere=request.nowhere)
    code = Reason.STANDARD_TEMP_UNUSABLE
    reason = explain(code, using=using, path=report.path, error=problem.message)
    return _report(request, stand_in, Source.FALLBACK, code, reason, dev_drives=report.dev_drives)


def _report(  # every field of the report
    request: Request,
    path: str,
    source: Source,
    code: Reason,
    reason: str,
    *,
    root: str | None = None,
    on_dev_drive: bool | None = None,
    dev_drives: tuple[str, ...] = (),
) -> Resolution:
    return Resolution(
        kind=request.kind,
        path=path,
        standard_path=request.standard_path,
        on_dev_drive=root is not None if on_dev_drive is None else on_dev_drive,
        root=root,
        source=source,
        code=code,
        reason=reason,
        dev_drives=dev_drives,
    )


def _warn(message: str) -> None:
    # Point the warning at the caller's line, however deep in this package the resolution ran.
    package = os.path.dirname(__file__)
    frame = sys._getframe(0)  # noqa: SLF001  # the cheap way to find the first frame outside the package
    level = 1
    while frame.f_back is not None and frame.f_code.co_filename.startswith(package):
        frame = frame.f_back
        level += 1
    try:
        warnings.warn(message, DevDriveWarning, stacklevel=level)
    except Exception:  # noqa: BLE001  # -W error / filterwarnings=error: a directory lookup must still answer
        # Shown instead of raised: the user still learns why (stderr, or pytest's warnings summary, which replaces
        # showwarning), and the tool that asked for its cache folder still starts. The reason is in the report too.
        try:
            warnings.showwarning(message, DevDriveWarning, frame.f_code.co_filename, frame.f_lineno)
        except Exception:  # noqa: BLE001  # a broken stderr: the reason in the report is all there is
            return


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


__all__ = [
    "ARGUMENT_ORIGIN",
    "DETECTION_ORIGIN",
    "ENV_VAR",
    "HINT_VAR",
    "OFF_WORDS",
    "ON_WORDS",
    "OVERRIDE_VAR",
    "DevDriveWarning",
    "Request",
    "flag_state",
    "override_in_effect",
    "resolve",
]
