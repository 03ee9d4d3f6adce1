"""Repeated paragraphs: exact and near repeats leave; a new fact stays."""

from __future__ import annotations

import pytest

from storyline.extract.repeats import find_repeats

A = "The city council voted on Tuesday to close the old bridge to heavy traffic until repairs end."
B = "Engineers found cracks in two of the bridge's supporting piers during an inspection last month."


@pytest.mark.parametrize(
    ("later", "is_repeat"),
    [
        (A, True),  # exact
        (A.replace("Tuesday", "Tuesday,"), True),  # punctuation
        (
            "The city council voted to close the old bridge to heavy traffic until repairs end.",
            True,
        ),
        (A.replace("until repairs end", "until repairs end in May"), False),  # a new date
        (A.replace("heavy traffic", "heavy traffic, 12 tonnes and more,"), False),  # a new number
        (A + " Mayor Ines Calder opposed the plan.", False),  # a new name
        (A.replace("heavy traffic", "all heavy traffic"), True),  # a light edit
        ("A completely different paragraph about the weather in the hills this week.", False),
    ],
)
def test_near_repeats(later: str, is_repeat: bool) -> None:
    kept, repeats = find_repeats([A, B, later], threshold=0.8)
    assert (len(repeats) == 1) is is_repeat
    if is_repeat:
        assert kept == [0, 1]
        assert repeats[0].of == A
        assert repeats[0].of_paragraph == 0
        assert 0.8 <= repeats[0].similarity <= 1.0
    else:
        assert kept == [0, 1, 2]


def test_merged_paragraph_points_to_its_main_source() -> None:
    merged = "Engineers found cracks in two of the bridge's supporting piers, and the city council voted on Tuesday to close the old bridge to heavy traffic."
    _, repeats = find_repeats([A, B, merged], threshold=0.8)
    assert len(repeats) == 1
    assert repeats[0].of in (A, B)


def test_short_lines_are_not_repeats() -> None:
    kept, repeats = find_repeats(["Update", "Update"], threshold=0.8)
    assert kept == [0, 1] and not repeats


def test_a_repeat_the_next_paragraph_leans_on_stays() -> None:
    tail = "He said the work would take until the spring."
    kept, repeats = find_repeats([A, B, A, tail], threshold=0.8)
    assert kept == [0, 1, 2, 3] and not repeats


def test_the_names_of_paragraphs_kept_after_a_repeat_count_for_the_next_one() -> None:
    # The first repeat of A is judged before ``said`` is kept; ``later`` after it, when the
    # names it adds to A are known. Without ``said`` they are new, and ``later`` stays.
    said = "Mayor Ines Calder said the city council voted on Tuesday to close the old bridge."
    later = A.replace("The city council", "Mayor Ines Calder said the city council")
    kept, repeats = find_repeats([A, B, A, said, later], threshold=0.8)
    assert kept == [0, 1, 3]
    assert [(r.text, r.of_paragraph, r.similarity) for r in repeats] == [
        (A, 0, 1.0),
        (later, 0, 1.0),
    ]
    kept, repeats = find_repeats([A, B, A, later], threshold=0.8)
    assert kept == [0, 1, 3]
    assert [r.text for r in repeats] == [A]
