"""The progress bar: count, share, rate and time left."""

from __future__ import annotations

import io

import pytest

from storyline.corpus.progress import Progress


@pytest.mark.parametrize(
    ("total", "done", "elapsed", "expected"),
    [
        (200, 50, 10.0, "ingest 50/200  25% |######..................| 5.0/s ETA 0:30"),
        (10, 10, 4.0, "ingest 10/10 100% |########################| 2.5/s ETA 0:00"),
        (7200, 1, 1.0, "ingest 1/7200   0% |........................| 1.0/s ETA 1:59:59"),
        (None, 12, 3.0, "ingest 12  4.0/s  0:03"),
        (5, 0, 2.0, "ingest 0/5   0% |........................| 0.0/s ETA ?"),
    ],
)
def test_line(total: int | None, done: int, elapsed: float, expected: str) -> None:
    bar = Progress(total, stream=io.StringIO())
    bar.done = done
    assert bar.line(bar.started + elapsed) == expected


def test_off_a_terminal_it_prints_plain_lines() -> None:
    out = io.StringIO()
    bar = Progress(3, stream=out)
    for _ in range(3):
        bar.advance()
    bar.close()
    lines = out.getvalue().splitlines()
    assert lines[-1].startswith("ingest 3/3 100%")
    assert "\r" not in out.getvalue()


def test_disabled_prints_nothing() -> None:
    out = io.StringIO()
    bar = Progress(3, stream=out, enabled=False)
    bar.advance()
    bar.close()
    assert out.getvalue() == ""
