"""Time expressions: dates and years apart from figures, normalised against the article date."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.analyze.figures import figures
from storyline.analyze.times import time_expressions

FRIDAY = "2024-03-15"


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        (
            "The talks began on October 17, 2021.",
            None,
            [("October 17, 2021", "2021-10-17", False)],
        ),
        ("The talks began on 17 October 2021.", None, [("17 October 2021", "2021-10-17", False)]),
        ("They have negotiated since March of 2017.", None, [("March of 2017", "2017-03", False)]),
        ("The year ended Jan. 31.", FRIDAY, [("Jan. 31", "2024-01-31", True)]),
        ("The year ended Jan. 31.", None, [("Jan. 31", "--01-31", False)]),
        ("The protests after the elections of 2020 were crushed.", None, [("2020", "2020", False)]),
        ("Prices doubled in the 1990s.", None, [("the 1990s", "1990s", False)]),
        ("The vote closes at 3pm.", None, [("3pm", "15:00", False)]),
        ("Stocks were flat at 2.47pm.", None, [("2.47pm", "14:47", False)]),
        ("He was freed yesterday.", FRIDAY, [("yesterday", "2024-03-14", True)]),
        ("He was freed yesterday.", None, [("yesterday", None, True)]),
        ("Exports fell last year.", FRIDAY, [("last year", "2023", True)]),
        ("The talks resume next month.", FRIDAY, [("next month", "2024-04", True)]),
        ("The law passed two years ago.", FRIDAY, [("two years ago", "2022", True)]),
        ("The boats were seized on Monday.", FRIDAY, [("Monday", "2024-03-11", True)]),
        ("They were arrested in February.", FRIDAY, [("in February", "2024-02", True)]),
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
        ("He was jailed for 11 years in 2022.", "11 years"),
        ("The party has governed for four decades since 1985.", "four decades"),
    ],
)
def test_years_are_times_and_counts_are_figures(nlp: Language, text: str, figure: str) -> None:
    doc = nlp(text)
    assert [f.text for f in figures(doc, (), None)] == [figure]
    assert len(time_expressions(doc, None)) == 1
