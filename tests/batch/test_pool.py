"""The local pool: the writer collects cyclic garbage less often while it ingests, and the
collector is as it was afterwards, whatever happened in between."""

from __future__ import annotations

import gc

import pytest

from storyline.batch.pool import COLLECT_AFTER, collecting_less


def test_the_collector_runs_less_often_in_the_block_and_as_before_after_it() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError, match="a write failed"), collecting_less():
        assert gc.get_threshold() == (COLLECT_AFTER, *before[1:])
        raise RuntimeError("a write failed")
    assert gc.get_threshold() == before
    gc.set_threshold(COLLECT_AFTER * 2, *before[1:])  # a caller's own higher threshold stays
    try:
        with collecting_less():
            assert gc.get_threshold()[0] == COLLECT_AFTER * 2
    finally:
        gc.set_threshold(*before)
