"""What every command prints with: one-line errors, text lines, JSON, tables; argparse's helpers for the parsers."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys

from .. import _tools

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

PROG = "platformdirs-devdrive"
USAGE_ERROR = 2
"""Exit status for a usage error (argparse's own) and for every other error."""


class CliError(Exception):
    """An error to report in one line, with exit status 2."""


def out(text: str = "") -> None:
    """Print one line of text output."""
    print(text)


def note(text: str) -> None:
    """Print a note for the reader on standard error, where it stays out of output meant for a program."""
    print(f"{PROG}: note: {text}", file=sys.stderr)


def print_json(data: Mapping[str, object]) -> None:
    """Print ``data`` as indented JSON."""
    print(json.dumps(data, indent=2))  # ASCII only: any console can print it, any parser read it


def table(header: list[str], rows: list[list[str]]) -> None:
    """Print ``rows`` in columns under ``header``."""
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    for row in [header, *rows]:
        out("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


def yes_no(value: bool) -> str:
    """Return ``yes`` or ``no``."""
    return "yes" if value else "no"


def utf8_stdout() -> None:
    """Make standard output UTF-8 with LF line ends, for output that is a file (``$GITHUB_ENV``, a ``.env``)."""
    # A file form's readers expect UTF-8 whatever the console's code page, and LF line ends: a POSIX shell sourcing a
    # .env file written with CRLF would keep each \r in the value. reconfigure() exists on real streams only.
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(encoding="utf-8", newline="\n")


# --- argparse -------------------------------------------------------------------------------------------------------


def add_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    handler: Callable[[argparse.Namespace], int],
    summary: str,
    epilog: str | None = None,
) -> argparse.ArgumentParser:
    """Add the subcommand ``name``, run by ``handler``; ``summary`` is its one-line help."""
    parser = commands.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".", epilog=epilog)
    parser.set_defaults(handler=handler)
    return parser


def json_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--json``."""
    parser.add_argument("--json", action="store_true", help="print JSON instead of text (keys: see the docs)")


def tool_list(value: str) -> list[_tools.Tool]:
    """Parse ``--tools NAME,...`` into the tools' entries, in table order; argparse reports an unknown name."""
    try:
        found = _tools.find(value.split(","))
    except KeyError as error:
        known = ", ".join(tool.name for tool in (*_tools.TOOLS, *_tools.OPT_IN_TOOLS))
        msg = f"unknown tool {error.args[0]} (known: {known})"
        raise argparse.ArgumentTypeError(msg) from None
    if not found:
        msg = "name at least one tool"
        raise argparse.ArgumentTypeError(msg)
    return found


__all__ = [
    "PROG",
    "USAGE_ERROR",
    "CliError",
    "add_command",
    "json_option",
    "note",
    "out",
    "print_json",
    "table",
    "tool_list",
    "utf8_stdout",
    "yes_no",
]
