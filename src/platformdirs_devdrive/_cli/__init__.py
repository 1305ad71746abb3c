r"""The ``platformdirs-devdrive`` command (also ``python -m platformdirs_devdrive``): one module per command.

``show`` reports an app's cache and temp dirs, ``drives`` the volumes and the drive Dev Drive use would choose,
``doctor`` where other tools' caches are and how to move them, ``env`` the settings that move them; ``enable`` makes
those settings for the user (and moves the caches), ``disable`` undoes it (their engine: ``_setup``); ``report`` a JSON
field report to attach to an issue. Each command's module has a ``register`` that adds its subparser and a ``run``
that does it; ``_output`` prints (and holds argparse's helpers), ``_choice`` answers the drive questions every
command asks, creating nothing. Every verdict is a :class:`~platformdirs_devdrive.Resolution` or
:class:`~platformdirs_devdrive.VolumeInfo`, printed with the package's own reasons. Exit status: 0 done, 1
(``doctor`` only) some cache could be on the Dev Drive, 2 usage or any other error; never a traceback. argparse and
json are imported here only: ``import platformdirs_devdrive`` does not load this package.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import warnings

from .. import __devdrive_version__, _shells
from .._policy import DevDriveWarning
from . import disable, doctor, drives, enable, env, report, show
from ._output import PROG, USAGE_ERROR, CliError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

COMMANDS = (show, drives, doctor, env, enable, disable, report)
"""The command modules, in the order ``--help`` lists them; a new command is a module here and a line in this tuple."""


def parser() -> argparse.ArgumentParser:
    """Return the parser with every command of :data:`COMMANDS`."""
    top = argparse.ArgumentParser(
        prog=PROG,
        description="Show where tools' caches and temp files go, and whether a Windows Dev Drive holds them.",
        epilog="exit status: 0 done; 1 doctor found a cache that could be on the Dev Drive; 2 usage or other error",
        allow_abbrev=False,
    )
    top.add_argument(
        "-V",
        "--version",
        action="version",
        version=f"%(prog)s {__devdrive_version__} (Python {sys.version.split()[0]})",
    )
    commands = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.register(commands)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    try:
        args = parser().parse_args(argv)
    except SystemExit as exit_:  # --help, --version, or a usage error argparse has printed
        return exit_.code if isinstance(exit_.code, int) else USAGE_ERROR
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DevDriveWarning)
            status: int = args.handler(args)
        for message in dict.fromkeys(str(warning.message) for warning in caught):
            print(f"{PROG}: warning: {message}", file=sys.stderr)  # noqa: T201  # the command line's own error channel
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (| head): say nothing more, and don't fail flushing at exit
        with contextlib.suppress(OSError, ValueError):  # stdout may be no file (captured): nothing to flush then
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return USAGE_ERROR
    except (CliError, _shells.Unquotable, OSError, UnicodeError) as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)  # noqa: T201
        return USAGE_ERROR
    return status


__all__ = [
    "COMMANDS",
    "main",
    "parser",
]
