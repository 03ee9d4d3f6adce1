"""The timeline chart: where each dated item falls, how it is named, and what it leaves out."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from storyline.corpus.chart import _dated, chart


@pytest.mark.parametrize(
    ("value", "dated"),
    [
        # a partial date at the start of its period, named as given
        ("2025", (dt.date(2025, 1, 1), "2025")),
        ("2025-05", (dt.date(2025, 5, 1), "2025-05")),
        ("2025-05-03", (dt.date(2025, 5, 3), "2025-05-03")),
        ("2025-05-03T10:00:00+00:00", (dt.date(2025, 5, 3), "2025-05-03")),
        ("2025-05-03 10:00", (dt.date(2025, 5, 3), "2025-05-03")),
        # What a store may hold from before dates were checked: no day.
        ("20250503", None),
        ("2025/05/03", None),
        ("2025 May 3", None),
        ("2025-13-01", None),
        ("yesterday", None),
        (None, None),
    ],
)
def test_where_an_item_falls_and_how_it_is_named(
    value: str | None, dated: tuple[dt.date, str] | None
) -> None:
    assert _dated(value) == dated


def _item(date: str | None, kind: str, text: str, type: str | None = None) -> dict[str, Any]:
    return {
        "date": date, "kind": kind, "type": type, "text": text, "article_id": 1, "start": None,
        "end": None,
    }  # fmt: skip


ITEMS = [
    _item("2025-03", "event", "PROTEST (hunger strike): a strike that began in March", "PROTEST"),
    _item("2025-03-17", "event", "COERCE (raided): police raided the offices", "COERCE"),
    _item("2025-03-17", "event", "COERCE (arrested): officers arrested two", "COERCE"),
    _item("2025-03-17", "event", "COERCE (detained): and detained a third", "COERCE"),
    _item("2025-03-18", "article", "Police raid offices of Marden rights group"),
    _item("2025-03-18", "quote", "Ilse Varga: “They took our files”"),
    _item("2025-03-18", "event", "PROTEST (protested): About 40 people protested", "PROTEST"),
    _item("2025", "article", "A year in review"),
    _item(None, "event", "ACCUSE (accused): undated", "ACCUSE"),
]


def _texts(svg: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}[^>]*>([^<]*)</{tag}>", svg)


def test_one_row_per_plover_type_whatever_the_trigger() -> None:
    svg = chart(ITEMS, "Timeline of story 1: Police raid offices of Marden rights group")
    labels = _texts(svg, "text")
    assert labels == [
        "Timeline of story 1: Police raid offices of Marden rights group",
        "Articles per day",
        "2025",  # the axis from the first date to the last, named as given
        "2025-03-18",
        "Events by PLOVER type",
        "COERCE",
        "PROTEST",
    ]
    assert _texts(svg, "title") == [
        "Timeline of story 1: Police raid offices of Marden rights group",
        # a partial date drawn at the start of its period, named as given
        "2025: 1 article(s)",
        "2025-03-18: 1 article(s)",
        "2025-03-17: 3 COERCE event(s)",  # raided, arrested and detained: one dot
        "2025-03: 1 PROTEST event(s)",
        "2025-03-18: 1 PROTEST event(s)",
    ]


def test_a_partial_date_is_drawn_at_the_start_of_its_period() -> None:
    svg = chart([ITEMS[0], ITEMS[1], _item("2025-03-01", "event", "PROTEST (x): y", "PROTEST")])
    dots = re.findall(r'<circle cx="([0-9.]+)"[^>]*><title>([^<]*)</title>', svg)
    # 2025-03 and 2025-03-01 at the left end of the axis; 2025-03-17 at its right end
    assert dots == [
        ("736.0", "2025-03-17: 1 COERCE event(s)"),
        ("130.0", "2025-03: 1 PROTEST event(s)"),
        ("130.0", "2025-03-01: 1 PROTEST event(s)"),
    ]


def test_a_long_title_is_cut_in_the_heading_and_whole_in_the_tooltip() -> None:
    title = "Timeline of story 2: " + "word " * 30
    svg = chart(ITEMS, title)
    assert _texts(svg, "title")[0] == title
    heading = _texts(svg, "text")[0]
    assert heading == title[:94] + "…"


def test_a_chart_without_dated_items() -> None:
    svg = chart([ITEMS[-1]], "Timeline of Ilse Varga")
    assert _texts(svg, "text") == ["Timeline of Ilse Varga", "No dated items."]
