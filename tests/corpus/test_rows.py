"""Rows: the date of the calendar each event is filed under."""

from __future__ import annotations

import json
from typing import Any

import pytest

from storyline.corpus.rows import event_date, to_rows
from storyline.models import RawDocument, Record
from storyline.pipeline import analyze

from .conftest import MARDEN_DATE


def test_the_marden_events_are_filed_under_the_dates_their_sentences_give(
    marden: Record,
) -> None:
    rows = to_rows(marden, "marden.txt").tables["events"]
    filed = [(json.loads(r["data"])["trigger"]["start"], r["type"], r["date"]) for r in rows]
    assert filed == [
        (7, "COERCE", "2025-03-17"),  # raided "on Monday": its own time
        (91, "COERCE", "2025-03-13"),  # arrested "at 15:00 on Thursday": the day beside the clock
        (249, "COERCE", "2025-03-10"),  # arrested "last week after a raid": the week's Monday
        (308, "COERCE", "2025-03-10"),  # the raid, in the same sentence
        (337, "PROTEST", "2025-02"),  # a hunger strike "that began in February 2025"
        (416, "PROTEST", "2025-03-18"),  # protested, no time in its sentence: the article's day
    ]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Officers arrested two staff members at 15:00 on Thursday, the centre said.",
         {"arrested": "2025-03-13"}),
        ("Protesters marched in Marden on Saturday and police detained four of them.",
         {"marched": "2025-03-15", "detained": "2025-03-15"}),
        # a day in another sentence is not the event's
        ("Police raided the offices on Monday. Officers arrested two staff members.",
         {"raided": "2025-03-17", "arrested": "2025-03-18"}),
    ],
)  # fmt: skip
def test_an_event_takes_the_date_of_its_own_sentence(
    nlp: object, text: str, dates: dict[str, str]
) -> None:
    record = analyze(RawDocument(text.encode(), source="x.txt", date=MARDEN_DATE))
    rows = to_rows(record, "x.txt").tables["events"]
    assert {json.loads(r["data"])["trigger"]["text"]: r["date"] for r in rows} == dates


# An event whose trigger is characters 20-28 of a sentence 0-60, and the time
# expressions of its record: 11 characters before the trigger, a clock time 2 after it,
# a week 12 after it, and a month in the next sentence.
EVENT = {"trigger": {"start": 20, "end": 28}, "sentence": {"start": 0, "end": 60}}
BEFORE = {"start": 2, "end": 9, "value": "2025-03-02"}
CLOCK = {"start": 30, "end": 35, "value": "15:00"}
WEEK = {"start": 40, "end": 48, "value": "2025-W11"}
NEXT = {"start": 70, "end": 80, "value": "2025-04"}


@pytest.mark.parametrize(
    ("time", "times", "article_date", "date"),
    [
        (None, [BEFORE, CLOCK, WEEK, NEXT], MARDEN_DATE, "2025-03-02"),  # the nearest
        (None, [CLOCK, WEEK, NEXT], MARDEN_DATE, "2025-03-10"),  # a week at its Monday
        (None, [WEEK, BEFORE], MARDEN_DATE, "2025-03-02"),  # in any order
        (None, [CLOCK, NEXT], MARDEN_DATE, "2025-03-18"),  # none in the sentence: the article's
        ({"value": "15:00"}, [BEFORE, CLOCK], MARDEN_DATE, "2025-03-02"),
        ({"value": None}, [WEEK], MARDEN_DATE, "2025-03-10"),
        ({"value": "2025-05"}, [BEFORE, WEEK], MARDEN_DATE, "2025-05"),  # its own time first
        ({"value": "1990s"}, [], MARDEN_DATE, "1990"),
        (None, [], "2025-03-18", "2025-03-18"),
        (None, [], None, None),
        (None, [], "18 March 2025", None),  # an article date that names no date
    ],
)
def test_the_date_an_event_is_filed_under(
    time: dict[str, Any] | None,
    times: list[dict[str, Any]],
    article_date: str | None,
    date: str | None,
) -> None:
    assert event_date({**EVENT, "time": time}, times, article_date) == date


def test_an_event_without_offsets_takes_its_article_date() -> None:
    assert event_date({"time": None}, [BEFORE], MARDEN_DATE) == "2025-03-18"
