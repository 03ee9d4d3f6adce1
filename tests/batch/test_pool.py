"""The local pool's processes run the garbage collector less often: the workers from the
start, the writer while it ingests; afterwards the collector is as it was, whatever happened
in between and however many ingests overlapped."""

from __future__ import annotations

import gc
import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.batch import pool
from storyline.batch.pool import COLLECT_AFTER, collecting_less
from storyline.corpus import ingest

from ..corpus.conftest import FIXTURES

ingest_module = importlib.import_module("storyline.corpus.ingest")  # the package names the function


@pytest.fixture
def thresholds() -> Iterator[tuple[int, int, int]]:
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)


def test_the_collector_runs_less_often_in_the_block_and_as_before_after_it(
    thresholds: tuple[int, int, int],
) -> None:
    with pytest.raises(RuntimeError, match="a write failed"), collecting_less():
        assert gc.get_threshold() == (COLLECT_AFTER, *thresholds[1:])
        raise RuntimeError("a write failed")
    assert gc.get_threshold() == thresholds
    gc.set_threshold(COLLECT_AFTER * 2, *thresholds[1:])  # a caller's own higher threshold stays
    with collecting_less():
        assert gc.get_threshold()[0] == COLLECT_AFTER * 2


def test_overlapping_blocks_put_the_thresholds_back_when_the_last_ends(
    thresholds: tuple[int, int, int],
) -> None:
    first, second = collecting_less(), collecting_less()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the first ends while the second still runs
    assert gc.get_threshold()[0] == COLLECT_AFTER
    second.__exit__(None, None, None)
    assert gc.get_threshold() == thresholds


def test_the_writer_stores_with_fewer_collections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, thresholds: tuple[int, int, int]
) -> None:
    seen: list[int] = []
    keep = ingest_module.keep

    def watched_keep(*args: Any) -> None:
        seen.append(gc.get_threshold()[0])
        keep(*args)

    monkeypatch.setattr(ingest_module, "keep", watched_keep)
    summary = ingest([str(FIXTURES)], tmp_path / "s.db", progress=False)
    assert summary.stored == 4 and seen and set(seen) == {COLLECT_AFTER}
    assert gc.get_threshold() == thresholds


def test_a_worker_freezes_the_model_and_collects_less_often(
    nlp: object, thresholds: tuple[int, int, int]
) -> None:
    try:
        pool.warm_up()
        assert gc.get_threshold()[0] == COLLECT_AFTER and gc.get_freeze_count() > 100_000
    finally:
        gc.unfreeze()


def test_one_pool_of_workers_runs_ingest_and_analysis_alike(tmp_path: Path) -> None:
    """A task names the function its worker runs, so ingest (which also builds each record's
    rows) and the analysis of a batch share the workers, each with its model loaded once."""
    from storyline.batch import watch
    from storyline.ingest.items import Item
    from storyline.models import Record
    from storyline.settings import Settings

    settings = Settings(workers=1)  # watched under the time limit: in a worker process
    assert settings.time_limit > 0
    summary = ingest(
        [str(FIXTURES / "vaccine-drive.txt")], tmp_path / "s.db", settings, progress=False
    )
    assert summary.stored == 1
    (kept,) = [p for p in watch._idle if p.key == (pool.warm_up, 1)]
    worker = kept.workers[0].process.pid
    item = Item(key="wheat", source=str(FIXTURES / "wheat-exports.txt"))
    ((_, record),) = list(pool.run([item], settings, 1))
    assert isinstance(record, Record) and record.metadata.title
    (again,) = [p for p in watch._idle if p.key == (pool.warm_up, 1)]
    assert again is kept and again.workers[0].process.pid == worker
