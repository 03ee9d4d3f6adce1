"""HTML to main text and metadata, through trafilatura and htmldate."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from htmldate import find_date

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
