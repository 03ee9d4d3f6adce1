"""Roles with their affiliation, and definite descriptions joined to the one entity they fit."""

from __future__ import annotations

import pytest
from spacy.language import Language

from .helpers import by_name, mention_texts, run

ROLES = [
    # pre-modifier with a demonym
    ("Canadian Prime Minister Ellen Moss visited Oslo.", "Ellen Moss", "Prime Minister", "Canada"),
    # pre-modifier with a country short form
    ("US envoy Paul Denner met the rebels.", "Paul Denner", "envoy", "United States"),
    # possessive title
    ("Germany's foreign minister Ute Brandt arrived.", "Ute Brandt", "foreign minister", "Germany"),
    # apposition after the name
    (
        "Olga Marin, head of the banned Moldovan growers' union, spoke on Monday.",
        "Olga Marin",
        "head of the banned Moldovan growers' union",
        "Moldova",
    ),
    # apposition before the name
    (
        "She met her Danish counterpart, Lars Holm, in Oslo.",
        "Lars Holm",
        "Danish counterpart",
        "Denmark",
    ),
    # copular clause
    (
        "Hanna Berg is the finance minister of Sweden.",
        "Hanna Berg",
        "finance minister of Sweden",
        "Sweden",
    ),
    # relative clause
    (
        "Paul Orr, who heads the national grain board, resigned.",
        "Paul Orr",
        "heads the national grain board",
        None,
    ),
    # participial clause
    (
        "Envoy Mark Tully, involved in talks with the rebels, flew home.",
        "Mark Tully",
        "involved in talks with the rebels",
        None,
    ),
    # description of an organisation, before and after its name
    (
        "Washington will grant relief to Moldova’s national airline Aircom.",
        "Aircom",
        "national airline",
        "Moldova",
    ),
    ("Skyjet, Norway's largest airline, cancelled flights.", "Skyjet", "largest airline", "Norway"),
    # abbreviated and "of" titles
    ("Sen. Ted Cruz and Gov. Jerry Brown met on Monday.", "Jerry Brown", "Gov.", None),
    ("Secretary of State John Kerry flew to Geneva.", "John Kerry", "Secretary of State", None),
    # a party member from a place
    (
        "Rep. Adam Schiff, a California Democrat, said Russia was behind the hack.",
        "Adam Schiff",
        "California Democrat",
        "California",
    ),
    # the reporter in a trade title
    (
        "Harbour Post reporter Lina Sand wrote the story.",
        "Lina Sand",
        "reporter",
        "Harbour Post",
    ),
]


@pytest.mark.parametrize(("text", "name", "role", "affiliation"), ROLES)
def test_roles_with_affiliation(
    nlp: Language, text: str, name: str, role: str, affiliation: str | None
) -> None:
    found = run(nlp, text)
    entity = by_name(found, name)
    roles = {r.text: r for r in entity.roles}
    assert role in roles, list(roles)
    got = roles[role]
    assert text[got.start : got.end] == role
    assert got.affiliation_name == affiliation
    if affiliation is not None:
        assert by_name(found, affiliation).id == got.affiliation


DESCRIPTIONS = [
    ("US envoy Paul Denner landed in Quito. The envoy met the rebels.", "The envoy", "Paul Denner"),
    (
        "Lithuanian President Ona Vaitkus met Polish President Jan Nowak. "
        "The Lithuanian president spoke first.",
        "The Lithuanian president",
        "Ona Vaitkus",
    ),
    # organisations, by a described role or by the word heading their name
    (
        "Fines were lifted on Aerandia, the national airline of Peru. "
        "The airline said it would buy parts.",
        "The airline",
        "Aerandia",
    ),
    (
        "The Harbour Commission met. The commission said the ruling stood.",
        "The commission",
        "Harbour Commission",
    ),
]


@pytest.mark.parametrize(("text", "description", "name"), DESCRIPTIONS)
def test_unambiguous_description_joins_its_holder(
    nlp: Language, text: str, description: str, name: str
) -> None:
    entity = by_name(run(nlp, text), name)
    assert description in mention_texts(entity)


def test_ambiguous_description_is_left_alone(nlp: Language) -> None:
    text = "President Ana Ruiz met President Jan Nowak. The president spoke first."
    found = run(nlp, text)
    assert all("The president" not in mention_texts(e) for e in found)
