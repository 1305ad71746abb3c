# ruff: noqa: INP001  # a script, not a package
"""Run the whole test suite on official Windows CPython builds under Wine (``tox -e windows`` calls this).

For each Python (default: 3.10 and 3.13):

1. ``.ci/setup-windows-python.sh`` installs Wine (Debian) and the python.org embeddable build with pip, in
   ``.wine-python/`` (git-ignored: Wine's prefix is state, and the Pythons are downloads);
2. the wheel built here is installed there with its ``test`` extra;
3. pytest runs ``tests/`` (under coverage with ``--coverage``);
4. the run is checked: a failure, an error, zero tests, or a Windows-only test that did not pass (skipped, say,
   because the platform check broke) fails the whole run, once every Python has run.

Last, the coverage of both runs is combined and reported: it shows which Windows code paths really ran.

Wine 8 wants the interpreter's standard streams to be pipes, never files: output is piped through here.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETUP = ROOT / ".ci" / "setup-windows-python.sh"

# Tests that only a real Windows interpreter can pass: each must *pass* under Wine, not be skipped.
MUST_PASS = [
    "tests.test_win32::test_real_volume_path_matches_cpythons",
    "tests.test_win32::test_real_drive_type_filesystem_and_volumes",
    "tests.test_windows_probe::test_default_probe_is_the_windows_one",
    "tests.test_windows_probe::test_real_paths[win32]",
    "tests.test_windows_probe::test_real_backends_agree",
    "tests.test_setup_userenv::test_registry_values_round_trip_with_their_type[REG_SZ]",
    "tests.test_setup_userenv::test_registry_values_round_trip_with_their_type[REG_EXPAND_SZ]",
    "tests.test_setup_userenv::test_commit_writes_and_broadcasts",
    "tests.test_setup_commands::test_enable_and_disable_in_the_real_registry",
    "tests.test_setup_move::test_a_file_in_use_stays_and_the_rest_moves[None]",
    "tests.test_setup_move::test_a_file_in_use_stays_and_the_rest_moves[False]",
]
MUST_PASS_312 = [  # the stdlib backend exists from Python 3.12
    "tests.test_win32::test_real_query_agrees_with_cpythons_when_it_has_one",
    "tests.test_windows_probe::test_real_paths[stdlib]",
]

# Runs inside the Windows Python. Not `python -m coverage run -m pytest`: coverage then replaces sys.path[0],
# which for the embeddable build is the standard library's zip, and the suite fails to import.
# Wine 8's kernel32 has no CopyFile2, and calling it aborts the process: without _winapi.CopyFile2, shutil.copy2
# (3.12+) copies as it does on 3.10 and 3.11, with copyfile and copystat.
RUNNER = """
import sys, _winapi
if hasattr(_winapi, "CopyFile2"):
    del _winapi.CopyFile2
data_file, arguments = sys.argv[1], sys.argv[2:]
if data_file != "-":
    import coverage
    cov = coverage.Coverage(data_file=data_file)
    cov.start()
import pytest
code = pytest.main(arguments)
if data_file != "-":
    cov.stop()
    cov.save()
sys.exit(code)
"""


def windows_path(path: Path) -> str:
    r"""Return how Windows programs under Wine see a Linux path: ``Z:\`` maps ``/``."""
    return "Z:" + str(path.resolve()).replace("/", "\\")


def run(command: list[str], env: dict[str, str], *, check: bool = True) -> int:
    """Run a command with its output piped through ours (Wine needs pipes); return its exit status."""
    with subprocess.Popen(  # noqa: S603  # our own command lines
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=ROOT
    ) as process:
        assert process.stdout is not None  # stdout=PIPE
        for line in process.stdout:
            sys.stdout.buffer.write(line)
            sys.stdout.flush()
    if check and process.returncode:
        msg = f"{command[:3]} failed with exit status {process.returncode}"
        raise SystemExit(msg)
    return process.returncode


def build_wheel(out: Path, env: dict[str, str]) -> Path:
    """Build the project's wheel here, on Linux: the same file goes into every Windows Python."""
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(ROOT)], env)
    (wheel,) = out.glob("platformdirs_devdrive-*.whl")
    return wheel


def setup_python(dest: Path, minor: str, env: dict[str, str]) -> Path:
    """Set up (once) Wine and Windows CPython ``minor`` under ``dest``; return its python.exe."""
    run(["bash", str(SETUP), str(dest), minor], env)
    return dest / f"py{minor.replace('.', '')}" / "python.exe"


def check_report(report: Path, minor: str) -> tuple[list[int], list[str]]:
    """Return ``[passed, skipped, failed]`` from pytest's JUnit report, and what makes the run prove too little."""
    if not report.is_file():
        return [0, 0, 0], ["pytest wrote no report, so no test ran"]
    outcomes: dict[str, str] = {}
    for case in ET.parse(report).iter("testcase"):  # noqa: S314  # our own pytest's report, not untrusted input
        key = f"{case.get('classname')}::{case.get('name')}"
        kinds = {child.tag for child in case}
        outcomes[key] = "failed" if kinds & {"failure", "error"} else "skipped" if "skipped" in kinds else "passed"
    counts = [sum(outcome == kind for outcome in outcomes.values()) for kind in ("passed", "skipped", "failed")]
    required = MUST_PASS + (MUST_PASS_312 if tuple(map(int, minor.split("."))) >= (3, 12) else [])
    # A skip is never a problem: the real Dev Drive tier (tests/test_real_devdrive.py) always skips here, since Wine's
    # FSCTL never answers "Dev Drive"; only the MUST_PASS tests must have passed.
    problems = []
    if counts[0] == 0:
        problems.append("zero tests passed")
    if counts[2]:
        problems.append(f"{counts[2]} failed")
    if not_passed := [name for name in required if outcomes.get(name) != "passed"]:
        problems.append(f"these Windows-only tests did not pass: {', '.join(not_passed)}")
    return counts, problems


