"""Figures: every form of number, with its unit, qualifier and what it counts."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from storyline.analyze.figures import figures
from storyline.models import Entity, Figure, Mention


def only(nlp: Language, text: str) -> Figure:
    found = figures(nlp(text), (), None)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # cardinals, in digits and in words
        (
            "The ministry counted 52 political prisoners.",
            {"value": 52, "concept": "political prisoners"},
        ),
        ("Fifty-two prisoners walked free.", {"value": 52, "text": "Fifty-two"}),
        ("She bought a dozen eggs.", {"value": 12, "concept": "eggs"}),
        ("The hall seats one hundred and twenty guests.", {"value": 120, "concept": "guests"}),
        ("Hundreds of protesters gathered.", {"low": 100, "high": 1000, "concept": "protesters"}),
        ("Tens of thousands of soldiers crossed.", {"low": 10_000, "high": 100_000}),
        ("The city has 2.5 million residents.", {"value": 2_500_000, "concept": "residents"}),
        ("Nearly two-thirds of voters agreed.", {"value": pytest.approx(2 / 3), "qualifier": "~"}),
        # percentages
        (
            "Turnout reached 61.5% in the capital.",
            {"value": 61.5, "unit": "percent", "kind": "percent"},
        ),
        ("Inflation was 3 per cent in May.", {"value": 3, "unit": "percent"}),
        # money: symbols, codes, names, multipliers
        ("The bridge cost $3bn to build.", {"value": 3e9, "unit": "USD", "kind": "money"}),
        ("The club paid €2.5m for him.", {"value": 2.5e6, "unit": "EUR"}),
        (
            "He was ordered to pay a fine of £40,000.",
            {"value": 40_000, "unit": "GBP", "concept": "fine"},
        ),
        ("The fund holds USD 40 million in bonds.", {"value": 4e7, "unit": "USD"}),
        ("The penalty is 10.5 million Australian dollars.", {"value": 10.5e6, "unit": "AUD"}),
        ("Crude traded at $58.24 per barrel.", {"value": 58.24, "unit": "USD per barrel"}),
        # durations and physical units
        ("He was jailed for 14 years.", {"value": 14, "unit": "year", "kind": "duration"}),
        ("The party has ruled for three decades.", {"value": 3, "unit": "decade"}),
        ("The car has a 5.2 litre engine.", {"value": 5.2, "unit": "litre", "concept": "engine"}),
        ("Winds reached 140 km/h on the coast.", {"value": 140, "unit": "km/h"}),
        ("The trawlers were 40 kilometres inside its waters.", {"value": 40, "unit": "km"}),
        ("The ferry sailed 30 nautical miles.", {"value": 30, "unit": "nautical mile"}),
        (
            "A 35-year-old man was arrested.",
            {"value": 35, "unit": "year", "kind": "age", "concept": "man"},
        ),
        # less common spellings
        ("The house sold for $US55,931,000 last year.", {"value": 55_931_000, "unit": "USD"}),
        ("The laptop cost 1,200€ in Berlin.", {"value": 1200, "unit": "EUR"}),
        ("The rate stood at 110 JPY against the dollar.", {"value": 110, "unit": "JPY"}),
        ("The yacht was priced at USD10m.", {"value": 1e7, "unit": "USD"}),
        ("There were 4 hundred million people.", {"value": 4e8, "concept": "people"}),
        (
            "One in three Germans report housing problems.",
            {"value": pytest.approx(1 / 3), "kind": "fraction"},
        ),
        ("An ounce is 1/16 of a pint.", {"value": 1 / 16, "kind": "fraction"}),
        ("Cook it for ~25 minutes.", {"value": 25, "unit": "minute", "qualifier": "~"}),
        ("The offense managed minus-5 yards.", {"value": -5, "unit": "yard"}),
        ("The defence gave up 517 rushing yards.", {"value": 517, "unit": "yard"}),
        ("The motor delivers 450 Nm of torque.", {"value": 450, "unit": "Nm"}),
        (
            "The sensor has a 352 μm pixel pitch.",
            {"value": 352, "unit": "um", "concept": "pixel pitch"},
        ),
        # ordinals that quantify
        (
            "It was the third release this year.",
            {"value": 3, "kind": "ordinal", "concept": "release"},
        ),
    ],
)
def test_forms(nlp: Language, text: str, expected: dict[str, Any]) -> None:
    figure = only(nlp, text)
    for key, value in expected.items():
        assert getattr(figure, key) == value, (key, figure)


@pytest.mark.parametrize(
    ("text", "low", "high", "alternatives"),
    [
        ("It falls short of the 1,300 or 1,400 prisoners.", 1300, 1400, (1300, 1400)),
        ("Between 1,300 and 1,400 prisoners remain.", 1300, 1400, ()),
        ("Some 1,300-1,400 prisoners remain.", 1300, 1400, ()),
        ("The crossing takes 2 to 3 days.", 2, 3, ()),
        ("The cost is 1.3 to 1.5 million dollars.", 1.3e6, 1.5e6, ()),
        ("Seats cost between $62 and $68 per ticket.", 62, 68, ()),
    ],
)
def test_ranges_and_alternatives(
    nlp: Language, text: str, low: float, high: float, alternatives: tuple[float, ...]
) -> None:
    figure = only(nlp, text)
    assert (figure.low, figure.high) == (pytest.approx(low), pytest.approx(high))
    assert figure.value is None
    assert figure.alternatives == alternatives


@pytest.mark.parametrize(
    ("text", "qualifier", "figure_text"),
    [
        ("The release covered about 4% of detainees.", "~", "about 4%"),
        ("Nearly 200 people were hurt.", "~", "Nearly 200"),
        ("Some 30 boats were seized.", "~", "Some 30"),
        ("He has ruled for more than three decades.", ">", "more than three decades"),
        ("At least 12 people died.", ">", "At least 12"),
        ("Up to 300 people were hurt.", "<", "Up to 300"),
        ("Fewer than 20 boats returned.", "<", "Fewer than 20"),
        ("Only about 4% of them were freed.", "~", "about 4%"),
        ("Twenty or so boats returned.", "~", "Twenty or so"),
    ],
)
def test_approximations_and_bounds(
    nlp: Language, text: str, qualifier: str, figure_text: str
) -> None:
    figure = only(nlp, text)
    assert (figure.qualifier, figure.text) == (qualifier, figure_text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Exports rose by 5% last month.", [("5%", "up", "up")]),
        ("Shares fell 3.2% on Monday.", [("3.2%", "down", "down")]),
        ("The index was up 19 points.", [("19 points", "up", "up")]),
        ("Sales fell to 3.2 million units.", [("3.2 million", "=", "down")]),
        ("Shares rose 9.4 per cent to $84.", [("9.4 per cent", "up", "up"), ("$84", "=", "up")]),
        ("Prices were 5% higher than a year before.", [("5%", "up", "up")]),
        ("On Wall Street the Dow was +0.2% at noon.", [("+0.2%", "up", "up")]),
        ("Shares have been plummeting 65% this year.", [("65%", "down", "down")]),
        ("The defence gave up 517 yards.", [("517 yards", "=", None)]),
        (
            "Winds dropped by 10 mph (16 km/h).",
            [("10 mph", "down", "down"), ("16 km/h", "down", "down")],
        ),
        (
            "Bitcoin fell from $36,040 last night to $34,935.",
            [("$36,040 last night to $34,935", "=", "down")],
        ),
        (
            "Revenue increased by $43.6 billion to $419.2 billion.",
            [("$43.6 billion", "up", "up"), ("$419.2 billion", "=", "up")],
        ),
    ],
)
def test_changes(nlp: Language, text: str, expected: list[tuple[str, str, str | None]]) -> None:
    found = figures(nlp(text), (), None)
    assert [(f.text, f.qualifier, f.direction) for f in found] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The elections of 2020 were contested.",
        "The talks began on September 8 in Lima.",
        "The meeting starts at 3pm.",
        "He bought an iPhone 11 last week.",
        "The No. 5 seed lost in the Big 12.",
        "The F-35 jets landed.",
        "No one was hurt, and each one of them went home.",
        "Their offices are at 575 Wilbraham Road.",
        "The victims of 9/11 were remembered.",
        "The game ended 4-4 after extra time.",
    ],
)
def test_not_figures(nlp: Language, text: str) -> None:
    assert figures(nlp(text), (), None) == ()


def test_ids_in_text_order_and_offsets(nlp: Language) -> None:
    text = "Chile freed 31 fishermen after 3 months; 12 were held in Arica."
    found = figures(nlp(text), (), None)
    assert [f.id for f in found] == ["F1", "F2", "F3"]
    assert (
        [text[f.start : f.end] for f in found]
        == [f.text for f in found]
        == ["31", "3 months", "12"]
    )


def test_share_concept_followed_through_those_designated_as(nlp: Language) -> None:
    figure = only(
        nlp, "The release covered only about 4% of those designated as political prisoners."
    )
    assert figure.concept == "political prisoners"


def test_concept_followed_through_apposition(nlp: Language) -> None:
    found = figures(
        nlp("The regime freed 52 people, political prisoners held for years."), (), None
    )
    assert found[0].concept == "political prisoners"


def test_about_is_the_entity_the_parse_points_to(nlp: Language) -> None:
    text = "Among them was Mikola Statkevich, who was sentenced to 14 years after the protests."
    start = text.index("Mikola")
    person = Entity(
        id="E1",
        name="Mikola Statkevich",
        type="PERSON",
        key="mikola statkevich|PERSON",
        mentions=(Mention(start, start + len("Mikola Statkevich"), "Mikola Statkevich"),),
    )
    (figure,) = figures(nlp(text), (person,), None)
    assert (figure.text, figure.about) == ("14 years", "E1")
    assert figure.subject is not None and "Statkevich" in figure.subject.text


@pytest.mark.parametrize(
    ("text", "figure_text", "subject"),
    [
        ("Mikola Statkevich, 66, was freed on Friday.", "66", "Mikola Statkevich"),
        ("Chile has released 31 Peruvian fishermen.", "31", "Chile"),
        ("The index was up nearly 6% after falling 5% in May.", "5%", "index"),
    ],
)
def test_subject(nlp: Language, text: str, figure_text: str, subject: str) -> None:
    (figure,) = [f for f in figures(nlp(text), (), None) if f.text == figure_text]
    assert figure.subject is not None and figure.subject.text.endswith(subject)


def test_a_conversion_is_told_of_the_same_thing(nlp: Language) -> None:
    found = figures(nlp("The fine was 7.5 million Danish crowns (US $1.1 million)."), (), None)
    assert [(f.unit, f.concept) for f in found] == [("DKK", "fine"), ("USD", "fine")]


@pytest.mark.parametrize(
    ("text", "figure_text", "concept"),
    [
        ("Bake four fillets (~1lb) for 40 minutes.", "~1lb", "fillets"),
        ("The firm employs 600 people, almost half of which are in Lima.", "almost half", "people"),
    ],
)
def test_concept(nlp: Language, text: str, figure_text: str, concept: str) -> None:
    (figure,) = [f for f in figures(nlp(text), (), None) if f.text == figure_text]
    assert figure.concept == concept
