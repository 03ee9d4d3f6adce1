"""``ingest``: sources in, stored articles out, with a summary of what happened.

The recipe: 1. collect the inputs and count their documents; 2. skip the
documents already ingested (by key), so an interrupted run resumes;
3. analyse the rest in a worker pool, whose workers also take each record apart
into the rows it is stored as (``prepared``: the single writer only writes);
4. write the results, each in its own
savepoint, ``settings.commit_every`` of them to a transaction, or fewer when the
first has waited ``GROUP_SECONDS`` (each commit writes the pages its articles
share, the term counts, the story index and the search index's new segment, once;
a crash loses only the uncommitted group's analysis, which a re-run redoes; the
store is never written while analysis is awaited, so the write lock is held only
while writing): an exact copy of a stored article is logged in its duplicate
group and skipped, a near-duplicate is stored and joins the group of the article
it copies; in the same savepoint a stored article's entities are linked to corpus
entities and the article joins a story (a near-duplicate its original's);
5. report the new articles each watch matches. A document that fails is
reported with its reason and the batch goes on.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# not the package: it imports this module (batch -> corpus)
from storyline.batch.pool import collecting_less, results, run_work
from storyline.corpus import dedup
from storyline.corpus.assign import assign
from storyline.corpus.linking import link_article
from storyline.corpus.progress import Progress
from storyline.corpus.rows import Prepared
from storyline.corpus.store import Store, is_postgres, open_store
from storyline.corpus.store import stories as stories_sql
from storyline.corpus.store import watches as watch_sql
from storyline.corpus.watches import new_matches
from storyline.errors import StoreError, StoreUnavailableError
from storyline.extract import NOT_AN_ARTICLE
from storyline.ingest import Item, collect
from storyline.models import RawDocument, Record
from storyline.pipeline import Failure
from storyline.settings import Settings

# A transaction holds fewer documents when, as a result comes in, the first came this long ago.
GROUP_SECONDS = 2.0


@dataclass(slots=True)
class Summary:
    """What an ingest did with every document it was given."""

    stored: int = 0
    near_duplicates: int = 0  # stored, and grouped with the article they nearly copy
    already_stored: int = 0
    duplicates: int = 0  # exact copies of a stored article: logged, not stored again
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    not_articles: list[tuple[str, str]] = field(default_factory=list)  # (source, flags)
    seconds: float = 0.0
    writing: float = 0.0  # seconds the writer spent storing documents
    lock_wait: float = 0.0  # of them, seconds spent waiting for the store's write lock
    watches: list[dict[str, Any]] = field(default_factory=list)  # new matches per watch

    @property
    def total(self) -> int:
        return (
            self.stored
            + self.already_stored
            + self.duplicates
            + len(self.failed)
            + len(self.not_articles)
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "stored": self.stored,
            "near_duplicates": self.near_duplicates,
            "already_stored": self.already_stored,
            "duplicates": self.duplicates,
            "failed": [{"source": s, "reason": r} for s, r in self.failed],
            "not_articles": [{"source": s, "reason": r} for s, r in self.not_articles],
            "seconds": round(self.seconds, 3),
            "writing": round(self.writing, 3),
            "lock_wait": round(self.lock_wait, 3),
            "watches": self.watches,
        }

    def report(self) -> str:
        """The summary as lines of text."""
        rate = self.total / self.seconds if self.seconds else 0.0
        lines = [
            f"stored                      {self.stored:>7}"
            + (
                f"  ({self.near_duplicates} near-duplicates grouped)"
                if self.near_duplicates
                else ""
            ),
            f"skipped as already stored   {self.already_stored:>7}",
            f"skipped as duplicate        {self.duplicates:>7}",
            f"skipped as not an article   {len(self.not_articles):>7}",
        ]
        lines += [f"  {source}: {reason}" for source, reason in self.not_articles]
        lines.append(f"failed                      {len(self.failed):>7}")
        lines += [f"  {source}: {reason}" for source, reason in self.failed]
        for watch in self.watches:
            new, copies = watch["articles"], watch["copies"]
            line = f"watch {watch['name']}: {len(new)} new"
            if new:
                line += f" ({', '.join(map(str, new))})"
            if copies:
                noun = "copy" if len(copies) == 1 else "copies"
                line += f", {len(copies)} {noun} ({', '.join(map(str, copies))})"
            lines.append(line)
        lines.append(
            f"{self.total} document{'s' if self.total != 1 else ''}"
            f" in {self.seconds:.1f} s ({rate:.1f}/s)"
        )
        return "\n".join(lines)


def ingest(
    sources: Sequence[str],
    target: str | Path | Store,
    settings: Settings | None = None,
    *,
    kind: str | None = None,
    progress: bool = True,
    keep_non_articles: bool = False,
) -> Summary:
    """Analyse and store every document behind ``sources`` in the store at ``target``.

    A page flagged as not an article (a list of links, too little prose) is skipped
    with its reason, unless ``keep_non_articles``.
    """
    settings = settings or Settings()
    started = time.monotonic()
    summary = Summary()
    store = target if isinstance(target, Store) else open_store(target, "create")
    bar = Progress(None, enabled=False)
    try:
        # 1. Inputs and their size.
        inputs = collect(sources, kind, skip=_store_files(target))
        bar = Progress(sum(i.count(settings) for i in inputs), enabled=progress)
        # 2. What is left to do: a key already stored is skipped. A key given again in
        # the same run waits for a later pass, after the first is written: it is then
        # skipped when the first was stored, and analysed when the first failed.
        last = watch_sql.last_article(store)

        def fresh(items: Iterable[Item], later: list[Item]) -> Iterator[Item]:
            seen: set[str] = set()
            for item in items:
                if item.error is None and store.has_key(item.key):
                    summary.already_stored += 1
                    bar.advance()
                elif item.error is None and item.key in seen:
                    later.append(item)
                else:
                    seen.add(item.key)
                    yield item

        # 3. Analysis.  4. A transaction per group of documents, a savepoint per document.
        def analyse_and_keep(items: Iterable[Item]) -> None:
            group: list[tuple[Item, Prepared]] = []
            opened = 0.0  # when the group's first document came
            for item, result in run_work(prepared, items, settings, settings.workers):
                if isinstance(result, Failure):
                    reason = str(result.error)
                    # Readers name the source in their messages; the summary names it once.
                    reason = reason.removeprefix(f"{result.source}: ")
                    summary.failed.append((item.label, reason))
                elif not keep_non_articles and (flags := _not_an_article(result.record)):
                    summary.not_articles.append((item.label, flags))
                else:
                    opened = opened if group else time.monotonic()
                    group.append((item, result))
                if len(group) >= settings.commit_every or (
                    group and time.monotonic() - opened >= GROUP_SECONDS
                ):
                    keep(summary, store, group, settings.near_duplicate_threshold)
                bar.advance()
            keep(summary, store, group, settings.near_duplicate_threshold)

        pending: Iterable[Item] = (item for source in inputs for item in source.items(settings))
        with collecting_less():
            while True:
                later: list[Item] = []
                analyse_and_keep(fresh(pending, later))
                if not later:
                    break
                pending = later
        summary.lock_wait = store.lock_wait
        # 5. What is new for each watch.
        summary.watches = new_matches(store, last)
    finally:
        bar.close()  # ends the bar's line, also before an error's
        if not isinstance(target, Store):
            store.close()
    summary.seconds = time.monotonic() - started
    return summary


def prepared(items: Sequence[Item], settings: Settings) -> Iterator[Prepared | Failure]:
    """Each item analysed and taken apart into the rows it is stored as: the work of
    ingest's worker processes (``batch.pool.run_work``), which leaves the writer only
    the writing."""
    for item, result in zip(items, results(items, settings), strict=True):
        yield result if isinstance(result, Failure) else Prepared.of(result, item.name)


def _not_an_article(record: Record) -> str:
    return "; ".join(f for f in record.quality.flags if f in NOT_AN_ARTICLE)


def _store_files(target: str | Path | Store) -> set[Path]:
    """The SQLite store's own files, left out when a folder holding them is ingested."""
    path = getattr(target, "path", None) if isinstance(target, Store) else target
    if path is None or is_postgres(str(path)):
        return set()
    db = Path(os.path.realpath(str(path)))
    return {db, *(Path(f"{db}{suffix}") for suffix in ("-wal", "-shm", "-journal"))}


