"""RawDocument -> Article: decoding, main-text extraction, cleaning, repeats."""

from __future__ import annotations

from dataclasses import replace

from storyline.errors import EmptyInputError, NoArticleError, TooLargeError
from storyline.extract.clean import classify, is_prose, remove_residue, split_paragraphs
from storyline.extract.dates import iso_date
from storyline.extract.decode import decode, looks_like_html
from storyline.extract.hygiene import scrub, scrub_line
from storyline.extract.language import detect_language
from storyline.extract.repeats import find_repeats
from storyline.extract.text import count_words, looks_like_title, split_dateline
from storyline.models import Article, Metadata, Paragraph, Quality, RawDocument, Removed, Repeat
from storyline.settings import Settings

__all__ = ["NOT_AN_ARTICLE", "extract"]

# Quality flags that say a page is not an article; ingest stores such pages only on request.
MOSTLY_LINKS = "mostly links"
TOO_LITTLE_PROSE = "too little prose"
NOT_AN_ARTICLE = (MOSTLY_LINKS, TOO_LITTLE_PROSE)
_LINK_SHARE = 0.5  # of the text's characters in lines that are a link's whole text
_MIN_PROSE_WORDS = 40  # in lines that read as running text (text.count_words)

_BOILERPLATE = "page boilerplate outside the article (navigation, sidebar, footer)"


def extract(raw: RawDocument, settings: Settings) -> Article:
    """The clean article in ``raw``, with a report of everything removed.

    A text over ``settings.max_chars`` is refused as soon as its length is known: plain
    text as decoded, HTML once its main text is extracted, both before any cleaning, whose
    repeat detection costs more than the text's length; and the article's text at the end.
    """
    # 1. Bytes to text.
    source_text, encoding = decode(raw.data, raw.encoding)
    source_text, scrubbed = scrub(source_text)
    if not source_text.strip():
        raise EmptyInputError("the input is empty")
    is_html = looks_like_html(source_text, raw.content_type)
    if not is_html:
        _within_limit("the text", source_text, settings)

    # 2. Main text and metadata: trafilatura for HTML, the text itself otherwise.
    given_date = iso_date(raw.date)
    if is_html:
        # Imported here: trafilatura and its dependencies cost plain text's start-up dearly.
        from storyline.extract.html import extract_html

        content = extract_html(source_text, raw.url)
        _within_limit("the page's text", content.body, settings)
        # Character references (&#27;) become control characters only once parsed.
        body, more = scrub(content.body)
        scrubbed += [r for r in more if r not in scrubbed]
        title = scrub_line(raw.title) or scrub_line(content.title)
        metadata = Metadata(
            title=title,
            authors=content.authors,
            date=given_date or content.date,
            sitename=content.sitename,
            url=raw.url,
            canonical_url=content.url,
            language=content.language,
        )
    else:
        body, metadata = (
            source_text,
            Metadata(title=scrub_line(raw.title), date=given_date, url=raw.url),
        )

    # 3. Residue, line by line, with the rule that removed each line; for HTML,
    #    also the page's blocks that the main-text extractor left out.
    lines, removed = remove_residue(split_paragraphs(body))
    if is_html:
        removed = _left_out(content.blocks, body) + removed
    removed = scrubbed + removed

    # 4. The title: a headline-like first line of plain text; a repeated headline in HTML.
    if lines and metadata.title is None and not is_html and looks_like_title(lines[0]):
        metadata = _with(metadata, title=lines.pop(0))
    elif lines and metadata.title and lines[0].strip() == metadata.title.strip():
        removed.append(Removed(lines.pop(0), "headline repeated in the body", "title_repeat"))

    # 5. A dateline opens the first paragraph but is not part of its sentence.
    if lines:
        dateline, rest = split_dateline(lines[0])
        if dateline and rest.strip():
            lines[0] = rest
            metadata = _with(metadata, dateline=dateline)
            removed.append(Removed(dateline, "dateline (kept in metadata)", "dateline"))

    # 6. Repeated paragraphs leave the text and are listed with their originals.
    keep, repeats = find_repeats(lines, settings.repeat_threshold)
    paragraphs_text = [lines[i] for i in keep]
    if not paragraphs_text:
        raise NoArticleError("no article text is left once page residue is removed")
    if is_html and sum(map(len, paragraphs_text)) < 100 and not any(map(is_prose, paragraphs_text)):
        raise NoArticleError("the page has no article text: no paragraph of prose was found")

    text, paragraphs = _join(paragraphs_text)
    _within_limit("the article's text", text, settings)  # paragraphs joined may grow it
    language = detect_language(text) or metadata.language
    metadata = _with(
        metadata,
        source=raw.source,
        input_format="html" if is_html else "text",
        encoding=encoding,
        language=language,
    )
    quality = _quality(source_text if not is_html else body, text, removed, repeats, len(lines))
    flags = quality.flags + _not_an_article(
        paragraphs_text, content.links if is_html else frozenset()
    )
    if raw.date and raw.date.strip() and given_date is None:
        flags += (f"date {raw.date.strip()[:40]!r} is not a date (left out)",)
    quality = replace(quality, flags=flags)
    return Article(text=text, paragraphs=paragraphs, metadata=metadata, quality=quality)


