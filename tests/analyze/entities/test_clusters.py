"""Names grouped into one entity per referent: full names, short forms, trims, headings."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.analyze.mentions import MentionIndex

from .helpers import by_name, mention_texts, run

GROUPING = [
    (
        "Finnish President Aino Virtanen arrived on Monday. Virtanen met farmers, "
        "and Ms Virtanen's speech was short.",
        "Aino Virtanen",
        ["Aino Virtanen", "Virtanen", "Ms Virtanen"],
    ),
    (
        "Opposition leader Marek Dolny called a strike. Later Dolny said the strike "
        "would last a week, and Mr Dolny's allies agreed.",
        "Marek Dolny",
        ["Marek Dolny", "Dolny", "Mr Dolny"],
    ),
    (
        "Prime Minister Oskar Lind wrote to the mayor. The letter was signed "
        "\u201cOskar\u201d, and Lind later published it.",
        "Oskar Lind",
        ["Oskar Lind", "Oskar", "Lind"],
    ),
]


@pytest.mark.parametrize(("text", "name", "expected"), GROUPING)
def test_full_name_and_short_forms_are_one_entity(
    nlp: Language, text: str, name: str, expected: list[str]
) -> None:
    found = run(nlp, text)
    entity = by_name(found, name)
    assert entity.type == "PERSON"
    assert mention_texts(entity) == expected
    assert entity.key == f"{name.lower()}|PERSON"


def test_shared_surname_stays_ambiguous(nlp: Language) -> None:
    text = "Anna Berg and her brother Tomas Berg run the farm. Berg said the harvest was poor."
    found = run(nlp, text)
    ambiguous = [e for e in found if e.ambiguous]
    assert [e.name for e in ambiguous] == ["Berg"]
    assert ambiguous[0].type == "PERSON"
    assert mention_texts(by_name(found, "Anna Berg")) == ["Anna Berg"]


SHORT_FORMS = [
    # a middle initial does not split a person
    ("Donald J. Trump spoke first. Donald Trump then left.", "Donald J. Trump", ["Donald Trump"]),
    # a family name written first, with an honorific
    (
        "Officials praised Kim Sun-hee on Monday. Ms. Kim said the plan would work.",
        "Kim Sun-hee",
        ["Ms. Kim"],
    ),
    # an organisation's last word, and its acronym
    (
        "The Harbour Gazette printed the letter. The Gazette later apologised.",
        "Harbour Gazette",
        ["Gazette"],
    ),
    (
        "The Democratic National Committee met. The DNC said it would appeal.",
        "Democratic National Committee",
        ["DNC"],
    ),
]


@pytest.mark.parametrize(("text", "name", "aliases"), SHORT_FORMS)
def test_short_forms_join_the_one_full_name(
    nlp: Language, text: str, name: str, aliases: list[str]
) -> None:
    assert list(by_name(run(nlp, text), name).aliases) == aliases


def test_different_organisations_sharing_words_stay_apart(nlp: Language) -> None:
    text = (
        "The Democratic National Committee met. "
        "The Democratic Congressional Campaign Committee did not."
    )
    found = run(nlp, text)
    assert len([e for e in found if e.name.endswith("Committee")]) == 2


HEADINGS = [
    (
        "Weather Warnings Issued\n\nStorms hit the coast on Monday, officials said.",
        "Weather Warnings",
    ),
    (
        "Coastal Report: The Fishing Council\n\nThe Fishing Council met on Monday.",
        "Coastal Report",
    ),
]


@pytest.mark.parametrize(("text", "junk"), HEADINGS)
def test_title_case_headings_are_not_names(nlp: Language, text: str, junk: str) -> None:
    assert all(junk not in e.name for e in run(nlp, text))


MORE_GROUPING = [
    # a word the tagger stuck in front of a full name is dropped, not a new person
    (
        "Rally crowds chanted about Sleepy Jonas Berg. Jonas Berg did not reply, and Berg left.",
        "Jonas Berg",
        ["Jonas Berg", "Jonas Berg", "Berg"],
    ),
    # a generational suffix does not hide the surname
    (
        "Chief Justice John G. Roberts Jr. wrote the opinion. Roberts said the law stood.",
        "John G. Roberts Jr.",
        ["John G. Roberts Jr.", "Roberts"],
    ),
    # an honorific's gender picks between two people sharing a surname
    (
        "Bill Carter and Hillary Carter spoke. Mrs. Carter said the plan was sound.",
        "Hillary Carter",
        ["Hillary Carter", "Mrs. Carter"],
    ),
]


MORE_GROUPING.append(
    # a shorter full name first, the fuller one later, then the given name alone
    (
        "Witnesses saw Lamont Reed at the shop. Police later named him as Keith Lamont Reed. "
        "Keith had no weapon, his family said.",
        "Keith Lamont Reed",
        ["Lamont Reed", "Keith Lamont Reed", "Keith"],
    )
)


@pytest.mark.parametrize(("text", "name", "expected"), MORE_GROUPING)
def test_variants_of_a_full_name(nlp: Language, text: str, name: str, expected: list[str]) -> None:
    found = run(nlp, text)
    assert mention_texts(by_name(found, name)) == expected


def test_headline_ending_in_a_full_stop_is_a_heading(nlp: Language) -> None:
    text = "Lake Town Council Votes To Close Harbour Office.\n\nThe council met on Monday."
    assert run(nlp, text) == ()


def test_honorific_of_the_other_gender_is_a_different_person(nlp: Language) -> None:
    text = "Michelle Obama spoke first. Later Mr. Obama thanked the crowd."
    found = run(nlp, text)
    other = by_name(found, "Obama")
    assert not other.ambiguous
    assert mention_texts(other) == ["Mr. Obama"]
    assert mention_texts(by_name(found, "Michelle Obama")) == ["Michelle Obama"]


def test_possessive_inside_a_tagged_name_is_not_part_of_the_mention(nlp: Language) -> None:
    text = "Donald Trump spoke on Friday. Clinton says Trump’s “latest meltdown is unhinged.”"
    assert mention_texts(by_name(run(nlp, text), "Donald Trump")) == ["Donald Trump", "Trump"]


def test_possessive_of_a_common_noun_subject_is_left_alone(nlp: Language) -> None:
    text = "Norway sent ships. The election then entered its final week."
    assert mention_texts(by_name(run(nlp, text), "Norway"), pronouns=True) == []


def test_surname_the_tagger_read_as_a_common_word(nlp: Language) -> None:
    text = "Paul Dorn opened the plant. Dorn hired staff. Shifts grew longer."
    doc = nlp(text)
    assert [t.tag_ for t in doc if t.text == "Dorn"][1] != "NNP"
    found = run(nlp, text)
    assert mention_texts(by_name(found, "Paul Dorn")) == ["Paul Dorn", "Dorn"]
    assert [e.name for e in found] == ["Paul Dorn"]


TRIMS = [
    # a pageant title before a name is not part of it
    (
        "Former Miss Universe Alicia Machado spoke. Machado said she was hurt.",
        "Alicia Machado",
        ["Alicia Machado", "Machado"],
    ),
    # a web domain does not hide an organisation's short name
    (
        "Analysts at Edmunds.com expect a rise. Prices at Edmunds fell.",
        "Edmunds.com",
        ["Edmunds.com", "Edmunds"],
    ),
]


@pytest.mark.parametrize(("text", "name", "expected"), TRIMS)
def test_names_trimmed_before_grouping(
    nlp: Language, text: str, name: str, expected: list[str]
) -> None:
    assert mention_texts(by_name(run(nlp, text), name)) == expected


def test_sentence_opening_adverb_is_not_part_of_a_name(nlp: Language) -> None:
    text = "Nationally Edmunds expects 16 million sales."
    assert [e.text for e in nlp(text).ents if e.label_ == "ORG"] == ["Nationally Edmunds"]
    assert [e.name for e in run(nlp, text)] == ["Edmunds"]


def test_apposition_is_a_mention_of_its_entity(nlp: Language) -> None:
    text = (
        "Talks were held between Daniela Forteza and her Peruvian counterpart, "
        "Julio Arancibia, who had demanded the crews' return."
    )
    found = run(nlp, text)
    index = MentionIndex(found)
    start = text.index("counterpart")
    hit = index.at(start, start + len("counterpart"))
    assert hit is not None
    assert hit[1].name == "Julio Arancibia"
    start = text.index("Peruvian")
    hit = index.at(start, start + len("Peruvian"))
    assert hit is not None
    assert hit[1].name == "Peru"


def test_name_the_tagger_cut_short_and_its_honorific_form(nlp: Language) -> None:
    text = (
        "Mexican President Enrique Peña Nieto met the envoy. Mr. Peña Nieto said talks went well."
    )
    assert next(e.text for e in nlp(text).ents if e.label_ == "PERSON") == "Enrique Peña"
    entity = by_name(run(nlp, text), "Enrique Peña Nieto")
    assert mention_texts(entity) == ["Enrique Peña Nieto", "Mr. Peña Nieto"]
