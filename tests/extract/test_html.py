"""The page's metadata, found by trafilatura's steps, and the body beside it."""

from __future__ import annotations

import pytest
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from storyline.extract.html import extract_html, page_blocks, page_metadata, parse_html
from storyline.extract.hygiene import scrub

_PROSE = (
    "<p>The harbour board voted on Tuesday to close the north pier for repairs, "
    "after divers found cracks in three of its pillars last month.</p>"
)


def _page(head: str, body: str = _PROSE) -> str:
    return f"<html><head>{head}</head><body><article>{body * 3}</article></body></html>"


def test_meta_tags_give_title_author_date_and_site() -> None:
    head = (
        '<meta property="og:title" content="Harbour board closes north pier">'
        '<meta name="author" content="Ines Varga">'
        '<meta property="article:published_time" content="2024-05-07T09:30:00Z">'
        '<meta property="og:site_name" content="harbour gazette">'
    )
    meta = page_metadata(load_html(_page(head)), "https://gazette.example/pier")
    assert (meta.title, meta.author, meta.date) == (
        "Harbour board closes north pier",
        "Ines Varga",
        "2024-05-07",
    )
    assert meta.sitename == "Harbour Gazette"  # a lower-case site name is title-cased
    assert meta.url == "https://gazette.example/pier"


def test_a_one_word_author_is_dropped_and_a_handle_loses_its_at() -> None:
    head = '<meta name="author" content="admin"><meta name="twitter:site" content="@gazette">'
    meta = page_metadata(load_html(_page(head)), None)
    assert meta.author is None
    assert meta.sitename == "Gazette"


def test_without_a_site_name_the_url_host_stands_in() -> None:
    meta = page_metadata(
        load_html(_page("<title>Pier closed</title>")), "https://www.gazette.example/a"
    )
    assert meta.sitename == "gazette.example"
    assert meta.title == "Pier closed"


def test_extract_html_reports_the_metadata_with_the_body() -> None:
    head = '<meta property="og:title" content="Pier closed"><meta name="author" content="Ines Varga; Tom Ek">'
    content = extract_html(_page(head), "https://gazette.example/a")
    assert content.title == "Pier closed"
    assert content.authors == ("Ines Varga", "Tom Ek")
    assert content.body.startswith("The harbour board voted on Tuesday")


@pytest.mark.parametrize(
    "html",
    [
        _page("<title>Pier</title>"),
        "<!DOCTYPE html>\n<html><body><form><label>Name</label><input name='q'></form>"
        f"<select><option>One</option></select><textarea>Note</textarea>{_PROSE}</body></html>",
        '<?xml version="1.0" encoding="utf-8"?><html><body><!-- a comment -->'
        f"{_PROSE}</body></html>",
        f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" />\n<html><body>{_PROSE}</body></html>',
        f"<html/>\n<body><p>Bell\x07 and \ufffeswapped mark.</p>{_PROSE}</body>",
    ],
)
def test_parse_html_builds_the_tree_trafilatura_builds(html: str) -> None:
    tree, theirs = parse_html(scrub(html)[0]), load_html(html)
    assert tree is not None and theirs is not None
    assert etree.tostring(tree) == etree.tostring(theirs)
    assert {type(element) for element in tree.iter()} == {HtmlElement}


@pytest.mark.parametrize("text", ["just a line of text", "", "   ", f"<div>{_PROSE}</div>"])
def test_parse_html_refuses_what_trafilatura_refuses(text: str) -> None:
    assert parse_html(scrub(text)[0]) is None
    assert load_html(text) is None


def test_page_blocks_are_the_visible_text_of_each_leaf_block() -> None:
    page = (
        "<html><head><title>Pier</title></head><body>"
        "<div>Harbour news <p>The board <b>voted</b> on Tuesday.</p> after the vote"
        "<ul><li>Pier <a href='/n'>closed</a></li><li><span>Ferry</span> runs</li></ul></div>"
        "<p>Divers<script>var ad = 1;</script> found cracks<style>p {}</style>.</p>"
        "<noscript><p>Turn on scripts</p></noscript><section><svg><text>logo</text></svg></section>"
        "</body></html>"
    )
    tree = parse_html(page)
    assert tree is not None
    assert page_blocks(tree) == [
        "Harbour news after the vote",  # a block that holds blocks: only its own text
        "The board voted on Tuesday.",
        "Pier closed",
        "Ferry runs",
        "Divers found cracks .",  # a script's or style's text is not shown, the text after it is
    ]
