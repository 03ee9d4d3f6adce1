"""The local process pool that maps ``analyze_many`` over Items.

Each worker loads the language model once, when it starts, and analyses
chunks of Items with ``nlp.pipe`` batching. At most a few chunks per worker
are in flight, so a large JSON Lines or WARC input streams through without
being held in memory. Results come back in input order. The workers are
watched (``watch``), one worker included: a document past
``settings.time_limit`` ends its worker, which is replaced, and becomes a
failure. The calling process only reads the inputs and takes the results; the
pool stays ready for its next run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from storyline import nlp
from storyline.batch.watch import Result, lease, watched
from storyline.errors import StorylineError
from storyline.ingest.items import Item
from storyline.pipeline import Failure, analyze_many
from storyline.settings import Settings


def results(items: Sequence[Item], settings: Settings) -> Iterator[Result]:
    """One Record or Failure per Item, in order, each as soon as it is done; runs in a worker."""
    it = iter(items)
    while group := list(islice(it, settings.batch_size)):
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


def warm_up() -> None:
    """Load the model when a worker process starts, not with its first chunk."""
    nlp.load()


def ready(workers: int) -> None:
    """Start a pool of ``workers`` and wait until their model is loaded, for the next run."""
    with lease(results, warm_up, max(1, workers)) as pool:
        pool.ready()


def run(
    items: Iterable[Item], settings: Settings, workers: int = 1, chunk: int = 8
) -> Iterator[tuple[Item, Result]]:
    """(Item, Record or Failure) for every item, analysed by ``workers`` watched processes."""
    return watched(results, warm_up, items, settings, max(1, workers), chunk)
