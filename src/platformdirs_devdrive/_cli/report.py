"""``report``: write a JSON field report to attach to an issue (its content: ``_fieldreport``)."""

from __future__ import annotations

import json

from . import _output

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

REPORT_FILE = "platformdirs-devdrive-report.json"
"""``report``'s default output file, in the current folder."""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``report [--output FILE]``."""
    report = _output.add_command(
        commands,
        "report",
        run,
        "write a JSON field report to attach to an issue: every backend's answers, versions, pip's folders",
        epilog="the user's profile folder and name are replaced by <home> and <user>; nothing else is written",
    )
    report.add_argument(
        "--output",
        "-o",
        default=REPORT_FILE,
        metavar="FILE",
        help="where to write it (default: %(default)s in the current folder; - for stdout)",
    )


def run(args: argparse.Namespace) -> int:
    """Write the report to ``--output`` (``-``: print it); the one file a diagnostic may write is the one asked for."""
    from .. import _fieldreport  # noqa: PLC0415  # only this command needs it

    text = json.dumps(_fieldreport.build(), indent=2) + "\n"  # ASCII only, as every JSON this command prints
    if args.output == "-":
        _output.out(text.rstrip("\n"))
        return 0
    with open(args.output, "w", encoding="utf-8") as file:
        file.write(text)
    _output.out(f"wrote {args.output}: attach it to your issue (your home folder and user name are replaced)")
    return 0


__all__ = [
    "REPORT_FILE",
    "register",
    "run",
]
