"""Worker processes under a watchdog: one document past the time limit ends its worker.

spaCy cannot be interrupted in the middle of a document, so the parent process
watches: every worker reports each document it finishes, and a worker that has
spent longer than ``settings.time_limit`` on the same document is killed and
replaced. The unfinished documents of its task are then tried again one per
task, so that the document to blame is known exactly (a task's documents are
parsed together, in one ``nlp.pipe`` batch); a document that overruns alone is
a ``TimeLimitError`` failure, and the run goes on. A task that raises, or whose
worker dies, is handled the same way. Results come back one per input, in order.
Each worker holds ``HELD`` tasks, taken off its socket by a thread as they come:
when it ends one, the next is at hand even while the parent is busy writing
results; a worker killed for a document gets its held tasks given again.

A pool outlives its run: ``lease`` gives back an idle pool an earlier run of this
process left (its workers have the model loaded), or starts one, and keeps it
for the next run when this one finished (a run that did not finish kills its
workers). Each task names the function its worker runs (analysis alone, or
ingest's, which also builds the rows), so one pool serves every kind of run. A
Dask worker thus starts its watched process once, not per chunk.

Workers die with their parent, whatever ends it (SIGKILL included). Each is a
fresh interpreter (no multiprocessing, so no resource tracker either) whose
first lines, before any import, ask the kernel for SIGKILL when the parent exits
(Linux's ``PR_SET_PDEATHSIG``); and a thread in each worker ends it when its
parent's pid changes, where there is no such signal. That signal follows the
thread that started the process, so every worker is started from one thread of
the parent that lasts as long as the parent does. The parent sends the task's
function (by name), its inputs and Settings, and gets results back, pickled over
one socket per worker.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, Protocol, TypeVar

from storyline.errors import StorylineError, TimeLimitError
from storyline.models import Record
from storyline.pipeline import Failure
from storyline.settings import Settings


class Named(Protocol):
    """An input of a pool: its name is the source a Failure reports."""

    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=Named)
R = TypeVar("R")  # what a task gives for an input that does not fail
Result = Record | Failure
Work = Callable[[list[T], Settings], Iterator[R | Failure]]  # a task: inputs in, a result each

POLL = 0.2  # seconds between the watchdog's looks, and a worker's looks at its parent
HELD = 2  # tasks a worker holds: the next is at hand while the parent is busy writing


# A worker's first lines, run before anything is imported (storyline imports spaCy, which
# takes seconds): die with the parent from the first moment, and leave Ctrl-C to the parent.
BOOT = """
import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_IGN)
parent, fd = int(sys.argv[1]), int(sys.argv[2])
if sys.platform == "linux":
    import ctypes
    ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
if os.getppid() != parent:  # the parent died before the signal was asked for
    os._exit(1)
