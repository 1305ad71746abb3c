r"""A minimal tool that downloads an archive into its cache and unpacks it into a target folder.

It shows the three calls a tool makes to use a Dev Drive well::

    python examples/unpack_tool/unpack_tool.py https://example.org/data.zip C:\work\data
    python examples/unpack_tool/unpack_tool.py file:///D:/archives/data.tar.gz D:\work\data

- ``user_cache_dir(..., devdrive=None)``: the download cache follows the user's ``PLATFORMDIRS_DEVDRIVE`` (unset:
  platformdirs' own folder, ``%LOCALAPPDATA%\unpack-tool\Cache``; ``auto``: ``D:\.cache\unpack-tool\Cache``).
  ``UNPACK_TOOL_CACHE_DIR`` is this tool's own override and sits above all of that, as ``PIP_CACHE_DIR`` does for pip.
- ``devdrive_hint(...)``: one line on stderr when a Dev Drive could hold the cache, and never when the user chose it.
- ``user_temp_dir(..., near=target)``: the archive is unpacked in a temp folder on the target's volume when that is a
  Dev Drive (``D:\.cache\Temp\unpack-tool``), so moving the result into place is one rename (:func:`os.replace`);
  when temp and target are on different volumes after all, it falls back to a copy next to the target, then a rename.
"""

from __future__ import annotations

import argparse
import errno
import hashlib
import os
import shutil
import sys
import tarfile
import tempfile
import urllib.parse
import urllib.request

from platformdirs_devdrive import devdrive_hint, user_cache_dir, user_temp_dir

APP = "unpack-tool"
CACHE_VAR = "UNPACK_TOOL_CACHE_DIR"
"""The tool's own override of its cache folder; set by the user, so the hint stays silent."""
SUFFIXES = (".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".tar", ".zip")


class Outcome:
    """What one run did: where the download was cached, where it was unpacked, and how it was moved."""

    __slots__ = ("cache_dir", "cached", "hint", "moved_by", "target", "temp_dir")

    def __init__(  # a record
        self, *, cache_dir: str, cached: str, hint: str | None, temp_dir: str, target: str, moved_by: str
    ) -> None:
        self.cache_dir = cache_dir
        self.cached = cached
        self.hint = hint
        self.temp_dir = temp_dir
        self.target = target
        self.moved_by = moved_by


def cache_dir() -> tuple[str, bool]:
    """Return the download cache and whether the user chose it (``UNPACK_TOOL_CACHE_DIR``)."""
    chosen = os.environ.get(CACHE_VAR, "").strip()
    if chosen:
        return os.path.abspath(chosen), True
    # ensure_exists: on a shared Dev Drive root the package creates the .cache tree owner-only, race-safe.
    return user_cache_dir(APP, appauthor=False, ensure_exists=True, devdrive=None), False


def download(source: str, cache: str) -> str:
    """Return the cached copy of ``source`` (a URL or a local path), fetching it only when it is not cached yet."""
    url = source if urllib.parse.urlsplit(source).scheme in {"file", "http", "https"} else None
    name = os.path.basename(urllib.parse.urlsplit(source).path if url else source)
    suffix = next((s for s in SUFFIXES if name.endswith(s)), "")
    key = hashlib.sha256(source.encode()).hexdigest()[:16]
    cached = os.path.join(cache, "downloads", f"{key}{suffix}")
    if os.path.isfile(cached):
        return cached
    os.makedirs(os.path.dirname(cached), exist_ok=True)
    partial = f"{cached}.{os.getpid()}.partial"  # never leave a half-written file under the final name
    with open(partial, "wb") as out:
        if url:
            with urllib.request.urlopen(url) as response:  # noqa: S310  # the user's own URL, file: included
                shutil.copyfileobj(response, out)
        else:
            with open(source, "rb") as src:
                shutil.copyfileobj(src, out)
    os.replace(partial, cached)
    return cached


def move_into_place(source: str, target: str) -> str:
    """Move the folder ``source`` to ``target`` (which must not exist); return ``"rename"`` or ``"copy"``.

    A rename is atomic and costs nothing, but only works within one volume: across volumes ``os.replace`` fails
    with ``EXDEV``, and the folder is copied next to the target first, so the target still appears in one rename.
    """
    try:
        os.replace(source, target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
    else:
        return "rename"
    parent = os.path.dirname(os.path.abspath(target))
    staging = tempfile.mkdtemp(prefix=f".{os.path.basename(target)}.", dir=parent)
    try:
        copied = os.path.join(staging, "content")
        shutil.copytree(source, copied, symlinks=True)
        os.replace(copied, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(source, ignore_errors=True)
    return "copy"


def unpack(source: str, target: str) -> Outcome:
    """Download ``source`` into the cache, unpack it in temp near ``target``, then move it to ``target``."""
    target = os.path.abspath(target)
    if os.path.lexists(target):
        msg = f"{target} exists; choose a new folder"
        raise FileExistsError(errno.EEXIST, msg, target)
    cache, chosen = cache_dir()
    hint = devdrive_hint(APP, cache, devdrive=None, explicit=chosen)
    cached = download(source, cache)
    temp_base = user_temp_dir(APP, ensure_exists=True, devdrive=None, near=os.path.dirname(target))
    work = tempfile.mkdtemp(prefix="unpack-", dir=temp_base)
    try:
        unpacked = os.path.join(work, "content")
        # The "data" filter refuses absolute paths, links out of the folder and device files in a tar archive; it
        # exists from 3.12 (and the 3.10/3.11 security releases), and 3.14 makes it the default. Zip archives take
        # no filter before 3.12 (and need none: zipfile already keeps members inside the folder).
        tar = any(
            cached.endswith(ext) for name, exts, _ in shutil.get_unpack_formats() if "tar" in name for ext in exts
        )
        safe = {"filter": "data"} if tar and hasattr(tarfile, "data_filter") else {}
        shutil.unpack_archive(cached, unpacked, **safe)
        moved_by = move_into_place(unpacked, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Outcome(cache_dir=cache, cached=cached, hint=hint, temp_dir=temp_base, target=target, moved_by=moved_by)


def main(argv: list[str] | None = None) -> int:
    """Run the tool; return the exit status."""
    parser = argparse.ArgumentParser(prog=APP, description="Download an archive and unpack it into a new folder.")
    parser.add_argument("source", help="a URL (https:, file:) or a local path of a .zip or .tar[.gz|.bz2|.xz]")
    parser.add_argument("target", help="the folder to create")
    args = parser.parse_args(argv)
    try:
        outcome = unpack(args.source, args.target)
    except (OSError, shutil.ReadError, ValueError) as error:
        print(f"{APP}: error: {error}", file=sys.stderr)
        return 1
    if outcome.hint:
        print(f"{APP}: hint: {outcome.hint}", file=sys.stderr)
    print(f"cache:  {outcome.cached}")
    print(f"temp:   {outcome.temp_dir}")
    print(f"target: {outcome.target} (moved by {outcome.moved_by})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
