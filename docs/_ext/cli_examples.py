r"""Write the example outputs shown in docs/cli.rst (docs/cli/*.txt) by running the command line.

The commands run in this process on the docs' simulated Windows (:mod:`simulation`, the package's own testing kit
below it) with C:\ (NTFS) and the Dev Drive D:\ (ReFS, trusted), user ``me``, and no tool's variable set. Everything
else is the real code, so the page shows what the tool prints. ``tests/test_cli.py`` fails when a committed file
differs from what this script writes now.

    python docs/_ext/cli_examples.py
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import sys
from pathlib import Path
from unittest import mock

from platformdirs_devdrive import _cli, _places, _tools
from platformdirs_devdrive._setup import commands, journal

sys.path.insert(0, str(Path(__file__).parent))  # run as a script too, not only from conf.py
from simulation import FOLDERS, simulated_windows  # the docs' simulated Windows, beside this file

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from platformdirs_devdrive.testing import SimulatedProbe

OUT = Path(__file__).parent.parent / "cli"
PROMPT = "PS C:\\Users\\me> "
ENVIRONMENT = {
    "USERPROFILE": r"C:\Users\me",
    "LOCALAPPDATA": FOLDERS["CSIDL_LOCAL_APPDATA"],
    "APPDATA": FOLDERS["CSIDL_APPDATA"],
    "PATH": os.environ.get("PATH", os.defpath),
}
"""The whole environment of the examples: the user's folders, and no tool's variable."""


def one_dev_drive(world: SimulatedProbe) -> None:
    r"""Declare C:\ and the Dev Drive D:\."""
    world.add_drive("C:\\", dev_drive=False)
    world.add_drive("D:\\", filesystem="ReFS")


def two_dev_drives(world: SimulatedProbe) -> None:
    r"""Declare C:\, D:\ and a second, untrusted, Dev Drive E:\."""
    one_dev_drive(world)
    world.add_drive("E:\\", filesystem="ReFS", trusted=False)


def no_dev_drive(world: SimulatedProbe) -> None:
    r"""Declare C:\ only."""
    world.add_drive("C:\\", dev_drive=False)


class Registry:
    r"""The simulated user's ``HKCU\Environment``: ``enable`` and ``disable`` read it (``--dry-run`` writes nothing)."""

    kind = "registry"
    where = r"HKCU\Environment"
    values: dict[str, dict[str, str]] = {  # noqa: RUF012  # read only
        "UV_CACHE_DIR": {"value": r"E:\uv-cache", "type": "REG_SZ"},  # set by hand, as setx would
        "NUGET_PACKAGES": {"value": r"%USERPROFILE%\nuget", "type": "REG_EXPAND_SZ"},
    }

    def get(self, name: str) -> dict[str, str] | None:
        """Return the stored value of ``name``."""
        return self.values.get(name)

    def new_value(self, value: str) -> dict[str, str]:
        """Return how ``enable`` stores ``value``."""
        return {"value": value, "type": "REG_SZ"}


def enabled_journal() -> journal.Journal:
    r"""Return the journal an ``enable --tools pip,nuget`` of ``D:\`` left (``NUGET_PACKAGES`` named, so replaced)."""
    record = journal.new("D:\\", _places.WINDOWS)
    record["enabled_at"] = "2026-12-01T09:00:00Z"
    record["variables"] = [
        {"name": "PIP_CACHE_DIR", "before": None, "after": {"value": r"D:\.cache\pip\Cache", "type": "REG_SZ"}},
        {
            "name": "NUGET_PACKAGES",
            "before": Registry.values["NUGET_PACKAGES"],  # type: ignore[typeddict-item]  # the same keys
            "after": {"value": r"D:\.cache\nuget\packages", "type": "REG_SZ"},
        },
        {"name": "PLATFORMDIRS_DEVDRIVE", "before": None, "after": {"value": "D:\\", "type": "REG_SZ"}},
    ]
    return record


def _after_enable() -> dict[str, dict[str, str]]:
    return {variable["name"]: dict(variable["after"]) for variable in enabled_journal()["variables"]}


