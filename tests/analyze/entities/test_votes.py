"""Types voted across mentions (correcting the small model's slips) and the gender pronouns agree with."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.analyze.entities.votes import female_surname

from .helpers import by_name, mention_texts, run

# (text, name, the small model's label for its first mention, corrected type)
CORRECTIONS = [
    # a country tagged as an organisation: the lexicon knows it
    ("Washington will grant relief to Moldova’s national airline Aircom.", "Moldova", "ORG", "GPE"),
    # a surname tagged as an organisation: out-voted by the full name
    (
        "US envoy Paul Denner met the rebels. Denner said talks went well.",
        "Paul Denner",
        "PERSON",
        "PERSON",
    ),
    # an honorific makes a person
    (
        "Officials met Mr Tanaka in Tokyo. Tanaka said the offer was fair.",
        "Tanaka",
        "PERSON",
        "PERSON",
    ),
    # an airline tagged as a place: its description says organisation
    (
        "A waiver was granted to national airline Aerandia on Monday.",
        "Aerandia",
        "GPE",
        "ORG",
    ),
    # a surname tagged as an organisation: its title says person
    ("The union's chief negotiator Vell said the offer was fair.", "Vell", "ORG", "PERSON"),
    # a town tagged as a nationality after "in"
    ("The crews were held in Iquique and Arica.", "Iquique", "NORP", "GPE"),
    # a capital tagged as an organisation, where it is the city
    ("Ministers met in Santiago on Friday to sign the deal.", "Santiago", None, "GPE"),
    # a bare surname tagged as an organisation that reports about itself as "he"
    ("Trump said he would meet the envoy.", "Trump", "ORG", "PERSON"),
    # a full name tagged as an organisation that starts with a known given name
    ("Marek Dolny was stopped on Friday.", "Marek Dolny", "ORG", "PERSON"),
    # a name the model missed after an honorific
    (
        "Mrs Ilse Vandermolen thanked the court, and Vandermolen left.",
        "Ilse Vandermolen",
        None,
        "PERSON",
    ),
    # an organisation name the model missed, found by its head word
    ("Passengers of Andean Airways waited for hours.", "Andean Airways", None, "ORG"),
]


@pytest.mark.parametrize(("text", "name", "raw", "expected"), CORRECTIONS)
def test_type_is_voted_across_mentions(
    nlp: Language, text: str, name: str, raw: str | None, expected: str
) -> None:
    doc = nlp(text)
    first = name.split()[-1]
    labels = [e.label_ for e in doc.ents if e.text.endswith(first)]
    if raw is not None:
        assert labels[0] == raw
    entity = by_name(run(nlp, text), name)
    assert entity.type == expected
    assert entity.key == f"{name.lower()}|{expected}"


def test_slips_on_short_forms_are_corrected(nlp: Language) -> None:
    text = "US envoy Paul Denner met the rebels. Denner said talks went well."
    assert [e.label_ for e in nlp(text).ents if e.text == "Denner"] == ["ORG"]
    assert mention_texts(by_name(run(nlp, text), "Paul Denner")) == ["Paul Denner", "Denner"]


MORE_CORRECTIONS = [
    # an acronym tagged as a nationality is an organisation
    ("A UPI reporter asked about the port.", "UPI", "NORP", "ORG"),
    # a plural proper noun tagged as a person is a people
    ("Kurds and Yazidis fled the fighting.", "Yazidis", "PERSON", "NORP"),
    # a region the lexicon knows, tagged as an organisation, and its adjective
    ("Talks on Crimea and the Crimean port stalled.", "Crimea", "ORG", "GPE"),
]


@pytest.mark.parametrize(("text", "name", "raw", "expected"), MORE_CORRECTIONS)
def test_more_type_corrections(
    nlp: Language, text: str, name: str, raw: str, expected: str
) -> None:
    assert [e.label_ for e in nlp(text).ents if e.text == name] == [raw]
    assert by_name(run(nlp, text), name).type == expected


def test_untagged_name_opening_with_a_known_given_name_is_a_person(nlp: Language) -> None:
    text = (
        "Speaking to about 2,000 supporters in Elkton on Saturday, Ray Dunn repeated his promise to reopen the mills.\n"
        "\n"
        '"They told you the mills were gone forever," Dunn said. "They were wrong.\n'
        "\n"
        '"We are going to bring them back, and we are going to do it in my first year."\n'
        "\n"
        'Lydia Crane, campaigning two towns away, mocked the promise. "He has said that for ten years," she said.'
    )
    assert "Lydia Crane" not in [e.text for e in nlp(text).ents]  # the tagger misses her
    crane = by_name(run(nlp, text), "Lydia Crane")
    assert crane.type == "PERSON"
    assert mention_texts(crane, pronouns=True) == ["she"]


def test_misread_surnames_do_not_vote_against_the_full_name(nlp: Language) -> None:
    text = (
        "Envoy John Dahl arrived on Monday. \u201cOur mission is clear,\u201d Dahl said. "
        "\u201cWe will stay,\u201d Dahl said. The delegation, led by Dahl, passed a letter "
        "to Dahl\u2019s hosts."
    )
    assert [e.label_ for e in nlp(text).ents if e.text == "Dahl"].count("ORG") == 2
    entity = by_name(run(nlp, text), "John Dahl")
    assert entity.type == "PERSON"
    assert mention_texts(entity) == ["John Dahl", "Dahl", "Dahl", "Dahl", "Dahl"]


FEMININE_SURNAMES = [
    # Slavic and Baltic feminine endings, accents folded
    ("Zavadskaya", True),
    ("Marchenkova", True),
    ("Kowalska", True),
    ("Dvořáková", True),
    ("Petraitienė", True),
    ("Jonaitytė", True),
    ("Kalnaitė", True),
    ("Bereznitskaya", True),
    ("Sobolewska", True),
    ("Nowicka", True),
    ("Gromyeva", True),
    ("Kuzmina", True),
    # masculine counterparts and English surnames are not read as male or female
    ("Zavadsky", False),
    ("Kowalski", False),
    ("Marchenkov", False),
    ("Levin", False),
    ("Jonaitis", False),
    ("Douglas", False),
    ("White", False),
    # a given name alone leaves no stem
    ("Eva", False),
]


@pytest.mark.parametrize(("surname", "expected"), FEMININE_SURNAMES)
def test_feminine_surname_endings(surname: str, expected: bool) -> None:
    assert female_surname(surname) is expected


SURNAME_GENDER = [
    # a feminine surname with an unknown given name makes "she" the woman
    (
        "Borys Zavadsky met Ustyna Marchenkova. Later she said the plan would work.",
        "Ustyna Marchenkova",
        ["she"],
    ),
    (
        "Borys Zavadsky met Irina Zavadskaya. Later she said the plan would work.",
        "Irina Zavadskaya",
        ["she"],
    ),
    # and keeps "he" away from her; the masculine ending itself says nothing
    (
        "Ustyna Marchenkova met Borys Zavadsky. Later he said the plan would work.",
        "Borys Zavadsky",
        ["he"],
    ),
]


@pytest.mark.parametrize(("text", "name", "expected"), SURNAME_GENDER)
def test_feminine_surname_sets_pronoun_gender(
    nlp: Language, text: str, name: str, expected: list[str]
) -> None:
    assert mention_texts(by_name(run(nlp, text), name), pronouns=True) == expected
