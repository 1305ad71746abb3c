r"""The ``platformdirs-devdrive`` command (also ``python -m platformdirs_devdrive``).

``show`` reports an app's cache and temp dirs, ``drives`` the volumes and the drive Dev Drive use would choose,
``doctor`` where other tools' caches are and how to move them, ``env`` the settings that move them; ``enable`` makes
those settings for the user (and moves the caches), ``disable`` undoes it (their engine: ``_setup``). Every verdict is
a :class:`~platformdirs_devdrive.Resolution` or :class:`~platformdirs_devdrive.VolumeInfo`, printed with the
package's own reasons. Exit status: 0 done, 1 (``doctor`` only) some cache could be on the Dev Drive, 2 usage or
any other error; never a traceback. argparse and json are imported here only: ``import platformdirs_devdrive`` does
not load this module.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import warnings

from . import __devdrive_version__, _api, _probe, _safety, _shells, _tools
from ._api import read_flag
from ._layout import CACHE_FOLDER, drive_root, path_module
from ._policy import OVERRIDE_VAR, DevDriveWarning, Request, flag_state, resolve
from ._report import ENV_VAR

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from ._probe import Probe, VolumeInfo
    from ._report import Resolution

PROG = "platformdirs-devdrive"
DOCTOR_SLOWER = 1
"""``doctor``'s exit status when some cache is not on a Dev Drive although one is there to move it to."""
USAGE_ERROR = 2
"""Exit status for a usage error (argparse's own) and for every other error."""


class CliError(Exception):
    """An error to report in one line, with exit status 2."""


