"""Browsing a corpus a page at a time: the library functions behind the web pages.

List functions answer ``{"items": [...], "next": CURSOR | None}``. A cursor is an
opaque string that carries the sort key of the last row shown; passing it back gives
the rows after it. The CLI's ``search`` and ``quotes`` read the first page of the
same functions, so the command line, the pages and their JSON twins agree.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import math
import re
from collections.abc import Sequence
from typing import Any

from storyline.corpus.entity import entities
from storyline.corpus.query import ID_MAX, Target, check_id, opened
from storyline.corpus.store import Row
from storyline.corpus.store.browse import MARK, UNMARK, Filters
from storyline.errors import ArgumentError

__all__ = [
    "Filters",
    "articles",
    "bracketed",
    "check_date",
    "check_filters",
    "check_id",
    "highlighted",
    "marked_parts",
    "overview",
    "quotes_page",
    "search_page",
]

PAGE = 20  # rows on a page unless asked otherwise
LIMIT_MAX = 100_000  # most rows one call returns
_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def check_date(value: str | None, name: str) -> str | None:
    """``value`` when it is a date (YYYY, YYYY-MM or YYYY-MM-DD) on the calendar."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")] + [1, 1] if _DATE.fullmatch(value) else []
    try:
        dt.date(parts[0], parts[1], parts[2])
    except (IndexError, ValueError):
        raise ArgumentError(
            f"{name}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        ) from None
    return value


def check_filters(filters: Filters) -> Filters:
    check_date(filters.since, "since")
    check_date(filters.until, "until")
    if filters.entity is not None and not 1 <= filters.entity <= ID_MAX:
        raise ArgumentError(f"entity: {filters.entity} is not an entity id")
    return filters


def check_limit(limit: int) -> int:
    if not 1 <= limit <= LIMIT_MAX:
        raise ArgumentError(f"limit: {limit} is out of range (1–{LIMIT_MAX})")
    return limit


def encode_cursor(key: Sequence[Any]) -> str:
    raw = json.dumps(list(key), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, kinds: Sequence[type]) -> list[Any] | None:
    """The sort key a cursor carries, checked against the types the list sorts by."""
    if not cursor:
        return None
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        key = None
    if not (
        isinstance(key, list)
        and len(key) == len(kinds)
        and all(_fits(v, k) for v, k in zip(key, kinds, strict=True))
    ):
        raise ArgumentError("cursor: not a cursor this list gave out")
    return key


def _fits(value: Any, kind: type) -> bool:
    """Whether a cursor's value is of the sort key's type (any finite number for a
    float), and an integer within what the store holds."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int) and not -ID_MAX <= value <= ID_MAX:
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return isinstance(value, int | float) if kind is float else isinstance(value, kind)


def keyset_page(rows: list[Row], limit: int, key: Sequence[str], drop: Sequence[str] = ()) -> Row:
    """The first ``limit`` rows and the cursor after them, if more rows followed."""
    more = len(rows) > limit
    rows = rows[:limit]
    following = encode_cursor([rows[-1][k] for k in key]) if more else None
    for row in rows:
        for name in drop:
            row.pop(name, None)
    return {"items": rows, "next": following}


def _tidy(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


_MARKS = re.compile(f"({MARK}|{UNMARK})")


def highlighted(snippet: str | None) -> tuple[str, list[list[int]]]:
    """A backend's snippet as its plain text and the [start, end) offsets of the matched
    words in it."""
    plain: list[str] = []
    spans: list[list[int]] = []
    at, opened_at = 0, None
    for part in _MARKS.split(_tidy(snippet)):
        if part == MARK:
            opened_at = at
        elif part == UNMARK:
            if opened_at is not None and at > opened_at:
                spans.append([opened_at, at])
            opened_at = None
        else:
            plain.append(part)
            at += len(part)
    return "".join(plain), spans


def marked_parts(text: str, highlights: Sequence[Sequence[int]]) -> list[tuple[str, bool]]:
    """``text`` cut at its highlighted spans: each part with whether it is one."""
    parts, at = [], 0
    for start, end in highlights:
        parts += [(text[at:start], False), (text[start:end], True)]
        at = end
    return [p for p in [*parts, (text[at:], False)] if p[0]]


def bracketed(text: str, highlights: Sequence[Sequence[int]]) -> str:
    """``text`` with each highlighted span in [brackets], for a table read by people."""
    return "".join(
        f"[{part}]" if marked else part for part, marked in marked_parts(text, highlights)
    )


def search_page(
    target: Target,
    text: str,
    filters: Filters | None = None,
    cursor: str | None = None,
    limit: int = PAGE,
    facets: bool = False,
) -> Row:
    """Articles containing every word of ``text``, best first, with snippets (and facets)."""
    filters = check_filters(filters or Filters())
    after = decode_cursor(cursor, (float, int))
    with opened(target) as store:
        rows = (
            store.search_page(text, filters, after, check_limit(limit) + 1) if text.strip() else []
        )
        counts = store.search_facets(text, filters) if facets and rows else None
    for row in rows:
        row["snippet"], row["highlights"] = highlighted(row["snippet"])
        row["score"] = round(-float(row["rank"]), 6)
    page = keyset_page(rows, limit, ("rank", "id"), drop=("rank",))
    if facets:
        page["facets"] = counts or {"source": [], "month": [], "entity": [], "type": []}
    return page


def articles(
    target: Target, filters: Filters | None = None, cursor: str | None = None, limit: int = PAGE
) -> Row:
    """Articles newest first (undated ones last), narrowed by ``filters``."""
    filters = check_filters(filters or Filters())
    after = decode_cursor(cursor, (str, int))
    with opened(target) as store:
        rows = store.article_page(filters, after, check_limit(limit) + 1)
    return keyset_page(rows, limit, ("sort_date", "id"), drop=("sort_date",))


def quotes_page(
    target: Target,
    speaker: str | None = None,
    text: str | None = None,
    filters: Filters | None = None,
    cursor: str | None = None,
    limit: int = PAGE,
) -> Row:
    """Quotes, newest article first, by a speaker (part of the name) or containing words."""
    filters = check_filters(filters or Filters())
    after = decode_cursor(cursor, (str, int))
    with opened(target) as store:
        rows = store.quote_page(speaker, text, filters, after, check_limit(limit) + 1)
    return keyset_page(rows, limit, ("sort_date", "id"), drop=("sort_date",))


LATEST_STORIES = 5  # stories the overview shows


def overview(target: Target) -> dict[str, Any]:
    """The corpus at a glance: counts, the latest stories, the newest articles, the most
    named entities."""
    # Imported here: the story view reads this module's cursor helpers.
    from storyline.corpus.story import stories_page

    with opened(target) as store:
        return {
            "counts": store.overview_counts(),
            "stories": stories_page(store, limit=LATEST_STORIES)["items"],
            "latest": articles(store, limit=10)["items"],  # the first page of /articles
            "entities": entities(store, limit=15),
            "timeline": store.article_months(),
        }
