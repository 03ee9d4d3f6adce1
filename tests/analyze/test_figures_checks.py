"""Checks between figures: a share against its counts, restatements, parts and totals."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.analyze.figures import checks, figures
from storyline.models import Check, Figure

REPORTERS = (
    "Authorities freed 31 jailed reporters on Tuesday. Press groups say the country "
    "holds 1,500 or 1,600 jailed reporters. The amnesty covered {share} of those "
    "listed as jailed reporters."
)


def run(nlp: Language, text: str) -> tuple[tuple[Figure, ...], tuple[Check, ...]]:
    found = figures(nlp(text), (), None)
    return found, checks(found, text)


def by_kind(found: tuple[Check, ...], kind: str) -> list[Check]:
    return [c for c in found if c.kind == kind]


@pytest.mark.parametrize(
    ("share", "verdict"),
    [
        ("about 2%", "consistent"),  # 31 / 1,600 = 1.9%, 31 / 1,500 = 2.1%
        ("2%", "consistent"),
        ("about 2.0%", "consistent"),
        ("about 15%", "inconsistent"),
        ("less than 1%", "inconsistent"),
        ("more than 1%", "consistent"),
    ],
)
def test_share_against_its_counts(nlp: Language, share: str, verdict: str) -> None:
    found, result = run(nlp, REPORTERS.format(share=share))
    (check,) = by_kind(result, "share")
    assert check.verdict == verdict
    ids = {f.text: f.id for f in found}
    assert check.figures[:3] == (ids[share], ids["31"], ids["1,500 or 1,600"])
    assert "1.9–2.1%" in check.explanation


def test_share_with_two_candidate_parts_is_unclear(nlp: Language) -> None:
    text = (
        "Authorities freed 31 jailed reporters on Tuesday and 250 jailed reporters in March. "
        "Press groups count 1,500 or 1,600 jailed reporters. "
        "The amnesty covered about 2% of jailed reporters."
    )
    _, result = run(nlp, text)
    (check,) = by_kind(result, "share")
    assert check.verdict == "unclear"
    assert "“250”" in check.explanation


@pytest.mark.parametrize(
    ("second", "verdict"),
    [("31", "consistent"), ("33", "inconsistent")],
)
def test_restatement(nlp: Language, second: str, verdict: str) -> None:
    text = (
        "Chile released 31 fishermen on Monday after talks in Lima. "
        f"The foreign minister said Chile released {second} fishermen on humanitarian grounds."
    )
    found, result = run(nlp, text)
    (check,) = by_kind(result, "restatement")
    assert check.verdict == verdict
    assert check.figures == ("F1", "F2")
    assert str(found[1].start) in check.explanation


def test_a_different_number_without_a_named_owner_is_not_checked(nlp: Language) -> None:
    text = (
        "In the autumn 6,000 migrants were admitted into the scheme. "
        "Officials later said 7,238 migrants were admitted into the scheme."
    )
    _, result = run(nlp, text)
    assert by_kind(result, "restatement") == []


@pytest.mark.parametrize(
    "text",
    [
        "Peru released 31 reporters. The mediator hoped for the release of all 1,600 reporters.",
        "The company cut 500 jobs in 2019. The company cut 300 jobs in 2020.",
        "Chile released 31 fishermen. Peru released 20 fishermen.",
    ],
)
def test_different_quantities_are_not_a_restatement(nlp: Language, text: str) -> None:
    _, result = run(nlp, text)
    assert by_kind(result, "restatement") == []


@pytest.mark.parametrize(
    ("parts", "verdict"),
    [
        ("12 were held in Arica and 19 in Iquique", "consistent"),
        ("12 were held in Arica and 17 in Iquique", "inconsistent"),
    ],
)
def test_parts_against_a_total(nlp: Language, parts: str, verdict: str) -> None:
    text = f"Of the 31 men freed, {parts}."
    _, result = run(nlp, text)
    (check,) = by_kind(result, "total")
    assert check.verdict == verdict
    assert check.figures == ("F1", "F2", "F3")


@pytest.mark.parametrize(
    "text",
    [
        "Of the 214 nominees, 209 have degrees, 147 are under 40 years old, and 63 are women.",
        "A total of 30 candidates ran for 12 seats, with 10 of the candidates in the capital and 20 in the north.",
    ],
)
def test_traits_and_other_things_counted_are_not_parts(nlp: Language, text: str) -> None:
    _, result = run(nlp, text)
    assert [c.verdict for c in by_kind(result, "total")] in (
        [],
        ["consistent"],
    )  # never a false alarm


def test_parts_introduced_by_including_may_fall_short(nlp: Language) -> None:
    text = "A total of 40 people were hurt, including 12 police officers and 9 journalists."
    _, result = run(nlp, text)
    (check,) = by_kind(result, "total")
    assert check.verdict == "consistent"


def test_no_checks_without_related_figures(nlp: Language) -> None:
    _, result = run(nlp, "Exports rose 5% while the port handled 3 million tonnes.")
    assert result == ()
