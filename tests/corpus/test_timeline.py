"""A timeline's items: their dates of the calendar, their types and offsets."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources

import pytest
from jsonschema import Draft202012Validator

from storyline.cli import main
from storyline.corpus import timeline
from storyline.corpus.store import Store, open_store
from storyline.models import Record

from .conftest import put
from .conftest import story as story_of

# The events of the Marden article as its timeline has them: date, type, trigger.
EVENTS = [
    ("2025-02", "PROTEST", "hunger strike"),  # "that began in February 2025"
    ("2025-03-10", "COERCE", "arrested"),  # "last week after a raid"
    ("2025-03-10", "COERCE", "raid"),
    ("2025-03-13", "COERCE", "arrested"),  # "at 15:00 on Thursday"
    ("2025-03-17", "COERCE", "raided"),  # "on Monday"
    ("2025-03-18", "PROTEST", "protested"),  # no time in its sentence: the article's day
]


def test_items_are_dated_by_day_month_or_year(store: Store, marden: Record) -> None:
    put(store, "marden.txt", marden)
    items = timeline(store, story=story_of(store, "marden.txt"))
    events = [i for i in items if i["kind"] == "event"]
    assert [(i["date"], i["type"]) for i in events] == [(d, t) for d, t, _ in EVENTS]
    assert [i["text"].split(":")[0] for i in events] == [f"{t} ({w})" for _, t, w in EVENTS]
    # the article, stamped 2025-03-18T23:30:00-05:00, and its quotes and figures: its day
    assert (len(marden.quotes), len(marden.figures)) == (4, 3)
    others = [(i["date"], i["kind"], i["type"]) for i in items if i["kind"] != "event"]
    assert others == [
        ("2025-03-18", "article", None),
        *[("2025-03-18", "quote", None)] * 4,
        *[("2025-03-18", "figure", None)] * 3,
    ]
    schema = json.loads(
        (resources.files("storyline") / "data" / "timeline-item.schema.json").read_text()
    )
    for item in items:
        Draft202012Validator(schema).validate(item)
    with pytest.raises(Exception, match="does not match"):
        Draft202012Validator(schema).validate({**items[0], "date": "2025-03-18T23:30:00-05:00"})


def test_the_timeline_command_gives_types_and_offsets_in_csv(
    target: str, marden: Record, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(target, "create") as store:
        put(store, "marden.txt", marden)
        sid = story_of(store, "marden.txt")
    args = ["timeline", "--story", str(sid), "--db", target]
    assert main([*args, "-f", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == ["date", "kind", "type", "article_id", "start", "end", "text"]
    first = rows[0]  # the hunger strike, in its sentence
    sentence = (
        "The detainees joined a hunger strike that began in February 2025, their lawyer said."
    )
    assert (first["date"], first["kind"], first["type"]) == ("2025-02", "event", "PROTEST")
    assert marden.text[int(first["start"]) : int(first["end"])] == sentence
    assert first["text"] == f"PROTEST (hunger strike): {sentence}"
    article = next(r for r in rows if r["kind"] == "article")
    assert (article["date"], article["type"], article["start"], article["end"]) == (
        "2025-03-18", "", "", "",
    )  # fmt: skip

    assert main([*args]) == 0  # the table stays compact
    assert capsys.readouterr().out.splitlines()[0].split() == ["date", "kind", "article_id", "text"]
