"""The co-location payoff: moving an unpacked-wheel-like tree into place from the same file system or another one.

This is what ``near=`` buys: pip's ``--target`` installs into a temporary directory, then moves each top-level item
into the target with :func:`shutil.move` (``_handle_target_dir`` in ``pip/_internal/commands/install.py``).
:func:`shutil.move` renames when source and destination share a file system, and otherwise copies every file and
deletes the source. Both sides below make the same :func:`shutil.move` call into the same destination directory; only
where the temporary tree lives differs.

The data is not forced to disk inside the timed move (no tool does that); ``os.sync()`` runs before each move so earlier
writes do not overlap it, and a second figure adds the ``os.sync()`` after the move: the time until the copy is on disk.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import sys
import tempfile
import time

from bench.measure import ratio, summary

SEED = 20240617  # a fixed tree: every run moves the same files
_MIB = 1024 * 1024
_RECORD = 4096  # the size of the one file of the dist-info folder


def tree_plan(*, files: int, total_bytes: int, seed: int = SEED) -> list[tuple[str, int]]:
    """Return ``(relative path, size)`` of a wheel-like tree: mostly small sources, a few large binaries.

    95% of files are 200 B-64 KiB (log-uniform), like ``.py`` files; 5% are larger, like extension modules and data,
    scaled so that the sizes add up to ``total_bytes``.
    """
    rng = random.Random(seed)  # file sizes, not secrets
    folders = ["pkg"]
    for index in range(max(1, files // 15)):
        parent = rng.choice(folders)
        if parent.count("/") < 5:
            folders.append(f"{parent}/sub{index}")
    small_count = files - max(1, files // 20)
    small = [round(200 * (64 * 1024 / 200) ** rng.random()) for _ in range(small_count)]
    large = [64 * 1024 * (128 ** rng.random()) for _ in range(files - small_count)]
    scale = max(total_bytes - sum(small), len(large)) / sum(large)
    sizes = small + [max(1, round(size * scale)) for size in large]
    sizes[-1] += total_bytes - _RECORD - sum(sizes)  # rounding: the tree is exactly total_bytes
    plan = [(f"{rng.choice(folders)}/module_{index}.py", size) for index, size in enumerate(sizes[:small_count])]
    plan += [(f"{rng.choice(folders)}/_ext_{index}.so", size) for index, size in enumerate(sizes[small_count:])]
    plan.append(("pkg-1.0.dist-info/RECORD", _RECORD))
    return plan


def write_tree(base: str, plan: list[tuple[str, int]]) -> None:
    """Create the planned files below ``base`` from a block of random bytes (the content does not matter to a copy)."""
    block = memoryview(random.Random(SEED).randbytes(_MIB))
    made: set[str] = set()
    for relative, size in plan:
        path = os.path.join(base, *relative.split("/"))
        folder = os.path.dirname(path)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        with open(path, "wb") as file:
            left = size
            while left:
                chunk = block[: min(left, _MIB)]
                file.write(chunk)
                left -= len(chunk)


def tree_size(base: str) -> tuple[int, int]:
    """Return the number of files and bytes below ``base``."""
    count = total = 0
    for folder, _, names in os.walk(base):
        for name in names:
            count += 1
            total += os.lstat(os.path.join(folder, name)).st_size
    return count, total


def filesystem(path: str) -> str:
    """Return the file-system type holding ``path`` (from ``/proc/self/mounts``), or ``unknown``."""
    real = os.path.realpath(path)
    best, kind = "", "unknown"
    try:
        with open("/proc/self/mounts", encoding="utf-8") as mounts:
            for line in mounts:
                fields = line.split()
                point = fields[1].replace("\\040", " ")
                inside = real == point or real.startswith(point.rstrip("/") + "/")
                if len(fields) > 2 and inside and len(point) >= len(best):
                    best, kind = point, fields[2]
    except OSError:
        pass
    return kind


def _sync() -> None:
    if hasattr(os, "sync"):
        os.sync()


def _move(source: str, destination: str) -> tuple[float, float]:
    _sync()
    start = time.perf_counter()
    shutil.move(source, destination)
    moved = time.perf_counter()
    _sync()
    return moved - start, time.perf_counter() - start


def measure(*, disk_dir: str, other_dir: str | None, files: int, megabytes: int, repeats: int) -> dict[str, object]:
    """Move the tree ``repeats`` times each way into ``disk_dir``: from ``disk_dir`` itself and from ``other_dir``."""
    total = megabytes * _MIB
    skip = _unusable(disk_dir, other_dir, total)
    if skip:
        return {"measured": False, "why": skip}
    assert other_dir is not None  # _unusable said why otherwise
    plan = tree_plan(files=files, total_bytes=total)
    expected = (len(plan), sum(size for _, size in plan))
    sizes = sorted(size for _, size in plan)
    work = tempfile.mkdtemp(prefix="colocation-", suffix=".tmp", dir=disk_dir)
    elsewhere = tempfile.mkdtemp(prefix="colocation-", suffix=".tmp", dir=other_dir)
    times: dict[str, list[float]] = {"same": [], "same_synced": [], "other": [], "other_synced": []}
    try:
        for index in range(repeats):
            order = ("same", "other") if index % 2 == 0 else ("other", "same")
            for side in order:
                source = os.path.join(work if side == "same" else elsewhere, "unpacked")
                destination = os.path.join(work, "target")
                write_tree(source, plan)
                moved, synced = _move(source, destination)
                found = tree_size(destination)
                if found != expected:
                    msg = f"the move lost files: expected {expected}, found {found}"
                    raise RuntimeError(msg)
                shutil.rmtree(destination)
                times[side].append(moved)
                times[f"{side}_synced"].append(synced)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(elsewhere, ignore_errors=True)
    return {
        "measured": True,
        "repeats": repeats,
        "tree": {
            "files": expected[0],
            "bytes": expected[1],
            "folders": len({relative.rsplit("/", 1)[0] for relative, _ in plan}),
            "median_file_bytes": statistics.median(sizes),
            "largest_file_bytes": sizes[-1],
        },
        "destination_fs": filesystem(disk_dir),
        "other_fs": filesystem(other_dir),
        "same_fs_s": summary(times["same"]),
        "same_fs_synced_s": summary(times["same_synced"]),
        "other_fs_s": summary(times["other"]),
        "other_fs_synced_s": summary(times["other_synced"]),
        "ratio_median": ratio(statistics.median(times["other"]), statistics.median(times["same"])),
        "ratio_median_synced": ratio(statistics.median(times["other_synced"]), statistics.median(times["same_synced"])),
        "sync": hasattr(os, "sync"),
        "platform": sys.platform,
    }


def _unusable(disk_dir: str, other_dir: str | None, total: int) -> str | None:
    """Return why the two directories cannot host the measurement, or ``None``."""
    if other_dir is None or not os.path.isdir(other_dir):
        return f"no second file system: {other_dir or 'none given'} (pass --other-fs DIR)"
    if os.stat(disk_dir).st_dev == os.stat(other_dir).st_dev:
        return f"{disk_dir} and {other_dir} are on the same file system (pass --other-fs DIR on another one)"
    margin = 256 * _MIB
    for folder, need in ((disk_dir, 2 * total + margin), (other_dir, total + margin)):
        free = shutil.disk_usage(folder).free
        if free < need:
            return f"not enough free space in {folder}: {free // _MIB} MiB free, {need // _MIB} MiB needed"
    return None
