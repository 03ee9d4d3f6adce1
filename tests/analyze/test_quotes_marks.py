"""Quotation-mark scanning: every style, nesting, paragraphs, apostrophes, bad input."""

from __future__ import annotations

import pytest

from storyline.analyze.quotes.marks import find_quotes


def inner(text: str) -> list[str]:
    return [text[q.inner_start : q.inner_end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('She said: "The bridge opens in May." Then she left.', ["The bridge opens in May."]),
        ("“The bridge opens in May,” she said.", ["The bridge opens in May,"]),
        ("«The bridge opens in May», she said.", ["The bridge opens in May"]),
        ("'The bridge opens in May,' she said.", ["The bridge opens in May,"]),
        ("‘The bridge opens in May,’ she said.", ["The bridge opens in May,"]),
        ("She said: „The bridge opens in May.“", ["The bridge opens in May."]),
        ("She said: „The bridge opens in May.”", ["The bridge opens in May."]),
        ("''The bridge opens in May,'' she said.", ["The bridge opens in May,"]),
        ("‹The bridge opens in May›, she said.", ["The bridge opens in May"]),
        ("« The bridge opens in May », she said.", ["The bridge opens in May"]),
    ],
)
def test_every_quotation_style(text: str, expected: list[str]) -> None:
    assert inner(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Apostrophes are not quote marks.
        ("“We don't stop,” the mayor's aide said.", ["We don't stop,"]),
        ("The '90s were different, the voters' mood said it all.", []),
        ("It’s the mayor’s plan, and the workers’ plan too.", []),
        # Nested quotes stay inside their outer quote.
        (
            "“They told me ‘it cannot be done,’ and I did it,” she said.",
            ["They told me ‘it cannot be done,’ and I did it,"],
        ),
        ("\"He shouted 'stop' twice,\" she said.", ["He shouted 'stop' twice,"]),
        # Straight and curly double marks mixed in one quote; a mistyped closer.
        ('"We are ready,” she said.', ["We are ready,"]),
        ('“We are ready," she said.', ["We are ready,"]),
        ("“We are ready,“ she said.", ["We are ready,"]),
        ('"We are ready, " she said.', ["We are ready,"]),
        # Two quotes around a reporting clause.
        ("“First part,” she said, “second part.”", ["First part,", "second part."]),
    ],
)
def test_apostrophes_nesting_and_pairs(text: str, expected: list[str]) -> None:
    assert inner(text) == expected


def test_reopened_mark_continues_the_quote_over_paragraphs() -> None:
    text = "“We will finish the bridge.\n\n“Nobody will stop us,” she said.\n\nThe end."
    (quote,) = find_quotes(text)
    assert text[quote.inner_start : quote.inner_end] == (
        "We will finish the bridge.\n\n“Nobody will stop us,"
    )
    assert quote.paragraphs == 2
    assert not quote.unbalanced


def test_unclosed_quote_runs_to_its_paragraph_end() -> None:
    text = "“We will finish the bridge, she said.\n\nNext paragraph without marks."
    (quote,) = find_quotes(text)
    assert quote.unbalanced
    assert text[quote.inner_start : quote.inner_end] == "We will finish the bridge, she said."


@pytest.mark.parametrize(
    "text",
    [
        "",
        "“",
        "”",
        '"',
        "'",
        "„“",
        "““””",
        "He said ” then “ and then nothing",
        "«»«»",
        '"a" "b" "c',
        "“one\n\n“two\n\n“three",
        "‘‘’’'''\"\"\"",
        "\n\n\n“\n\n",
    ],
)
def test_unbalanced_marks_never_raise(text: str) -> None:
    for quote in find_quotes(text):
        assert 0 <= quote.start <= quote.inner_start <= quote.inner_end <= quote.end <= len(text)
