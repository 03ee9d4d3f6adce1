"""``reanalyze``: stored articles analysed again after a change of the record schema.

The articles whose record carries another schema version than this storyline's
are analysed again from their stored clean text, paragraphs, metadata and
quality report (no source is read again), by ``workers`` watched processes
that read the store (``batch.watch``: an article past the time limit ends its
worker, which is replaced, and is reported as failed; no worker outlives the
command); the calling process writes each new record and its fact rows in one
transaction per article. An article rewritten has the current version, so an
interrupted run resumes with the articles still stale.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from storyline.batch.pool import warm_up
from storyline.batch.watch import Result, watched
from storyline.corpus.progress import Progress
from storyline.corpus.rows import to_rows
from storyline.corpus.store import Store, open_store
from storyline.errors import StorylineError
from storyline.models import SCHEMA_VERSION, Article, Record
from storyline.pipeline import Failure, analyze_articles
from storyline.settings import Settings

CHUNK = 16  # articles a worker reads and analyses at a time


@dataclass(slots=True)
class Reanalysis:
    """What a reanalyze run did."""

    stale: int = 0  # articles found with another record schema version
    updated: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)  # (article id, reason)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "stale": self.stale,
            "updated": self.updated,
            "failed": [{"article": a, "reason": r} for a, r in self.failed],
            "seconds": round(self.seconds, 3),
        }

    def report(self) -> str:
        lines = [
            f"stale articles (record schema other than {SCHEMA_VERSION})  {self.stale:>7}",
            f"re-analysed and updated                       {self.updated:>7}",
            f"failed                                        {len(self.failed):>7}",
        ]
        lines += [f"  article {a}: {r}" for a, r in self.failed]
        lines.append(f"in {self.seconds:.1f} s")
        return "\n".join(lines)


def reanalyze(
    target: str | Path, settings: Settings | None = None, *, progress: bool = True
) -> Reanalysis:
    """Re-analyse every stale article of the store at ``target`` in place."""
    settings = settings or Settings()
    started = time.monotonic()
    summary = Reanalysis()
    with open_store(target, "write") as store:
        ids = store.stale_articles(SCHEMA_VERSION)
        summary.stale = len(ids)
        bar = Progress(len(ids), label="reanalyze", enabled=progress)
        stored = (Stored(str(target), i) for i in ids)
        for article, result in watched(
            analyse_stored, warm_up, stored, settings, max(1, settings.workers), CHUNK
        ):
            if isinstance(result, Failure):
                reason = f"{type(result.error).__name__}: {result.error}"
                summary.failed.append((article.id, reason))
            else:
                _replace(store, article.id, result, summary)
            bar.advance()
        bar.close()
    summary.seconds = time.monotonic() - started
    return summary


def _replace(store: Store, article_id: int, record: Record, summary: Reanalysis) -> None:
    source = (store.article(article_id) or {}).get("source") or ""
    try:
        store.replace_facts(article_id, to_rows(record, source))
        summary.updated += 1
    except StorylineError as exc:
        summary.failed.append((article_id, str(exc)))


@dataclass(frozen=True, slots=True)
class Stored:
    """A stored article to analyse again."""

    target: str  # the store
    id: int

    @property
    def name(self) -> str:
        return f"article {self.id}"


def analyse_stored(articles: list[Stored], settings: Settings) -> Iterator[Result]:
    """The stored ``articles`` (of one store) analysed again; runs in a worker. A stored
    dense vector is kept when none is asked for: the text and headline it was made
    from are the same."""
    with open_store(articles[0].target, "read") as store:
        stored = [store.record(a.id) for a in articles]
    found = (Article(r.text, r.paragraphs, r.metadata, r.quality) for r in stored)
    for old, new in zip(stored, analyze_articles(found, settings), strict=True):
        if isinstance(new, Record) and old.embedding and not new.embedding:
            new = replace(new, embedding=old.embedding)
        yield new
