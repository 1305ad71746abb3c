r"""pytest's base temp folder on the Dev Drive: what ``--devdrive-tmp`` decides (docs/testing-on-dev-drive).

pytest puts every ``tmp_path`` in ``<temproot>/pytest-of-<user>/pytest-<N>``, keeps the last three runs
(``tmp_path_retention_count``, ``tmp_path_retention_policy``), makes each folder 0o700 and refuses a
``pytest-of-<user>`` that is a link or someone else's. The temproot is :func:`tempfile.gettempdir`, or
``PYTEST_DEBUG_TEMPROOT`` when that is set (pytest's reference, "Environment variables": "Root for temporary
directories produced by fixtures like tmp_path"). ``TempPathFactory.getbasetemp`` (``_pytest/tmpdir.py``) reads it on
first use, after every ``pytest_configure``; so setting it here, to ``user_temp_dir("pytest", near=<rootdir>)``, moves
the whole tree onto the drive and keeps all of pytest's own rules. ``--basetemp`` would not: pytest empties the folder
it names on every run, and uses it without numbering or retention.

Only the xdist controller decides: a worker gets ``--basetemp=<controller's base temp>/gw<N>`` from it
(``xdist/workermanage.py``), so its folders follow wherever the controller's went.
"""

from __future__ import annotations

import os

import pytest

from ._api import DevDrivePlatformDirs
from ._flag import flag_is_off, read_flag
from ._functions import resolve_temp_dir

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._report import Resolution  # at run time: loaded by the first resolution, in _keeps_default

TEMPROOT_VAR = "PYTEST_DEBUG_TEMPROOT"
"""pytest's own variable for the folder that holds ``pytest-of-<user>``."""
OPTION = "--devdrive-tmp"
OFF_OPTION = "--no-devdrive-tmp"
INI = "devdrive_tmp"
APPNAME = "pytest"
"""The app's temp folder: ``<root>/.cache/Temp/pytest``, then pytest's ``pytest-of-<user>/pytest-<N>`` below it."""
HEADER = "devdrive tmp: "
DEFAULT = "pytest's default"

_plan_key = pytest.StashKey["_Plan"]()


class _Plan:
    """What :func:`configure` did: the header line, and the variable to put back at the end."""

    __slots__ = ("line", "previous", "temproot")

    def __init__(self, line: str | None, temproot: str | None = None, previous: str | None = None) -> None:
        self.line = line
        self.temproot = temproot  # what we set PYTEST_DEBUG_TEMPROOT to, or None if we left it alone
        self.previous = previous


def add_options(parser: pytest.Parser) -> None:
    """Register ``--devdrive-tmp[=ROOT]``, ``--no-devdrive-tmp`` and the ``devdrive_tmp`` ini key."""
    group = parser.getgroup("devdrive", "Dev Drive (platformdirs-devdrive)")
    # One destination: None (not given), True (bare), a ROOT, or False (--no-devdrive-tmp); the last one given wins.
    # A bare --devdrive-tmp takes the next argument as its ROOT when that is no option (argparse's nargs="?", as in
    # pytest-cov's --cov): the docs say to write --devdrive-tmp=ROOT.
    group.addoption(
        OPTION,
        dest=INI,
        action="store",
        nargs="?",
        const=True,
        default=None,
        metavar="ROOT",
        help="put pytest's temp folders under <root>/.cache/Temp/pytest: on the Dev Drive (bare), or on ROOT "
        "(--devdrive-tmp=ROOT); pytest's naming and retention are kept",
    )
    group.addoption(
        OFF_OPTION,
        dest=INI,
        action="store_const",
        const=False,
        help="leave pytest's temp folders in pytest's default place, whatever PLATFORMDIRS_DEVDRIVE or the "
        "devdrive_tmp ini key say",
    )
    parser.addini(
        INI,
        help="pytest's temp folders on the Dev Drive: auto/true (detected, PLATFORMDIRS_DEVDRIVE may veto or name "
        "one), false, or a root folder (relative to the configuration file)",
        default="",
    )


def configure(config: pytest.Config) -> None:
    """Point ``PYTEST_DEBUG_TEMPROOT`` at the Dev Drive when asked to, and keep the header line."""
    if hasattr(config, "workerinput"):  # an xdist worker: its --basetemp comes from the controller, which decided
        return
    line, temproot = _decide(config)
    plan = _Plan(line)
    if temproot is not None:
        plan.temproot, plan.previous = temproot, os.environ.get(TEMPROOT_VAR)
        os.environ[TEMPROOT_VAR] = temproot  # child processes see it too: a nested pytest run uses the same tree
    config.stash[_plan_key] = plan


def header(config: pytest.Config) -> list[str]:
    """Return the header line (where pytest's temp went, and why), or nothing when Dev Drive use was not asked for."""
    plan = config.stash.get(_plan_key, None)
    return [plan.line] if plan is not None and plan.line else []


def unconfigure(config: pytest.Config) -> None:
    """Put ``PYTEST_DEBUG_TEMPROOT`` back as it was (unless something else has changed it since)."""
    plan = config.stash.get(_plan_key, None)
    if plan is None or plan.temproot is None or os.environ.get(TEMPROOT_VAR) != plan.temproot:
        return
    if plan.previous is None:
        del os.environ[TEMPROOT_VAR]
    else:
        os.environ[TEMPROOT_VAR] = plan.previous
    plan.temproot = None


