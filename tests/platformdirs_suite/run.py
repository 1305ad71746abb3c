r"""Run platformdirs' own test suite with ``platformdirs_devdrive`` swapped in, and compare every test's outcome.

For each platformdirs release (the installed one and 4.11.0, the one pip vendors) this takes ``tests/`` from the
release's sdist, makes a copy whose top-level imports of the package point at ours (``import platformdirs`` ->
``import platformdirs_devdrive as platformdirs``, ``from platformdirs import X`` -> ``from platformdirs_devdrive
import X``; submodule imports such as ``platformdirs.unix`` stay), and runs pytest on both copies with
``PLATFORMDIRS_DEVDRIVE`` unset, ``0``, ``auto`` and set to an existing root. The outcomes (junit xml) must match:

- flag unset, ``0``, ``auto`` (on Linux, not Windows, so the standard locations): every test that passes unswapped
  passes swapped, except the reviewed entries of :mod:`expected` (each with its reason);
- a root: exactly the tests :mod:`expected` lists for that root (all about the user cache dir) change, no others.

It fails loudly (exit status 1, with the differences) on any other difference, on a run that collects no test, on a
version with no reviewed list, and when the sdist cannot be had. ``python -m tests.platformdirs_suite.run --help``.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import xml.etree.ElementTree as ET  # our own pytest's junit xml, not untrusted input
from importlib.metadata import version as installed_version
from pathlib import Path

from tests.platformdirs_suite.expected import ROOT_CHANGES, SWAP_DIFFERENCES

OLDEST = "4.11.0"  # the release pip vendors
FLAGS = ("unset", "0", "auto", "root")
PASSING = frozenset({"passed"})


def fetch_tests(version: str, into: Path) -> Path:
    """Download platformdirs ``version``'s sdist with pip and extract its ``tests/`` (and nothing else) into ``into``.

    Preparing an sdist's metadata runs its build backend; platformdirs' needs hatch plugins that are not on the index
    (python-sbom), so the build runs without isolation and without hooks, with hatchling, hatch-vcs and
    hatch-fancy-pypi-readme from this environment (tox.ini installs them).
    """
    download = into / "sdist"
    env = {**os.environ, "HATCH_BUILD_NO_HOOKS": "true"}
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:"]
    command += ["--no-build-isolation", "--dest", str(download), f"platformdirs=={version}"]
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False
    )
    archives = list(download.glob(f"platformdirs-{version}.tar.gz"))
    if result.returncode or len(archives) != 1:
        sys.exit(f"cannot get the sdist of platformdirs {version}:\n{result.stdout}{result.stderr}")
    prefix = f"platformdirs-{version}/tests/"
    with tarfile.open(archives[0]) as archive:
        members = [member for member in archive.getmembers() if member.name.startswith(prefix)]
        if not any(member.name.endswith(".py") for member in members):
            sys.exit(f"the sdist of platformdirs {version} holds no tests under {prefix}")
        archive.extractall(into / "original", members=members, filter="data")
    return into / "original" / f"platformdirs-{version}" / "tests"


_IMPORT = re.compile(r"import(\s+)platformdirs\b(?!\s+as\b)")
_FROM = re.compile(r"from(\s+)platformdirs(\s+)import\b")


def swap_source(source: str) -> str:
    """Point the top-level imports of the ``platformdirs`` package in ``source`` at ``platformdirs_devdrive``.

    Found with :mod:`ast`, so text in strings is never touched: ``import platformdirs`` (also among other names)
    becomes ``import platformdirs_devdrive as platformdirs``, ``import platformdirs as pd`` becomes ``import
    platformdirs_devdrive as pd``, ``from platformdirs import X`` becomes ``from platformdirs_devdrive import X``.
    ``import platformdirs.unix`` and ``from platformdirs.unix import X`` stay.
    """
    lines = source.splitlines(keepends=True)
    for node in ast.walk(ast.parse(source)):
        line = node.lineno - 1 if isinstance(node, (ast.Import, ast.ImportFrom)) else None
        if line is None:
            continue
        if isinstance(node, ast.ImportFrom) and node.module == "platformdirs" and not node.level:
            lines[line] = lines[line][: node.col_offset] + _FROM.sub(
                r"from\1platformdirs_devdrive\2import", lines[line][node.col_offset :], count=1
            )
        elif isinstance(node, ast.Import) and any(alias.name == "platformdirs" for alias in node.names):
            if node.end_lineno != node.lineno:
                msg = f"line {node.lineno}: a multi-line 'import platformdirs' is not handled"
                raise ValueError(msg)
            text = lines[line][node.col_offset :]
            text = re.sub(r"\bplatformdirs(\s+as\b)", r"platformdirs_devdrive\1", text)
            text = _IMPORT.sub(r"import\1platformdirs_devdrive as platformdirs", text, count=1)
            text = re.sub(r",(\s*)platformdirs\b(?!\s+as\b)(?!\.)", r",\1platformdirs_devdrive as platformdirs", text)
            lines[line] = lines[line][: node.col_offset] + text
    return "".join(lines)


def swap_tree(original: Path, swapped: Path) -> int:
    """Copy ``original`` to ``swapped`` with :func:`swap_source` applied to every ``.py`` file; return how many changed."""
    shutil.copytree(original, swapped)
    changed = 0
    for path in sorted(swapped.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if (new := swap_source(source)) != source:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def run_suite(tests: Path, junit: Path, flag: str | None, pythonpath: Path | None) -> dict[str, str]:
    """Run pytest on ``tests`` with ``PLATFORMDIRS_DEVDRIVE=flag`` (``None``: unset); return each test's outcome."""
    env = {key: value for key, value in os.environ.items() if key != "PLATFORMDIRS_DEVDRIVE"}
    if flag is not None:
        env["PLATFORMDIRS_DEVDRIVE"] = flag
    extra: list[str] = []
    if pythonpath is not None:  # an older platformdirs in front of the installed one
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(pythonpath), env.get("PYTHONPATH")]))
        extra = ["-p", "no:platformdirs"]  # the installed release's plugin, which the older package does not have
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--junitxml", str(junit), *extra]
    # platformdirs' own configuration (pyproject.toml) is not in the copy: rootdir is the tests folder itself.
    command += ["--rootdir", str(tests.parent), "-c", os.devnull, str(tests)]
    result = subprocess.run(
        command,
        env=env,
        cwd=tests.parent,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )
    junit.with_suffix(".log").write_text(result.stdout + result.stderr, encoding="utf-8")  # for --keep
    if not junit.exists():
        sys.exit(f"pytest wrote no report for {tests} (flag {flag!r})")
    outcomes = parse_junit(junit)
    if not outcomes:
        sys.exit(f"pytest collected no test in {tests} (flag {flag!r})")
    return outcomes


