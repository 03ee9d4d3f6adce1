"""MentionIndex: the span -> entity look-up later stages use on token spans."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.analyze.entities import entities, entity_key
from storyline.analyze.mentions import MentionIndex

TEXT = (
    "Lithuanian President Ona Vaitkus met Polish President Jan Nowak. "
    "The Lithuanian president spoke first, and Nowak thanked her."
)

LOOKUPS = [
    ("Vaitkus", 0, "Ona Vaitkus"),
    ("Lithuanian", 0, "Lithuania"),
    ("Lithuanian", 1, "Lithuania"),  # inside "The Lithuanian president", the tighter mention
    ("president", 0, "Ona Vaitkus"),
    ("her", 0, "Ona Vaitkus"),
    ("Nowak", 1, "Jan Nowak"),
    ("met", 0, None),
]


@pytest.mark.parametrize(("word", "nth", "name"), LOOKUPS)
def test_at_finds_the_entity_of_a_token(
    nlp: Language, word: str, nth: int, name: str | None
) -> None:
    index = MentionIndex(entities(nlp(TEXT)))
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    hit = index.at(start, start + len(word))
    assert (hit[1].name if hit else None) == name


def test_mentions_in_a_sentence_in_text_order(nlp: Language) -> None:
    found = entities(nlp(TEXT))
    index = MentionIndex(found)
    first = TEXT.index(".")
    inside = [(m.text, e.name) for m, e in index.mentions_in(0, first)]
    assert inside == [
        ("Lithuanian", "Lithuania"),
        ("Ona Vaitkus", "Ona Vaitkus"),
        ("Polish", "Poland"),
        ("Jan Nowak", "Jan Nowak"),
    ]
    assert index.entity(found[0].id) is found[0]
    assert index.entity(None) is None


KEYS = [
    ("Donald J. Trump", "PERSON", "donald trump|PERSON"),
    ("John G. Roberts Jr.", "PERSON", "john roberts|PERSON"),
    ("Ustyna Zavadskaya", "PERSON", "ustyna zavadskaya|PERSON"),
    ("Dainius Žemaitėlis", "PERSON", "dainius zemaitelis|PERSON"),
    (
        "Inter-American Commission on Human Rights",
        "ORG",
        "interamerican commission on human rights|ORG",
    ),
    ("United States", "GPE", "united states|GPE"),
]


@pytest.mark.parametrize(("name", "kind", "key"), KEYS)
def test_key_matches_across_articles(name: str, kind: str, key: str) -> None:
    assert entity_key(name, kind) == key
