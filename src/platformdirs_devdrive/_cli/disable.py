"""``disable``: undo ``enable`` exactly, from its journal (the engine: ``_setup``, loaded when it runs)."""

from __future__ import annotations

from . import _output, enable

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``disable [--move] [--dry-run] [--yes] [--json]``."""
    disable = _output.add_command(
        commands,
        "disable",
        run,
        "undo enable: put back every variable as it was, from the journal; with --move bring the caches back",
        epilog="exit status: 0 done, 2 error or unfinished",
    )
    disable.add_argument("--move", action="store_true", help="move the caches' files back to where they were")
    enable.changes_options(disable)


def run(args: argparse.Namespace) -> int:
    """Put back every variable and profile as the journal says they were (and with ``--move`` the caches)."""
    from .._setup import commands  # noqa: PLC0415  # only enable and disable load the engine

    return commands.disable(args)


__all__ = [
    "register",
    "run",
]