def parse_junit(path: Path) -> dict[str, str]:
    """Return ``{test id: passed | failed | error | skipped}`` from a pytest junit xml report."""
    outcomes: dict[str, str] = {}
    for case in ET.parse(path).getroot().iter("testcase"):  # see the import
        name = f"{case.get('classname', '')}::{case.get('name', '')}"
        kinds = {child.tag for child in case} & {"failure", "error", "skipped"}
        outcome = "error" if "error" in kinds else "failed" if "failure" in kinds else next(iter(kinds), "passed")
        outcomes[name] = "skipped" if outcome == "skipped" else outcome.replace("failure", "failed")
    return outcomes


def listed(test: str, allowed: dict[str, str]) -> str | None:
    """Return the entry of ``allowed`` that covers ``test``: its own id, or its function's (every parametrization)."""
    if test in allowed:
        return test
    function = test.split("[", 1)[0]
    return function if function in allowed else None


def compare(
    base: dict[str, str], swapped: dict[str, str], allowed: dict[str, str]
) -> tuple[list[str], set[str], list[str]]:
    """Return (unexpected differences, entries of ``allowed`` seen, entries of ``allowed`` that no longer differ).

    A difference is a test that passed unswapped and does not pass swapped (failed, error, skipped or missing).
    """
    changed = sorted(
        test for test, outcome in base.items() if outcome in PASSING and swapped.get(test, "missing") not in PASSING
    )
    unexpected = [
        f"{test}: {base[test]} -> {swapped.get(test, 'missing')}" for test in changed if listed(test, allowed) is None
    ]
    seen = {entry for test in changed if (entry := listed(test, allowed)) is not None}
    stale = sorted(set(allowed) - seen)
    return unexpected, seen, stale


