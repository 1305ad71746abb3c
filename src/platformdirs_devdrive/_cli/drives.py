"""``drives``: every volume the probe sees, and which one Dev Drive use would choose."""

from __future__ import annotations

from .. import _backends
from . import _choice, _output

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from .._probe import VolumeInfo


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``drives [--json]``."""
    drives = _output.add_command(commands, "drives", run, "every volume the probe sees, and which one would be chosen")
    _output.json_option(drives)


def run(args: argparse.Namespace) -> int:
    """Print the volumes, the choice and its reason, and how to trust an untrusted Dev Drive."""
    probe = _backends.current_probe()
    error = None
    try:
        roots = probe.roots()
    except (OSError, ValueError) as problem:  # the policy reports it too, as detection-failed
        roots, error = [], f"{type(problem).__name__}: {problem}"
    volumes = [probe.volume(root) for root in roots]
    choice = _choice.choose_root()
    if args.json:
        _output.print_json(
            {
                "probe": probe.name,
                "windows": probe.supported,
                "volumes": [volume.as_dict() for volume in volumes],
                "error": error,
                "chosen": _choice.choice(choice),
            }
        )
        return 0
    out = _output.out
    out(f"probe: {probe.name} ({'Windows' if probe.supported else 'not Windows: no volume can be a Dev Drive'})")
    if error:
        out(f"listing the volumes failed: {error}")
    elif not volumes:
        out("no volumes listed")
    else:
        yes_no = _output.yes_no
        _output.table(
            ["ROOT", "FILESYSTEM", "DEV DRIVE", "TRUSTED", "ERROR"],
            [[v.root, v.filesystem or "?", yes_no(v.is_dev_drive), _trusted(v), v.error or ""] for v in volumes],
        )
    out(f"chosen: {_choice.chosen_root(choice) or 'none'}")
    out(f"  reason: {choice.reason}")
    for volume in volumes:
        if volume.is_dev_drive and volume.trusted is False:
            drive = volume.root.rstrip("\\")  # fsutil takes "E:", not "E:\\"
            out(
                f"note: {volume.root} is not trusted, so Defender scans it synchronously; to trust it (as an "
                f"administrator): fsutil devdrv trust {drive}"
            )
    return 0


def _trusted(volume: VolumeInfo) -> str:
    if not volume.is_dev_drive or volume.trusted is None:
        return "-"
    return _output.yes_no(volume.trusted)


__all__ = [
    "register",
    "run",
]
