"""HTML to main text and metadata, through trafilatura and htmldate."""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html
import trafilatura
from htmldate import find_date
from lxml import etree

from storyline.errors import NoArticleError


@dataclass(frozen=True, slots=True)
class HtmlContent:
    body: str
    title: str | None
    authors: tuple[str, ...]
    date: str | None
    sitename: str | None
    url: str | None
    language: str | None


def extract_html(html: str, url: str | None = None) -> HtmlContent:
    """The article body (one paragraph a line) and metadata of an HTML page."""
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        deduplicate=False,
    )
    if not isinstance(doc, trafilatura.settings.Document) or not (doc.text or "").strip():
        raise NoArticleError("the page has no article text that could be extracted")
    date = doc.date
    if not date:
        date = find_date(html, url=url, original_date=True, extensive_search=False)
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    return HtmlContent(
        body=(doc.text or "").strip(),
        title=doc.title or None,
        authors=authors,
        date=date or None,
        sitename=doc.sitename or None,
        url=doc.url or url,
        language=doc.language or None,
    )


_BLOCKS = {
    "p",
    "div",
    "li",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "figcaption",
    "caption",
    "label",
    "button",
    "nav",
    "header",
    "footer",
    "section",
    "article",
    "aside",
    "form",
    "ul",
    "ol",
    "table",
    "tr",
    "main",
}
_SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe"}


def page_blocks(html: str) -> list[str]:
    """The visible text of a page, one leaf block (no block inside it) at a time."""
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    for element in list(root.iter(*_SKIP)):
        element.drop_tree()
    blocks = []
    for element in root.iter(*_BLOCKS):
        if any(child.tag in _BLOCKS for child in element.iterdescendants()):
            # Only the text written directly in a block that holds other blocks.
            own = [element.text or "", *(child.tail or "" for child in element)]
            text = " ".join(" ".join(own).split())
        else:
            text = " ".join(element.text_content().split())
        if text:
            blocks.append(text)
    return blocks