def _decide(config: pytest.Config) -> tuple[str | None, str | None]:
    """Return the header line (``None``: say nothing) and the temproot to set (``None``: pytest's default)."""
    option: bool | str | None = config.getoption(INI)
    ini = str(config.getini(INI)).strip()
    ini_state = _classify(ini)[0] if ini else ""
    flag = read_flag()
    if option in {None, False} and ini_state not in {"on", "path"} and flag_is_off(flag):
        return None, None  # nobody asked: not a word in the header, nothing touched (the plugin runs in every project)
    if option is False:
        return f"{HEADER}{DEFAULT} ({OFF_OPTION})", None
    if option is None and ini_state == "off":
        return f"{HEADER}{DEFAULT} ({INI} = {ini} in {_ini_name(config)})", None
    if basetemp := config.getoption("basetemp"):
        return f"{HEADER}--basetemp={basetemp}, as given (never moved)", None
    if preset := os.environ.get(TEMPROOT_VAR):
        return f"{HEADER}{TEMPROOT_VAR}={preset}, as set (never moved)", None
    devdrive, origin = _devdrive(config, option, ini, flag)
    report = _resolve(devdrive, str(config.rootpath))
    reason = report.reason if origin is None else report.reason.replace(_argument_origin(), origin)
    if _keeps_default(report):
        return f"{HEADER}{DEFAULT} ({reason})", None
    return f"{HEADER}{report.path} ({reason})", report.path


def _keeps_default(report: Resolution) -> bool:
    # A fallback, or the standard temp folder already on a Dev Drive: then pytest's own default is there too, and
    # <gettempdir()>/pytest/pytest-of-<user> would only be a longer name for the same drive.
    from ._report import Source  # noqa: PLC0415  # loaded by the resolution

    return report.source in {Source.FALLBACK, Source.STANDARD_TEMP}


def _devdrive(
    config: pytest.Config, option: bool | str | None, ini: str, flag: str | None
) -> tuple[bool | str | None, str | None]:
    """Return the ``devdrive`` argument to resolve with, and the words that stand for it in the reason.

    The command line beats the ini key, which beats the flag alone. ``--devdrive-tmp=ROOT`` is the user's own choice
    of folder, as a ``devdrive=`` path is; a bare ``--devdrive-tmp`` or ``devdrive_tmp = auto`` is a ``devdrive=True``,
    which the user's ``PLATFORMDIRS_DEVDRIVE`` may still veto (``0``) or point at a drive, as it may for any tool. So
    may it for a root in the ini key: that is the project's default, the flag is the user's machine.
    """
    if isinstance(option, str) and option:
        return option, OPTION
    if option is not None:  # bare --devdrive-tmp (True), or an empty --devdrive-tmp=
        return True, None
    if ini:
        state, value = _classify(ini)
        if state == "on":
            return True, None
        user_state, user_value = _classify(flag or "")
        if user_state == "path" or (user_state == "off" and user_value):
            return True, None  # the user's own root, or the user's "no"
        base = config.inipath.parent if config.inipath is not None else config.rootpath
        return os.path.join(base, value), f"{INI} in {_ini_name(config)}"
    return None, None  # the flag is on: resolve as every tool does


def _resolve(devdrive: bool | str | None, near: str) -> Resolution:
    import warnings  # noqa: PLC0415  # loaded by pytest already; kept out of the module's import-time work

    from ._policy import DevDriveWarning  # noqa: PLC0415  # the resolution machinery: only when asked for

    with warnings.catch_warnings():
        # A flag that cannot take effect warns; the header line says the same. Run under filterwarnings=error (pytest
        # applies the ini filters during pytest_configure), the warning would stop the whole session.
        warnings.simplefilter("ignore", DevDriveWarning)
        # First a preview that creates nothing (as the CLI's diagnostics do): a fallback must leave no
        # <gettempdir()>/pytest behind, it is not used.
        preview = DevDrivePlatformDirs(APPNAME, devdrive=devdrive, near=near)
        preview._anchor = False  # noqa: SLF001  # the package's own preview switch
        report = preview.resolve_temp()
        if not _keeps_default(report):
            # Now create it, owner-only and checked as every folder below a shared root is: pytest's own mkdir of
            # pytest-of-<user> has no parents=True.
            report = resolve_temp_dir(APPNAME, devdrive=devdrive, near=near, ensure_exists=True)
    return report


def _classify(value: str) -> tuple[str, str]:
    from ._flag import flag_state  # noqa: PLC0415  # the flag's own words: on, off, or a path

    return flag_state(value)


def _argument_origin() -> str:
    from ._policy import ARGUMENT_ORIGIN  # noqa: PLC0415

    return ARGUMENT_ORIGIN


def _ini_name(config: pytest.Config) -> str:
    return config.inipath.name if config.inipath is not None else "the -o option"


__all__ = [
    "INI",
    "OFF_OPTION",
    "OPTION",
    "TEMPROOT_VAR",
    "add_options",
    "configure",
    "header",
    "unconfigure",
]
