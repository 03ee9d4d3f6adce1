"""A real ``storyline ingest`` killed with SIGKILL at random points leaves a whole store.

Each round starts the command, waits until a random number of documents has
been written (or kills it during start-up), sleeps a random moment more and
kills it. The store must then pass its consistency checks; a last run must
complete what the killed runs left.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from storyline.corpus import open_store

from .builders import FIXTURES, jsonl
from .conftest import SAMPLES

ROUNDS = 3


def _corpus(root: Path) -> tuple[Path, int]:
    """A folder of 10 documents: fixtures, samples, and JSON Lines variants."""
    root.mkdir()
    names = []
    for path in [*sorted(FIXTURES.iterdir()), SAMPLES / "prisoner-release.txt"]:
        (root / path.name).write_bytes(path.read_bytes())
        names.append(path.name)
    lines = [
        {"id": f"v{i}", "text": path.read_text(encoding="utf-8") + f"\n\nCorrection number {i}."}
        for i, path in enumerate(sorted(FIXTURES.glob("*.txt")))
    ]
    jsonl(root / "variants.jsonl", lines)
    return root, len(names) + len(lines)


def _documents(target: str) -> int:
    """Rows in the ingest log, read without taking any lock the writer needs."""
    try:
        if target.startswith("postgresql://"):
            import psycopg

            with psycopg.connect(target, autocommit=True) as conn:
                row = conn.execute("SELECT COUNT(*) FROM documents").fetchone()
        else:
            with sqlite3.connect(f"file:{target}?mode=ro", uri=True, timeout=1) as conn:
                row = conn.execute("SELECT COUNT(*) FROM documents").fetchone()
                conn.close()
        return int(row[0]) if row else 0
    except Exception:  # not created yet
        return 0


def _command(folder: Path, target: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "storyline", "ingest", str(folder), "--db", target, "-q", *extra]


def test_killed_ingest_leaves_a_consistent_store_and_resumes(target: str, tmp_path: Path) -> None:
    folder, total = _corpus(tmp_path / "in")
    rng = random.Random(int(os.environ.get("STORYLINE_KILL_SEED", "7")))
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    for _ in range(ROUNDS):
        proc = subprocess.Popen(
            _command(folder, target), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        wait_for = rng.randint(0, total - 1)
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if _documents(target) >= wait_for:
                break
            time.sleep(0.02)
        time.sleep(rng.uniform(0, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with open_store(target, "write") as store:
            assert store.check() == []
            counts = store.counts()
            assert counts["documents"] <= total
            assert counts["articles"] <= counts["documents"]
    done = subprocess.run(
        _command(folder, target, "-f", "json"), capture_output=True, text=True, env=env, check=False
    )
    summary = json.loads(done.stdout)
    assert done.returncode == 0, done.stderr
    assert summary["failed"] == []
    with open_store(target) as store:
        assert store.check() == []
        counts = store.counts()
    assert counts["documents"] == total
    assert summary["stored"] + summary["duplicates"] + summary["already_stored"] == total
    # Nothing was stored twice: a second complete run finds everything in place.
    again = subprocess.run(
        _command(folder, target, "-f", "json"), capture_output=True, text=True, env=env, check=True
    )
    assert json.loads(again.stdout)["already_stored"] == total
