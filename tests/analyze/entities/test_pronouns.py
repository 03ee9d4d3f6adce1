"""Pronouns resolved to the entity they most likely mean, on passages written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.analyze.mentions import MentionIndex

from .helpers import by_name, mention_texts, run

PRONOUNS = [
    (
        "Maria Lopez thanked the judge. \u201cWe are relieved,\u201d she said.",
        "she",
        "Maria Lopez",
    ),
    (
        "Coach Peter Hall praised Anna Ruiz and said he would keep her in the team.",
        "he",
        "Peter Hall",
    ),
    (
        "Coach Peter Hall praised Anna Ruiz and said he would keep her in the team.",
        "her",
        "Anna Ruiz",
    ),
    (
        "Senator Tom Reed praised Governor Carl Mott and offered to work with him.",
        "him",
        "Carl Mott",
    ),
    ("Norway sent ships to guard its coast.", "its", "Norway"),
    # the speaker after a quote is not someone named inside it
    (
        "Robin Vale spoke to reporters on Monday. "
        "\u201cWe thank Kim Lane for the help,\u201d she said.",
        "she",
        "Robin Vale",
    ),
    # ... with doubled apostrophes as quotation marks too
    (
        "Tom Hale met Ben Ortiz on Monday. ''We thank Ben Ortiz for his help,'' he said.",
        "he",
        "Tom Hale",
    ),
    # a quote does not call its own speaker "he"
    (
        "Voters were asked about Paul Dorn. Mark Ellis said: \u201cHe never listens.\u201d",
        "He",
        "Paul Dorn",
    ),
    # the subject of a reported clause is its reporter, for "it" too
    ("Syria says it will withdraw the troops.", "it", "Syria"),
    (
        "Nordvik Shipping rejected the claim by Arne Dahl, saying it had lost no vessels.",
        "it",
        "Nordvik Shipping",
    ),
]


@pytest.mark.parametrize(("text", "pronoun", "name"), PRONOUNS)
def test_pronouns_resolve_to_the_likely_entity(
    nlp: Language, text: str, pronoun: str, name: str
) -> None:
    entity = by_name(run(nlp, text), name)
    pronouns = [m for m in entity.mentions if m.pronoun]
    assert [m.text for m in pronouns] == [pronoun]
    assert 0.0 < pronouns[0].confidence < 1.0


def test_a_pronoun_inside_a_quote_leaves_the_narrations_mentions(nlp: Language) -> None:
    """The speaker after the quote is the one the narration named last, not the
    person the pronoun inside the quote was read as."""
    text = (
        "Renata Solis, a spokeswoman for Mayor Edith Crowe, said the mayor was travelling. "
        '"She will sign it on Friday," Solis said. '
        '"We expect she will speak on Monday," she added.'
    )
    speaker = text.rindex("she added")
    found = run(nlp, text)
    owners = [e.name for e in found for m in e.mentions if m.start == speaker]
    assert owners == ["Renata Solis"]


def test_ids_follow_first_mention_and_index_finds_pronouns(nlp: Language) -> None:
    text = "Maria Lopez met Peter Hall in Oslo. She said the talks went well."
    found = run(nlp, text)
    assert [e.id for e in found] == [f"E{n}" for n in range(1, len(found) + 1)]
    assert [e.first_position for e in found] == sorted(e.first_position for e in found)
    start = text.index("She")
    hit = MentionIndex(found).at(start, start + 3)
    assert hit is not None
    assert hit[1].name == "Maria Lopez"
    assert hit[0].pronoun


def test_they_for_an_organisation(nlp: Language) -> None:
    text = "The Nordic Council met on Monday. They said the vote would wait."
    entity = by_name(run(nlp, text), "Nordic Council")
    assert mention_texts(entity, pronouns=True) == ["They"]


def test_gender_learned_from_what_a_person_says_of_themselves(nlp: Language) -> None:
    text = (
        "Robin Vale says she will run. Vale says she has the votes. "
        "Vale thanked Tom Reed for his help."
    )
    found = run(nlp, text)
    assert mention_texts(by_name(found, "Robin Vale"), pronouns=True) == ["she", "she"]
    assert mention_texts(by_name(found, "Tom Reed"), pronouns=True) == ["his"]


def test_pronoun_far_from_any_name_goes_to_the_article_topic(nlp: Language) -> None:
    text = (
        "Paul Dorn opened the plant. Dorn hired staff. Dorn later sold it to Mark Ellis.\n\n"
        "Workers were unhappy. Wages fell. Shifts grew longer.\n\n"
        "\u201cHe broke every promise,\u201d a worker said."
    )
    found = run(nlp, text)
    he = [m for m in by_name(found, "Paul Dorn").mentions if m.pronoun]
    assert [m.text for m in he] == ["He"]
    assert he[0].confidence <= 0.5


def test_pronoun_refers_back_to_a_description(nlp: Language) -> None:
    text = "The Harbour Commission met. The commission said it welcomed the ruling."
    entity = by_name(run(nlp, text), "Harbour Commission")
    assert mention_texts(entity) == ["Harbour Commission", "The commission"]
    assert mention_texts(entity, pronouns=True) == ["it"]


POSSESSIVES = [
    # "its" agrees with a resolved "it" in its clause
    ("The Harbour Fund said it would cut its forecast.", "Harbour Fund", ["it", "its"]),
    # an unresolved "it" in the clause leaves "its" alone rather than guessing
    ("The Harbour Fund warned Norway. Later it raised its forecast.", "Norway", []),
]


@pytest.mark.parametrize(("text", "name", "pronouns"), POSSESSIVES)
def test_possessive_agrees_with_its_clause_subject(
    nlp: Language, text: str, name: str, pronouns: list[str]
) -> None:
    assert mention_texts(by_name(run(nlp, text), name), pronouns=True) == pronouns


def test_unnamed_person_nearby_blocks_the_topic_fallback(nlp: Language) -> None:
    text = (
        "Paul Dorn opened the plant. Dorn hired staff. Dorn later sold it.\n\n"
        "Workers were unhappy. My father worked there for years.\n\n"
        "He retired in 1990."
    )
    assert mention_texts(by_name(run(nlp, text), "Paul Dorn"), pronouns=True) == []


UNNAMED_REPORTERS = [
    ("The survey was run by Reuters. A third of farmers said they would sell.", "Reuters"),
    ("Maria Lopez met voters. A friend said she would help.", "Maria Lopez"),
]


@pytest.mark.parametrize(("text", "name"), UNNAMED_REPORTERS)
def test_pronoun_reported_by_an_unnamed_speaker_is_left_alone(
    nlp: Language, text: str, name: str
) -> None:
    assert mention_texts(by_name(run(nlp, text), name), pronouns=True) == []


def test_pronoun_reported_by_the_police_still_resolves(nlp: Language) -> None:
    text = "Marek Dolny was stopped on Friday. Police said he had no licence."
    assert mention_texts(by_name(run(nlp, text), "Marek Dolny"), pronouns=True) == ["he"]


RELATIVE_CLAUSE_SUBJECTS = [
    # the subject pronoun of a relative clause is not the person the clause describes
    ("Tomas Reed praised Dagny Vale, whom he called a friend.", "Tomas Reed", "Dagny Vale", "he"),
    ("Dagny Vale met Tomas Reed, whom she called a friend.", "Dagny Vale", "Tomas Reed", "she"),
]


@pytest.mark.parametrize(("text", "speaker", "described", "pronoun"), RELATIVE_CLAUSE_SUBJECTS)
def test_relative_clause_subject_is_not_the_described_person(
    nlp: Language, text: str, speaker: str, described: str, pronoun: str
) -> None:
    found = run(nlp, text)
    assert mention_texts(by_name(found, speaker), pronouns=True) == [pronoun]
    assert mention_texts(by_name(found, described), pronouns=True) == []
