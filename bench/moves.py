"""Moving a tool's cache the way ``platformdirs-devdrive enable --move`` does, and what its progress display costs.

Three timed moves of the same cache-like tree (many small files, a few large ones: :func:`bench.colocation.tree_plan`)
with :func:`platformdirs_devdrive._setup.move.move_tree`:

- on one file system: renames (the tree is in one place or the other at every moment);
- across file systems (the disk to a tmpfs): copy each file, flush it, check its size, then remove the sources;
- the same copy with the progress display drawing into a terminal-like sink.

The display's cost is measured two ways. Directly: the time spent inside its calls (each timed with
``perf_counter``, which adds its own cost, so this is an upper bound) as a share of that copy's time; this is held to
the goal of at most 2%. And as the difference between copies with and without it, which alternate so that drift in the
machine's load falls on both; on a shared machine that difference is mostly noise (it can come out negative).
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import tempfile
import time

from bench.colocation import filesystem, tree_plan, tree_size, write_tree
from bench.measure import ratio, summary
from platformdirs_devdrive._setup.move import Progress, move_tree

_MIB = 1024 * 1024
PROGRESS_GOAL = 0.02
"""The progress display may add at most this share to the copy's time."""


class _Terminal(io.StringIO):
    """A terminal that keeps nothing: what the display costs is the drawing, not the screen."""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.draws = getattr(self, "draws", 0) + 1
        return len(text)


class _TimedProgress(Progress):
    """The real display, with the time spent in its calls added up."""

    def __init__(self, stream: _Terminal, files: int, size: int) -> None:
        super().__init__(stream, files, size)
        self.spent = 0.0

    def update(self, files: int, done_bytes: int) -> None:
        start = time.perf_counter()
        super().update(files, done_bytes)
        self.spent += time.perf_counter() - start

    def finish(self, files: int, done_bytes: int) -> None:
        start = time.perf_counter()
        super().finish(files, done_bytes)
        self.spent += time.perf_counter() - start


def measure(*, disk_dir: str, other_dir: str | None, files: int, megabytes: int, repeats: int) -> dict[str, object]:
    """Move a ``files``/``megabytes`` tree ``repeats`` times: by rename in ``disk_dir``, by copy into ``other_dir``."""
    total = megabytes * _MIB
    if other_dir is None or not os.path.isdir(other_dir):
        return {"measured": False, "why": f"no second file system: {other_dir or 'none given'} (pass --other-fs DIR)"}
    if os.stat(disk_dir).st_dev == os.stat(other_dir).st_dev:
        return {"measured": False, "why": f"{disk_dir} and {other_dir} are on the same file system"}
    if shutil.disk_usage(other_dir).free < 2 * total or shutil.disk_usage(disk_dir).free < 2 * total:
        return {"measured": False, "why": "not enough free space for two copies of the tree"}
    plan = tree_plan(files=files, total_bytes=total)
    expected = (len(plan), sum(size for _, size in plan))
    work = tempfile.mkdtemp(prefix="moves-", suffix=".tmp", dir=disk_dir)
    elsewhere = tempfile.mkdtemp(prefix="moves-", suffix=".tmp", dir=other_dir)
    times: dict[str, list[float]] = {"rename": [], "copy": [], "copy_progress": []}
    draws: list[int] = []
    shares: list[float] = []  # time inside the display's calls / that copy's time
    try:
        source = os.path.join(work, "cache")
        write_tree(source, plan)
        for index in range(repeats):
            renamed = os.path.join(work, "renamed")
            times["rename"].append(_timed(source, renamed, expected))
            os.rename(renamed, source)
            order = (False, True) if index % 2 == 0 else (True, False)
            for with_progress in order:
                terminal = _Terminal()
                made: list[_TimedProgress] = []
                maker = (lambda count, size, t=terminal, m=made: _made(m, t, count, size)) if with_progress else None
                copied = os.path.join(elsewhere, "cache")
                elapsed = _timed(source, copied, expected, maker)
                times["copy_progress" if with_progress else "copy"].append(elapsed)
                if with_progress:
                    draws.append(getattr(terminal, "draws", 0))
                    shares.append(sum(display.spent for display in made) / elapsed)
                shutil.move(copied, source)  # back, untimed: the next copy starts from the disk again
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(elsewhere, ignore_errors=True)
    copy, with_display = statistics.median(times["copy"]), statistics.median(times["copy_progress"])
    difference = (min(times["copy_progress"]) - min(times["copy"])) / min(times["copy"])
    return {
        "measured": True,
        "repeats": repeats,
        "tree": {"files": expected[0], "bytes": expected[1]},
        "disk_fs": filesystem(disk_dir),
        "other_fs": filesystem(other_dir),
        "rename_s": summary(times["rename"]),
        "copy_s": summary(times["copy"]),
        "copy_progress_s": summary(times["copy_progress"]),
        "copy_mib_s": round(expected[1] / _MIB / copy, 1),
        "ratio_copy_to_rename": ratio(copy, statistics.median(times["rename"])),
        "progress_share_max": round(max(shares), 5),
        "progress_share_median": round(statistics.median(shares), 5),
        "progress_difference_min": round(difference, 4),
        "progress_difference_median": round((with_display - copy) / copy, 4),
        "progress_draws": max(draws, default=0),
    }


def _made(made: list[_TimedProgress], terminal: _Terminal, files: int, size: int) -> _TimedProgress:
    display = _TimedProgress(terminal, files, size)
    made.append(display)
    return display


def _timed(source: str, target: str, expected: tuple[int, int], progress: object = None) -> float:
    if hasattr(os, "sync"):
        os.sync()  # earlier writes do not overlap the move
    start = time.perf_counter()
    outcome = move_tree(source, target, progress=progress, rename=None)  # type: ignore[arg-type]  # a maker or None
    elapsed = time.perf_counter() - start
    found = tree_size(target)
    if not outcome.complete or found != expected:
        msg = f"the move did not complete: {outcome.as_dict()}, expected {expected}, found {found}"
        raise RuntimeError(msg)
    return elapsed


def goal(data: dict[str, object]) -> dict[str, object] | None:
    """The progress display's goal (``None`` when not measured): the time in its calls <= 2% of the copy, every run."""
    if not data.get("measured"):
        return None
    share = float(data["progress_share_max"])  # type: ignore[arg-type]  # a float when measured
    return {
        "key": "progress_overhead",
        "goal": f"<= {PROGRESS_GOAL:.0%} of the copy",
        "value": f"{share:.2%} (the worst copy)",
        "met": share <= PROGRESS_GOAL,
    }
