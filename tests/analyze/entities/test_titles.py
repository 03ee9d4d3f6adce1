"""Titles and occupations: the role words that make a person and let a later
description find them. Passages written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.analyze.entities import entities
from storyline.models import Entity


def _person(found: tuple[Entity, ...], surname: str) -> Entity:
    return next(e for e in found if e.type == "PERSON" and e.name.endswith(surname))


@pytest.mark.parametrize(
    ("text", "description", "surname"),
    [
        # An abbreviated title holds the role its word names.
        (
            "Gov. Beatrix Hollander signed the bill. The governor thanked the clerks.",
            "The governor",
            "Hollander",
        ),
        ("Sen. Ansel Marr left early. Later the senator called the mayor.", "the senator", "Marr"),
        # An occupation in apposition is a role like any title.
        (
            "Harriet Moss, a retired librarian, sued the city. The librarian won in May.",
            "The librarian",
            "Moss",
        ),
    ],
)
def test_a_description_finds_the_holder_of_the_role(
    nlp: Language, text: str, description: str, surname: str
) -> None:
    person = _person(entities(nlp(text)), surname)
    assert description in [m.text for m in person.mentions]


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        ("Superintendent Grant Holloway closed the school on Friday.", "Holloway"),
        # A double-barrelled surname the tagger cut at the hyphen.
        ("Chief Imani Okoro-Watts chose her words carefully.", "Okoro-Watts"),
    ],
)
def test_a_capitalised_role_before_a_name_makes_a_person(
    nlp: Language, text: str, surname: str
) -> None:
    people = [e.name for e in entities(nlp(text)) if e.type == "PERSON"]
    assert any(name.endswith(surname) for name in people)


@pytest.mark.parametrize(
    "text",
    [
        "General Motors Holdings cut 4,000 jobs in Ohio on Monday.",
        "Captain America Films and Senator Hotel Group merged on Monday.",
        "Judge Advocate General Corps lawyers met on Monday.",
    ],
)
def test_an_organisation_after_a_role_word_is_no_person(nlp: Language, text: str) -> None:
    assert not [e.name for e in entities(nlp(text)) if e.type == "PERSON"]


def test_an_occupation_is_a_role(nlp: Language) -> None:
    text = "Theresa Kline, a schoolteacher, said the strike would last a week. Kline was firm."
    roles = [r.text for r in _person(entities(nlp(text)), "Kline").roles]
    assert "schoolteacher" in roles


def test_a_given_name_the_tagger_took_for_a_noun_opens_a_name(nlp: Language) -> None:
    text = "Dolores Ibáñez remembers what the foreman told her on her first day."
    assert _person(entities(nlp(text)), "Ibáñez").name == "Dolores Ibáñez"
