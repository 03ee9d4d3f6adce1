"""Faults, for real: an ingest killed, its PostgreSQL server stopped, its disk full.

The kill loop (``faults.kill_loop``) kills a real ``storyline ingest``
``STORYLINE_FAULT_KILLS`` times (20 by default) on each backend, at random points
drawn from a fixed seed (``STORYLINE_KILL_SEED``), checks the store after every
kill, resumes, and compares the final store with a clean ingest of the same
generated corpus, row by row and by content. A PostgreSQL server of the module's
own is stopped in the middle of an ingest; a SQLite store's files are given a size
limit. Each time the ingest must stop with one line and its exit code, keep what
it committed, and a later ingest must complete the store to the clean one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.errors import StoreUnavailableError

from .conftest import PG_URL, reset_postgres
from .faults import FAULT_ENV, disk_full, kill_loop, long_corpus, outage
from .pgcluster import Cluster, server_bin
from .runner import Runner, corpus

KILLS = int(os.environ.get("STORYLINE_FAULT_KILLS", "20"))
SEED = int(os.environ.get("STORYLINE_KILL_SEED", "7"))


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runner]:
    """One process holding the model, forking each ``storyline`` command of this module."""
    started = Runner(tmp_path_factory.mktemp("runner"), env=FAULT_ENV)
    yield started
    started.close()


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    corpus(path)
    return path


@pytest.fixture(scope="module")
def long_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus long enough that an ingest is still analysing when its server stops."""
    return long_corpus(tmp_path_factory.mktemp("long") / "corpus.jsonl")


def test_killed_ingests_leave_a_whole_store_and_resume_to_a_clean_ingest(
    target: str, runner: Runner, source: Path
) -> None:
    tally = kill_loop(runner, source, target, KILLS, SEED)
    print(
        f"\n{'postgresql' if target.startswith('postgresql://') else 'sqlite'}: {tally.to_dict()}"
    )
    assert tally.kills == KILLS
    # The clean ingest, every kill after the store existed, every completed round and
    # the last run were checked.
    assert tally.checks == 1 + KILLS - tally.early + tally.finished + 1
    assert tally.finished + 1 <= tally.comparisons <= tally.finished + KILLS + 1
    assert tally.rows >= 500 * tally.comparisons


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    """A PostgreSQL server of this module's own, which its tests stop and start."""
    programs = server_bin()
    if programs is None:
        pytest.skip("the PostgreSQL server programs (initdb, pg_ctl) are not installed")
    started = Cluster(programs)
    yield started
    started.close()


@pytest.mark.postgres
@pytest.mark.parametrize("mode", ["fast", "immediate"])
def test_a_server_stopped_mid_ingest_is_one_line_and_a_rerun_completes_the_store(
    runner: Runner, cluster: Cluster, long_source: Path, mode: str
) -> None:
    # fast: the server ends every session and shuts down; immediate: it crashes.
    found = outage(runner, cluster, long_source, mode)
    line = found.interrupted.stderr.strip()
    print(f"\noutage ({mode}), {found.before} committed, {found.kept} kept: {line}")
    assert found.interrupted.code == StoreUnavailableError.exit_code == 5
    assert found.interrupted.stderr.count("\n") == 1, found.interrupted.stderr
    assert line.startswith("storyline: error: PostgreSQL is unavailable (")
    assert line.endswith("re-run to resume")
    # Nothing committed before the stop was lost, and the run had not finished.
    assert 2 <= found.before <= found.kept < found.total
    assert found.completed.code == 0, found.completed.stderr
    assert (found.tally.checks, found.tally.comparisons) == (3, 1)
    assert found.tally.rows >= 500


def test_a_full_disk_is_one_line_and_a_later_ingest_completes_the_store(
    runner: Runner, source: Path, tmp_path: Path
) -> None:
    found, limit = disk_full(runner, source, tmp_path)
    line = found.interrupted.stderr.strip()
    print(f"\ndisk full at {limit} bytes, {found.kept} of {found.total} kept: {line}")
    assert found.interrupted.code == StoreUnavailableError.exit_code == 5
    assert found.interrupted.stderr.count("\n") == 1, found.interrupted.stderr
    assert line.startswith(
        f"storyline: error: {tmp_path / 'full.db'}: disk I/O error"
        " (a write failed: the disk may be full or the file over a size limit); stopped at "
    )
    assert line.endswith("re-run to resume")
    assert 0 < found.kept < found.total
    assert found.completed.code == 0, found.completed.stderr
    assert (found.tally.checks, found.tally.comparisons) == (3, 1)


# A store whose session the server ends in the middle of a bulk write (COPY).
_ENDED_MID_COPY = """
import sys
import psycopg
from storyline.corpus import open_store
from storyline.errors import StoreUnavailableError

url = sys.argv[1]
store = open_store(url, "create")
pid = store.query("SELECT pg_backend_pid() AS p")[0]["p"]


class Ending(dict):  # a row whose reading ends the writer's session on the server
    def __getitem__(self, key):
        with psycopg.connect(url, autocommit=True) as other:
            other.execute("SELECT pg_terminate_backend(%s)", (pid,))
        return super().__getitem__(key)


rows = [Ending(term="a", df=1)] + [{"term": f"t{i}", "df": 1} for i in range(20000)]
try:
    with store.transaction():
        store._insert_many("term_stats", rows)
except StoreUnavailableError as exc:
    print(exc)
"""


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="STORYLINE_TEST_PG is not set")
def test_a_session_ended_mid_copy_is_the_error_alone_on_stderr() -> None:
    assert PG_URL
    reset_postgres(PG_URL)
    done = subprocess.run(
        [sys.executable, "-c", _ENDED_MID_COPY, PG_URL], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("PostgreSQL is unavailable (sending copy data failed: ")
    # psycopg's note that ending the COPY failed too stays out of the output.
    assert done.stderr == ""
