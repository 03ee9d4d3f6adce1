"""A timeline as an SVG chart written by hand: articles per day, and events by PLOVER type.

The top band is a bar per date for the number of articles; below it, one row per PLOVER
event type (the type each event item carries) with a dot for the events of that type
on each date. A partial date ("2025-03", "2025") is drawn at the start of its period
and named as given. Plain SVG with text labels and <title> tooltips: it reads without
JavaScript. Undated items are left out of the chart.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from html import escape
from pathlib import Path
from typing import Any

WIDTH = 760
LEFT = 130  # room for the event type labels
BAR_HEIGHT = 90
ROW = 22
PAD = 24
TITLE_CHARS = 95  # of the heading, about what the width holds; the <title> keeps it whole


_PERIOD = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})(?:[T ].*)?)?)?")


def _dated(value: str | None) -> tuple[dt.date, str] | None:
    """Where a date is drawn, the day its period starts with, and how it is named: the
    day, month or year as given, without a time of day. None for a value that is not a
    date (a store may hold those from before dates were checked)."""
    m = _PERIOD.fullmatch(str(value or ""))
    if m is None:
        return None
    try:
        day = dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None
    return day, "-".join(part for part in m.groups() if part)


def chart(items: list[dict[str, Any]], title: str = "Timeline") -> str:
    """The SVG text for a list of timeline items."""
    articles = Counter(d for i in items if i["kind"] == "article" and (d := _dated(i["date"])))
    events = Counter(
        (d, i["type"]) for i in items if i["kind"] == "event" and (d := _dated(i["date"]))
    )
    types = sorted({t for _, t in events})
    dates = sorted(set(articles) | {d for d, _ in events})  # a period before its days
    height = PAD * 3 + BAR_HEIGHT + ROW * max(1, len(types)) + PAD
    heading = title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1] + "…"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}"'
        f' viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{WIDTH}" height="{height}" fill="white"/>',
        f'<text x="{PAD}" y="{PAD - 6}" font-size="13" font-weight="bold">{escape(heading)}</text>',
    ]
    if not dates:
        out.append(f'<text x="{PAD}" y="{PAD * 2}">No dated items.</text></svg>')
        return "\n".join(out) + "\n"
    first, last = dates[0], dates[-1]
    span = max(1, (last[0] - first[0]).days)
    plot = WIDTH - LEFT - PAD

    def x(day: dt.date) -> float:
        return LEFT + plot * (day - first[0]).days / span

    top = PAD * 2
    most = max(articles.values(), default=1)
    out.append(f'<text x="{PAD}" y="{top + 12}">Articles per day</text>')
    bar = max(3.0, min(18.0, plot / (span + 1) * 0.8))
    for (day, given), count in sorted(articles.items()):
        h = BAR_HEIGHT * count / most
        out.append(
            f'<rect x="{x(day) - bar / 2:.1f}" y="{top + BAR_HEIGHT - h:.1f}" width="{bar:.1f}"'
            f' height="{h:.1f}" fill="#4a78b5"><title>{given}: {count} article(s)</title></rect>'
        )
    base = top + BAR_HEIGHT
    out.append(f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - PAD}" y2="{base}" stroke="#888"/>')
    out.append(f'<text x="{LEFT}" y="{base + 14}">{first[1]}</text>')
    out.append(f'<text x="{WIDTH - PAD}" y="{base + 14}" text-anchor="end">{last[1]}</text>')
    rows_top = base + PAD + 6
    out.append(f'<text x="{PAD}" y="{rows_top - 8}">Events by PLOVER type</text>')
    for n, kind in enumerate(types):
        y = rows_top + ROW * n + ROW / 2
        out.append(f'<text x="{PAD}" y="{y + 4:.1f}">{escape(kind)}</text>')
        out.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - PAD}" y2="{y:.1f}" stroke="#eee"/>'
        )
        for ((day, given), t), count in sorted(events.items()):
            if t == kind:
                r = min(9.0, 3 + 1.5 * count)
                out.append(
                    f'<circle cx="{x(day):.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#c0504d">'
                    f"<title>{given}: {count} {escape(kind)} event(s)</title></circle>"
                )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def write_chart(items: list[dict[str, Any]], path: Path, title: str = "Timeline") -> None:
    """Write the chart of ``items`` to ``path``."""
    from storyline.errors import InputError

    try:
        path.write_text(chart(items, title), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write the chart ({exc.strerror})") from None
