"""``show``: an app's cache and temp dirs, now and with Dev Drive use on, and why."""

from __future__ import annotations

from .._flag import ENV_VAR, flag_state, read_flag
from . import _choice, _output

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from .._report import Resolution


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``show APPNAME [--author A | --no-author] [--version V] [--json]``."""
    show = _output.add_command(
        commands, "show", run, "an app's cache and temp dirs, now and with Dev Drive use on, and why"
    )
    show.add_argument(
        "appname", nargs="?", default="example-app", metavar="APPNAME", help="the app's name (default: %(default)s)"
    )
    author = show.add_mutually_exclusive_group()
    author.add_argument("--author", default=None, help="the app's author (Windows layout); default: the app name")
    author.add_argument(
        "--no-author", dest="author", action="store_false", help="no author folder (appauthor=False, as pip asks)"
    )
    show.add_argument("--version", default=None, help="the app's version folder")
    show.set_defaults(author=None)
    _output.json_option(show)


def run(args: argparse.Namespace) -> int:
    """Print both resolutions of both directories; create nothing."""
    reports: dict[str, dict[str, Resolution]] = {}
    for kind in ("cache", "temp"):
        reports[kind] = {
            "current": _choice.preview(kind, args.appname, args.author, args.version, None),
            "on": _choice.preview(kind, args.appname, args.author, args.version, devdrive=True),
        }
    value = read_flag()
    state = flag_state(value)[0]
    if args.json:
        _output.print_json(
            {
                "appname": args.appname,
                "appauthor": args.author,
                "version": args.version,
                "flag": {"name": ENV_VAR, "value": value, "state": state},
                "enable": _choice.enable_state(),
                **{kind: {when: r.as_dict() for when, r in pair.items()} for kind, pair in reports.items()},
            }
        )
        return 0
    out = _output.out
    out(f"{args.appname}: {_choice.flag_words(value, state)}")
    out(str(_choice.enable_state()["summary"]))
    out(f'"now" is what tools that follow {ENV_VAR} get; "turned on" is with {ENV_VAR}=auto or devdrive=True')
    for kind, pair in reports.items():
        out()
        out(kind)
        out(f"  standard:        {pair['current'].standard_path}")
        for label, report in (("now:", pair["current"]), ("turned on:", pair["on"])):
            out(f"  {label:<16} {report.path}")
            out(f"    on Dev Drive:  {_output.yes_no(report.on_dev_drive)}")
            out(f"    source:        {report.source}")
            out(f"    reason:        {report.reason}")
    return 0


__all__ = [
    "register",
    "run",
]
