"""The Dask engine: chunks mapped over a ``distributed`` cluster.

Without a scheduler address a ``LocalCluster`` of N worker processes is
started for the run. Each worker runs one chunk at a time; a chunk travels as
paths and byte ranges and comes back as a small summary, its rows being written
by the worker into the output folder (which every worker must reach: a local
disk for a local cluster, a shared file system for a cluster of machines).

A Dask worker analyses its chunks' documents in a watched process of its own,
as the local engine does (``watch``: a fresh interpreter, not a multiprocessing
child, so a daemon may start it), which loads the language model once, when
the worker joins (a worker plugin), and serves every later chunk. A document
past the time limit ends that process, which is replaced; the document is a
row in ``failures`` and the rest of its chunk is analysed.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from typing import Any

from storyline.batch.plan import Chunk
from storyline.errors import ClusterError, DependencyError
from storyline.settings import Settings

INSTALL_HINT = "pip install 'distributed>=2024.1'"
IN_FLIGHT = 4  # chunks submitted per worker at a time: enough queued, not the whole plan
CONNECT_TIMEOUT = 20  # seconds to reach a scheduler


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise DependencyError(f"the Dask engine needs distributed; run: {INSTALL_HINT}") from None
    return distributed


class ModelPlugin:
    """Starts a worker's watched process, its model loaded, so no chunk pays for it."""

    name = "storyline-model"

    def setup(self, worker: Any) -> None:
        from storyline.batch.pool import ready

        ready(1)

    def teardown(self, worker: Any) -> None:
        pass

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        pass


@contextlib.contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A Client on the cluster at ``scheduler``, or on a new LocalCluster of ``workers``."""
    distributed = _distributed()
    with contextlib.ExitStack() as stack:
        if scheduler:
            try:
                client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as exc:
                raise ClusterError(
                    f"cannot reach the Dask scheduler at {scheduler} ({exc})"
                ) from None
        else:
            cluster = stack.enter_context(
                distributed.LocalCluster(
                    n_workers=max(1, workers),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    # No dashboard; its HTTP server on a free port, never a taken 8787.
                    scheduler_kwargs={"dashboard_address": ":0"},
                )
            )
            client = distributed.Client(cluster)
        stack.enter_context(client)
        client.register_plugin(model_plugin(), name=ModelPlugin.name)
        yield client


def model_plugin() -> Any:
    """A ModelPlugin that is also a ``distributed.WorkerPlugin``, ready to register."""
    plugin_type = type("StorylineModelPlugin", (ModelPlugin, _distributed().WorkerPlugin), {})
    return plugin_type()


def worker_count(client: Any) -> int:
    """Threads across the cluster's workers: the chunks it can run at once."""
    threads: dict[str, int] = client.nthreads()
    if not threads:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        threads = client.nthreads()
    return max(1, sum(threads.values()))


def run(
    client: Any, todo: list[Chunk], out: str, settings: Settings, workers: int
) -> Iterator[tuple[Chunk, dict[str, Any] | str]]:
    """(chunk, its summary or why it was lost) for each chunk, as they finish."""
    from storyline.batch.engine import run_chunk

    distributed = _distributed()
    token = uuid.uuid4().hex[:8]  # a run's own task keys, never a result left by another run
    queue = iter(todo)
    chunks: dict[str, Chunk] = {}
    done = distributed.as_completed()

    def submit() -> bool:
        chunk = next(queue, None)
        if chunk is None:
            return False
        key = f"storyline-chunk-{chunk.id}-{token}"
        chunks[key] = chunk
        done.add(client.submit(run_chunk, chunk, out, settings, key=key, pure=False))
        return True

    for _ in range(IN_FLIGHT * workers):
        if not submit():
            break
    for future in done:
        chunk = chunks.pop(future.key)
        try:
            yield chunk, future.result()
        except Exception as exc:  # a killed worker, or a bug: the chunk is redone next run
            yield chunk, f"{type(exc).__name__}: {exc}".rstrip(": ")
        finally:
            future.release()
        submit()
