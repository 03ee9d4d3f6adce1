"""The local process pool that maps ``analyze_many`` over Items.

Each worker loads the language model once, when it starts, and analyses
chunks of Items with ``nlp.pipe`` batching. At most a few chunks per worker
are in flight, so a large JSON Lines or WARC input streams through without
being held in memory. Results come back in input order. The workers are
watched (``watch``), one worker included: a document past
``settings.time_limit`` ends its worker, which is replaced, and becomes a
failure. The calling process only reads the inputs and takes the results; the
pool stays ready for its next run. With one worker and no time limit
(``time_limit`` 0) there is nothing to watch: the calling process analyses.
``run_work`` runs another task function over the Items the same way (ingest's
``corpus.ingest.prepared`` adds the rows each record is stored as).
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from storyline import nlp
from storyline.batch.watch import R, Result, Work, lease, watched
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


# The cyclic garbage collector's first threshold in the processes that analyse or write
# documents for throughput. At Python's default (700 net new objects) it runs about once a
# document and finds next to nothing, since a document's objects are freed by reference
# counting once it is analysed or written; each run also moves survivors on, towards full
# collections that walk every object the process holds (in the writer, about 5% of its time).
COLLECT_AFTER = 10_000


def warm_up() -> None:
    """Load the model when a worker process starts, not with its first chunk; then leave
    the model's objects out of the collector's work (``gc.freeze``) and collect less often."""
    nlp.load()
    gc.collect()  # no garbage of the loading is frozen with the model
    gc.freeze()
    gc.set_threshold(COLLECT_AFTER, *gc.get_threshold()[1:])


_collecting = threading.Lock()
_open = 0  # blocks running with fewer collections (ingests may run in threads)
_before = gc.get_threshold()  # the thresholds when the first of them began


@contextlib.contextmanager
def collecting_less() -> Iterator[None]:
    """Run the block with the collector's first threshold at ``COLLECT_AFTER`` at least;
    the thresholds are put back when the last block open at once ends."""
    global _open, _before
    with _collecting:
        if not _open:
            _before = gc.get_threshold()
            gc.set_threshold(max(COLLECT_AFTER, _before[0]), *_before[1:])
        _open += 1
    try:
        yield
    finally:
        with _collecting:
            _open -= 1
            if not _open:
                gc.set_threshold(*_before)


def ready(workers: int) -> None:
    """Start a pool of ``workers`` and wait until their model is loaded, for the next run."""
    with lease(warm_up, max(1, workers)) as pool:
        pool.ready()


def run(
    items: Iterable[Item], settings: Settings, workers: int = 1, chunk: int = 8
) -> Iterator[tuple[Item, Result]]:
    """(Item, Record or Failure) for every item, analysed by ``workers`` watched processes."""
    return run_work(results, items, settings, workers, chunk)


def run_work(
    work: Work[Item, R],
    items: Iterable[Item],
    settings: Settings,
    workers: int = 1,
    chunk: int = 8,
) -> Iterator[tuple[Item, R | Failure]]:
    """(Item, result or Failure) for every item, from ``work`` (a task's function, such as
    ``results``) run by ``workers`` watched processes."""
    if workers <= 1 and settings.time_limit <= 0:
        return _here(work, items, settings, chunk)
    return watched(work, warm_up, items, settings, max(1, workers), chunk)


def _here(
    work: Work[Item, R], items: Iterable[Item], settings: Settings, chunk: int
) -> Iterator[tuple[Item, R | Failure]]:
    """The same, run by this process; a broken document never stops the rest."""
    it = iter(items)
    while part := list(islice(it, chunk)):
        try:
            found = list(work(part, settings))
        except Exception:  # one document broke the batch: one by one, to keep the others
            found = [_one(work, item, settings) for item in part]
        yield from zip(part, found, strict=True)


def _one(work: Work[Item, R], item: Item, settings: Settings) -> R | Failure:
    try:
        return next(iter(work([item], settings)))
    except StorylineError as exc:
        return Failure(item.name, exc)
    except Exception as exc:  # a bug in one stage must not lose the batch
        return Failure(item.name, StorylineError(f"analysis failed: {type(exc).__name__}: {exc}"))