def keep(
    summary: Summary, store: Store, group: list[tuple[Item, Prepared]], threshold: float
) -> None:
    """Write analysed documents in one transaction, count what became of each in
    ``summary``, and empty ``group``."""
    if not group:
        return
    started = time.monotonic()
    outcomes, failed = [], []
    try:
        with store.transaction():
            for item, ready in group:
                try:  # write's own transaction is a savepoint here, undone alone
                    outcomes.append(write(store, item, ready, threshold))
                except StoreUnavailableError:
                    raise
                except StoreError as exc:  # the others are kept
                    failed.append((item.label, str(exc)))
    except StoreError as exc:
        # The store is unavailable, or the group's own transaction failed (the store
        # stayed locked, its commit failed): stop, keeping what is committed.
        raise StoreUnavailableError(
            f"{exc}; stopped at {group[0][0].name}; what was stored before it is kept:"
            " re-run to resume"
        ) from exc
    for outcome in outcomes:
        _count(summary, outcome)
    summary.failed.extend(failed)
    summary.writing += time.monotonic() - started
    group.clear()


def _count(summary: Summary, outcome: str) -> None:
    if outcome == "near":
        summary.stored += 1
        summary.near_duplicates += 1
    elif outcome == "stored":
        summary.stored += 1
    elif outcome == "duplicate":
        summary.duplicates += 1
    else:
        summary.already_stored += 1


