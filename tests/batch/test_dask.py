"""The Dask engine on a real LocalCluster of two worker processes.

One cluster serves the module. It is started with ``allowed-failures`` 0, so a
chunk whose worker dies is lost at once instead of being retried elsewhere:
the test can then see the next run redo it.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import dask
import pytest
from distributed import Client, LocalCluster

from storyline.batch import BatchSummary, batch
from storyline.batch.plan import make_plan
from storyline.settings import Settings

from ..corpus.builders import FIXTURES
from .conftest import FAILURES, LIMIT, all_rows, make_inputs, slow_folder, with_time_limit_failure

Run = tuple[Path, BatchSummary]


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": ":0"},  # no dashboard; 8787 may be taken
        ) as c,
    ):
        yield c


def test_output_equals_the_local_engine_and_failures_are_rows(
    inputs: list[str], local_run: Run, cluster: LocalCluster, tmp_path: Path
) -> None:
    done, _ = local_run
    out = tmp_path / "out"
    summary = batch(inputs, out, scheduler=cluster.scheduler_address, chunk_size=2, progress=False)
    assert (summary.engine, summary.workers) == ("dask", 2)
    assert (summary.documents, summary.failed, summary.lost) == (9, FAILURES, [])
    assert all_rows(out) == all_rows(done)


def test_a_document_past_the_time_limit_is_a_failure_and_its_chunk_goes_on(
    inputs: list[str], local_run: Run, cluster: LocalCluster, tmp_path: Path
) -> None:
    slow = slow_folder(tmp_path)
    sources = [str(slow), *inputs]  # the long article first, in a chunk with three more
    settings = Settings(time_limit=LIMIT)
    assert make_plan(sources, settings, chunk_size=4).chunks[0].documents == 4
    out = tmp_path / "out"
    summary = batch(
        sources, out, settings, scheduler=cluster.scheduler_address, chunk_size=4, progress=False
    )
    assert (summary.documents, summary.failed, summary.lost) == (10, FAILURES + 1, [])
    assert all_rows(out) == with_time_limit_failure(local_run[0], slow / "council.txt")
    # A re-run finds every chunk finished.
    again = batch(sources, out, settings, scheduler=cluster.scheduler_address, progress=False)
    assert (again.documents, again.resumed, again.lost) == (0, 10, [])


def test_a_killed_workers_chunk_is_redone_on_re_run(cluster: LocalCluster, tmp_path: Path) -> None:
    inputs = make_inputs(tmp_path / "in")
    # A long article, alone in its chunk, keeps its worker busy long enough to be killed.
    long = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt")))
    (Path(inputs[0]) / "long.txt").write_text(long * 3, encoding="utf-8")
    slow = next(
        c.id
        for c in make_plan(inputs, Settings(), chunk_size=1).chunks
        if c.parts[0].source.endswith("long.txt")
    )
    out = tmp_path / "out"
    result: list[BatchSummary] = []
    run = threading.Thread(
        target=lambda: result.append(
            batch(inputs, out, scheduler=cluster.scheduler_address, chunk_size=1, progress=False)
        )
    )
    with Client(cluster.scheduler_address) as client:
        run.start()
        killed = _kill_worker_running(client, f"storyline-chunk-{slow}")
        run.join()
    # The chunk it was running is lost, with any chunk already queued on it; the others finish.
    lost = {chunk: reason for chunk, reason in result[0].lost}
    assert killed and slow in lost
    assert all("KilledWorker" in reason for reason in lost.values())
    assert result[0].documents == 10 - len(lost)
    second = batch(inputs, out, scheduler=cluster.scheduler_address, progress=False)
    assert (second.documents, second.chunks, second.lost) == (len(lost), len(lost), [])
    local = batch(inputs, tmp_path / "local", chunk_size=1, progress=False)
    assert all_rows(out) == all_rows(tmp_path / "local") and local.documents == 10


def _kill_worker_running(client: Client, prefix: str, wait: float = 120.0) -> bool:
    """SIGKILL the worker process that runs a task whose key starts with ``prefix``."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        for address, keys in client.processing().items():
            if any(str(k).startswith(prefix) for k in keys):
                pid = client.run(os.getpid, workers=[address])[address]
                os.kill(pid, signal.SIGKILL)
                return True
        time.sleep(0.02)
    return False
