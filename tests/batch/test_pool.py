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
