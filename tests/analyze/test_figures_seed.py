"""Figures and checks on the shared seed article (skipped when ../shared/data is absent)."""

from __future__ import annotations

from typing import Any

from storyline.models import Figure


def find(record: Any, text: str) -> list[Figure]:
    return [f for f in record.figures if f.text == text]


def test_52_counts_political_prisoners(seed_record: Any) -> None:
    first = find(seed_record, "52")[0]
    assert (first.value, first.concept) == (52, "political prisoners")


def test_1300_or_1400_are_alternatives_counting_prisoners(seed_record: Any) -> None:
    (figure,) = find(seed_record, "1,300 or 1,400")
    assert figure.alternatives == (1300, 1400)
    assert (figure.low, figure.high, figure.value) == (1300, 1400, None)
    assert figure.concept is not None and figure.concept.endswith("prisoners")


def test_14_years_is_about_statkevich(seed_record: Any) -> None:
    (figure,) = find(seed_record, "14 years")
    assert (figure.value, figure.unit, figure.kind) == (14, "year", "duration")
    entity = seed_record.entity(figure.about)
    assert entity is not None and "Statkevich" in entity.name


def test_about_4_percent_is_approximate(seed_record: Any) -> None:
    (figure,) = find(seed_record, "about 4%")
    assert (figure.value, figure.unit, figure.qualifier) == (4, "percent", "~")
    assert figure.concept == "political prisoners"


def test_the_share_check_relates_4_percent_to_52_and_1300_or_1400(seed_record: Any) -> None:
    ids = {f.text: f.id for f in seed_record.figures}
    shares = [c for c in seed_record.checks if c.kind == "share"]
    assert len(shares) == 1
    check = shares[0]
    assert check.verdict == "consistent"
    assert {ids["about 4%"], ids["1,300 or 1,400"]} <= set(check.figures)
    assert any(f.text == "52" and f.id in check.figures for f in seed_record.figures)


def test_2020_is_a_time_expression_not_a_figure(seed_record: Any) -> None:
    assert [t.value for t in seed_record.times if t.text == "2020"] == ["2020"]
    assert all(2020 not in (f.value, f.low, f.high) for f in seed_record.figures)