sys.path[:] = sys.argv[3:]
from storyline.batch.watch import serve
serve(fd, parent)
"""


def watch_parent(parent: int) -> None:
    """End this process when ``parent`` exits (a thread that watches the parent's pid,
    for systems without the kernel's parent-death signal)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(POLL)
        os._exit(1)

    threading.Thread(target=watch, name="storyline-parent-watch", daemon=True).start()


def serve(fd: int, parent: int) -> None:
    """A worker's life: warm up, then run tasks, reporting each result as it is done."""
    watch_parent(parent)
    conn = Connection(fd)
    warm_up: Callable[[], None] = conn.recv()
    try:
        warm_up()
    except StorylineError as exc:  # the model is missing: the parent says so, once
        conn.send(("failed", exc))
        return
    conn.send(("ready", None))
    tasks: queue.SimpleQueue[Any] = queue.SimpleQueue()
    threading.Thread(
        target=_receive, args=(conn, tasks), name="storyline-tasks", daemon=True
    ).start()
    while True:
        task = tasks.get()
        if task is None:
            return
        work, items, settings = task  # the task names its function: one pool runs any
        try:
            for result in work(items, settings):
                conn.send(("result", result))
        except Exception as exc:  # a bug in one document: the parent retries the rest alone
            conn.send(("broke", f"{type(exc).__name__}: {exc}".rstrip(": ")))
        else:
            conn.send(("end", None))


def _receive(conn: Connection, tasks: queue.SimpleQueue[Any]) -> None:
    """Take the parent's tasks as they come, so that sending the next never waits for the
    worker to finish the one in hand; None, or the parent gone, ends the worker's loop."""
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            task = None
        tasks.put(task)
        if task is None:
            return


@dataclass(slots=True)
class _Task(Generic[T]):
    start: int  # position of its first input
    items: list[T]
    done: int = 0  # results received

    def left(self) -> range:
        """Positions of the inputs still without a result."""
        return range(self.start + self.done, self.start + len(self.items))


_lock = threading.Lock()
_spawner: tuple[int, ThreadPoolExecutor] | None = None  # (pid, the thread that starts workers)


def _spawn(fd: int) -> subprocess.Popen[bytes]:
    """A worker process, started by the parent's spawning thread, which never ends before
    the parent does (a pool may be started by a thread that ends first: a Dask task's)."""
    global _spawner
    with _lock:
        if _spawner is None or _spawner[0] != os.getpid():  # none yet, or a forked copy's
            _spawner = (os.getpid(), ThreadPoolExecutor(1, "storyline-spawn"))
        spawner = _spawner[1]
    args = [sys.executable, "-c", BOOT, str(os.getpid()), str(fd), *sys.path]
    return spawner.submit(subprocess.Popen, args, pass_fds=[fd]).result()


class _Worker:
    """A worker process, started as a fresh interpreter with one socket to the parent."""

    def __init__(self, warm_up: Callable[[], None]) -> None:
        ours, theirs = socket.socketpair()
        with theirs:
            self.process = _spawn(theirs.fileno())
        self.conn = Connection(ours.detach())
        self.conn.send(warm_up)
        self.ready = False  # the model is loaded
        self.tasks: deque[_Task[Any]] = deque()  # given, in order: the first is in hand
        self.since = 0.0  # when the document in hand was started

    @property
    def task(self) -> _Task[Any] | None:
        """The task in hand."""
        return self.tasks[0] if self.tasks else None

    def give(self, task: _Task[Any], work: Work[Any, Any], settings: Settings) -> None:
        self.conn.send((work, task.items, settings))
        if not self.tasks:
            self.since = time.monotonic()
        self.tasks.append(task)

    def stop(self, kill: bool = False) -> None:
        if not kill:
            with contextlib.suppress(OSError):
                self.conn.send(None)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=5)
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.conn.close()


