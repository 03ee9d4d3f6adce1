"""Rows of a query as a text table, JSON or CSV, for the command line."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from typing import Any

FORMATS = ("table", "json", "csv")
MAX_CELL = 70  # characters of a cell in a table; JSON and CSV keep everything
# A CSV cell a spreadsheet would run as a formula: titles, quotes and sources come from
# the pages read, so a page could carry "=HYPERLINK(...)" into a reader's spreadsheet.
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _inert(value: Any) -> Any:
    """A text cell that opens like a formula, prefixed with ' so that it stays text."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA) else value


def _columns(c: str) -> int:
    return 0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: a wide (CJK) character takes two, a combining
    mark none."""
    return sum(map(_columns, text))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3g}"
    text = " ".join(str(value).split())
    if width(text) <= MAX_CELL:
        return text
    used = 0
    for i, c in enumerate(text):  # the longest start that leaves a column for "…"
        used += _columns(c)
        if used > MAX_CELL - 1:
            return text[:i] + "…"
    return text


def _pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """An aligned plain-text table with a header row."""
    if not rows:
        return "(no results)\n"
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(width(c), *(width(row[i]) for row in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(_pad(c, w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(_pad(v, w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    return "\n".join(lines) + "\n"


def render_rows(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str]) -> str:
    """``rows`` as ``fmt``: table (the given columns), json (a list) or csv (the given
    columns, each text cell that would open as a spreadsheet formula prefixed with ')."""
    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows({c: _inert(r.get(c)) for c in columns} for r in rows)
        return buffer.getvalue()
    return table(rows, columns)
