"""``reanalyze``: stored articles analysed again after a change of the record schema.

The articles whose record carries another schema version than this storyline's
are analysed again from their stored clean text, paragraphs, metadata and
quality report (no source is read again), by ``workers`` processes that read
the store; the calling process writes each new record and its fact rows in
one transaction per article. An article rewritten has the current version, so
an interrupted run resumes with the articles still stale.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from storyline.batch.pool import warm_up
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
        for article_id, result in _analysed(str(target), ids, settings):
            if isinstance(result, str):
                summary.failed.append((article_id, result))
            else:
                _replace(store, article_id, result, summary)
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


def analyse_stored(target: str, ids: list[int], settings: Settings) -> list[Record | str]:
    """The stored articles ``ids`` analysed again (or why one failed); runs in a worker."""
    with open_store(target, "read") as store:
        stored = [store.record(i) for i in ids]
    articles = (Article(r.text, r.paragraphs, r.metadata, r.quality) for r in stored)
    return [
        f"{type(r.error).__name__}: {r.error}" if isinstance(r, Failure) else r
        for r in analyze_articles(articles, settings)
    ]


def _analysed(
    target: str, ids: list[int], settings: Settings
) -> Iterator[tuple[int, Record | str]]:
    parts = [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]
    if settings.workers <= 1:
        for part in parts:
            yield from zip(part, analyse_stored(target, part, settings), strict=True)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(settings.workers, mp_context=context, initializer=warm_up) as pool:
        # At most a few chunks per worker in flight: results are written as they come.
        queue = iter(parts)
        pending = [(p, pool.submit(analyse_stored, target, p, settings))
                   for p in islice(queue, 2 * settings.workers)]  # fmt: skip
        while pending:
            part, future = pending.pop(0)
            yield from zip(part, future.result(), strict=True)
            for nxt in islice(queue, 1):
                pending.append((nxt, pool.submit(analyse_stored, target, nxt, settings)))
