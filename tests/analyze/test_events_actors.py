"""Event actors and the PLOVER fields, on sentences written for the tests.

Each row is (sentence, type, source, target); actors are joined with " | " and
an empty string means the role is rightly left empty: the manual's actors and
recipients are people, groups and named entities, never a thing, a clause or
a bare relative pronoun.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.models import Actor
from tests.analyze.test_events import main


def texts(actors: tuple[Actor, ...]) -> str:
    return " | ".join(a.text for a in actors)


@pytest.mark.parametrize(
    ("text", "kind", "source", "target"),
    [
        # a relative clause on the target stays out of its span
        (
            "Kenyan police arrested two journalists who had criticised the governor.",
            "COERCE",
            "Kenyan police",
            "two journalists",
        ),
        (
            "The rebels released the aid workers whom they had abducted.",
            "RETREAT",
            "rebels",
            "aid workers",
        ),
        # "at" names whom the act is aimed at, not a place, when it names people
        (
            "Troops fired tear gas at protesters who had blocked the highway.",
            "ASSAULT",
            "Troops",
            "protesters",
        ),
        (
            "Soldiers opened fire on demonstrators in the capital.",
            "ASSAULT",
            "Soldiers",
            "demonstrators",
        ),
        # passive: the by-agent is the source, the subject the target
        (
            "The minister was criticised by opposition lawmakers in Nairobi.",
            "ACCUSE",
            "opposition lawmakers",
            "minister",
        ),
        # the party of a "with" phrase is the recipient, the deal is not
        ("Tanzania signed a trade deal with Uganda.", "SUPPORT", "Tanzania", "Uganda"),
        (
            "Mexico sent doctors and medicines to Haiti after the earthquake.",
            "AID",
            "Mexico",
            "Haiti",
        ),
        # a thing is no recipient, and neither is a relative pronoun standing for one
        ("Portugal condemned the decision, which it called unlawful.", "ACCUSE", "Portugal", ""),
        ("The council rejected the proposal.", "REJECT", "council", ""),
        ("The prime minister resigned on Friday.", "RETREAT", "prime minister", ""),
        # the forces mobilized are not whom they are mobilized against
        ("Finland deployed troops to its eastern border.", "MOBILIZE", "Finland", ""),
        # a partitive names the people its of-phrase names; with no one else named, the city
        # where the act is done stands for its people or government
        (
            "Thousands of farmers protested against the new tax in Paris.",
            "PROTEST",
            "Thousands of farmers",
            "Paris",
        ),
        # the manual wants the named entity where the sentence has one
        (
            "The envoy met officials from the Malian government.",
            "CONSULT",
            "envoy",
            "Malian government",
        ),
        # but a place does not replace the people acted on
        ("The army shelled villagers near Bor, a Dinka town.", "ASSAULT", "army", "villagers"),
        (
            "Militants attacked a bus carrying Hindu pilgrims in Kashmir.",
            "ASSAULT",
            "Militants",
            "Hindu pilgrims",
        ),
        # a name inside a thing's phrase is the recipient, with its own head when it names people;
        # an attack on computers is the manual's COERCE cyber (3.15)
        (
            "Hackers attacked the website of the Estonian parliament.",
            "COERCE",
            "Hackers",
            "Estonian parliament",
        ),
        (
            "Norway accused the Swedish government of spying.",
            "ACCUSE",
            "Norway",
            "Swedish government",
        ),
        # an agreement to release is AGREE (the manual's 3.1); the act is kept
        ("Brazil agreed to release the fishermen.", "AGREE", "Brazil", "fishermen"),
        (
            "The court sentenced the former mayor to six years in prison.",
            "SANCTION",
            "court",
            "former mayor",
        ),
    ],
)
def test_actors(nlp: Language, text: str, kind: str, source: str, target: str) -> None:
    event = main(nlp, text)
    assert (event.type, texts(event.sources), texts(event.targets)) == (kind, source, target)


@pytest.mark.parametrize(
    ("text", "kind", "mode"),
    [
        # what the people of a protest do is PROTEST (the manual's 3.12), not COERCE or ASSAULT
        ("Demonstrators blocked the main road to the airport.", "PROTEST", "obstruct"),
        ("Protesters set fire to two police cars.", "PROTEST", "riot"),
        # the same acts by the state or armed men are not
        ("Police cordoned off the square.", "COERCE", "restrict"),
        ("Gunmen set fire to two police cars.", "ASSAULT", "primitive"),
        # pushing back a crowd is a restriction, not an assault (the manual's 3.16.2)
        ("Police pushed back the protesters.", "COERCE", "restrict"),
        # expelling individuals is COERCE, expelling diplomats SANCTION (3.13.2)
        ("The government expelled two foreign journalists.", "COERCE", "deport"),
        ("Egypt expelled the Israeli ambassador.", "SANCTION", "expel"),
        # joint exercises are cooperation, one country's are mobilization (3.14.1)
        ("Chile and Peru began joint military exercises.", "COOPERATE", None),
        ("Chile began military exercises near the border.", "MOBILIZE", "troops"),
        ("The rebels abandoned their positions near the city.", "RETREAT", "withdraw"),
        # an arrest warrant is a threat of arrest (3.11.2); fleeing is an expulsion (3.7.2)
        (
            "A court in Lagos issued an arrest warrant for the former governor.",
            "THREATEN",
            "arrest",
        ),
        ("Thousands of villagers fled the fighting in the north.", "SANCTION", "expel"),
    ],
)
def test_types_from_the_manual(nlp: Language, text: str, kind: str, mode: str | None) -> None:
    event = main(nlp, text)
    assert (event.type, event.mode) == (kind, mode)


def test_apposed_name_is_the_source_not_a_target(nlp: Language) -> None:
    event = main(nlp, "The Senegalese president, Amadou Diallo, praised the ruling.")
    assert (texts(event.sources), texts(event.targets)) == ("Senegalese president", "")


def test_name_narrowed_from_a_place_phrase(nlp: Language) -> None:
    event = main(nlp, "Russia massed tanks near the Ukrainian border.")
    assert (event.type, event.mode, texts(event.targets)) == ("MOBILIZE", "weapons", "Ukrainian")


@pytest.mark.parametrize(
    ("text", "quad", "intensity"),
    [
        ("Brazil agreed to release the fishermen.", "verbal cooperation", 2.5),
        ("Poland hosted the Czech prime minister.", "verbal cooperation", 4.0),
        ("Mexico sent doctors and medicines to Haiti.", "material cooperation", 10.0),
        ("The rebels released the aid workers.", "material cooperation", 6.5),
        ("The minister was criticised by opposition lawmakers.", "verbal conflict", -2.0),
        # SANCTION is verbal conflict in the manual's Table 7.2
        ("The court sentenced the former mayor to six years in prison.", "verbal conflict", -6.0),
        ("Finland deployed troops to its eastern border.", "material conflict", -6.5),
        ("Soldiers opened fire on demonstrators.", "material conflict", -9.0),
    ],
)
def test_quad_and_intensity(nlp: Language, text: str, quad: str, intensity: float) -> None:
    event = main(nlp, text)
    assert (event.quad, event.intensity) == (quad, intensity)


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("The court sentenced the former mayor to six years in prison.", ("legal",)),
        ("Mexico sent doctors and medicines to Haiti after the earthquake.", ("disasters",)),
        ("Norway accused the Swedish government of spying.", ("intelligence",)),
        ("Hackers attacked the website of the Estonian parliament.", ("legislative", "cyber")),
        # tear gas is no natural resource; a plain arrest names no context
        ("Troops fired tear gas at protesters.", ("military",)),
        ("Kenyan police arrested two journalists.", ()),
    ],
)
def test_context(nlp: Language, text: str, context: tuple[str, ...]) -> None:
    assert main(nlp, text).context == context
