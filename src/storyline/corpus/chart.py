"""A timeline as an SVG chart written by hand: articles per day, and events by PLOVER type.

The top band is a bar per day for the number of articles; below it, one row per event
type with a dot for each event on its day. Plain SVG with text labels and <title>
tooltips: it reads without JavaScript. Undated items are left out of the chart.
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


_PERIOD = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})(?:[T ].*)?)?)?")


def _day(value: str | None) -> dt.date | None:
    """The day a date starts with (a month or a year at its first day); None for a value
    that is not a date (a store may hold those from before dates were checked)."""
    m = _PERIOD.fullmatch(str(value or ""))
    if m is None:
        return None
    try:
        return dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None


def chart(items: list[dict[str, Any]], title: str = "Timeline") -> str:
    """The SVG text for a list of timeline items."""
    articles = Counter(d for i in items if i["kind"] == "article" and (d := _day(i["date"])))
    events = [
        (d, i["text"].split(":", 1)[0])
        for i in items
        if i["kind"] == "event" and (d := _day(i["date"]))
    ]
    types = sorted({t for _, t in events})
    days = sorted(set(articles) | {d for d, _ in events})
    height = PAD * 3 + BAR_HEIGHT + ROW * max(1, len(types)) + PAD
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}"'
        f' viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{WIDTH}" height="{height}" fill="white"/>',
        f'<text x="{PAD}" y="{PAD - 6}" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    if not days:
        out.append(f'<text x="{PAD}" y="{PAD * 2}">No dated items.</text></svg>')
        return "\n".join(out) + "\n"
    first, last = days[0], days[-1]
    span = max(1, (last - first).days)
    plot = WIDTH - LEFT - PAD

    def x(day: dt.date) -> float:
        return LEFT + plot * (day - first).days / span

    top = PAD * 2
    most = max(articles.values(), default=1)
    out.append(f'<text x="{PAD}" y="{top + 12}">Articles per day</text>')
    bar = max(3.0, min(18.0, plot / (span + 1) * 0.8))
    for day, count in sorted(articles.items()):
        h = BAR_HEIGHT * count / most
        out.append(
            f'<rect x="{x(day) - bar / 2:.1f}" y="{top + BAR_HEIGHT - h:.1f}" width="{bar:.1f}"'
            f' height="{h:.1f}" fill="#4a78b5"><title>{day}: {count} article(s)</title></rect>'
        )
    base = top + BAR_HEIGHT
    out.append(f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - PAD}" y2="{base}" stroke="#888"/>')
    out.append(f'<text x="{LEFT}" y="{base + 14}">{first}</text>')
    out.append(f'<text x="{WIDTH - PAD}" y="{base + 14}" text-anchor="end">{last}</text>')
    rows_top = base + PAD + 6
    out.append(f'<text x="{PAD}" y="{rows_top - 8}">Events by PLOVER type</text>')
    per = Counter(events)
    for n, kind in enumerate(types):
        y = rows_top + ROW * n + ROW / 2
        out.append(f'<text x="{PAD}" y="{y + 4:.1f}">{escape(kind)}</text>')
        out.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - PAD}" y2="{y:.1f}" stroke="#eee"/>'
        )
        for (day, t), count in sorted(per.items()):
            if t == kind:
                r = min(9.0, 3 + 1.5 * count)
                out.append(
                    f'<circle cx="{x(day):.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#c0504d">'
                    f"<title>{day}: {count} {escape(kind)} event(s)</title></circle>"
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
