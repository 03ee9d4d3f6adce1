"""``load``: a batch's Parquet output into a store, through the ingest's own write path.

Each finished chunk's files are read back (one file per dataset and month), each
document's rows become its Record again, and the Record is written as ``ingest``
writes it: exact copies logged in their group, near-duplicates grouped, a
savepoint per document and a transaction per ``settings.commit_every`` of them, fact rows in
bulk (``COPY`` on PostgreSQL). Documents already in the store are skipped, so an
interrupted load resumes. The batch's failures are reported as the ingest
reports its own.
"""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from storyline.batch.datasets import FACT_DATASETS, STATE, chunk_rows, finished, read
from storyline.batch.plan import Plan
from storyline.batch.pool import collecting_less
from storyline.corpus.ingest import Summary, keep
from storyline.corpus.progress import Progress
from storyline.corpus.rows import Prepared, from_rows
from storyline.corpus.store import Store, open_store
from storyline.errors import ArgumentError
from storyline.ingest import Item
from storyline.settings import Settings


def load(
    folder: str | Path,
    target: str | Path | Store,
    settings: Settings | None = None,
    *,
    progress: bool = True,
) -> Summary:
    """Write every document of the batch output in ``folder`` into the store at ``target``."""
    settings = settings or Settings()
    out = Path(folder)
    plan_file = out / STATE / "plan.json"
    if not plan_file.is_file():
        raise ArgumentError(f"{out}: not the output of 'storyline batch' (no {STATE}/plan.json)")
    started = time.monotonic()
    plan = Plan.from_json(plan_file.read_text(encoding="utf-8"))
    done = finished(out)
    chunks = [c for c in plan.chunks if c.id in done]
    summary = Summary()
    store = target if isinstance(target, Store) else open_store(target, "create")
    bar = Progress(sum(c.documents for c in chunks), label="load", enabled=progress)
    try:
        group: list[tuple[Item, Prepared]] = []
        with collecting_less():
            for chunk in chunks:
                for _, rows in chunk_rows(out, chunk.id):
                    facts = _by_document(rows)
                    for article in rows["articles"]:
                        item = Item(key=article["key"], source=article["source"])
                        if any(item.key == i.key for i, _ in group):  # stored first, or refused
                            keep(summary, store, group, settings.near_duplicate_threshold)
                        if store.has_key(item.key):
                            summary.already_stored += 1
                        else:
                            record = from_rows(article, facts[article["doc_id"]])
                            group.append((item, Prepared.of(record, item.name)))
                        if len(group) >= settings.commit_every:
                            keep(summary, store, group, settings.near_duplicate_threshold)
                        bar.advance()
            keep(summary, store, group, settings.near_duplicate_threshold)
        for failure in read(out, "failures").to_pylist():
            summary.failed.append((failure["source"], failure["reason"]))
    finally:
        bar.close()  # ends the bar's line, also before an error's
        if not isinstance(target, Store):
            store.close()
    summary.seconds = time.monotonic() - started
    return summary


def _by_document(rows: dict[str, list[dict[str, Any]]]) -> dict[int, dict[str, list[Any]]]:
    """Fact rows grouped by document, then by table."""
    out: dict[int, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for table in FACT_DATASETS:
        for row in rows[table]:
            out[row["doc_id"]][table].append(row)
    return out
