"""``analyze``: one article in, one Record out, as a numbered recipe.

Deterministic, with no side effects beyond loading the language model once
per process. Batch engines only map these functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from storyline import nlp
from storyline.analyze.document import doc_index
from storyline.analyze.embedding import embedding as find_embedding
from storyline.analyze.entities import entities as find_entities
from storyline.analyze.events import events as find_events
from storyline.analyze.figures import checks as find_checks
from storyline.analyze.figures import figures as find_figures
from storyline.analyze.quotes import quotes as find_quotes
from storyline.analyze.summary import summary as find_summary
from storyline.analyze.terms import terms as find_terms
from storyline.analyze.times import time_expressions
from storyline.errors import StorylineError
from storyline.extract import extract
from storyline.ingest import read_source
from storyline.models import Article, RawDocument, Record
from storyline.settings import Settings

Source = str | Path | RawDocument


@dataclass(frozen=True, slots=True)
class Failure:
    """A source that could not be analysed, and why."""

    source: str
    error: StorylineError


def analyze(source: Source, settings: Settings | None = None) -> Record:
    """Analyse one article: a file path, ``-`` (stdin), a URL, or a RawDocument."""
    settings = settings or Settings()
    article = _extract(source, settings)
    return _analyze_doc(article, next(nlp.parse([article.text])), settings)


def analyze_text(
    text: str, settings: Settings | None = None, *, title: str | None = None
) -> Record:
    """Analyse an article given as a string of plain text or HTML."""
    raw = RawDocument(data=text.encode("utf-8"), source="<text>", encoding="utf-8", title=title)
    return analyze(raw, settings)


def analyze_many(
    sources: Iterable[Source], settings: Settings | None = None
) -> Iterator[Record | Failure]:
    """Analyse many articles with ``nlp.pipe`` batching; a bad source yields a Failure."""
    settings = settings or Settings()
    return _batched((_extract_or_fail(source, settings) for source in sources), settings)


def analyze_articles(
    articles: Iterable[Article], settings: Settings | None = None
) -> Iterator[Record | Failure]:
    """Analyse articles already extracted: a stored article after a record-schema change."""
    return _batched(articles, settings or Settings())


def _extract_or_fail(source: Source, settings: Settings) -> Article | Failure:
    try:
        return _extract(source, settings)
    except StorylineError as exc:
        return Failure(_name(source), exc)


def _batched(
    articles: Iterable[Article | Failure], settings: Settings
) -> Iterator[Record | Failure]:
    pending: list[Article | Failure] = []
    for article in articles:
        pending.append(article)
        if len(pending) >= settings.batch_size:
            yield from _flush(pending, settings)
            pending = []
    yield from _flush(pending, settings)


def _flush(pending: list[Article | Failure], settings: Settings) -> Iterator[Record | Failure]:
    articles = [p for p in pending if isinstance(p, Article)]
    docs = nlp.parse([a.text for a in articles], settings.batch_size)
    for item in pending:
        yield item if isinstance(item, Failure) else _analyze_doc(item, next(docs), settings)


def _analyze_doc(article: Article, doc: Doc, settings: Settings) -> Record:
    meta = article.metadata
    english = _english(meta.language)
    # 0. The index every stage reads: the text, sentences, entities by token, quote spans.
    doc_index(doc, article.text)
    # 1. Entities first: quotes and events name their speakers and actors through them.
    entities = find_entities(doc) if english else ()
    # 2. Figures, time expressions and the checks between figures, in any language.
    times = time_expressions(doc, meta.date)
    figures = find_figures(doc, entities, meta.date, times)
    checks = find_checks(figures, article.text)
    # 3. Quotes.  4. Events, linked to quotes and figures.  5. The summary.  6. Terms.
    quotes = find_quotes(doc, entities) if english else ()
    events = find_events(doc, entities, quotes, figures, times, meta.date) if english else ()
    summary = find_summary(doc, entities, settings.summary_sentences) if english else ()
    terms = find_terms(doc, meta.title)
    # 7. The dense vector, only when asked for (the optional extra; an English model).
    vector = find_embedding(article.text, meta.title) if settings.embeddings and english else ()
    warnings = () if english else (_unsupported(meta.language),)
    return Record(
        text=article.text,
        metadata=meta,
        paragraphs=article.paragraphs,
        quality=article.quality,
        entities=entities,
        quotes=quotes,
        figures=figures,
        checks=checks,
        times=times,
        events=events,
        summary=summary,
        terms=terms,
        embedding=vector,
        warnings=warnings,
    )


def _extract(source: Source, settings: Settings) -> Article:
    return extract(_raw(source, settings), settings)


def _unsupported(language: str | None) -> str:
    return (
        f"language '{language}' is not supported for entities, quotes and events;"
        " only extraction and figures were run"
    )


def _english(language: str | None) -> bool:
    return language in (None, "en")


def _raw(source: Source, settings: Settings) -> RawDocument:
    if isinstance(source, RawDocument):
        return source
    return read_source(str(source), settings)


def _name(source: Source) -> str:
    return source.source if isinstance(source, RawDocument) else str(source)
