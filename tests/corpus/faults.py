"""The fault loops that ``tests/corpus/test_faults.py`` and ``bench/faults.py`` share.

Each runs a real ``storyline ingest`` (forked by ``runner.Runner``) into a store,
interrupts it (SIGKILL, a stopped server, a full disk), checks the store, runs the
ingest again and compares the result with a clean ingest by content. ``Tally``
counts what was done, for the report.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.corpus import open_store
from storyline.corpus.store import is_postgres

from .conftest import reset_postgres
from .content import content, differences
from .pgcluster import Cluster
from .runner import Run, Runner, alive, corpus, documents, ingest


def forget(target: str) -> None:
    """Empty the store at ``target``: drop the PostgreSQL schema, or delete the SQLite files."""
    if is_postgres(target):
        reset_postgres(target)
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(target + suffix).unlink(missing_ok=True)


# The longest moment a kill waits after its document count: documents are written in
# bursts (one per chunk analysed), a few milliseconds each, so a short wait lands most
# kills inside a burst rather than after the run has ended.
AFTER = 0.1


@dataclass
class Tally:
    """What a fault loop did: the counts the closing report gives."""

    kills: int = 0  # ingests ended by SIGKILL while running
    storing: int = 0  # of them, ingests killed after they had stored documents
    early: int = 0  # of them, ingests killed before they had created their store
    finished: int = 0  # ingests that completed before their kill came
    checks: int = 0  # integrity checks run on the store, each one passed
    comparisons: int = 0  # whole stores compared by content with a clean ingest
    rows: int = 0  # rows compared by content, over all comparisons
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {k: round(v, 1) if isinstance(v, float) else v for k, v in vars(self).items()}


def created(target: str) -> bool:
    """Whether the ingest has created its store (a PostgreSQL store is made on connecting)."""
    return is_postgres(target) or Path(target).is_file()


def consistent(target: str, tally: Tally) -> dict[str, int]:
    """Check the store at ``target`` (raising on a problem); returns its row counts."""
    with open_store(target, "write") as store:
        problems = store.check()
        counts = store.counts()
    assert problems == [], problems
    tally.checks += 1
    return counts


def same_content(target: str, clean: dict[str, list[str]], tally: Tally) -> None:
    """The store at ``target`` holds exactly the rows of the clean ingest (raising if not)."""
    with open_store(target) as store:
        found = content(store)
    assert differences(found, clean) == {}
    tally.comparisons += 1
    tally.rows += sum(len(rows) for rows in found.values())


def kill_loop(runner: Runner, source: Path, target: str, kills: int = 20, seed: int = 7) -> Tally:
    """Ingest ``source`` into ``target`` and kill it with SIGKILL, ``kills`` times.

    First a clean ingest gives the reference content; the store is emptied.
    Then each round starts the ingest (resuming what the last one left), waits
    until a random number of further documents is written, sleeps a random moment
    more and kills it; the store must pass its integrity check. A round that
    leaves every document stored (its ingest completed before its kill, or was
    killed after its last write) compares the store with the clean one and starts
    again from an empty store; a kill before the ingest created its store leaves
    nothing to check. A last ingest completes the corpus, whose
    content must equal the clean ingest's.
    """
    started = time.monotonic()
    rng = random.Random(seed)
    tally = Tally()
    clean = reference(runner, source, target, tally)
    total = len(clean["documents"])
    forget(target)
    while tally.kills < kills:
        done = documents(target)
        pid = runner.start(ingest(source, target))
        wait_for = rng.randint(done, total)
        deadline = time.monotonic() + 120
        while alive(pid) and documents(target) < wait_for and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0, AFTER))
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        ended = runner.wait()
        assert ended.code in (0, -signal.SIGKILL), ended.stderr
        if ended.code != 0 and done == 0 and not created(target):
            tally.kills += 1  # killed before it created the store: nothing to check
            tally.early += 1
            continue
        counts = consistent(target, tally)
        assert counts["documents"] <= total
        if ended.code == 0:
            tally.finished += 1
        else:
            tally.kills += 1
            tally.storing += counts["documents"] > done
        if counts["documents"] == total:  # complete, the kill came after the last write
            same_content(target, clean, tally)
            forget(target)
    last = runner.run(ingest(source, target))
    assert last.code == 0, last.stderr
    consistent(target, tally)
    same_content(target, clean, tally)
    tally.seconds = time.monotonic() - started
    return tally


@dataclass
class Fault:
    """An ingest interrupted by a fault, then run again: what each run and the store did."""

    interrupted: Run
    completed: Run
    before: int  # documents in the store when the fault came (a lower bound)
    kept: int  # documents in the store after the fault
    total: int  # documents of a complete ingest
    tally: Tally = field(default_factory=Tally)


def reference(runner: Runner, source: Path, target: str, tally: Tally) -> dict[str, list[str]]:
    """The content of a clean ingest of ``source`` into ``target``."""
    run = runner.run(ingest(source, target))
    assert run.code == 0, run.stderr
    consistent(target, tally)
    with open_store(target) as store:
        return content(store)


def complete(
    runner: Runner, source: Path, target: str, clean: dict[str, list[str]], tally: Tally
) -> Run:
    """Ingest ``source`` again after a fault; the store must equal the clean one."""
    run = runner.run(ingest(source, target))
    consistent(target, tally)
    same_content(target, clean, tally)
    return run


# Documents per transaction in these ingests: the corpus of twelve gets three commits
# for kills and a full disk to fall between.
COMMIT_EVERY = 4
FAULT_ENV = {"STORYLINE_COMMIT_EVERY": str(COMMIT_EVERY)}  # the Runner's environment


def long_corpus(path: Path) -> Path:
    """A corpus long enough that an ingest is still analysing when its server stops:
    the first commit the outage waits for holds ``COMMIT_EVERY`` documents, and what is
    left must outlast the stop."""
    corpus(path, articles=10 * COMMIT_EVERY)
    return path


def disk_full(runner: Runner, source: Path, folder: Path) -> tuple[Fault, int]:
    """Ingest into a SQLite store whose files may not grow past a limit, then without it.

    The limit (``RLIMIT_FSIZE`` on the ingest, twice the size of a clean store) is
    reached before the end, as a full disk would be. Returns what happened and the limit.
    """
    tally = Tally()
    clean_db, target = str(folder / "clean.db"), str(folder / "full.db")
    clean = reference(runner, source, clean_db, tally)
    # The write-ahead log grows past the finished store's size before the end.
    limit = 2 * Path(clean_db).stat().st_size
    full = runner.run(ingest(source, target), {"RLIMIT_FSIZE": limit})
    kept = consistent(target, tally)["documents"]
    again = complete(runner, source, target, clean, tally)
    return Fault(full, again, 0, kept, len(clean["documents"]), tally), limit


def outage(runner: Runner, cluster: Cluster, source: Path, mode: str) -> Fault:
    """Stop the cluster in the middle of an ingest, start it again and complete the ingest.

    The clean ingest it is compared with goes into a database of its own.
    """
    tally = Tally()
    clean_url, target = cluster.database(f"clean_{mode}"), cluster.database(f"outage_{mode}")
    clean = reference(runner, source, clean_url, tally)
    pid = runner.start(ingest(source, target))
    deadline = time.monotonic() + 120
    while alive(pid) and documents(target) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    committed = documents(target)
    cluster.stop(mode)
    stopped = runner.wait()
    cluster.start()
    kept = consistent(target, tally)["documents"]
    resumed = complete(runner, source, target, clean, tally)
    return Fault(stopped, resumed, committed, kept, len(clean["documents"]), tally)
