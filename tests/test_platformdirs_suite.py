"""The driver of ``tox -e platformdirs-suite`` (tests/platformdirs_suite/run.py): the rewrite, the comparison, the
reports and the loud failures. The env itself runs platformdirs' real suite; these tests keep its parts honest."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import pytest

from tests.platformdirs_suite import expected, run

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize(
    ("source", "swapped"),
    [
        ("import platformdirs\n", "import platformdirs_devdrive as platformdirs\n"),
        ("import platformdirs as pd\n", "import platformdirs_devdrive as pd\n"),
        ("import os, platformdirs\n", "import os, platformdirs_devdrive as platformdirs\n"),
        ("from platformdirs import user_data_dir\n", "from platformdirs_devdrive import user_data_dir\n"),
        ("from platformdirs import (\n    unix,\n)\n", "from platformdirs_devdrive import (\n    unix,\n)\n"),
        (
            "def f():\n    import platformdirs  # note\n",
            "def f():\n    import platformdirs_devdrive as platformdirs  # note\n",
        ),
        # submodules, relative imports, look-alikes and text stay
        ("import platformdirs.unix\n", "import platformdirs.unix\n"),
        ("from platformdirs.unix import Unix\n", "from platformdirs.unix import Unix\n"),
        ("from .platformdirs import x\n", "from .platformdirs import x\n"),
        ("import platformdirs_other\n", "import platformdirs_other\n"),
        ('code = "import platformdirs\\n"\n', 'code = "import platformdirs\\n"\n'),
        ('"""\nimport platformdirs\n"""\n', '"""\nimport platformdirs\n"""\n'),
    ],
)
def test_swap_source_rewrites_only_top_level_imports_of_the_package(source: str, swapped: str) -> None:
    assert run.swap_source(source) == swapped


def test_swap_tree_copies_everything_and_counts_the_changed_files(tmp_path: Path) -> None:
    original = tmp_path / "tests"
    (original / "sub").mkdir(parents=True)
    (original / "test_a.py").write_text("import platformdirs\n", encoding="utf-8")
    (original / "sub" / "test_b.py").write_text("import os\n", encoding="utf-8")
    (original / "data.txt").write_text("import platformdirs\n", encoding="utf-8")
    assert run.swap_tree(original, tmp_path / "swapped") == 1
    assert (tmp_path / "swapped" / "test_a.py").read_text(encoding="utf-8").startswith("import platformdirs_devdrive")
    assert (tmp_path / "swapped" / "sub" / "test_b.py").read_text(encoding="utf-8") == "import os\n"
    assert (tmp_path / "swapped" / "data.txt").read_text(encoding="utf-8") == "import platformdirs\n"


def test_parse_junit_reads_each_outcome(tmp_path: Path) -> None:
    report = tmp_path / "junit.xml"
    report.write_text(
        textwrap.dedent(
            """\
            <testsuites><testsuite>
              <testcase classname="tests.test_a" name="test_ok"/>
              <testcase classname="tests.test_a" name="test_bad[x]"><failure message="no"/></testcase>
              <testcase classname="tests.test_a" name="test_broken"><error message="no"/></testcase>
              <testcase classname="tests.test_a" name="test_skip"><skipped message="no"/></testcase>
            </testsuite></testsuites>
            """
        ),
        encoding="utf-8",
    )
    assert run.parse_junit(report) == {
        "tests.test_a::test_ok": "passed",
        "tests.test_a::test_bad[x]": "failed",
        "tests.test_a::test_broken": "error",
        "tests.test_a::test_skip": "skipped",
    }


def test_compare_reports_unexpected_reviewed_and_stale_entries() -> None:
    base = {"m::a": "passed", "m::b[1]": "passed", "m::b[2]": "passed", "m::c": "failed", "m::d": "passed"}
    swapped = {"m::a": "failed", "m::b[1]": "skipped", "m::b[2]": "passed", "m::c": "failed"}
    allowed = {"m::b": "a reason for every parametrization", "m::e": "no longer differs"}
    unexpected, seen, stale = run.compare(base, swapped, allowed)
    assert unexpected == ["m::a: passed -> failed", "m::d: passed -> missing"]  # c failed before: not a difference
    assert seen == {"m::b"}
    assert stale == ["m::e"]


def test_a_run_that_collects_nothing_fails_loudly(tmp_path: Path) -> None:
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "test_nothing.py").write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="collected no test"):
        run.run_suite(tests, tmp_path / "junit.xml", None, None)


def test_a_run_reports_each_outcome_with_the_flag_it_was_given(tmp_path: Path) -> None:
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "test_flag.py").write_text(
        "import os\n\ndef test_flag():\n    assert os.environ.get('PLATFORMDIRS_DEVDRIVE') == 'auto'\n",
        encoding="utf-8",
    )
    assert run.run_suite(tests, tmp_path / "on.xml", "auto", None) == {"tests.test_flag::test_flag": "passed"}
    assert run.run_suite(tests, tmp_path / "off.xml", None, None) == {"tests.test_flag::test_flag": "failed"}


def test_no_sdist_fails_loudly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A version that does not exist: pip cannot download it, and the driver says so instead of passing.
    monkeypatch.setenv("PIP_NO_INDEX", "1")  # no network needed to fail: nothing can be found
    monkeypatch.setenv("PIP_FIND_LINKS", str(tmp_path))
    with pytest.raises(SystemExit, match=r"cannot get the sdist of platformdirs 0\.0\.0"):
        run.fetch_tests("0.0.0", tmp_path)


def test_every_reviewed_entry_has_a_reason_and_both_lists_cover_the_same_versions() -> None:
    assert set(expected.SWAP_DIFFERENCES) == set(expected.ROOT_CHANGES)
    assert {"4.11.0"} <= set(expected.SWAP_DIFFERENCES)
    for lists in (expected.SWAP_DIFFERENCES, expected.ROOT_CHANGES):
        for entries in lists.values():
            assert all(test.startswith("tests.") and "::" in test for test in entries)
            assert all(len(reason) > 40 for reason in entries.values())  # a sentence, not a tag
    # With a root, only tests about the user cache dir may change.
    for entries in expected.ROOT_CHANGES.values():
        assert all("user_cache_dir" in test for test in entries), entries