def write(store: Store, item: Item, ready: Prepared, threshold: float) -> str:
    """Store one analysed document; returns stored, near, duplicate or already."""
    record, rows = ready.record, ready.rows
    meta = record.metadata
    document = {
        "key": item.key,
        "source": item.name,
        "url": meta.url,
        "title": meta.title,
        "date": meta.date,
    }
    found = store.find_hash(rows.article["content_hash"])
    if found is not None:
        if found["source"] == item.name:
            return "already"
        store.add_copy(document, found["id"], found["document_id"])
        return "duplicate"
    near: tuple[int, float] | None = None
    sig = rows.article["minhash"]
    buckets = [(b["band"], b["bucket"]) for b in rows.tables["minhash_bands"]]
    for candidate in store.candidates(buckets):
        score = dedup.similarity(sig, candidate["minhash"])
        if score >= threshold and (near is None or score > near[1]):
            near = (int(candidate["document_id"]), score)
    with store.transaction():
        article_id = store.add_article(rows, document, near)
        place(store, article_id, record, near[0] if near else None)
    return "near" if near else "stored"


def store_record(
    target: str | Path, raw: RawDocument, record: Record, settings: Settings | None = None
) -> dict[str, Any]:
    """Store one record analysed from ``raw`` (keyed by its bytes): its article id and outcome."""
    settings = settings or Settings()
    item = Item(key=f"sha256:{hashlib.sha256(raw.data).hexdigest()}", source=raw)
    with open_store(target, "write") as store:
        if (stored := store.article_of_key(item.key)) is not None:  # these bytes, once more
            return {"id": stored, "outcome": "already"}
        outcome = write(
            store, item, Prepared.of(record, item.name), settings.near_duplicate_threshold
        )
        found = store.find_hash(dedup.content_hash(record.text))
    return {"id": int(found["id"]) if found else None, "outcome": outcome}


def place(store: Store, article_id: int, record: Record, near_document: int | None) -> int:
    """Link a stored article's entities to corpus entities and put it in a story."""
    links = link_article(store, article_id, record)
    copy_of = stories_sql.original_article(store, near_document) if near_document else None
    if copy_of is not None:  # a copy of a copy is folded under the first original
        copy_of = stories_sql.original_of(store, copy_of)
    return assign(store, article_id, record, links, copy_of)