def check_version(version: str, work: Path, root: Path, pythonpath: Path | None) -> list[str]:
    """Run one release's suite unswapped and swapped for every flag value; return the problems found."""
    if version not in SWAP_DIFFERENCES or version not in ROOT_CHANGES:
        return [f"platformdirs {version}: no reviewed list in expected.py; review the differences and add one"]
    original = fetch_tests(version, work)
    swapped = work / "swapped" / f"platformdirs-{version}" / "tests"
    if not swap_tree(original, swapped):
        return [f"platformdirs {version}: no import was swapped: the suite would test platformdirs itself"]
    problems: list[str] = []
    base = run_suite(original, work / "unswapped.xml", None, pythonpath)
    print(f"platformdirs {version}: unswapped {summary(base)}")  # noqa: T201
    for flag in FLAGS:
        value = None if flag == "unset" else str(root) if flag == "root" else flag
        outcomes = run_suite(swapped, work / f"swapped-{flag}.xml", value, pythonpath)
        allowed = dict(SWAP_DIFFERENCES[version])
        if flag == "root":
            allowed |= ROOT_CHANGES[version]
        unexpected, seen, stale = compare(base, outcomes, allowed)
        print(f"  swapped, flag {flag}: {summary(outcomes)}; reviewed entries seen: {len(seen)}")  # noqa: T201
        problems += [f"platformdirs {version}, flag {flag}: unexpected: {line}" for line in unexpected]
        problems += [f"platformdirs {version}, flag {flag}: listed but unchanged: {test}" for test in stale]
        if set(outcomes) != set(base):
            problems.append(f"platformdirs {version}, flag {flag}: swapped collected other tests than unswapped")
    return problems


def summary(outcomes: dict[str, str]) -> str:
    """``N passed, N failed, ...`` for a run."""
    counts: dict[str, int] = {}
    for outcome in outcomes.values():
        counts[outcome] = counts.get(outcome, 0) + 1
    return ", ".join(f"{count} {outcome}" for outcome, count in sorted(counts.items()))


def main(argv: list[str] | None = None) -> int:
    """Run the comparison for each requested release; print the counts and every problem; 1 if any."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", action="append", help="platformdirs release (default: installed and 4.11.0)")
    parser.add_argument("--keep", type=Path, help="work in this new directory and keep it (copies, reports, logs)")
    args = parser.parse_args(argv)
    versions = args.version or sorted({installed_version("platformdirs"), OLDEST})
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="platformdirs-suite-") as tmp:
        work = Path(tmp) if args.keep is None else args.keep
        work.mkdir(exist_ok=args.keep is None)
        root = work / "devdrive-root"
        root.mkdir(mode=0o700)
        for version in versions:
            pythonpath = None
            if version != installed_version("platformdirs"):
                pythonpath = work / f"platformdirs-{version}"
                command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(pythonpath)]
                subprocess.run([*command, f"platformdirs=={version}"], check=True)
            problems += check_version(version, work / version, root, pythonpath)
    for problem in problems:
        print(f"FAIL {problem}", file=sys.stderr)  # noqa: T201
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
