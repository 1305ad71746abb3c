"""``enable``: put every tool's cache on the Dev Drive for good (the engine: ``_setup``, loaded when it runs)."""

from __future__ import annotations

from .. import _tools
from . import _choice, _output

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``enable [ROOT] [--tools NAME,...] [--move] [--dry-run] [--yes] [--json]``."""
    enable = _output.add_command(
        commands,
        "enable",
        run,
        "put every tool's cache on the Dev Drive for good: your user environment, the folders, with --move the files",
        epilog=f"tools: {', '.join(tool.name for tool in _tools.TOOLS)}; exit status: 0 done, 2 error or unfinished",
    )
    enable.add_argument("root", nargs="?", metavar="ROOT", help="the drive or folder (default: the chosen Dev Drive)")
    enable.add_argument(
        "--tools",
        type=_output.tool_list,
        metavar="NAME,...",
        help="only these tools (default: all but those whose variable you set yourself; naming one replaces it)",
    )
    enable.add_argument("--move", action="store_true", help="move each tool's cache files to its new folder")
    changes_options(enable)


def changes_options(parser: argparse.ArgumentParser) -> None:
    """Add the options of a command that changes the user's settings: ``--dry-run``, ``--yes``, ``--json``."""
    parser.add_argument("--dry-run", action="store_true", help="print the plan and change nothing")
    parser.add_argument("--yes", action="store_true", help="do not ask before changing anything")
    _output.json_option(parser)


def run(args: argparse.Namespace) -> int:
    """Plan, ask, then make the settings and folders (and moves) the plan says."""
    from .._setup import commands  # noqa: PLC0415  # only enable and disable load the engine

    return commands.enable(args, _choice.choose_root)


__all__ = [
    "changes_options",
    "register",
    "run",
]
