"""Time expressions: dates and years apart from figures, normalised against the article date."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.analyze.figures import figures, time_expressions

FRIDAY = "2025-09-12"


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        (
            "The talks began on September 8, 2020.",
            None,
            [("September 8, 2020", "2020-09-08", False)],
        ),
        ("The talks began on 8 September 2020.", None, [("8 September 2020", "2020-09-08", False)]),
        ("They have negotiated since June of 2018.", None, [("June of 2018", "2018-06", False)]),
        ("The year ended Oct. 31.", FRIDAY, [("Oct. 31", "2025-10-31", True)]),
        ("The year ended Oct. 31.", None, [("Oct. 31", "--10-31", False)]),
        ("The protests after the elections of 2020 were crushed.", None, [("2020", "2020", False)]),
        ("Prices doubled in the 1990s.", None, [("the 1990s", "1990s", False)]),
        ("The vote closes at 3pm.", None, [("3pm", "15:00", False)]),
        ("Stocks were flat at 1.56pm.", None, [("1.56pm", "13:56", False)]),
        ("He was freed yesterday.", FRIDAY, [("yesterday", "2025-09-11", True)]),
        ("He was freed yesterday.", None, [("yesterday", None, True)]),
        ("Exports fell last year.", FRIDAY, [("last year", "2024", True)]),
        ("The talks resume next month.", FRIDAY, [("next month", "2025-10", True)]),
        ("The law passed two years ago.", FRIDAY, [("two years ago", "2023", True)]),
        ("The boats were seized on Monday.", FRIDAY, [("Monday", "2025-09-08", True)]),
        ("They were arrested in August.", FRIDAY, [("in August", "2025-08", True)]),
    ],
)
def test_time_expressions(
    nlp: Language, text: str, date: str | None, expected: list[tuple[str, str | None, bool]]
) -> None:
    found = time_expressions(nlp(text), date)
    assert [(t.text, t.value, t.relative) for t in found] == expected
    assert all(text[t.start : t.end] == t.text for t in found)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Some 2000 people marched in 2019.", "Some 2000"),
        ("He was jailed for 14 years in 2021.", "14 years"),
        ("The party has ruled for three decades since 1994.", "three decades"),
    ],
)
def test_years_are_times_and_counts_are_figures(nlp: Language, text: str, figure: str) -> None:
    doc = nlp(text)
    assert [f.text for f in figures(doc, (), None)] == [figure]
    assert len(time_expressions(doc, None)) == 1
