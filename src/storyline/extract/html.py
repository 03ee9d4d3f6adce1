"""HTML to main text, metadata and the page's blocks, from one parse of the page.

The page is parsed once. Its visible blocks are read from that tree first (for
the report of what the extractor left out), then trafilatura's metadata (htmldate
finds the date), then trafilatura extracts the body from the same tree.

The parser is trafilatura's, with one change: each element it hands to Python is
a plain ``HtmlElement``, chosen in C. ``lxml.html``'s own parser calls a Python
method for every element reached from Python, to give forms and inputs classes
of their own that nothing here uses; trafilatura's cleaning passes reach each
element many times, and on the benchmark's pages those calls took a sixth of the
time of parsing, metadata and extraction together. The tree itself is the same.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass

import trafilatura
from htmldate import find_date
from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlProcessingInstruction, fromstring
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document, set_date_params
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, is_dubious_html

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
    """The article body (one paragraph a line), metadata and blocks of a scrubbed HTML page."""
    tree = parse_html(html)
    if tree is None:
        raise NoArticleError("the page has no article text that could be extracted")
    # trafilatura and htmldate prune copies of the tree; this one stays as parsed.
    blocks = tuple(page_blocks(tree))
    links = frozenset(text for a in tree.iter("a") if (text := " ".join(a.text_content().split())))
    meta = page_metadata(tree, url)
    doc = _bare(tree, url)
    if doc is None and (flat := parse_html(_flattened(html))) is not None:
        doc = _bare(flat, url)  # perhaps nested too deep: the page without its wrappers
    if doc is None:
        raise NoArticleError("the page has no article text that could be extracted")
    authors = tuple(a.strip() for a in (meta.author or "").split(";") if a.strip())
    return HtmlContent(
        body=(doc.text or "").strip(),
        title=meta.title or None,
        authors=authors,
        date=meta.date or None,
        sitename=meta.sitename or None,
        url=meta.url or url,
        language=meta.language or None,
        blocks=blocks,
        links=links,
    )


_PARSER = etree.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
)
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction
    )
)


def parse_html(html: str) -> HtmlElement | None:
    """The tree of a page as ``hygiene.scrub`` leaves it, or None when it is not HTML.

    The steps of trafilatura's ``load_html``, but for its scan of the page for
    characters XML cannot hold: ``scrub`` has removed them all already.
    """
    beginning = html[:50].lower()
    if "doctype" in beginning:  # libxml2 stops at a self-closed doctype: lxml bug 1955915
        first, _, rest = html.partition("\n")
        html = DOCTYPE_TAG.sub("", first, count=1) + "\n" + rest
    if any("<html" in line and line.endswith("/>") for line in html[:4096].splitlines()[:4]):
        html = FAULTY_HTML.sub(r"\1>", html, count=1)  # a self-closed <html/>
    try:
        tree = fromstring(html, parser=_PARSER)
    except (ValueError, etree.LxmlError):  # an encoding declaration in a string, say
        tree = None
    if tree is None or len(tree) < 1:
        tree = _parse_bytes(html)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None  # no <html> at the start and almost nothing parsed: not a page
    return tree


def _parse_bytes(html: str) -> HtmlElement | None:
    try:
        tree: HtmlElement = fromstring(html.encode("utf8", "surrogatepass"), parser=_PARSER)
    except (ValueError, etree.LxmlError):  # an empty document
        return None
    return tree


def _bare(tree: HtmlElement, url: str | None) -> Document | None:
    doc = trafilatura.bare_extraction(
        tree, url=url, include_comments=False, include_tables=True, deduplicate=False
    )
    if not isinstance(doc, Document) or not (doc.text or "").strip():
        return None
    return doc


def page_metadata(tree: HtmlElement, url: str | None) -> Document:
    """trafilatura's metadata of a page: title, author, canonical URL, date and site name.

    The steps of ``trafilatura.metadata.extract_metadata``, without the categories,
    tags and licence, which a record does not keep and which take a tenth of the
    page's extraction time.
    """
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # a handle or a single word, not a name
    with contextlib.suppress(
        Exception
    ):  # trafilatura's own guard: JSON-LD readers fail on odd markup
        meta = extract_meta_json(tree, meta)
    meta.title = meta.title or extract_title(tree)
    meta.author = meta.author or extract_author(tree)
    meta.url = meta.url or extract_url(tree, url)
    meta.date = find_date(tree, **set_date_params(), url=meta.url)
    meta.sitename = meta.sitename or extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")  # a Twitter handle
        if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url and (host := META_URL.match(meta.url)):
        meta.sitename = host[1]
    meta.clean_and_trim()
    return meta


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

    One walk over the tree, which is only read, that never enters scripts,
    styles and the like. Each piece of text joins the innermost open block as
    the walk passes it, so a leaf block's text is ready at its end; a block
    found to hold other blocks keeps only the text written directly in it.
    """
    texts: list[str] = []
    blocks: list[_OpenBlock] = []
    walk = etree.iterwalk(root, events=("start", "end"))
    for event, element in walk:
        tag = element.tag
        if event == "start":
            if tag in _SKIP:
                walk.skip_subtree()  # its end still comes: its tail is shown
            elif tag in _BLOCKS:
                if blocks:
                    blocks[-1].holds_block = True
                blocks.append(_OpenBlock(len(texts), [element.text or ""]))
                texts.append("")
            elif blocks:
                blocks[-1].parts.append(element.text or "")
            continue
        if tag in _BLOCKS:
            block = blocks.pop()
            parts = block.parts
            if block.holds_block:
                parts = [element.text or "", *(child.tail or "" for child in element)]
            texts[block.slot] = " ".join(" ".join(parts).split())
        if blocks:
            blocks[-1].parts.append(element.tail or "")
    return [text for text in texts if text]


@dataclass(slots=True)
class _OpenBlock:
    slot: int  # its place in the page's blocks, in document order
    parts: list[str]  # the text met so far inside it
    holds_block: bool = False
