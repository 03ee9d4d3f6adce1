"""Figures: every form of number, with its unit, qualifier and what it counts."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from storyline.analyze.entities import entities
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
            "The union counted 37 foreign journalists.",
            {"value": 37, "concept": "foreign journalists"},
        ),
        ("Thirty-seven fishermen walked free.", {"value": 37, "text": "Thirty-seven"}),
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
        ("The penalty is 8.25 million Canadian dollars.", {"value": 8.25e6, "unit": "CAD"}),
        ("Crude traded at $71.36 per barrel.", {"value": 71.36, "unit": "USD per barrel"}),
        # durations and physical units
        ("He was jailed for 11 years.", {"value": 11, "unit": "year", "kind": "duration"}),
        ("The party has governed for four decades.", {"value": 4, "unit": "decade"}),
        ("The car has a 5.2 litre engine.", {"value": 5.2, "unit": "litre", "concept": "engine"}),
        ("Winds reached 115 km/h on the coast.", {"value": 115, "unit": "km/h"}),
        ("The trawlers were 40 kilometres inside its waters.", {"value": 40, "unit": "km"}),
        ("The ferry sailed 30 nautical miles.", {"value": 30, "unit": "nautical mile"}),
        (
            "A 35-year-old man was arrested.",
            {"value": 35, "unit": "year", "kind": "age", "concept": "man"},
        ),
        # less common spellings
        ("The villa sold for $US47,218,000 last year.", {"value": 47_218_000, "unit": "USD"}),
        ("The bicycle cost 1,350€ in Porto.", {"value": 1350, "unit": "EUR"}),
        ("The rate stood at 148 JPY against the dollar.", {"value": 148, "unit": "JPY"}),
        ("The yacht was priced at USD12m.", {"value": 1.2e7, "unit": "USD"}),
        ("There were 3 hundred million voters.", {"value": 3e8, "concept": "voters"}),
        (
            "One in three Chileans report water shortages.",
            {"value": pytest.approx(1 / 3), "kind": "fraction"},
        ),
        ("A tablespoon is 1/8 of a cup.", {"value": 1 / 8, "kind": "fraction"}),
        ("Simmer it for ~35 minutes.", {"value": 35, "unit": "minute", "qualifier": "~"}),
        ("The offense managed minus-7 yards.", {"value": -7, "unit": "yard"}),
        ("The defence gave up 463 passing yards.", {"value": 463, "unit": "yard"}),
        ("The motor delivers 380 Nm of torque.", {"value": 380, "unit": "Nm"}),
        (
            "The sensor has a 268 μm pixel pitch.",
            {"value": 268, "unit": "um", "concept": "pixel pitch"},
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
        ("It falls short of the 1,500 or 1,600 detainees.", 1500, 1600, (1500, 1600)),
        ("Between 1,500 and 1,600 detainees remain.", 1500, 1600, ()),
        ("Some 1,500-1,600 detainees remain.", 1500, 1600, ()),
        ("The crossing takes 2 to 3 days.", 2, 3, ()),
        ("The cost is 1.6 to 1.8 million dollars.", 1.6e6, 1.8e6, ()),
        ("Seats cost between $44 and $49 per ticket.", 44, 49, ()),
        ("The company will slash 10% to 15% of its jobs.", 10, 15, ()),
        # Any dash joins a range: the figure dash and the quotation dash as the en dash.
        ("Turnout was 10 ‒ 20 percent higher.", 10, 20, ()),
        ("Turnout was 10 ― 20 percent higher.", 10, 20, ()),
    ],
)
def test_ranges_and_alternatives(
    nlp: Language, text: str, low: float, high: float, alternatives: tuple[float, ...]
) -> None:
    figure = only(nlp, text)
    assert figure.low == pytest.approx(low)
    assert figure.high == pytest.approx(high)
    assert figure.value is None
    assert figure.alternatives == alternatives


@pytest.mark.parametrize(
    ("text", "qualifier", "figure_text"),
    [
        ("The release covered about 2% of detainees.", "~", "about 2%"),
        ("Nearly 200 people were hurt.", "~", "Nearly 200"),
        ("Some 30 boats were seized.", "~", "Some 30"),
        ("She has governed for more than four decades.", ">", "more than four decades"),
        ("At least 12 people died.", ">", "At least 12"),
        ("Up to 300 people were hurt.", "<", "Up to 300"),
        ("Fewer than 20 boats returned.", "<", "Fewer than 20"),
        ("Only about 2% of them were freed.", "~", "about 2%"),
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
        ("The index was up 23 points.", [("23 points", "up", "up")]),
        ("Sales fell to 3.2 million units.", [("3.2 million", "=", "down")]),
        ("Shares rose 7.3 per cent to $61.", [("7.3 per cent", "up", "up"), ("$61", "=", "up")]),
        ("Prices were 5% higher than a year before.", [("5%", "up", "up")]),
        ("In Frankfurt the DAX was +0.4% at noon.", [("+0.4%", "up", "up")]),
        ("Shares have been plummeting 48% this year.", [("48%", "down", "down")]),
        ("The defence gave up 463 yards.", [("463 yards", "=", None)]),
        (
            "Winds dropped by 10 mph (16 km/h).",
            [("10 mph", "down", "down"), ("16 km/h", "down", "down")],
        ),
        (
            "Bitcoin fell from $51,820 last night to $50,370.",
            [("$51,820 last night to $50,370", "=", "down")],
        ),
        (
            "Turnover increased by $27.9 billion to $356.4 billion.",
            [("$27.9 billion", "up", "up"), ("$356.4 billion", "=", "up")],
        ),
        # "added X to Y" is a change and a level, not a range.
        (
            "The Nasdaq Composite added 1.2 percent to 14,350.",
            [("1.2 percent", "up", "up"), ("14,350", "=", "up")],
        ),
        ("Rallies of 10,000 people took place.", [("10,000", "=", None)]),
        ("The Dow lost 1.5% to 33,000.", [("1.5%", "down", "down"), ("33,000", "=", "down")]),
        # A clause without its verb keeps the change of the clause before it.
        ("Revenue rose 5% and operating profit 8%.", [("5%", "up", "up"), ("8%", "up", "up")]),
        # ... as an amount or a level as the first figure was, unless it says its own.
        (
            "Sales fell to $3 billion and operating profit $1 billion.",
            [("$3 billion", "=", "down"), ("$1 billion", "=", "down")],
        ),
        (
            "Exports rose 5% in May, and imports 3% lower.",
            [("5%", "up", "up"), ("3%", "down", "down")],
        ),
        # A figure that belongs to a noun after it is no clause without its verb.
        (
            "Profit fell 10%, while Acme's 500 stores stayed open.",
            [("10%", "down", "down"), ("500", "=", None)],
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
        "The talks began on September 14 in Lima.",
        "The meeting starts at 3pm.",
        "He bought a Galaxy S9 last week.",
        "The No. 3 seed lost in the Pac 10.",
        "The F-35 jets landed.",
        "No one was hurt, and each one of them went home.",
        "Their offices are at 318 Calloway Road.",
        "The victims of 9/11 were remembered.",
        "The game ended 4-4 after extra time.",
        "The carrier switched on its 5G network.",
        "He bought a 3D printer.",
        "She was sitting in seat 14C on the flight.",
        "Each household gets a one-off payment.",
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
    figure = only(nlp, "The amnesty covered only about 2% of those listed as foreign journalists.")
    assert figure.concept == "foreign journalists"


def test_concept_followed_through_apposition(nlp: Language) -> None:
    found = figures(nlp("The regime freed 37 people, jailed reporters held for months."), (), None)
    assert found[0].concept == "jailed reporters"


def test_about_is_the_entity_the_parse_points_to(nlp: Language) -> None:
    text = "Among them was Julio Arancibia, who was sentenced to nine years after the strike."
    start = text.index("Julio")
    person = Entity(
        id="E1",
        name="Julio Arancibia",
        type="PERSON",
        key="julio arancibia|PERSON",
        mentions=(Mention(start, start + len("Julio Arancibia"), "Julio Arancibia"),),
    )
    (figure,) = figures(nlp(text), (person,), None)
    assert (figure.text, figure.about) == ("nine years", "E1")
    assert figure.subject is not None and "Arancibia" in figure.subject.text


@pytest.mark.parametrize(
    ("text", "figure_text", "subject"),
    [
        ("Julio Arancibia, 59, was freed on Tuesday.", "59", "Julio Arancibia"),
        ("Chile has released 31 Peruvian fishermen.", "31", "Chile"),
        ("The index was up nearly 6% after falling 5% in May.", "5%", "index"),
    ],
)
def test_subject(nlp: Language, text: str, figure_text: str, subject: str) -> None:
    (figure,) = [f for f in figures(nlp(text), (), None) if f.text == figure_text]
    assert figure.subject is not None and figure.subject.text.endswith(subject)


def test_a_conversion_is_told_of_the_same_thing(nlp: Language) -> None:
    found = figures(nlp("The fine was 6.4 million Norwegian crowns (US $0.6 million)."), (), None)
    assert [(f.unit, f.concept) for f in found] == [("NOK", "fine"), ("USD", "fine")]


@pytest.mark.parametrize(
    ("text", "figure_text", "concept"),
    [
        ("Roast six fillets (~2lb) for 25 minutes.", "~2lb", "fillets"),
        (
            "The mill employs 840 people, nearly half of whom work in Cusco.",
            "nearly half",
            "people",
        ),
        # The owner and a short "of" complement belong to the concept.
        ("The company's revenue rose 8% to $4.2 billion.", "8%", "company's revenue"),
        ("Shares of Halvorsen Marine jumped 14% on Tuesday.", "14%", "Shares of Halvorsen Marine"),
        # "$X in Y" says what the money is.
        (
            "The hurricane caused an estimated $50 billion in damage.",
            "an estimated $50 billion",
            "damage",
        ),
        # An aggregate noun is how the figure is taken, not what it measures.
        ("Wages rose by an average of 4.5% last year.", "4.5%", "Wages"),
        ("He paid $3 million for the painting.", "$3 million", "painting"),
        # A figure in a phrase hanging on a noun measures that noun.
        ("With carbon levels at 420 ppm, the panel is worried.", "420 ppm", "carbon levels"),
        # A level after a change noun is the level of what changed.
        ("The index suffered a drop to 1,350 points.", "1,350 points", "index"),
        ("Unemployment in the eurozone fell to 6.1%.", "6.1%", "Unemployment in the eurozone"),
        ("Norvalis signed a deal worth $5 billion.", "$5 billion", "deal"),
        ("The index is up 12% year to date.", "12%", "index"),
        # Each figure of a bracketed list is told of the name before the bracket.
        ("The guard Ana Ruiz (21.3 points, 38 minutes) starred.", "38 minutes", "Ana Ruiz"),
        # A clause without its verb: the words before the figure name what it measures.
        ("The DAX fell 1.2%, the CAC 40 0.9% and the FTSE 100 0.5%.", "0.9%", "CAC 40"),
        ("Exports grew 4% in May and imports 2%.", "2%", "imports"),
        ("Revenue was $5 billion and net income $1 billion.", "$5 billion", "Revenue"),
        ("Inflation rose to 3%, and the central bank's 2% target looks distant.", "2%", "target"),
        # What a sum was paid in or for is no concept when it is a manner or a cause.
        ("The company paid $5 million in total.", "$5 million", "company"),
        ("The player was fined $50,000 for the incident.", "$50,000", "player"),
        # A count set "at" or "to" through a verb counts the verb's object.
        ("Officials put the death toll at 45.", "45", "death toll"),
        (
            "The ministry reported new cases, bringing the total to 1.1 million.",
            "1.1 million",
            "total",
        ),
        # A count a verb puts at a level counts the verb's subject; a noun of counting,
        # the noun it counts.
        ("The death toll from the quake has risen to 14.", "14", "death toll from the quake"),
        ("The number of people killed by the quake rose to 14.", "14", "people"),
        ("The company's workforce grew to 300 last year.", "300", "company's workforce"),
        ("One in five children lives in poverty.", "One in five", "children"),
        ("The mayor's first 100 days were chaotic.", "100 days", "mayor"),
        # Another figure's unit is not what a figure measures.
        (
            "Brent crude futures settled up 68 cents, or 0.9%, at $79.32 a barrel.",
            "$79.32 a barrel",
            "Brent crude futures",
        ),
        ("The index saw a 12% fall for the week to 2,100 points.", "2,100 points", "index"),
    ],
)
def test_concept(nlp: Language, text: str, figure_text: str, concept: str) -> None:
    (figure,) = [f for f in figures(nlp(text), (), None) if f.text == figure_text]
    assert figure.concept == concept


@pytest.mark.parametrize(
    ("text", "figure_text", "unit"),
    [
        ("Temperatures reached 41C in the valley.", "41C", "celsius"),
        ("It was 104F in the shade.", "104F", "fahrenheit"),
        ("The deal is worth $5M.", "$5M", "USD"),
    ],
)
def test_glued_units_and_a_final_full_stop(
    nlp: Language, text: str, figure_text: str, unit: str
) -> None:
    (figure,) = figures(nlp(text), (), None)
    assert (figure.text, figure.unit) == (figure_text, unit)


def test_subject_keeps_its_complement_and_about_its_head(nlp: Language) -> None:
    doc = nlp("Profits at Norvalis Holdings fell 27% last year.")
    (figure,) = figures(doc, entities(doc), None)
    assert figure.subject is not None and figure.subject.text == "Profits at Norvalis Holdings"
    (company,) = [e for e in entities(doc) if e.id == figure.about]
    assert company.name == "Norvalis Holdings"


def test_a_figure_that_is_its_own_subject_is_told_of_the_main_subject(nlp: Language) -> None:
    figure = only(nlp, "The survey found 58% support the plan.")
    assert figure.subject is not None and figure.subject.text == "survey"


@pytest.mark.parametrize(
    ("text", "figure_text", "frame"),
    [
        ("The earthquake killed 12 people.", "12", "kill"),
        # Through a verb that only puts a count at a level: what befell what it counts.
        ("The number of people killed by the quake rose to 14.", "14", "kill"),
        ("The death toll stood at 14 on Wednesday.", "14", "death"),
        ("Officials put the death toll at 45.", "45", "death"),
        ("The company's workforce grew to 300 last year.", "300", "grow"),
        # Through a verb that leaves what it counts in a state: the state.
        ("The quake left 14 people dead.", "14", "dead"),
        ("About 45 ships were left waiting outside the port.", "About 45", "wait"),
        ("The blast left 12 injured.", "12", "injure"),
        ("The strike had left 140 container ships waiting at sea.", "140", "wait"),
        ("She left 300 dollars on the table.", "300 dollars", "leave"),
    ],
)
def test_frame(nlp: Language, text: str, figure_text: str, frame: str) -> None:
    (figure,) = [f for f in figures(nlp(text), (), None) if f.text == figure_text]
    assert figure.frame == frame
