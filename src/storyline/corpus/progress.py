"""A small progress bar on stderr: done/total, percent, rate and time left.

On a terminal the bar redraws in place a few times a second; elsewhere (a log
file, CI) it prints a plain line now and then, so logs stay short.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 24


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class Progress:
    """Counts finished items and shows the rate and an ETA."""

    def __init__(
        self,
        total: int | None,
        *,
        label: str = "ingest",
        stream: TextIO | None = None,
        enabled: bool = True,
    ) -> None:
        self.total = total
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.done = 0
        self.started = time.monotonic()
        self._tty = self.stream.isatty()
        self._last = 0.0
        self._interval = 0.2 if self._tty else 5.0

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.enabled and now - self._last >= self._interval:
            self._last = now
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The bar as text."""
        elapsed = max((now or time.monotonic()) - self.started, 1e-9)
        rate = self.done / elapsed
        if not self.total:
            return f"{self.label} {self.done}  {rate:.1f}/s  {_clock(elapsed)}"
        share = min(self.done / self.total, 1.0)
        filled = int(share * WIDTH)
        left = (self.total - self.done) / rate if rate > 0 else None
        eta = _clock(left) if left is not None else "?"
        return (
            f"{self.label} {self.done}/{self.total} {share:4.0%} "
            f"|{'#' * filled}{'.' * (WIDTH - filled)}| {rate:.1f}/s ETA {eta}"
        )

    def _draw(self, now: float) -> None:
        if self._tty:
            self.stream.write("\r" + self.line(now) + "\x1b[K")
        else:
            self.stream.write(self.line(now) + "\n")
        self.stream.flush()

    def close(self) -> None:
        """Draw the final state and end the line."""
        if self.enabled:
            self._draw(time.monotonic())
            if self._tty:
                self.stream.write("\n")
            self.stream.flush()