# --- arguments ------------------------------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Show where tools' caches and temp files go, and whether a Windows Dev Drive holds them.",
        epilog="exit status: 0 done; 1 doctor found a cache that could be on the Dev Drive; 2 usage or other error",
        allow_abbrev=False,
    )
    parser.add_argument(
        "-V",
        "--version",
        action="version",
        version=f"%(prog)s {__devdrive_version__} (Python {sys.version.split()[0]})",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    show = _command(commands, "show", _show, "an app's cache and temp dirs, now and with Dev Drive use on, and why")
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
    _json_option(show)

    drives = _command(commands, "drives", _drives, "every volume the probe sees, and which one would be chosen")
    _json_option(drives)

    doctor = _command(
        commands,
        "doctor",
        _doctor,
        "where common tools' caches are, whether on a Dev Drive, and the command that moves each",
        epilog="exit status: 0 nothing to move (or no Dev Drive to move to); 1 some cache could be on the Dev Drive; "
        "2 error",
    )
    _json_option(doctor)

    env = _command(
        commands,
        "env",
        _env,
        "the environment settings that put common tools' caches on the Dev Drive",
        epilog=f"tools: {', '.join(tool.name for tool in _tools.TOOLS)}",
    )
    env.add_argument("--root", help="the drive or folder to use (default: the chosen Dev Drive)")
    env.add_argument(
        "--shell",
        choices=_shells.SHELLS,
        help="the syntax to print (default: powershell on Windows, bash elsewhere)",
    )
    env.add_argument(
        "--tools", type=_tool_list, metavar="NAME,...", help="only these tools (default: all; see the list below)"
    )
    _setup_commands(commands)
    return parser


def _setup_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``enable`` and ``disable``; their engine is the ``_setup`` package, imported when one of them runs."""
    enable = _command(
        commands,
        "enable",
        _enable,
        "put every tool's cache on the Dev Drive for good: your user environment, the folders, with --move the files",
        epilog=f"tools: {', '.join(tool.name for tool in _tools.TOOLS)}; exit status: 0 done, 2 error or unfinished",
    )
    enable.add_argument("root", nargs="?", metavar="ROOT", help="the drive or folder (default: the chosen Dev Drive)")
    enable.add_argument(
        "--tools",
        type=_tool_list,
        metavar="NAME,...",
        help="only these tools (default: all but those whose variable you set yourself; naming one replaces it)",
    )
    enable.add_argument("--move", action="store_true", help="move each tool's cache files to its new folder")
    disable = _command(
        commands,
        "disable",
        _disable,
        "undo enable: put back every variable as it was, from the journal; with --move bring the caches back",
        epilog="exit status: 0 done, 2 error or unfinished",
    )
    disable.add_argument("--move", action="store_true", help="move the caches' files back to where they were")
    for parser in (enable, disable):
        parser.add_argument("--dry-run", action="store_true", help="print the plan and change nothing")
        parser.add_argument("--yes", action="store_true", help="do not ask before changing anything")
        _json_option(parser)


def _enable(args: argparse.Namespace) -> int:
    from ._setup import commands  # noqa: PLC0415  # only enable/disable load the engine

    return commands.enable(args, choose_root)


def _disable(args: argparse.Namespace) -> int:
    from ._setup import commands  # noqa: PLC0415  # only enable/disable load the engine

    return commands.disable(args)


def _enable_state() -> dict[str, object]:
    from ._setup import journal  # noqa: PLC0415  # show and doctor only

    return journal.status()


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    handler: Callable[[argparse.Namespace], int],
    summary: str,
    epilog: str | None = None,
) -> argparse.ArgumentParser:
    parser = commands.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".", epilog=epilog)
    parser.set_defaults(handler=handler)
    return parser


def _json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of text (keys: see the docs)")


def _tool_list(value: str) -> list[_tools.Tool]:
    try:
        found = _tools.find(value.split(","))
    except KeyError as error:
        known = ", ".join(tool.name for tool in _tools.TOOLS)
        msg = f"unknown tool {error.args[0]} (known: {known})"
        raise argparse.ArgumentTypeError(msg) from None
    if not found:
        msg = "name at least one tool"
        raise argparse.ArgumentTypeError(msg)
    return found


# --- the drive choice -----------------------------------------------------------------------------------------------


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
    return resolve(request, True, env=env, probe=_probe.current_probe())  # noqa: FBT003  # the policy's devdrive=True


def _choice(report: Resolution) -> dict[str, object]:
    data = report.as_dict()
    return {key: data[key] for key in ("root", "on_dev_drive", "source", "code", "reason", "dev_drives")}


def _chosen_root(report: Resolution) -> str | None:
    return None if report.is_fallback else report.root


# --- show -----------------------------------------------------------------------------------------------------------


def _show(args: argparse.Namespace) -> int:
    reports: dict[str, dict[str, Resolution]] = {}
    for kind in ("cache", "temp"):
        reports[kind] = {"current": _resolve(kind, args, None), "on": _resolve(kind, args, devdrive=True)}
    value = read_flag()
    state = flag_state(value)[0]
    if args.json:
        _print_json(
            {
                "appname": args.appname,
                "appauthor": args.author,
                "version": args.version,
                "flag": {"name": ENV_VAR, "value": value, "state": state},
                "enable": _enable_state(),
                **{kind: {when: r.as_dict() for when, r in pair.items()} for kind, pair in reports.items()},
            }
        )
        return 0
    _out(f"{args.appname}: {_flag_words(value, state)}")
    _out(str(_enable_state()["summary"]))
    _out(f'"now" is what tools that follow {ENV_VAR} get; "turned on" is with {ENV_VAR}=auto or devdrive=True')
    for kind, pair in reports.items():
        _out()
        _out(kind)
        _out(f"  standard:        {pair['current'].standard_path}")
        for label, report in (("now:", pair["current"]), ("turned on:", pair["on"])):
            _out(f"  {label:<16} {report.path}")
            _out(f"    on Dev Drive:  {_yes_no(report.on_dev_drive)}")
            _out(f"    source:        {report.source}")
            _out(f"    reason:        {report.reason}")
    return 0


def _resolve(kind: str, args: argparse.Namespace, devdrive: bool | None) -> Resolution:
    try:
        dirs = _api.DevDrivePlatformDirs  # looked up now, as in choose_root
        if kind == "cache":
            preview = dirs(args.appname, args.author, args.version, devdrive=devdrive)
        else:
            preview = dirs(args.appname, devdrive=devdrive)  # temp has no author or version folder
        preview._anchor = False  # noqa: SLF001  # a diagnostic writes nothing, not even <root>/.cache
        return preview.resolve_cache_dir() if kind == "cache" else preview.resolve_temp_dir()
    except ValueError as error:  # newer platformdirs refuses names such as ".." itself: here they are user input
        raise CliError(str(error)) from None


def _flag_words(value: str | None, state: str) -> str:
    if value is None or not value.strip():
        return f"{ENV_VAR} is not set, so Dev Drive use is off"
    if state == "off":
        return f"{ENV_VAR}={value}, so Dev Drive use is off"
    if state == "on":
        return f"{ENV_VAR}={value}, so Dev Drive use is on"
    return f"{ENV_VAR}={value} names the root for Dev Drive use"


# --- drives ---------------------------------------------------------------------------------------------------------


def _drives(args: argparse.Namespace) -> int:
    probe = _probe.current_probe()
    error = None
    try:
        roots = probe.roots()
    except (OSError, ValueError) as problem:  # the policy reports it too, as detection-failed
        roots, error = [], f"{type(problem).__name__}: {problem}"
    volumes = [probe.volume(root) for root in roots]
    choice = choose_root()
    if args.json:
        _print_json(
            {
                "probe": probe.name,
                "windows": probe.supported,
                "volumes": [volume.as_dict() for volume in volumes],
                "error": error,
                "chosen": _choice(choice),
            }
        )
        return 0
    _out(f"probe: {probe.name} ({'Windows' if probe.supported else 'not Windows: no volume can be a Dev Drive'})")
    if error:
        _out(f"listing the volumes failed: {error}")
    elif not volumes:
        _out("no volumes listed")
    else:
        _table(
            ["ROOT", "FILESYSTEM", "DEV DRIVE", "TRUSTED", "ERROR"],
            [[v.root, v.filesystem or "?", _yes_no(v.is_dev_drive), _trusted(v), v.error or ""] for v in volumes],
        )
    _out(f"chosen: {_chosen_root(choice) or 'none'}")
    _out(f"  reason: {choice.reason}")
    for volume in volumes:
        if volume.is_dev_drive and volume.trusted is False:
            drive = volume.root.rstrip("\\")  # fsutil takes "E:", not "E:\\"
            _out(
                f"note: {volume.root} is not trusted, so Defender scans it synchronously; to trust it (as an "
                f"administrator): fsutil devdrv trust {drive}"
            )
    return 0


def _trusted(volume: VolumeInfo) -> str:
    if not volume.is_dev_drive or volume.trusted is None:
        return "-"
    return _yes_no(volume.trusted)


# --- doctor ---------------------------------------------------------------------------------------------------------

ON_DEV_DRIVE = "on-dev-drive"
IN_PLACE = "in-place"
MOVABLE = "movable"
NO_TARGET = "no-target"
UNKNOWN = "unknown"
_STATUS_WORDS = {
    ON_DEV_DRIVE: "on a Dev Drive",
    IN_PLACE: "already on the chosen root",
    MOVABLE: "not on a Dev Drive",
    NO_TARGET: "not on a Dev Drive",
    UNKNOWN: "not known whether on a Dev Drive",
}


def _doctor(args: argparse.Namespace) -> int:
    platform = _tools.current_platform()
    places = _tools.Places(platform, os.environ)
    probe = _probe.current_probe()
    choice = choose_root()
    root = _chosen_root(choice)
    shell = _command_shell(platform)
    rows = [
        _diagnose(tool, setting, places=places, probe=probe, root=root, shell=shell)
        for tool in _tools.TOOLS
        if tool.name != _tools.ENV_VAR_TOOL
        for setting in tool.settings
    ]
    statuses = [row["status"] for row in rows]
    slower = MOVABLE in statuses or (NO_TARGET in statuses and bool(choice.dev_drives))
    status = DOCTOR_SLOWER if slower else 0
    value = read_flag()
    flag = {"name": ENV_VAR, "value": value, "state": flag_state(value)[0], "command": None}
    if root is not None and flag["state"] == "off":
        flag["command"] = "; ".join(_lines(shell, _tools.FLAG, root, platform))
    if args.json:
        _print_json(
            {
                "chosen": _choice(choice),
                "flag": flag,
                "enable": _enable_state(),
                "shell": shell,
                "caches": rows,
                "exit_status": status,
            }
        )
        return status
    _out(f"Dev Drive: {root or 'none'}")
    _out(f"  reason: {choice.reason}")
    if root is not None:
        _out(f"commands are for {_SHELL_NAMES[shell]}; a tool's old cache stays where it is (delete or move it)")
    for row in rows:
        _out()
        _out(f"{row['tool']} ({row['variable']})")
        if row["path"]:
            _out(f"  now:   {row['path']} [{row['source']}], {_STATUS_WORDS[str(row['status'])]}")
        else:
            _out("  now:   unknown (not set, and the tool's default location could not be found)")
        if row["error"]:
            _out(f"  error: {row['error']}")
        if row["command"]:
            _out(f"  move:  {row['command']}")
        if row["problem"]:
            _out(f"  note:  {row['problem']}")
    _out()
    _out(_flag_words(value, str(flag["state"])) + (f"; to turn it on: {flag['command']}" if flag["command"] else ""))
    _out(str(_enable_state()["summary"]))
    counts = {word: statuses.count(word) for word in (ON_DEV_DRIVE, IN_PLACE, MOVABLE, NO_TARGET, UNKNOWN)}
    _out(
        f"{counts[ON_DEV_DRIVE] + counts[IN_PLACE]} of {len(rows)} caches in place, "
        f"{counts[MOVABLE] + counts[NO_TARGET]} not on a Dev Drive, {counts[UNKNOWN]} unknown (exit status {status})"
    )
    return status


_SHELL_NAMES = {"powershell-setx": "PowerShell (setx: new shells only)", "bash": "bash (add them to your profile)"}


def _command_shell(platform: str) -> str:
    return "powershell-setx" if platform == _tools.WINDOWS else "bash"


def _diagnose(  # one row of the doctor's report
    tool: _tools.Tool,
    setting: _tools.Setting,
    *,
    places: _tools.Places,
    probe: Probe,
    root: str | None,
    shell: str,
) -> dict[str, object]:
    found = setting.current(os.environ)
    path: str | None
    if found is not None:
        (variable, path), source = found, "environment"
    else:
        variable, path = setting.name, setting.default(places)
        source = "default" if path is not None else "unknown"
    on_dev_drive, error = (None, None) if path is None else _on_dev_drive(path, probe)
    if path is None or on_dev_drive is None:
        status = UNKNOWN
    elif on_dev_drive:
        status = ON_DEV_DRIVE
    elif root is not None and _inside(path, root, places.platform):
        status = IN_PLACE
    else:
        status = MOVABLE if root is not None else NO_TARGET
    command = problem = target = None
    if status == MOVABLE and root is not None:
        target = setting.target(root, places.platform)
        problem = _target_problem(setting, target)
        if problem is None:
            try:
                command = "; ".join(_lines(shell, setting, root, places.platform))
            except _shells.Unquotable as why:
                problem = str(why)
    return {
        "tool": tool.name,
        "variable": variable,
        "variables": list(setting.names),
        "path": path,
        "source": source,
        "on_dev_drive": on_dev_drive,
        "error": error,
        "status": status,
        "target": target,
        "command": command,
        "problem": problem,
    }


def _on_dev_drive(path: str, probe: Probe) -> tuple[bool | None, str | None]:
    try:
        volume = probe.volume(probe.volume_root(path))
    except (OSError, ValueError) as problem:
        return None, f"{type(problem).__name__}: {problem}"
    if volume.error:
        return None, volume.error
    return volume.is_dev_drive, None


def _inside(path: str, root: str, platform: str) -> bool:
    module = path_module(windows=platform == _tools.WINDOWS)
    base = module.normcase(module.normpath(root))
    here = module.normcase(module.normpath(path))
    return bool(here == base or here.startswith(base.rstrip(module.sep) + module.sep))


def _target_problem(setting: _tools.Setting, target: str) -> str | None:
    """Why the tool cannot be given ``target`` at all (whatever the shell), or ``None``."""
    return _tools.target_problem(setting, target)


def _lines(shell: str, setting: _tools.Setting, root: str, platform: str) -> list[str]:
    """Return the lines that point ``setting`` at ``root`` in ``shell``; :class:`~._shells.Unquotable` if impossible."""
    target = setting.target(root, platform)
    value = setting.value(target, os.environ)
    lines = [_shells.make_directory(shell, target)] if setting.must_exist else []
    lines += [_shells.assignment(shell, name, value) for name in setting.names]
    return lines


# --- env ------------------------------------------------------------------------------------------------------------


_ENV_HEADERS = {
    "cmd": "a batch file: save it as a .cmd file and run it with call",
    "powershell-setx": "setx writes your user environment; it applies to shells started afterwards, not to this one",
}


def _env(args: argparse.Namespace) -> int:
    platform = _tools.current_platform()
    shell = args.shell or ("powershell" if platform == _tools.WINDOWS else "bash")
    root, why = _env_root(args.root)
    lines, values, notes = _env_settings(args.tools or _tools.TOOLS, shell, root, platform)
    if shell == "json":
        _print_json(values)
        for note in notes:
            print(f"{PROG}: note: {note}", file=sys.stderr)
        return 0
    cache = path_module(windows=platform == _tools.WINDOWS).join(root, CACHE_FOLDER)
    header = [f"{PROG} env: tool caches under {cache}", why]
    if shell in _ENV_HEADERS:
        header.append(_ENV_HEADERS[shell])
    for line in [*(_shells.comment(shell, text) for text in header), *lines]:
        _out(line)
    return 0


def _env_settings(
    tools: Sequence[_tools.Tool], shell: str, root: str, platform: str
) -> tuple[list[str], dict[str, str], list[str]]:
    """Return the lines of ``shell`` (comments included), the values by variable, and notes for JSON's stderr."""
    lines: list[str] = []
    values: dict[str, str] = {}
    notes: list[str] = []
    for tool in tools:
        lines.append(_shells.comment(shell, tool.title + (f": {tool.note}" if tool.note else "")))
        for setting in tool.settings:
            target = setting.target(root, platform)
            if problem := _target_problem(setting, target):
                lines.append(_shells.comment(shell, f"skipped {setting.name}: {problem}"))
                notes.append(f"skipped {setting.name}: {problem}")
                continue
            if setting.note:
                lines.append(_shells.comment(shell, setting.note))
            if setting.must_exist:
                notes.append(f"{setting.name} must name an existing folder: create {target}")
            if shell != "json":
                lines += _lines(shell, setting, root, platform)
            values.update(dict.fromkeys(setting.names, setting.value(target, os.environ)))
    return lines, values, notes


def _env_root(value: str | None) -> tuple[str, str]:
    """Return the root ``env`` writes for (``--root``, else the chosen one) and a line saying why."""
    if value is not None:
        root = _checked_root(value)
        dev_drive, error = _on_dev_drive(root, _probe.current_probe())
        if dev_drive is None:
            return root, f"{root} was named with --root; whether it is a Dev Drive is unknown ({error})"
        return root, f"{root} was named with --root; it is {'a' if dev_drive else 'not a'} Dev Drive"
    choice = choose_root()
    chosen = _chosen_root(choice)
    if chosen is None:
        msg = f"no Dev Drive chosen ({choice.reason}); name a drive or folder with --root"
        raise CliError(msg)
    return chosen, f"{chosen}: {choice.reason}"


def _checked_root(value: str) -> str:
    root = os.path.abspath(drive_root(value) if os.name == "nt" else value)
    if not os.path.isdir(root):
        what = "is not a directory" if os.path.lexists(root) else "does not exist"
        msg = f"--root {value}: {root} {what}"
        raise CliError(msg)
    if problem := _safety.check(root, [CACHE_FOLDER], windows=os.name == "nt", create=False):
        msg = f"--root {value}: {problem.message}"
        raise CliError(msg)
    return root


# --- output ---------------------------------------------------------------------------------------------------------


def _out(text: str = "") -> None:
    print(text)


def _print_json(data: Mapping[str, object]) -> None:
    print(json.dumps(data, indent=2))  # ASCII only: any console can print it, any parser read it


def _table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    for row in [header, *rows]:
        _out("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


# --- entry point ----------------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # --help, --version, or a usage error argparse has printed
        return exit_.code if isinstance(exit_.code, int) else USAGE_ERROR
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DevDriveWarning)
            status: int = args.handler(args)
        for message in dict.fromkeys(str(warning.message) for warning in caught):
            print(f"{PROG}: warning: {message}", file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (| head): say nothing more, and don't fail flushing at exit
        with contextlib.suppress(OSError, ValueError):  # stdout may be no file (captured): nothing to flush then
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return USAGE_ERROR
    except (CliError, _shells.Unquotable, OSError, UnicodeError) as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return USAGE_ERROR
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
