"""Timelines: a story's or an entity's articles, events, quotes and figures in date order.

An item's date is a date of the calendar (``calendar``): an event's the one it is filed
under (``rows.event_date``: its own time's, else its sentence's, else its article's),
any other item's its article's, cut to the day. A partial date ("2025-03") sorts at
the start of its period, before the days of that month; undated items come last.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storyline.corpus.store import Row

KINDS = ("article", "event", "quote", "figure")


_CALENDAR = re.compile(r"(\d{4}(?:-\d\d(?:-\d\d)?)?)(?:T[\d:.]*(?:Z|[+-]\d\d:?\d\d)?)?")
_WEEK = re.compile(r"(\d{4})-W(\d\d)")
_DECADE = re.compile(r"(\d{3}0)s")


def calendar(value: str | None) -> str | None:
    """A time expression's value as a date of the calendar, or None when it names none.

    A day, month or year is kept ("2025-03-02", "2025-03", "2025"; a time of day after
    the day is dropped, with its zone); a week is its Monday ("2025-W10" is
    "2025-03-03") and a decade its first year ("1990s" is "1990"), so each sorts at the
    start of its period. A time of day alone ("15:00") or a day without a year
    ("--03-02") names no date.
    """
    if not value:
        return None
    if m := _CALENDAR.fullmatch(value):
        return m[1]
    if m := _WEEK.fullmatch(value):
        try:
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1).isoformat()
        except ValueError:
            return None
    if m := _DECADE.fullmatch(value):
        return m[1]
    return None


def date_key(date: str | None) -> tuple[int, str]:
    """Sort key of a date: partial dates before the days of their period, no date last
    (nor a value that names no date of the calendar, ``calendar``)."""
    day = calendar(date)
    if not day:
        return (1, "")
    parts = day.split("-")
    return (0, "-".join(parts + ["00"] * (3 - len(parts))))


def items(
    members: Sequence[Row], events: Sequence[Row], quotes: Sequence[Row], figures: Sequence[Row]
) -> list[dict[str, Any]]:
    """Timeline items of the given articles and their facts, in date order."""
    dates = {int(m["id"]): calendar(m["date"]) for m in members}
    out: list[dict[str, Any]] = [
        _item(dates[int(m["id"])], "article", m["title"] or "(untitled)", int(m["id"]), None, None)
        for m in members
    ]
    for row in events:
        trigger = (row["data"].get("trigger") or {}).get("text")
        said, start, end = event_sentence(row)
        said = said or ""
        text = f"{row['type']} ({trigger}): {said}" if trigger else f"{row['type']}: {said}"
        out.append(
            _item(
                calendar(row["date"]) or dates.get(int(row["article_id"])),
                "event",
                text,  # with its trigger: two events of one sentence differ by it
                int(row["article_id"]),
                start,
                end,
                row["type"],
            )
        )
    for row in quotes:
        speaker = row["speaker_name"] or "unattributed"
        out.append(
            _item(
                dates.get(int(row["article_id"])),
                "quote",
                f"{speaker}: “{row['text']}”",
                int(row["article_id"]),
                row["char_start"],
                row["char_end"],
            )
        )
    for row in figures:
        concept = row["concept"] or ""
        concept = "" if concept.lower() in (row["text"] or "").lower() else concept
        out.append(
            _item(
                dates.get(int(row["article_id"])),
                "figure",
                f"{row['text']} {concept}".strip(),
                int(row["article_id"]),
                row["data"].get("start"),
                row["data"].get("end"),
            )
        )
    return sorted(out, key=_order)


def event_sentence(row: Row) -> tuple[str | None, int | None, int | None]:
    """A stored event's sentence and its offsets, without the paragraph break after it."""
    span = row["data"].get("sentence") or {}
    said = row["sentence"] and row["sentence"].rstrip()
    start = span.get("start")
    return said, start, start + len(said) if start is not None and said else span.get("end")


def figure_text(row: Row) -> str:
    """A figure as a reader says it: its text and what it counts ("14 people")."""
    text, concept = row["text"] or "", row["concept"] or ""
    return text if concept.lower() in text.lower() else f"{text} {concept}".strip()


def _item(
    date: str | None,
    kind: str,
    text: str,
    article_id: int,
    start: int | None,
    end: int | None,
    type: str | None = None,
) -> dict[str, Any]:
    return {
        "date": date,
        "kind": kind,
        "type": type,
        "text": text,
        "article_id": article_id,
        "start": start,
        "end": end,
    }


def _order(item: dict[str, Any]) -> tuple[Any, ...]:
    return (
        *date_key(item["date"]),
        item["article_id"],
        KINDS.index(item["kind"]),
        item["start"] if item["start"] is not None else -1,
    )


def timeline(
    target: Any, story: int | None = None, entity: str | None = None
) -> list[dict[str, Any]]:
    """The timeline of one story, or of one corpus entity (given by name or id)."""
    return titled(target, story, entity)[1]


def titled(
    target: Any, story: int | None = None, entity: str | None = None
) -> tuple[str, list[dict[str, Any]]]:
    """What a timeline is of, as a title says it ("story 3: <its title>", an entity's
    name), and the timeline (``timeline``)."""
    from storyline.corpus.entity import resolve
    from storyline.corpus.query import check_id, opened
    from storyline.corpus.store import stories as sql
    from storyline.errors import ArgumentError

    if (story is None) == (entity is None):
        raise ArgumentError("give a story or an entity")
    with opened(target) as store:
        if story is not None:
            if (found := sql.story(store, check_id(story, "story"))) is None:
                raise sql.no_story(store, story)
            members = [m for m in sql.members(store, [story]) if m["copy_of"] is None]
            ids = [int(m["id"]) for m in members]
            return f"story {story}: {found['title'] or '(untitled)'}", items(
                members,
                sql.facts(store, "events", ids),
                sql.facts(store, "quotes", ids),
                sql.facts(store, "figures", ids),
            )
        assert entity is not None
        named = resolve(store, entity)
        cid = int(named["id"])
        ids = sql.articles_of_entity(store, cid)
        ids = sorted(set(ids) - sql.copies(store, ids))  # a copy's facts are its original's
        local = {
            (int(r["article_id"]), r["entity_id"])
            for r in sql.facts(store, "entities", ids)
            if r["corpus_id"] == cid
        }

        def about(row: Row, *ids_of: str | None) -> bool:
            return any((int(row["article_id"]), i) in local for i in ids_of if i)

        events = [
            e
            for e in sql.facts(store, "events", ids)
            if about(
                e,
                *(a.get("entity") for s in ("sources", "targets") for a in e["data"].get(s) or []),
            )
        ]
        quotes = [q for q in sql.facts(store, "quotes", ids) if about(q, q["speaker"])]
        figures = [f for f in sql.facts(store, "figures", ids) if about(f, f["data"].get("about"))]
        return str(named["name"]), items(sql.article_rows(store, ids), events, quotes, figures)
