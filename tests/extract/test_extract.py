"""RawDocument -> Article on the shipped samples and the shared seed article."""

from __future__ import annotations

import pytest

from storyline.cli import sample_path
from storyline.errors import EmptyInputError, NoArticleError, TooLargeError
from storyline.extract import extract
from storyline.models import RawDocument
from storyline.settings import Settings
from tests.conftest import SEED
from tests.test_hostile import DOCK, UNION

SETTINGS = Settings()


def _extract(data: bytes | str, **kw: str) -> object:
    raw = data.encode() if isinstance(data, str) else data
    return extract(RawDocument(data=raw, source="test", **kw), SETTINGS)


def test_text_sample_every_rule() -> None:
    article = extract(RawDocument(sample_path().read_bytes(), "sample"), SETTINGS)
    rules = {r.rule for r in article.quality.removed}
    assert {
        "breadcrumb",
        "counter",
        "ad_placeholder",
        "related_list",
        "comment_prompt",
        "dateline",
    } <= rules
    assert article.metadata.title == "Chile frees 31 detained fishermen after Peruvian talks"
    assert article.metadata.dateline == "SANTIAGO"
    assert article.text.startswith("Chile has released 31 Peruvian fishermen")
    assert "Ezoic" not in article.text and "Leave a Reply" not in article.text
    assert len(article.quality.repeats) == 2
    # The tail paragraph that adds "4 trawlers" is new information and stays.
    assert "with 4 trawlers still held in Arica" in article.text
    for p in article.paragraphs:
        assert article.text[p.start : p.end].strip() == article.text[p.start : p.end]
    assert any("repeat earlier ones" in f for f in article.quality.flags)


def test_html_sample() -> None:
    html = sample_path().with_name("harbour-strike.html").read_bytes()
    article = extract(RawDocument(html, "sample.html"), SETTINGS)
    meta = article.metadata
    assert meta.input_format == "html"
    assert meta.title == "Dockworkers end nine-day strike at Port of Valencia"
    assert meta.date == "2025-03-14"
    assert meta.authors == ("Marta Quintana",)
    assert meta.dateline == "VALENCIA"
    assert article.text.startswith("Dockworkers at the Port of Valencia voted")
    for residue in (
        "Accept cookies",
        "Leave a Reply",
        "Share on Facebook",
        "Advertisement",
        "All rights reserved",
    ):
        assert residue not in article.text


def test_plain_text_without_headline_has_no_title() -> None:
    article = _extract("The council voted on Tuesday to close the old bridge to heavy traffic.\n")
    assert article.metadata.title is None  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("first", "dateline", "rest"),
    [
        ("MINSK – Police detained ten people.", "MINSK", "Police detained ten people."),
        (
            "Moldova– In a surprise move, it acted.",
            "Moldova",
            "In a surprise move, it acted.",
        ),
        ("WASHINGTON (Reuters) - The Senate voted.", "WASHINGTON (Reuters)", "The Senate voted."),
        ("KYIV, Ukraine — Sirens sounded overnight.", "KYIV, Ukraine", "Sirens sounded overnight."),
        (
            "Obama-era rules were repealed on Monday.",
            None,
            "Obama-era rules were repealed on Monday.",
        ),
    ],
)
def test_dateline(first: str, dateline: str | None, rest: str) -> None:
    article = _extract(f"A headline about it\n\n{first}\n\nA second paragraph of the story here.")
    assert article.metadata.dateline == dateline  # type: ignore[attr-defined]
    assert article.text.startswith(rest)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ("   \n\n ", EmptyInputError),
        ("<html><body><nav><a href='/'>Home</a></nav></body></html>", NoArticleError),
        ("Advertisement\n\nLeave a Reply\n", NoArticleError),
    ],
)
def test_errors(data: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        _extract(data)


def test_seed_cleaning() -> None:
    if not SEED.exists():
        pytest.skip("shared seed article not available")
    article = extract(RawDocument(SEED.read_bytes(), str(SEED)), SETTINGS)
    assert article.metadata.title == "Belarus frees 52 political prisoners after US mediation"
    removed = {r.text for r in article.quality.removed}
    assert {"0", "83", "Ezoic inline", "Leave a Reply"} <= removed
    paragraphs = [article.text[p.start : p.end] for p in article.paragraphs]
    for junk in ("0", "83", "Ezoic inline", "Leave a Reply"):
        assert junk not in paragraphs
    repeats = article.quality.repeats
    assert len(repeats) >= 4
    for r in repeats:
        assert r.of in paragraphs  # each repeat points at a paragraph that stayed
        assert paragraphs.count(r.text) <= 1  # an exact repeat leaves only its original
    # The tail paragraph with the new "about 4%" share stays.
    assert any("about 4%" in p for p in paragraphs)
    assert len(set(paragraphs)) == len(paragraphs)


LINES = f"{DOCK}\n{UNION}"  # 242 characters; two paragraphs once cleaned, 243 joined
PAGE = f"<html><body><p>{DOCK}</p><p>{UNION}</p></body></html>"  # 281; its text 242


@pytest.mark.parametrize(
    ("data", "limit", "refused"),
    [
        (LINES, 241, "the text is 242 characters, over the limit of 241"),  # as read
        (LINES, 242, "the article's text is 243 characters, over the limit of 242"),
        (PAGE, 241, "the page's text is 242 characters, over the limit of 241"),  # as extracted
        (PAGE, 243, None),  # the markup is over the limit, the text is not
    ],
)
def test_the_limit_on_characters(data: str, limit: int, refused: str | None) -> None:
    raw = RawDocument(data=data.encode(), source="test")
    if refused is None:
        assert extract(raw, Settings(max_chars=limit)).text == f"{DOCK}\n\n{UNION}"
        return
    with pytest.raises(TooLargeError) as error:
        extract(raw, Settings(max_chars=limit))
    assert str(error.value) == f"{refused} (setting max_chars)"
