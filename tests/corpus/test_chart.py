"""The timeline chart: where each dated item falls, and what it leaves out."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.corpus.chart import _day


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2025", dt.date(2025, 1, 1)),  # a partial date at the start of its period
        ("2025-05", dt.date(2025, 5, 1)),
        ("2025-05-03", dt.date(2025, 5, 3)),
        ("2025-05-03T10:00:00+00:00", dt.date(2025, 5, 3)),
        ("2025-05-03 10:00", dt.date(2025, 5, 3)),
        # What a store may hold from before dates were checked: no day.
        ("20250503", None),
        ("2025/05/03", None),
        ("2025 May 3", None),
        ("2025-13-01", None),
        ("yesterday", None),
        (None, None),
    ],
)
def test_the_day_an_item_falls_on(value: str | None, day: dt.date | None) -> None:
    assert _day(value) == day
