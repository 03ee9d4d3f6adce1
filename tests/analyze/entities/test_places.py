"""Places: adjectives and short forms tied to their country, a capital standing for its government."""

from __future__ import annotations

import pytest
from spacy.language import Language

from .helpers import by_name, mention_texts, run

PLACES = [
    (
        "Lithuanian officials met the envoy in Lithuania on Friday.",
        "Lithuania",
        ["Lithuanian", "Lithuania"],
    ),
    (
        "The US delegation flew home. The United States and America's allies said "
        "U.S. aid would continue.",
        "United States",
        ["US", "United States", "America", "U.S."],
    ),
    (
        "Moldovan guards opened the border, and Moldova's railway resumed trains.",
        "Moldova",
        ["Moldovan", "Moldova"],
    ),
]


@pytest.mark.parametrize(("text", "name", "expected"), PLACES)
def test_adjectives_and_short_forms_tie_to_the_country(
    nlp: Language, text: str, name: str, expected: list[str]
) -> None:
    entity = by_name(run(nlp, text), name)
    assert entity.type == "GPE"
    assert mention_texts(entity) == expected


METONYMY = [
    ("Washington will lift the tariffs next month, officials said.", "Washington", True),
    ("Moscow rejected the offer on Tuesday.", "Moscow", True),
    ("The talks were held in Washington last week.", "Washington", False),
]


@pytest.mark.parametrize(("text", "capital", "metonymy"), METONYMY)
def test_capital_standing_for_its_government(
    nlp: Language, text: str, capital: str, metonymy: bool
) -> None:
    found = run(nlp, text)
    mention = next(m for e in found for m in e.mentions if m.text == capital)
    owner = next(e for e in found if mention in e.mentions)
    assert mention.metonymy is metonymy
    assert (owner.name != capital) is metonymy