#: name of the file -> (the drives, the arguments)
EXAMPLES: dict[str, tuple[Callable[[SimulatedProbe], None], list[str]]] = {
    "show": (one_dev_drive, ["show", "pip", "--no-author"]),
    "show-json": (one_dev_drive, ["show", "pip", "--no-author", "--json"]),
    "drives": (one_dev_drive, ["drives"]),
    "drives-several": (two_dev_drives, ["drives"]),
    "drives-json": (one_dev_drive, ["drives", "--json"]),
    "doctor": (one_dev_drive, ["doctor"]),
    "doctor-json": (one_dev_drive, ["doctor", "--json"]),
    "env": (one_dev_drive, ["env"]),
    "env-cmd": (one_dev_drive, ["env", "--shell", "cmd", "--tools", "pip,npm,vcpkg"]),
    "env-setx": (one_dev_drive, ["env", "--shell", "powershell-setx", "--tools", "pip,uv,maven"]),
    "env-bash": (one_dev_drive, ["env", "--shell", "bash", "--tools", "pip,go"]),
    "env-json": (one_dev_drive, ["env", "--shell", "json", "--tools", "pip,pnpm,platformdirs"]),
    "env-github": (one_dev_drive, ["env", "--shell", "github", "--tools", "pip,temp,platformdirs"]),
    "env-dotenv": (one_dev_drive, ["env", "--shell", "dotenv", "--tools", "pip,platformdirs"]),
    "env-none": (no_dev_drive, ["env"]),
    "enable-dry-run": (one_dev_drive, ["enable", "--dry-run"]),
    "enable-named": (one_dev_drive, ["enable", "--tools", "uv", "--dry-run"]),
    "enable-several": (two_dev_drives, ["enable", "--yes"]),
    "disable-dry-run": (one_dev_drive, ["disable", "--dry-run"]),
}
JOURNAL = r"C:\Users\me\AppData\Local\platformdirs-devdrive\enable.json"
"""Where the journal is for the simulated user: ``platformdirs.user_state_dir("platformdirs-devdrive")``."""
AFTER_ENABLE = {"disable-dry-run"}
"""Examples that run after the enable of :func:`enabled_journal`: its journal, its values in the registry."""
TRIMMED = {"doctor-json": 2}
"""Examples whose JSON ``caches`` list is cut to its first entries (the page says so)."""


def run(name: str) -> str:
    """Return the text of one example: the prompt line, then what the command printed (stdout, then stderr)."""
    drives, argv = EXAMPLES[name]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.ExitStack() as stack:
        stack.enter_context(mock.patch.dict(os.environ, ENVIRONMENT, clear=True))
        drives(stack.enter_context(simulated_windows()))
        stack.enter_context(mock.patch.object(_places, "current_platform", return_value=_places.WINDOWS))
        registry = Registry()
        if name in AFTER_ENABLE:
            registry.values = {**Registry.values, **_after_enable()}
        stack.enter_context(mock.patch.object(commands, "current_store", return_value=registry))
        record = enabled_journal() if name in AFTER_ENABLE else None
        stack.enter_context(mock.patch.object(journal, "load", return_value=record))
        stack.enter_context(mock.patch.object(journal, "path", return_value=JOURNAL))
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        status = _cli.main(argv)
    text = out.getvalue()
    if name in TRIMMED:
        data = json.loads(text)
        data["caches"] = data["caches"][: TRIMMED[name]]
        text = json.dumps(data, indent=2) + "\n"
    lines = f"{PROMPT}platformdirs-devdrive {' '.join(argv)}\n{text}{err.getvalue()}"
    return lines + (f"{PROMPT}$LASTEXITCODE\n{status}\n" if status else "")


def tools_table() -> str:
    """Return the reStructuredText table of every tool's settings, from the table the command line uses."""
    places = _places.Places(_places.WINDOWS, ENVIRONMENT)
    rows = [["Tool", "Variables", "Value on ``D:\\``", "Default on Windows", "Notes, sources"]]
    for tool in (*_tools.TOOLS, *_tools.OPT_IN_TOOLS):
        for setting in tool.settings:
            default = setting.default(places)
            value = setting.value(setting.target("D:\\", _places.WINDOWS), {})
            notes = [_escape(note) for note in (tool.note, setting.note) if note]
            notes += [f"`{_site(source)} <{source}>`__" for source in tool.sources]
            rows.append(
                [
                    tool.title,
                    " ".join(f"``{name}``" for name in setting.names),
                    f"``{value}``",
                    f"``{default}``" if default else "(see notes)",
                    "; ".join(notes) or "-",
                ]
            )
    lines = [".. list-table::", "   :header-rows: 1", "   :widths: 10 20 22 25 23", ""]
    for row in rows:
        lines += [f"   * - {row[0]}", *(f"     - {cell}" for cell in row[1:])]
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    # Plain text in reStructuredText: * _ ` | \\ would start markup.
    return re.sub(r"([*_`|\\])", r"\\\1", text)


def _site(url: str) -> str:
    """Return a short name for a source: its host, plus the repository on github.com."""
    host, _, path = url.split("://", 1)[1].partition("/")
    return f"{host}/{'/'.join(path.split('/')[:2])}" if host == "github.com" else host


def render_all() -> dict[str, str]:
    """Return every generated file's text by file name: the examples, and the table of tools."""
    return {**{f"{name}.txt": run(name) for name in EXAMPLES}, "tools.inc": tools_table()}


def main() -> int:
    """Write every example into docs/cli/."""
    OUT.mkdir(exist_ok=True)
    for file_name, text in render_all().items():
        (OUT / file_name).write_text(text, encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
