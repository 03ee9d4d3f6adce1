"""The brief's who's-who table, built from entities found in a passage of our own."""

from __future__ import annotations

from spacy.language import Language

from storyline.analyze.entities import entities
from storyline.models import Metadata, Record
from storyline.render.brief import build

TEXT = (
    "Canadian Prime Minister Ellen Moss visited Oslo on Monday. "
    "Moss met Norwegian officials, and she said the talks went well."
)


def test_whos_who_lists_names_types_roles_and_mentions(nlp: Language) -> None:
    record = Record(text=TEXT, metadata=Metadata(), entities=entities(nlp(TEXT)))
    table = next(t for t in build(record).tables if t.heading == "Who's who")
    assert table.columns == ("Name", "Type", "Roles", "Also called", "Mentions")
    rows = {row[0]: row for row in table.rows}
    assert rows["Ellen Moss"] == (
        "Ellen Moss",
        "person",
        "Prime Minister (Canada)",
        "Moss",
        "3 (1 pronoun)",
    )
    assert rows["Canada"][1] == "country or city"
    # The most mentioned entity comes first.
    assert table.rows[0][0] == "Ellen Moss"
