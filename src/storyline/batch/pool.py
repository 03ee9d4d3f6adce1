"""A local process pool that maps ``analyze_many`` over Items.

Each worker loads the language model once, when it starts, and analyses
chunks of Items with ``nlp.pipe`` batching. At most a few chunks per worker
are in flight, so a large JSON Lines or WARC input streams through without
being held in memory. Results come back in input order. The workers are
watched (``watch``): a document past ``settings.time_limit`` ends its worker,
which is replaced, and becomes a failure. In one process (``workers`` 1)
nothing can stop spaCy in the middle of a document: there is no time limit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from storyline import nlp
from storyline.batch.watch import Result, Watched
from storyline.errors import StorylineError
from storyline.ingest.items import Item
from storyline.pipeline import Failure, analyze, analyze_many
from storyline.settings import Settings


def results(items: Sequence[Item], settings: Settings) -> Iterator[Result]:
    """One Record or Failure per Item, in order, each as soon as it is done."""
    for group in _chunks(items, settings.batch_size):
        found: list[Result | None] = [None] * len(group)
        raws = []
        for i, item in enumerate(group):
            try:
                raws.append(item.read(settings))
            except StorylineError as exc:
                found[i] = Failure(item.name, exc)
        analysed = analyze_many(raws, settings)
        for result in found:
            yield result if result is not None else next(analysed)


def analyze_items(items: list[Item], settings: Settings) -> list[Result]:
    """One Record or Failure per Item, in order; a broken document never stops the rest."""
    try:
        return list(results(items, settings))
    except Exception:
        # One document broke the batch: analyse one by one to keep the others.
        return [_one(item, settings) for item in items]


def _one(item: Item, settings: Settings) -> Result:
    try:
        return analyze(item.read(settings), settings)
    except StorylineError as exc:
        return Failure(item.name, exc)
    except Exception as exc:  # a bug in one stage must not lose the batch
        return Failure(item.name, StorylineError(f"analysis failed: {type(exc).__name__}: {exc}"))


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
    pool = Watched(results, warm_up, settings, workers)
    finished = False
    try:
        yield from pool.run(items, chunk)
        finished = True
    finally:
        pool.close(kill=not finished)
