"""``env``: the environment settings that put common tools' caches (and, when named, temp) on the Dev Drive."""

from __future__ import annotations

import os

from .. import _backends, _places, _shells, _tools
from .._layout import CACHE_FOLDER, path_module
from . import _choice, _output, _settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

_HEADERS = {
    "cmd": "a batch file: save it as a .cmd file and run it with call",
    "powershell-setx": "setx writes your user environment; it applies to shells started afterwards, not to this one",
    "dotenv": "a .env file: programs that read one get these values; it creates no folder",
}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``env [--root ROOT] [--shell SHELL] [--tools NAME,...]``."""
    env = _output.add_command(
        commands,
        "env",
        run,
        "the environment settings that put common tools' caches on the Dev Drive",
        epilog=f"tools: {', '.join(tool.name for tool in _tools.TOOLS)}; "
        f"only when named: {', '.join(tool.name for tool in _tools.OPT_IN_TOOLS)}",
    )
    env.add_argument("--root", help="the drive or folder to use (default: the chosen Dev Drive)")
    env.add_argument(
        "--shell",
        choices=_shells.SHELLS,
        help="the syntax to print (default: powershell on Windows, bash elsewhere)",
    )
    env.add_argument(
        "--tools",
        type=_output.tool_list,
        metavar="NAME,...",
        help="only these tools (default: all but the opt-in ones; see the list below)",
    )


def run(args: argparse.Namespace) -> int:
    """Print the settings in the chosen syntax; notes that do not belong in it go to standard error."""
    platform = _places.current_platform()
    shell = args.shell or ("powershell" if platform == _places.WINDOWS else "bash")
    root, why = _root(args.root)
    lines, values, notes = _settings_of(args.tools or _tools.TOOLS, shell, root, platform)
    if shell in {"github", "dotenv"}:
        _output.utf8_stdout()  # GitHub reads $GITHUB_ENV as UTF-8, as python-dotenv and Node's dotenv read .env files
    if shell == "json":
        _output.print_json(values)
    elif shell == "github":  # $GITHUB_ENV has no comments: a line that is no assignment fails the step
        for name, value in values.items():
            _output.out(_shells.assignment(shell, name, value))
    else:
        cache = path_module(windows=platform == _places.WINDOWS).join(root, CACHE_FOLDER)
        header = [f"{_output.PROG} env: tool caches under {cache}", why]
        if shell in _HEADERS:
            header.append(_HEADERS[shell])
        for line in [*(_shells.comment(shell, text) for text in header), *lines]:
            _output.out(line)
    if shell in _shells.DATA_SHELLS:
        for note in notes:
            _output.note(note)
    return 0


def _settings_of(
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
            if problem := _tools.target_problem(setting, target):
                lines.append(_shells.comment(shell, f"skipped {setting.name}: {problem}"))
                notes.append(f"skipped {setting.name}: {problem}")
                continue
            if setting.note:
                lines.append(_shells.comment(shell, setting.note))
            if setting.must_exist:
                notes.append(f"{setting.name} must name an existing folder: create {target}")
            if shell != "json":
                lines += _settings.lines(shell, setting, root, platform)
            values.update(dict.fromkeys(setting.names, setting.value(target, os.environ)))
    return lines, values, notes


def _root(value: str | None) -> tuple[str, str]:
    """Return the root ``env`` writes for (``--root``, else the chosen one) and a line saying why."""
    if value is not None:
        root = _choice.checked_root(value)
        dev_drive, error = _choice.on_dev_drive(root, _backends.current_probe())
        if dev_drive is None:
            return root, f"{root} was named with --root; whether it is a Dev Drive is unknown ({error})"
        return root, f"{root} was named with --root; it is {'a' if dev_drive else 'not a'} Dev Drive"
    choice = _choice.choose_root()
    chosen = _choice.chosen_root(choice)
    if chosen is None:
        msg = f"no Dev Drive chosen ({choice.reason}); name a drive or folder with --root"
        raise _output.CliError(msg)
    return chosen, f"{chosen}: {choice.reason}"


__all__ = [
    "register",
    "run",
]
