"""Fault loops: kills, integrity checks and rows compared, per backend.

Usage: python bench/faults.py [--kills N] [--seed S] [--pg URL]

Runs the fault tests' own loops (tests/corpus/faults.py) on their generated
corpus and reports what they did: a real ``storyline ingest`` killed with SIGKILL
N times (default 20) on SQLite and, when ``--pg`` (or STORYLINE_TEST_PG) names a
server, on PostgreSQL in a database made for the run and dropped after it; the
PostgreSQL server stopped mid-ingest (``fast`` and ``immediate``) on a throw-away
cluster, when the server programs are installed; and a SQLite store's disk filled
(``RLIMIT_FSIZE``). Each row gives the kills (``storing``: of them, the kills of
a run that had already stored documents), the integrity checks passed, the
whole-store comparisons with a clean ingest and the rows they compared, and the
seconds. The last line is one JSON object with these figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository's tests/

from tests.corpus.faults import FAULT_ENV, Tally, disk_full, kill_loop, long_corpus, outage
from tests.corpus.pgcluster import Cluster, server_bin
from tests.corpus.runner import Runner, corpus

from storyline.corpus.store.postgres import create_database, drop_database


def timed(tally: Tally, started: float, outcome: str = "") -> dict[str, Any]:
    return {**tally.to_dict(), "seconds": round(time.monotonic() - started, 1), "outcome": outcome}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pg", default=os.environ.get("STORYLINE_TEST_PG"), help="PostgreSQL URL")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="storyline-faults-"))
    source = folder / "corpus.jsonl"
    documents = corpus(source)
    print(f"corpus: {documents} documents in {source}", file=sys.stderr)
    runner = Runner(folder, env=FAULT_ENV)
    long = long_corpus(folder / "long.jsonl")
    rows: dict[str, dict[str, Any]] = {}
    try:
        started = time.monotonic()
        target = str(folder / "kills.db")
        rows["sqlite kills"] = timed(
            kill_loop(runner, source, target, args.kills, args.seed),
            started,
        )
        if args.pg:
            name = f"storyline_faults_{os.getpid()}"
            url = create_database(args.pg, name)
            try:
                started = time.monotonic()
                rows["postgresql kills"] = timed(
                    kill_loop(runner, source, url, args.kills, args.seed),
                    started,
                )
            finally:
                drop_database(args.pg, name)
        started = time.monotonic()
        full, _ = disk_full(runner, source, folder)
        rows["sqlite disk full"] = timed(full.tally, started, f"exit {full.interrupted.code}")
        programs = server_bin()
        if programs is not None:
            cluster = Cluster(programs)
            try:
                for mode in ("fast", "immediate"):
                    started = time.monotonic()
                    found = outage(runner, cluster, long, mode)
                    rows[f"postgresql stop {mode}"] = timed(
                        found.tally, started, f"exit {found.interrupted.code}"
                    )
            finally:
                cluster.close()
    finally:
        runner.close()
    print(
        f"{'case':<24} {'kills':>5} {'storing':>7} {'checks':>6} {'compared':>8} {'rows':>7}"
        f" {'seconds':>7}  outcome"
    )
    for case, r in rows.items():
        print(
            f"{case:<24} {r['kills']:>5} {r['storing']:>7} {r['checks']:>6} {r['comparisons']:>8}"
            f" {r['rows']:>7}"
            f" {r['seconds']:>7.1f}  {r['outcome'] or 'all checks passed'}"
        )
    print(json.dumps({"documents": documents, "load": os.getloadavg()[0], "cases": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
