"""The ``platformdirs-devdrive`` command (also ``python -m platformdirs_devdrive``)."""

from __future__ import annotations

import argparse
import json
import sys

from ._api import resolve_cache_dir, resolve_temp_dir

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._report import Resolution


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="platformdirs-devdrive",
        description="Show where tools' caches and temp files go, and whether a Windows Dev Drive holds them.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    show = commands.add_parser("show", help="the cache and temp directories of an app, with the reasons")
    show.add_argument("appname", nargs="?", default="example-app", help="the app's name (default: %(default)s)")
    show.add_argument("--author", default=None, help="the app's author (Windows layout); default: the app name")
    show.add_argument("--version", default=None, help="the app's version folder")
    show.add_argument("--json", action="store_true", help="print JSON instead of text")
    return parser


def _show(args: argparse.Namespace) -> int:
    reports: dict[str, Resolution] = {
        "cache": resolve_cache_dir(args.appname, args.author, args.version),
        "temp": resolve_temp_dir(args.appname),
    }
    if args.json:
        print(json.dumps({kind: report.as_dict() for kind, report in reports.items()}, indent=2))
        return 0
    for kind, report in reports.items():
        print(f"{kind}: {report.path}")
        print(f"  standard:     {report.standard_path}")
        print(f"  on Dev Drive: {'yes' if report.on_dev_drive else 'no'}")
        print(f"  source:       {report.source}")
        print(f"  reason:       {report.reason}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    if args.command == "show":
        return _show(args)
    return 2  # pragma: no cover  # argparse rejects unknown commands first


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