def report_coverage(prefix: Path, env: dict[str, str]) -> None:
    """Combine the Windows runs' coverage (Windows paths map to src/ through pyproject's [tool.coverage.paths])."""
    data = [str(path) for path in prefix.parent.glob(f"{prefix.name}.*")]
    if not data:
        sys.stdout.write("no coverage data from Windows\n")
        return
    coverage = [sys.executable, "-m", "coverage"]
    combined = f"--data-file={prefix}"
    run([*coverage, "combine", "--keep", "--quiet", combined, *data], env)
    run([*coverage, "report", combined, "--skip-covered"], env, check=False)


def test_once(
    python: Path, minor: str, *, wheel: Path, scratch: Path, args: argparse.Namespace, env: dict[str, str]
) -> tuple[str, list[str]]:
    """Install the wheel into one Windows Python, run the suite, check it; return the summary and the problems."""
    began = time.monotonic()
    wine = [shutil.which("wine") or "wine", str(python)]
    run([*wine, "-m", "pip", "uninstall", "--quiet", "--yes", "platformdirs-devdrive"], env, check=False)
    run([*wine, "-m", "pip", "install", "--quiet", "--no-warn-script-location", f"{windows_path(wheel)}[test]"], env)
    report = scratch / f"junit-{minor}.xml"
    data = "-"
    if args.coverage:
        data = windows_path(args.coverage.with_name(f"{args.coverage.name}.windows-py{minor.replace('.', '')}"))
    pytest_args = ["-p", "no:cacheprovider", "-ra", f"--junitxml={windows_path(report)}", "tests"]
    command = [*wine, "-X", "warn_default_encoding", "-c", RUNNER, data, *pytest_args, *args.pytest_args.split()]
    status = run(command, env, check=False)
    (passed, skipped, failed), problems = check_report(report, minor)
    if status and not problems:
        problems.append(f"pytest exited with status {status}")
    line = f"Windows CPython {minor}: {passed} passed, {skipped} skipped, {failed} failed"
    return f"{line} ({time.monotonic() - began:.0f} s)", [f"Windows CPython {minor}: {p}" for p in problems]


def wine_unavailable() -> str | None:
    """Say why Wine can be neither found nor installed here (the setup script apt-gets it as root), or ``None``."""
    if shutil.which("wine"):
        return None
    if not shutil.which("apt-get"):
        return "Wine is not installed and this machine has no apt-get to install it"
    if os.geteuid() != 0:
        return "Wine is not installed and installing it (apt-get) needs root"
    return None


def main() -> int:
    """Test on every Python asked, then report; any shortfall exits non-zero with the reason."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("minors", nargs="*", default=["3.10", "3.13"], help="Python versions (default: 3.10 3.13)")
    parser.add_argument("--dest", type=Path, default=ROOT / ".wine-python", help="where Wine and the Pythons live")
    parser.add_argument("--coverage", type=Path, help="coverage data file prefix (one file per Python)")
    parser.add_argument("--pytest-args", default="", help="extra pytest arguments, space-separated")
    args = parser.parse_args()

    if why := wine_unavailable():
        # A developer's machine without Wine skips loudly; CI (.ci/run sets PDD_REQUIRE_WINE) fails instead.
        sys.stdout.write(f"windows: NOT RUN: {why}\n")
        return 1 if os.environ.get("PDD_REQUIRE_WINE") else 0

    env = {name: value for name, value in os.environ.items() if not name.startswith(("PYTHON", "COVERAGE_"))}
    env.update(WINEPREFIX=str(args.dest.resolve() / "prefix"), WINEDEBUG="-all", WINEDLLOVERRIDES="mscoree,mshtml=")
    started = time.monotonic()
    if args.coverage:
        args.coverage.parent.mkdir(parents=True, exist_ok=True)
        for stale in args.coverage.parent.glob(f"{args.coverage.name}*"):
            stale.unlink()
    summary: list[str] = []
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="wine-tests-") as scratch:
        wheel = build_wheel(Path(scratch), env)
        for minor in args.minors:  # every Python runs, even after one failed: the summary compares them
            python = setup_python(args.dest, minor, env)
            line, found = test_once(python, minor, wheel=wheel, scratch=Path(scratch), args=args, env=env)
            summary.append(line)
            problems.extend(found)
            sys.stdout.write(f"{line}\n")
    if args.coverage:
        report_coverage(args.coverage, env)
    sys.stdout.write("\n".join([*summary, f"windows: done in {time.monotonic() - started:.0f} s", *problems, ""]))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