def _within_limit(what: str, text: str, settings: Settings) -> None:
    if len(text) > settings.max_chars:
        raise TooLargeError(
            f"{what} is {len(text):,} characters, over the limit of"
            f" {settings.max_chars:,} (setting max_chars)"
        )


def _not_an_article(paragraphs: list[str], links: frozenset[str]) -> tuple[str, ...]:
    """The flags of a page that is a list of links, or has too few sentences to be an article."""
    flags = []
    if links:
        linked = sum(len(p) for p in paragraphs if " ".join(p.split()) in links)
        if linked > _LINK_SHARE * sum(map(len, paragraphs)):
            flags.append(MOSTLY_LINKS)
    # Prose words are counted up to the least an article has, which most pages reach
    # in their first paragraphs: the rest are not read.
    words = 0
    for paragraph in filter(is_prose, paragraphs):
        words += count_words(paragraph, _MIN_PROSE_WORDS - words)
        if words == _MIN_PROSE_WORDS:
            break
    if words < _MIN_PROSE_WORDS:
        flags.append(TOO_LITTLE_PROSE)
    return tuple(flags)


def _left_out(blocks: tuple[str, ...], body: str) -> list[Removed]:
    """Blocks of the page outside the extracted body, each with the rule it matches."""
    kept = " ".join(body.split())
    out = []
    for block in dict.fromkeys(blocks):
        if block in kept:
            continue
        residue = classify(block)
        if residue:
            out.append(Removed(block, residue.reason, residue.rule))
        else:
            out.append(Removed(block, _BOILERPLATE, "boilerplate"))
    return out


def _join(paragraphs: list[str]) -> tuple[str, tuple[Paragraph, ...]]:
    spans = []
    offset = 0
    for p in paragraphs:
        spans.append(Paragraph(start=offset, end=offset + len(p)))
        offset += len(p) + 2
    return "\n\n".join(paragraphs), tuple(spans)


def _with(metadata: Metadata, **changes: object) -> Metadata:
    return replace(metadata, **changes)  # type: ignore[arg-type]


def _quality(
    before: str, after: str, removed: list[Removed], repeats: list[Repeat], body_count: int
) -> Quality:
    share = len(repeats) / body_count if body_count else 0.0
    flags = list(
        dict.fromkeys(r.reason for r in removed if r.rule not in ("dateline", "boilerplate"))
    )
    if repeats:
        flags.append(f"{round(share * 100)}% of paragraphs repeat earlier ones")
    words = count_words(after, 150)
    if words < 150:
        flags.append(f"short text ({words} words)")
    return Quality(
        removed=tuple(removed),
        repeats=tuple(repeats),
        chars_in=len(before),
        chars_out=len(after),
        chars_removed=sum(len(r.text) for r in removed) + sum(len(r.text) for r in repeats),
        repeated_share=round(share, 3),
        flags=tuple(flags),
    )
