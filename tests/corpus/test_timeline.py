"""A timeline's items: their dates of the calendar, their types and offsets, and the command."""

from __future__ import annotations

import csv
import io
import json
import re
from importlib import resources
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from storyline.cli import main
from storyline.corpus import timeline
from storyline.corpus.store import Store, open_store
from storyline.corpus.timeline import titled
from storyline.models import Record

from .conftest import put
from .conftest import story as story_of

TITLE = "Police raid offices of Marden rights group"
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


def test_a_timeline_says_what_it_is_of(store: Store, marden: Record) -> None:
    put(store, "marden.txt", marden)
    sid = story_of(store, "marden.txt")
    assert titled(store, story=sid) == (f"story {sid}: {TITLE}", timeline(store, story=sid))
    of, items = titled(store, entity="Marden Rights Centre")
    assert of == "Marden Rights Centre"
    assert items == timeline(store, entity="Marden Rights Centre")


def test_the_timeline_command_gives_offsets_in_csv_and_a_chart_of_plover_types(
    target: str, marden: Record, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with open_store(target, "create") as store:
        put(store, "marden.txt", marden)
        sid = story_of(store, "marden.txt")
    chart = tmp_path / "marden.svg"
    args = ["timeline", "--story", str(sid), "--db", target]
    assert main([*args, "-f", "csv", "--chart", str(chart)]) == 0
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

    svg = chart.read_text(encoding="utf-8")
    assert re.findall(r"<title>([^<]*)</title>", svg) == [
        f"Timeline of story {sid}: {TITLE}",
        "2025-03-18: 1 article(s)",
        "2025-03-10: 2 COERCE event(s)",  # arrested and raid: one dot
        "2025-03-13: 1 COERCE event(s)",
        "2025-03-17: 1 COERCE event(s)",
        "2025-02: 1 PROTEST event(s)",
        "2025-03-18: 1 PROTEST event(s)",
    ]
    labels = re.findall(r'<text x="24" y="[0-9.]+">([^<]*)</text>', svg)
    assert labels == ["Articles per day", "Events by PLOVER type", "COERCE", "PROTEST"]

    assert main([*args]) == 0  # the table stays compact
    assert capsys.readouterr().out.splitlines()[0].split() == ["date", "kind", "article_id", "text"]
    entity = ["timeline", "--entity", "Marden Rights Centre", "--db", target]
    assert main([*entity, "--chart", str(chart)]) == 0
    capsys.readouterr()
    assert "<title>Timeline of Marden Rights Centre</title>" in chart.read_text(encoding="utf-8")
