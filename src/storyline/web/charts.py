"""Charts as data for the SVG templates: bars laid out in a fixed view box.

The geometry is computed here and drawn by ``templates/chart.html`` as inline SVG
with a title, a description and the numbers as a table: no script, and a screen
reader (or a reader without SVG) gets the same figures.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

WIDTH = 600
HEIGHT = 160
AXIS = 20  # room under the bars for the first and last labels
MAX_BARS = 60  # the newest periods shown when there are more
DAY_SPAN = 62  # days a chart shows day by day; a longer span is shown by month
_MONTH = re.compile(r"[0-9]{4}-(?:0[1-9]|1[0-2])")


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    description: str
    bars: tuple[Bar, ...]
    width: int = WIDTH
    height: int = HEIGHT
    axis_y: int = HEIGHT - AXIS + 14


def bar_chart(
    title: str, what: str, points: Sequence[tuple[str, int]], period: str = "month"
) -> Chart | None:
    """Bars for (label, count) points in order; None when there is nothing to draw."""
    points = list(points)[-MAX_BARS:]
    if not points:
        return None
    top = max(count for _, count in points) or 1
    slot = WIDTH / len(points)
    gap = min(4.0, slot * 0.2)
    room = HEIGHT - AXIS - 4
    bars = tuple(
        Bar(
            label,
            count,
            round(i * slot + gap / 2, 1),
            round(HEIGHT - AXIS - room * count / top, 1),
            round(slot - gap, 1),
            round(room * count / top, 1),
        )
        for i, (label, count) in enumerate(points)
    )
    peak = max(points, key=lambda p: p[1])
    description = (
        f"{what} per {period} from {points[0][0]} to {points[-1][0]};"
        f" the most, {peak[1]}, in {peak[0]}."
    )
    return Chart(title, description, bars)


def month_chart(title: str, what: str, rows: Sequence[Mapping[str, Any]]) -> Chart | None:
    """A bar chart of rows with ``month`` and ``count``, as the store gives them."""
    # Articles dated only by year have no month to stand in, nor have dates that are
    # not dates (a store may hold those from before dates were checked at ingest).
    counts: dict[str, int] = {}
    for row in rows:
        if _MONTH.fullmatch(month := str(row["month"])):
            counts[month] = counts.get(month, 0) + int(row["count"])
    if not counts:
        return None
    return bar_chart(
        title, what, [(m, counts.get(m, 0)) for m in _months(min(counts), max(counts))]
    )


def _months(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` (YYYY-MM), so an empty month shows as a gap."""
    year, month = int(first[:4]), int(first[5:7])
    out: list[str] = []
    while f"{year:04d}-{month:02d}" <= last and len(out) < 1200:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _day(value: str | None) -> str | None:
    """The YYYY-MM-DD day ``value`` starts with, when it starts with one."""
    try:
        return dt.date.fromisoformat(value[:10]).isoformat() if value else None
    except ValueError:
        return None


def dates_chart(title: str, what: str, dates: Sequence[str | None]) -> Chart | None:
    """Bars per day when ``dates`` span two months or less, else per month."""
    days = sorted(day for d in dates if (day := _day(d)))
    if not days:
        return month_chart(title, what, [{"month": d[:7], "count": 1} for d in dates if d])
    first = dt.date.fromisoformat(days[0])
    last = dt.date.fromisoformat(days[-1])
    if (last - first).days > DAY_SPAN:
        counts = Counter(d[:7] for d in days)
        return month_chart(title, what, [{"month": m, "count": n} for m, n in counts.items()])
    per_day = Counter(days)
    points = [
        (str(day), per_day.get(str(day), 0))
        for day in (first + dt.timedelta(n) for n in range((last - first).days + 1))
    ]
    return bar_chart(title, what, points, "day")