class Watched:
    """``workers`` processes, warmed up by ``warm_up``, each running the task functions it is
    given over inputs, each document under the time limit."""

    def __init__(self, warm_up: Callable[[], None], workers: int) -> None:
        self.warm_up, self.settings = warm_up, Settings()
        self.key = (warm_up, workers)
        self.workers = [self._start() for _ in range(workers)]
        self.queue: deque[_Task[Any]] = deque()  # tasks for the next free worker, in order
        self.results: dict[int, Any] = {}  # by position, until given back in order

    def _start(self) -> _Worker:
        return _Worker(self.warm_up)

    def close(self, kill: bool = False) -> None:
        for worker in self.workers:
            worker.stop(kill)

    def ready(self) -> None:
        """Wait until every worker has loaded the model."""
        while not all(worker.ready for worker in self.workers):
            self._step()

    def run(
        self, work: Work[T, R], items: Iterable[T], settings: Settings, chunk: int
    ) -> Iterator[tuple[T, R | Failure]]:
        """(input, result of ``work`` or Failure) for every input, in order."""
        self.settings = settings
        source = iter(items)
        held: deque[T] = deque()  # read and not yet given back, in order
        read = given = 0  # positions of the next input read and given back
        ahead = (2 * len(self.workers) + 1) * chunk  # Items read ahead: no worker waits
        exhausted = False
        while True:
            while not exhausted and len(held) < ahead:
                part = list(islice(source, chunk))
                exhausted = not part
                if part:
                    self.queue.append(_Task(read, part))
                    read += len(part)
                    held.extend(part)
            for worker in self.workers:
                while worker.ready and len(worker.tasks) < HELD and self.queue:
                    worker.give(self.queue.popleft(), work, self.settings)
            while given in self.results:
                yield held.popleft(), self.results.pop(given)
                given += 1
            if exhausted and not held:
                break
            self._step()
        while any(worker.task is not None for worker in self.workers):
            self._step()  # the word that a task ended: the pool is then idle

    def _step(self) -> None:
        """Wait for news from the workers; replace those past the time limit or dead."""
        limit = self.settings.time_limit
        workers = list(self.workers)
        ready = wait([w.conn for w in workers], POLL)
        now = time.monotonic()
        for worker in workers:
            if worker.conn in ready:
                try:
                    kind, value = worker.conn.recv()
                except (EOFError, OSError):  # its end of the socket closed: it died
                    code = worker.process.wait()
                    self._replace(worker, StorylineError(f"the worker process died (exit {code})"))
                    continue
                self._news(worker, kind, value, now)
            elif worker.task is not None and limit > 0 and now - worker.since > limit:
                self._replace(
                    worker,
                    TimeLimitError(
                        f"analysis took longer than the {limit:g} s time limit (setting time_limit)"
                    ),
                )

    def _news(self, worker: _Worker, kind: str, value: Any, now: float) -> None:
        if kind == "failed":
            raise value
        if kind == "ready":
            worker.ready = True
            return
        task = worker.task
        assert task is not None
        if kind == "result":
            self.results[task.left()[0]] = value
            task.done += 1
            worker.since = now
            return
        worker.tasks.popleft()
        worker.since = now  # the next task held, if any, starts now
        if kind == "broke":
            self._retry(task, StorylineError(f"analysis failed: {value}"))
        elif task.left():
            self._retry(task, StorylineError("analysis gave no result"))

    def _replace(self, worker: _Worker, error: StorylineError) -> None:
        worker.stop(kill=True)
        if not worker.ready:  # it died before the model was loaded: it cannot start at all
            raise StorylineError(f"a worker process could not start: {error}")
        self.workers[self.workers.index(worker)] = self._start()
        if worker.tasks:  # the task in hand is to blame; those held after it are given again
            blamed, *held = worker.tasks
            self.queue.extendleft(reversed(held))
            self._retry(blamed, error)

    def _retry(self, task: _Task[Any], error: StorylineError) -> None:
        """The unfinished inputs of a task: one alone is to blame; several are tried one by one."""
        left = task.left()
        if len(left) == 1:
            self.results[left[0]] = Failure(task.items[-1].name, error)
            return
        for position in reversed(left):
            self.queue.appendleft(_Task(position, [task.items[position - task.start]]))


_idle: list[Watched] = []  # pools whose run finished, for the next run in this process


@contextlib.contextmanager
def lease(warm_up: Callable[[], None], workers: int) -> Iterator[Watched]:
    """A pool of ``workers`` processes warmed up by ``warm_up``: an idle one of this process, or a
    new one. Kept for the next run when the run finished; its workers killed when not."""
    with _lock:
        pool = next((p for p in _idle if p.key == (warm_up, workers)), None)
        if pool is not None:
            _idle.remove(pool)
    pool = pool or Watched(warm_up, workers)
    try:
        yield pool
    except BaseException:
        pool.close(kill=True)
        raise
    with _lock:
        _idle.append(pool)


def watched(
    work: Work[T, R],
    warm_up: Callable[[], None],
    items: Iterable[T],
    settings: Settings,
    workers: int,
    chunk: int,
) -> Iterator[tuple[T, R | Failure]]:
    """(input, result or Failure) for every input, in order, from a leased pool."""
    with lease(warm_up, workers) as pool:
        yield from pool.run(work, items, settings, chunk)


@atexit.register
def close_idle() -> None:
    """End the idle pools' workers (they would end with this process anyway)."""
    with _lock:
        pools = list(_idle)
        _idle.clear()
    for pool in pools:
        pool.close(kill=True)
