"""Residue rules: each removes what it should and keeps real prose."""

from __future__ import annotations

import pytest

from storyline.extract.clean import classify, is_prose, remove_residue, split_paragraphs
from storyline.extract.text import count_words, looks_like_title

PROSE = "The council voted on Tuesday to close the old bridge to heavy traffic."


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Ezoic inline", "ad_placeholder"),
        ("Advertisement", "ad_placeholder"),
        ("ADVERTISEMENT", "ad_placeholder"),
        ("Story continues below advertisement", "ad_placeholder"),
        ("Leave a Reply", "comment_prompt"),
        ("Leave a comment", "comment_prompt"),
        ("No comments yet", "comment_prompt"),
        ("12 Comments", "counter"),
        (
            "Your email address will not be published. Required fields are marked *",
            "comment_prompt",
        ),
        ("Share this:", "share_prompt"),
        ("Share on Facebook", "share_prompt"),
        ("Facebook | Twitter | WhatsApp", "share_prompt"),
        ("Subscribe to our newsletter", "subscribe_prompt"),
        ("Sign up for our daily newsletter.", "subscribe_prompt"),
        ("We use cookies to improve your experience on this site.", "cookie_notice"),
        ("Accept cookies", "cookie_notice"),
        ("Read more:", "related_list"),
        ("Related articles", "related_list"),
        ("Read more: Council delays bridge vote", "related_list"),
        ("Home > News > Local", "breadcrumb"),
        ("Home / Politics / Europe", "breadcrumb"),
        ("0", "counter"),
        ("83", "counter"),
        ("1.2K shares", "counter"),
        ("4 min read", "counter"),
    ],
)
def test_classify_residue(line: str, rule: str) -> None:
    residue = classify(line)
    assert residue is not None
    assert residue.rule == rule


@pytest.mark.parametrize(
    "line",
    [
        PROSE,
        "Share prices fell 4% on Monday after the announcement.",
        "Comments from the minister drew criticism from the opposition.",
        "Home owners in the district will pay less tax next year.",
        "Related talks are expected to resume in March.",
    ],
)
def test_prose_is_not_residue(line: str) -> None:
    assert classify(line) is None


def test_counters_only_at_the_edges() -> None:
    lines = ["0", "83", PROSE, "45", PROSE.replace("Tuesday", "Friday"), "12"]
    kept, removed = remove_residue(lines)
    assert [r.text for r in removed] == ["0", "83", "12"]
    assert "45" in kept  # a bare number between paragraphs may be content (a table cell)
    assert all(r.reason for r in removed)


def test_read_more_list_goes_with_its_heading() -> None:
    lines = [
        PROSE,
        "Read more:",
        "Council delays bridge vote",
        "Mayor opens new park",
        PROSE + " Again.",
    ]
    kept, removed = remove_residue(lines)
    assert kept == [PROSE, PROSE + " Again."]
    assert [r.rule for r in removed] == ["related_list"] * 3


def test_split_paragraphs_one_per_line_and_block() -> None:
    text = "Title line\n\nFirst paragraph here.\nSecond paragraph here.\n\n\nThird."
    assert split_paragraphs(text) == [
        "Title line",
        "First paragraph here.",
        "Second paragraph here.",
        "Third.",
    ]


def test_split_paragraphs_joins_hard_wrapped_lines() -> None:
    text = (
        "The council voted on Tuesday to close the old bridge to heavy\n"
        "traffic after engineers found cracks in two of its supporting\n"
        "piers during an inspection last month.\n\nA second paragraph follows."
    )
    paragraphs = split_paragraphs(text)
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("The council") and paragraphs[0].endswith("last month.")


@pytest.mark.parametrize(
    ("line", "words", "prose"),
    [
        (PROSE, 13, True),
        ("The harbour bridge reopened on Monday.", 6, False),  # too few words
        ("Council approves the budget for district 4 after a debate", 10, False),  # no full stop
        # Chinese: 30 characters at 1.6 a word; its comma and full stop are not words.
        ("青川港务局周一表示，码头工人在持续九天的罢工之后将于周三恢复工作。", 19, True),
        # Japanese, its particles in kana.
        ("北浜町の市立図書館は、改修工事を終えて月曜日に再開した。", 16, True),
        ("工会成员周日晚上投票。", 6, False),  # a short sentence
        ("区议会批准第4区的预算", 7, False),  # a headline: no closing punctuation
        ("Sold 3 iPhone手机 in 2025年", 7, False),  # mixed: 5 words, 2 + 1 characters
    ],
)
def test_words_and_prose_in_scripts_with_and_without_spaces(
    line: str, words: int, prose: bool
) -> None:
    assert (count_words(line), is_prose(line)) == (words, prose)


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Council approves the harbour budget", True),
        ("The council approved the harbour budget.", False),
        ("青川港码头工人结束罢工", True),
        ("码头工人将于周三恢复工作。", False),
        ("Strike", False),  # one word
    ],
)
def test_a_headline_in_any_script(line: str, title: bool) -> None:
    assert looks_like_title(line) is title
