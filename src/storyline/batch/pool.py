"""A local process pool that maps ``analyze_many`` over Items.

Each worker loads the language model once, when it starts, and analyses
chunks of Items with ``nlp.pipe`` batching. At most a few chunks per worker
are in flight, so a large JSON Lines or WARC input streams through without
being held in memory. Results come back in input order.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from storyline import nlp
from storyline.errors import StorylineError
from storyline.ingest.items import Item
from storyline.models import RawDocument, Record
from storyline.pipeline import Failure, analyze, analyze_many
from storyline.settings import Settings

Result = Record | Failure


def analyze_items(items: list[Item], settings: Settings) -> list[Result]:
    """One Record or Failure per Item, in order; a broken document never stops the rest."""
    results: list[Result | None] = [None] * len(items)
    raws: list[tuple[int, RawDocument]] = []
    for i, item in enumerate(items):
        try:
            raws.append((i, item.read(settings)))
        except StorylineError as exc:
            results[i] = Failure(item.name, exc)
    try:
        analysed = list(analyze_many((raw for _, raw in raws), settings))
    except Exception:
        # One document broke the batch: analyse one by one to keep the others.
        analysed = [_one(raw, settings) for _, raw in raws]
    for (i, _), result in zip(raws, analysed, strict=True):
        results[i] = result
    return [r for r in results if r is not None]


def _one(raw: RawDocument, settings: Settings) -> Result:
    try:
        return analyze(raw, settings)
    except StorylineError as exc:
        return Failure(raw.source, exc)
    except Exception as exc:  # a bug in one stage must not lose the batch
        return Failure(raw.source, StorylineError(f"analysis failed: {type(exc).__name__}: {exc}"))


def warm_up() -> None:
    """Load the model when a worker process starts, not with its first chunk."""
    nlp.load()


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def run(
    items: Iterable[Item], settings: Settings, workers: int = 1, chunk: int = 8
) -> Iterator[tuple[Item, Result]]:
    """(Item, Record or Failure) for every item, analysed by ``workers`` processes."""
    if workers <= 1:
        for part in _chunks(items, chunk):
            yield from zip(part, analyze_items(part, settings), strict=True)
        return
    # spawn: workers start clean, without the parent's open store connections.
    context = multiprocessing.get_context("spawn")
    pending: deque[tuple[list[Item], Future[list[Result]]]] = deque()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=warm_up) as pool:
        try:
            for part in _chunks(items, chunk):
                pending.append((part, pool.submit(analyze_items, part, settings)))
                while len(pending) > 2 * workers:
                    yield from _collect(*pending.popleft())
            while pending:
                yield from _collect(*pending.popleft())
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _collect(part: list[Item], future: Future[list[Result]]) -> Iterator[tuple[Item, Result]]:
    try:
        results = future.result()
    except BrokenProcessPool:
        raise StorylineError("a worker process died; re-run to resume") from None
    yield from zip(part, results, strict=True)
