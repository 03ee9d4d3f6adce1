"""Each time-expression pattern's probe: a text is scanned for a kind only where its probe
is found, so every match of the kind's pattern must hold a match of the probe."""

from __future__ import annotations

from storyline.analyze.times import PATTERNS

SAMPLES = (
    "The 2021-05-04 filing, dated 4/5/2021 and 04/05/21, was read on Tuesday, March 3, 2020.",
    "On Wed., Sept. 9 and on the 9th of September 2019, in Oct. 2018 and in May, 2017.",
    "In the late 1990s and the 2010s, at 9:30 a.m., at 11pm, at 7 P.M. and at 18:45.",
    "Two weeks ago, three years ago and a few months AGO; today, Tonight, YESTERDAY, tomorrow.",
    "Earlier this week, last month, next year and this weekend; last Friday, next Monday.",
    "It closed in January, since March and through December, and reopened during June 5.",
)


def test_every_kind_is_found_and_every_match_holds_its_probe() -> None:
    kinds = set()
    for text in SAMPLES:
        for kind, pattern, probe in PATTERNS:
            for match in pattern.finditer(text):
                kinds.add(kind)
                assert probe.search(match.group(0)), (kind, match.group(0))
    assert kinds == {kind for kind, _, _ in PATTERNS}


def test_a_sentence_without_dates_is_scanned_for_no_kind() -> None:
    text = "Officials met in the capital and agreed to talk again soon."
    for kind, pattern, probe in PATTERNS:
        assert probe.search(text) is None, kind
        assert pattern.search(text) is None, kind
