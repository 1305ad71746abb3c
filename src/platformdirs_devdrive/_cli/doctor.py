"""``doctor``: where common tools' caches are, whether on a Dev Drive, and the command that moves each."""

from __future__ import annotations

import os

from .. import _backends, _places, _shells, _tools
from .._flag import ENV_VAR, flag_state, read_flag
from .._layout import path_module
from . import _choice, _output, _settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from .._probe import Probe

SLOWER = 1
"""``doctor``'s exit status when some cache is not on a Dev Drive although one is there to move it to."""
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
_SHELL_NAMES = {"powershell-setx": "PowerShell (setx: new shells only)", "bash": "bash (add them to your profile)"}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``doctor [--json]``."""
    doctor = _output.add_command(
        commands,
        "doctor",
        run,
        "where common tools' caches are, whether on a Dev Drive, and the command that moves each",
        epilog="exit status: 0 nothing to move (or no Dev Drive to move to); 1 some cache could be on the Dev Drive; "
        "2 error",
    )
    _output.json_option(doctor)


def run(args: argparse.Namespace) -> int:
    """Print one row per cache setting; exit with :data:`SLOWER` when one could be on the Dev Drive."""
    platform = _places.current_platform()
    places = _places.Places(platform, os.environ)
    probe = _backends.current_probe()
    choice = _choice.choose_root()
    root = _choice.chosen_root(choice)
    shell = "powershell-setx" if platform == _places.WINDOWS else "bash"
    rows = [
        _diagnose(tool, setting, places=places, probe=probe, root=root, shell=shell)
        for tool in _tools.TOOLS
        if tool.name != _tools.ENV_VAR_TOOL
        for setting in tool.settings
    ]
    statuses = [row["status"] for row in rows]
    slower = MOVABLE in statuses or (NO_TARGET in statuses and bool(choice.dev_drives))
    status = SLOWER if slower else 0
    value = read_flag()
    flag = {"name": ENV_VAR, "value": value, "state": flag_state(value)[0], "command": None}
    if root is not None and flag["state"] == "off":
        flag["command"] = "; ".join(_settings.lines(shell, _tools.FLAG, root, platform))
    if args.json:
        data = {
            "chosen": _choice.choice(choice),
            "flag": flag,
            "enable": _choice.enable_state(),
            "shell": shell,
            "caches": rows,
            "exit_status": status,
        }
        _output.print_json(data)
        return status
    out = _output.out
    out(f"Dev Drive: {root or 'none'}")
    out(f"  reason: {choice.reason}")
    if root is not None:
        out(f"commands are for {_SHELL_NAMES[shell]}; a tool's old cache stays where it is (delete or move it)")
    for row in rows:
        out()
        out(f"{row['tool']} ({row['variable']})")
        if row["path"]:
            out(f"  now:   {row['path']} [{row['source']}], {_STATUS_WORDS[str(row['status'])]}")
        else:
            out("  now:   unknown (not set, and the tool's default location could not be found)")
        if row["error"]:
            out(f"  error: {row['error']}")
        if row["command"]:
            out(f"  move:  {row['command']}")
        if row["problem"]:
            out(f"  note:  {row['problem']}")
    out()
    words = _choice.flag_words(value, str(flag["state"]))
    out(words + (f"; to turn it on: {flag['command']}" if flag["command"] else ""))
    out(str(_choice.enable_state()["summary"]))
    counts = {word: statuses.count(word) for word in (ON_DEV_DRIVE, IN_PLACE, MOVABLE, NO_TARGET, UNKNOWN)}
    out(
        f"{counts[ON_DEV_DRIVE] + counts[IN_PLACE]} of {len(rows)} caches in place, "
        f"{counts[MOVABLE] + counts[NO_TARGET]} not on a Dev Drive, {counts[UNKNOWN]} unknown (exit status {status})"
    )
    return status


def _diagnose(  # one row of the doctor's report
    tool: _tools.Tool,
    setting: _tools.Setting,
    *,
    places: _places.Places,
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
    on_dev_drive, error = (None, None) if path is None else _choice.on_dev_drive(path, probe)
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
        problem = _tools.target_problem(setting, target)
        if problem is None:
            try:
                command = "; ".join(_settings.lines(shell, setting, root, places.platform))
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


def _inside(path: str, root: str, platform: str) -> bool:
    module = path_module(windows=platform == _places.WINDOWS)
    base = module.normcase(module.normpath(root))
    here = module.normcase(module.normpath(path))
    return bool(here == base or here.startswith(base.rstrip(module.sep) + module.sep))


__all__ = [
    "SLOWER",
    "register",
    "run",
]
