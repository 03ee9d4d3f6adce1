"""Entities on passages written for these tests: grouping, types, places, pronouns."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.analyze.entities import entities
from storyline.analyze.entities.votes import female_surname
from storyline.analyze.mentions import MentionIndex
from storyline.models import Entity


def run(nlp: Language, text: str) -> tuple[Entity, ...]:
    found = entities(nlp(text))
    for entity in found:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
    return found


def by_name(found: tuple[Entity, ...], name: str) -> Entity:
    matches = [e for e in found if e.name == name]
    assert len(matches) == 1, [(e.name, e.type) for e in found]
    return matches[0]


def mention_texts(entity: Entity, pronouns: bool = False) -> list[str]:
    return [m.text for m in entity.mentions if m.pronoun == pronouns]


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


def test_they_for_an_organisation(nlp: Language) -> None:
    text = "The Nordic Council met on Monday. They said the vote would wait."
    entity = by_name(run(nlp, text), "Nordic Council")
    assert mention_texts(entity, pronouns=True) == ["They"]


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


def test_gender_learned_from_what_a_person_says_of_themselves(nlp: Language) -> None:
    text = (
        "Robin Vale says she will run. Vale says she has the votes. "
        "Vale thanked Tom Reed for his help."
    )
    found = run(nlp, text)
    assert mention_texts(by_name(found, "Robin Vale"), pronouns=True) == ["she", "she"]
    assert mention_texts(by_name(found, "Tom Reed"), pronouns=True) == ["his"]


def test_possessive_inside_a_tagged_name_is_not_part_of_the_mention(nlp: Language) -> None:
    text = "Donald Trump spoke on Friday. Clinton says Trump’s “latest meltdown is unhinged.”"
    assert mention_texts(by_name(run(nlp, text), "Donald Trump")) == ["Donald Trump", "Trump"]


def test_possessive_of_a_common_noun_subject_is_left_alone(nlp: Language) -> None:
    text = "Norway sent ships. The election then entered its final week."
    assert mention_texts(by_name(run(nlp, text), "Norway"), pronouns=True) == []


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


def test_surname_the_tagger_read_as_a_common_word(nlp: Language) -> None:
    text = "Paul Dorn opened the plant. Dorn hired staff. Shifts grew longer."
    doc = nlp(text)
    assert [t.tag_ for t in doc if t.text == "Dorn"][1] != "NNP"
    found = run(nlp, text)
    assert mention_texts(by_name(found, "Paul Dorn")) == ["Paul Dorn", "Dorn"]
    assert [e.name for e in found] == ["Paul Dorn"]


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


def test_pronoun_refers_back_to_a_description(nlp: Language) -> None:
    text = "The Harbour Commission met. The commission said it welcomed the ruling."
    entity = by_name(run(nlp, text), "Harbour Commission")
    assert mention_texts(entity) == ["Harbour Commission", "The commission"]
    assert mention_texts(entity, pronouns=True) == ["it"]


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


def test_name_the_tagger_cut_short_and_its_honorific_form(nlp: Language) -> None:
    text = (
        "Mexican President Enrique Peña Nieto met the envoy. Mr. Peña Nieto said talks went well."
    )
    assert next(e.text for e in nlp(text).ents if e.label_ == "PERSON") == "Enrique Peña"
    entity = by_name(run(nlp, text), "Enrique Peña Nieto")
    assert mention_texts(entity) == ["Enrique Peña Nieto", "Mr. Peña Nieto"]


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
