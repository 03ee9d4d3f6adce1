"""The brief's who-said-what table, built from quotes found in a passage of our own."""

from __future__ import annotations

from spacy.language import Language

from storyline.analyze.entities import entities
from storyline.analyze.quotes import quotes
from storyline.models import Metadata, Record
from storyline.render.brief import build


def test_brief_groups_quotes_by_speaker_with_role_and_cue(nlp: Language) -> None:
    text = (
        "City engineer Maria Lopez said the bridge was safe. Tom Hale, a union leader, "
        "said the workers agreed. “We tested every cable,” Lopez said."
    )
    doc = nlp(text)
    ents = entities(doc)
    record = Record(text=text, metadata=Metadata(), entities=ents, quotes=quotes(doc, ents))
    (table,) = [t for t in build(record).tables if t.heading == "Who said what"]
    speakers = [row[0] for row in table.rows]
    assert speakers == sorted(speakers, key=speakers.index)  # each speaker's rows together
    lopez = [row for row in table.rows if "Lopez" in row[0]]
    assert len(lopez) == 2
    assert lopez[0][1] == "City engineer"
    assert {row[3] for row in lopez} == {"said"}
    assert lopez[1][4] == "“We tested every cable”"
