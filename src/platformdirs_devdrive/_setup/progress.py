"""The progress line of a copy on a terminal: files, bytes and rate, redrawn at most ten times a second."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from collections.abc import Callable

_MIB = 1024 * 1024


class Progress:
    """A one-line progress display on a terminal (files, bytes, rate), redrawn at most ten times a second."""

    __slots__ = ("_last", "_started", "stream", "total_bytes", "total_files")

    def __init__(self, stream: TextIO, total_files: int, total_bytes: int) -> None:
        self.stream = stream
        self.total_files = total_files
        self.total_bytes = total_bytes
        self._started = self._last = time.monotonic()

    def update(self, files: int, done_bytes: int) -> None:
        """Show ``files`` and ``done_bytes`` done, unless the line was drawn less than 0.1 s ago."""
        now = time.monotonic()
        if now - self._last < 0.1:  # noqa: PLR2004  # drawing every chunk would cost more than the copy
            return
        self._last = now
        self._draw(files, done_bytes, now)

    def finish(self, files: int, done_bytes: int) -> None:
        """Draw the last state and end the line."""
        self._draw(files, done_bytes, time.monotonic())
        self.stream.write("\n")
        self.stream.flush()

    def _draw(self, files: int, done_bytes: int, now: float) -> None:
        rate = done_bytes / _MIB / max(now - self._started, 1e-6)
        self.stream.write(
            f"\r  copied {files:,} of {self.total_files:,} files, {done_bytes / _MIB:,.1f} of "
            f"{self.total_bytes / _MIB:,.1f} MiB, {rate:,.1f} MiB/s "
        )
        self.stream.flush()


def terminal_progress(stream: TextIO | None = None) -> Callable[[int, int], Progress] | None:
    """Return a maker of :class:`Progress` for ``stream`` (default: stderr) if it is a terminal, else ``None``."""
    stream = stream or sys.stderr
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return (lambda files, size: Progress(stream, files, size)) if tty else None


__all__ = ["Progress", "terminal_progress"]
