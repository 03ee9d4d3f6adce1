"""``batch``: many documents to Parquet datasets, on local processes or a Dask cluster.

The recipe: 1. plan the chunks (or take the plan an earlier run saved in the
output folder); 2. leave out the chunks that run finished; 3. map
``run_chunk`` over the rest with the engine; 4. as each chunk's files are
written, add it to the manifest and advance the progress bar. A broken
document, or one past the time limit, is a row in ``failures``; a chunk whose
worker died is reported and done again by the next run with the same output
folder.
"""

from __future__ import annotations

import contextlib
import functools
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.batch.datasets import (
    DATASETS,
    STATE,
    Rows,
    document_rows,
    failure_row,
    finished,
    mark_finished,
    month,
    write_chunk,
)
from storyline.batch.plan import Chunk, load_or_make, make_plan
from storyline.batch.pool import run
from storyline.batch.watch import Result
from storyline.corpus.progress import Progress
from storyline.errors import ArgumentError
from storyline.ingest.items import Item
from storyline.pipeline import Failure
from storyline.settings import Settings

ENGINES = ("local", "dask")
TASK = 8  # documents a worker analyses at a time

Outcome = tuple[Chunk, dict[str, Any] | str]  # a finished chunk's summary, or why it was lost


@dataclass(slots=True)
class BatchSummary:
    """What a batch run did."""

    engine: str
    workers: int
    documents: int = 0  # analysed by this run
    failed: int = 0  # of them, written to ``failures``
    chunks: int = 0  # finished by this run
    resumed: int = 0  # documents in chunks an earlier run finished
    lost: list[tuple[str, str]] = field(default_factory=list)  # (chunk id, reason)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "workers": self.workers,
            "documents": self.documents,
            "failed": self.failed,
            "chunks": self.chunks,
            "resumed": self.resumed,
            "lost": [{"chunk": c, "reason": r} for c, r in self.lost],
            "seconds": round(self.seconds, 3),
        }

    def report(self) -> str:
        rate = self.documents / self.seconds if self.seconds else 0.0
        lines = [
            f"analysed                    {self.documents:>7}  ({self.chunks} chunks)",
            f"failed (rows in failures)   {self.failed:>7}",
            f"skipped as done before      {self.resumed:>7}",
        ]
        if self.lost:
            lines.append(
                f"chunks not finished         {len(self.lost):>7}  (run again to redo them)"
            )
            lines += [f"  {chunk}: {reason}" for chunk, reason in self.lost]
        lines.append(
            f"{self.documents} document{'s' if self.documents != 1 else ''}"
            f" in {self.seconds:.1f} s ({rate:.1f}/s)"
            f" on {self.workers} {self.engine} worker{'s' if self.workers != 1 else ''}"
        )
        return "\n".join(lines)


def run_chunk(chunk: Chunk, out: str, settings: Settings) -> dict[str, Any]:
    """Analyse one chunk, by a watched process, and write its files; runs in a Dask worker.
    Returns the chunk's summary."""
    started = time.monotonic()
    return write(chunk, out, run(chunk.items(), settings, 1, TASK), started)


def write(
    chunk: Chunk, out: str, analysed: Iterable[tuple[Item, Result]], started: float
) -> dict[str, Any]:
    """Write one chunk's analysed documents into its files. Returns the chunk's summary."""
    months: dict[str, Rows] = {}
    failures = []
    documents = 0
    for item, result in analysed:
        documents += 1
        if isinstance(result, Failure):
            failures.append(failure_row(item.key, item.name, result.error))
            continue
        rows = document_rows(result, item.key, item.name)
        bucket = months.setdefault(month(result.metadata.date), {n: [] for n in DATASETS})
        for name, found in rows.items():
            bucket[name].extend(found)
    files = write_chunk(Path(out), chunk.id, months, failures)
    return {
        "chunk": chunk.id,
        "documents": documents,
        "failed": len(failures),
        "files": files,
        "seconds": round(time.monotonic() - started, 3),
    }


def batch(
    sources: Sequence[str],
    out: str | Path,
    settings: Settings | None = None,
    *,
    kind: str | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    chunk_size: int | None = None,
    progress: bool = True,
) -> BatchSummary:
    """Analyse every document behind ``sources`` into Parquet datasets under ``out``."""
    settings = settings or Settings()
    engine = "dask" if scheduler else engine
    if engine not in ENGINES:
        raise ArgumentError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise ArgumentError(f"{folder}: not a folder; --out names the folder to write into")
    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        mapper: Callable[[list[Chunk], str, Settings, int], Iterable[Outcome]] = _local
        if engine == "dask":
            from storyline.batch import dask

            client = stack.enter_context(dask.connect(scheduler, workers or settings.workers))
            count = dask.worker_count(client)
            mapper = functools.partial(dask.run, client)
        else:
            count = max(1, workers or settings.workers)
        # 1. The plan.  2. What is left of it.
        plan = load_or_make(
            folder / STATE,
            sources,
            kind,
            lambda: make_plan(sources, settings, kind=kind, workers=count, chunk_size=chunk_size),
            settings.embeddings,
        )
        done = finished(folder)
        todo = [c for c in plan.chunks if c.id not in done]
        left = sum(c.documents for c in todo)
        summary = BatchSummary(engine, count, resumed=plan.documents - left)
        bar = Progress(plan.documents, label="batch", enabled=progress)
        bar.done = summary.resumed
        # 3. The engine.  4. The manifest, chunk by chunk.
        for chunk, result in mapper(todo, str(folder), settings, count):
            if isinstance(result, str):
                summary.lost.append((chunk.id, result))
            else:
                mark_finished(folder, chunk.id, result)
                summary.chunks += 1
                summary.documents += int(result["documents"])
                summary.failed += int(result["failed"])
            bar.advance(chunk.documents)
        bar.close()
    summary.seconds = time.monotonic() - started
    return summary


def _local(todo: list[Chunk], out: str, settings: Settings, workers: int) -> Iterator[Outcome]:
    # Watched workers analyse the chunks' documents, in order; each chunk is written here.
    sizes: deque[tuple[Chunk, int]] = deque()  # chunks read, with their number of documents

    def items() -> Iterator[Item]:
        for chunk in todo:
            part = list(chunk.items())
            sizes.append((chunk, len(part)))
            yield from part

    def complete() -> Iterator[Outcome]:
        while sizes and len(done) == sizes[0][1]:
            chunk, _ = sizes.popleft()
            yield chunk, write(chunk, out, done, since[0])
            done.clear()
            since[0] = time.monotonic()

    done: list[tuple[Item, Result]] = []
    since = [time.monotonic()]  # when the chunk in hand was begun
    for pair in run(items(), settings, workers, TASK):
        yield from complete()  # chunks of no document
        done.append(pair)
        yield from complete()
    yield from complete()
