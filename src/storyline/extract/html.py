"""HTML to main text, metadata and the page's blocks, from one parse of the page.

The page is parsed once. Its visible blocks are read from that tree first (for
the report of what the extractor left out), and the same tree then goes to
trafilatura, which prunes it as it extracts the body and the metadata (htmldate
finds the date in that pass).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

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
    blocks: tuple[str, ...] = ()  # the page's visible text, leaf block by leaf block
    links: frozenset[str] = frozenset()  # the text of every link on the page


def extract_html(html: str, url: str | None = None) -> HtmlContent:
    """The article body (one paragraph a line), metadata and blocks of an HTML page."""
    tree = load_html(html)
    if tree is None:
        raise NoArticleError("the page has no article text that could be extracted")
    # Read before trafilatura prunes the tree in place.
    blocks = tuple(page_blocks(tree))
    links = frozenset(text for a in tree.iter("a") if (text := " ".join(a.text_content().split())))
    doc = _bare(tree, url)
    if doc is None and (flat := load_html(_flattened(html))) is not None:
        doc = _bare(flat, url)  # perhaps nested too deep: the page without its wrappers
    if doc is None:
        raise NoArticleError("the page has no article text that could be extracted")
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    return HtmlContent(
        body=(doc.text or "").strip(),
        title=doc.title or None,
        authors=authors,
        date=doc.date or None,
        sitename=doc.sitename or None,
        url=doc.url or url,
        language=doc.language or None,
        blocks=blocks,
        links=links,
    )


def _bare(tree: HtmlElement, url: str | None) -> trafilatura.settings.Document | None:
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        deduplicate=False,
    )
    if not isinstance(doc, trafilatura.settings.Document) or not (doc.text or "").strip():
        return None
    return doc


# Wrapper elements a page can do without: libxml2 stops building the tree 256
# elements deep, so a page nested deeper loses its text unless they go.
_WRAPPERS = re.compile(
    r"</?(?:div|section|article|main|aside|header|footer|center|table|tbody|tr|td|ul|ol|li)\b[^>]*>",
    re.I,
)
_INLINE_WRAPPERS = re.compile(r"</?(?:span|font|b|i|em|strong|u|small|big|a)\b[^>]*>", re.I)


def _flattened(html: str) -> str:
    return _INLINE_WRAPPERS.sub("", _WRAPPERS.sub("\n", html))


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


def page_blocks(root: HtmlElement) -> list[str]:
    """The visible text of a page, one leaf block (no block inside it) at a time.

    One walk over the tree, which is only read: a block's text is taken when its
    end is reached, by then known to hold other blocks or not; text inside
    scripts, styles and the like is passed over.
    """
    texts: list[str] = []
    open_blocks: list[int] = []  # the slot in ``texts`` of each open block
    holds_block: list[bool] = []  # per open element: a block was found inside it
    hidden = 0  # open elements whose text is never shown
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if event == "start":
            hidden += tag in _SKIP
            holds_block.append(False)
            if tag in _BLOCKS:
                open_blocks.append(len(texts))
                texts.append("")
            continue
        inner = holds_block.pop()
        hidden -= tag in _SKIP
        if holds_block and (inner or tag in _BLOCKS):
            holds_block[-1] = True
        if tag not in _BLOCKS:
            continue
        slot = open_blocks.pop()
        if hidden:
            continue
        if inner:
            # Only the text written directly in a block that holds other blocks.
            parts = [element.text or "", *(child.tail or "" for child in element)]
        else:
            parts = _visible_text(element)
        texts[slot] = " ".join(" ".join(parts).split())
    return [text for text in texts if text]


def _visible_text(element: HtmlElement) -> list[str]:
    """The text in ``element`` and its children, without what a skipped element holds."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _SKIP:
            parts += _visible_text(child)
        parts.append(child.tail or "")
    return parts
