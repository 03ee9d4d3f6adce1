"""The brief's events table: when, who, did what, to whom, where, the sentence."""

from __future__ import annotations

from storyline.models import Actor, Event, Metadata, Record, Span, TimeExpression
from storyline.render.brief import build

TEXT = "Rebels freed ten captives in Goma a day after the army shelled their camp. The release."


def record() -> Record:
    sentence = Span(0, 75, TEXT[:75])
    attack = Event(
        id="V2",
        type="ASSAULT",
        mode="heavy-weapons",
        trigger=Span(51, 58, "shelled"),
        sentence=sentence,
        sources=(Actor("the army", 38, 46),),
        targets=(Actor("their camp", 59, 69),),
    )
    release = Event(
        id="V1",
        type="RETREAT",
        mode="release",
        trigger=Span(7, 12, "freed"),
        sentence=sentence,
        sources=(Actor("Rebels", 0, 6),),
        targets=(Actor("ten captives", 13, 25),),
        place=Span(29, 33, "Goma"),
        time=TimeExpression("a day after", 34, 45, "2024-05-07", relative=True),
        relative_to="V2",
    )
    bare = Event(
        id="V3",
        type="RETREAT",
        trigger=Span(80, 87, "release"),
        sentence=Span(76, 88, "The release."),
    )
    return Record(text=TEXT, metadata=Metadata(), events=(release, attack, bare))


def test_events_table_rows_and_note() -> None:
    [table] = [t for t in build(record()).tables if t.heading == "Events"]
    assert table.columns == ("When", "Who", "Did what", "To whom", "Where", "Sentence")
    assert table.rows[0][:5] == (
        "a day after “shelled” (2024-05-07)",
        "Rebels",
        "RETREAT (release): freed",
        "ten captives",
        "Goma",
    )
    assert table.rows[1][2] == "ASSAULT (heavy-weapons): shelled"
    assert len(table.rows) == 2
    assert table.note.startswith("1 further mention")
