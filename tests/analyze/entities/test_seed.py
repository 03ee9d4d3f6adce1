"""Entities on the shared seed article (skips when ../shared/data is absent)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.analyze.entities import entities
from storyline.extract import extract
from storyline.ingest import read_source
from storyline.models import Entity
from storyline.settings import Settings
from tests.conftest import SEED

# (full name, a word of a stated role, affiliation name or None)
PEOPLE = [
    ("Alexander Lukashenko", "President", "Belarus"),
    ("Gitanas Nauseda", "President", "Lithuania"),
    ("Donald Trump", "President", "United States"),
    ("Mikola Statkevich", "dissident", "Belarus"),
    ("Sviatlana Tsikhanouskaya", "leader", "Belarus"),
    ("John Coale", "envoy", "United States"),
    ("Kaja Kallas", "chief", "European Union"),
]


@pytest.fixture(scope="module")
def seed_entities(nlp: Language) -> tuple[tuple[Entity, ...], str]:
    if not SEED.exists():
        pytest.skip("shared seed article not available")
    settings = Settings()
    article = extract(read_source(str(SEED), settings), settings)
    return entities(nlp(article.text)), article.text


def test_every_person_is_one_entity_with_full_name(
    seed_entities: tuple[tuple[Entity, ...], str],
) -> None:
    found, _ = seed_entities
    people = [e for e in found if e.type == "PERSON"]
    assert sorted(e.name for e in people) == sorted(name for name, _, _ in PEOPLE)
    # No short form left as an entity of its own, whatever its type.
    words = {w for name, _, _ in PEOPLE for w in name.split()}
    assert not [e.name for e in found if e.name in words]


@pytest.mark.parametrize(("name", "word", "affiliation"), PEOPLE)
def test_stated_roles(
    seed_entities: tuple[tuple[Entity, ...], str], name: str, word: str, affiliation: str
) -> None:
    found, _ = seed_entities
    entity = next(e for e in found if e.name == name)
    assert any(word in r.text and r.affiliation_name == affiliation for r in entity.roles), [
        (r.text, r.affiliation_name) for r in entity.roles
    ]


@pytest.mark.parametrize(
    ("country", "forms"),
    [
        ("Belarus", {"Belarus", "Belarusian"}),
        ("Lithuania", {"Lithuania", "Lithuanian"}),
        ("United States", {"United States", "US", "Washington"}),
        ("Russia", {"Russia", "Russian"}),
    ],
)
def test_countries_are_not_split_by_adjectives(
    seed_entities: tuple[tuple[Entity, ...], str], country: str, forms: set[str]
) -> None:
    found, _ = seed_entities
    matches = [e for e in found if e.name == country]
    assert len(matches) == 1
    assert {m.text for m in matches[0].mentions} == forms
    assert not [e for e in found if e.name in forms - {country}]


def test_capital_and_pronouns(seed_entities: tuple[tuple[Entity, ...], str]) -> None:
    found, text = seed_entities
    us = next(e for e in found if e.name == "United States")
    assert [m.text for m in us.mentions if m.metonymy] == ["Washington"]
    leader = next(e for e in found if e.name == "Sviatlana Tsikhanouskaya")
    assert "she" in [m.text for m in leader.mentions if m.pronoun]
    airline = next(e for e in found if e.name == "Belavia")
    assert airline.type == "ORG"
    for entity in found:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
