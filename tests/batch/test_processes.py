"""No orphans: a real ``ingest -j 2``, ``batch --workers 2`` or ``reanalyze -j 2`` killed takes
its workers with it."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_hostile import long_article

from ..corpus.builders import FIXTURES, stale_store

START = 300  # seconds for the command to start its workers on a loaded machine
GONE = 5  # seconds for every worker to end after the parent
WORKER = "from storyline.batch.watch import serve"  # in a worker's command line


def _stat(pid: int) -> tuple[str, int] | None:
    """A process's state letter and parent pid, or None when it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return fields[0], int(fields[1])


def _descendants(root: int) -> dict[int, str]:
    """The live processes under ``root``, with their command lines."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (found := _stat(int(entry.name))) and found[0] != "Z":
            parents[int(entry.name)] = found[1]
    out: dict[int, str] = {}
    level = {root}
    while level:
        level = {pid for pid, parent in parents.items() if parent in level}
        for pid in level:
            with contextlib.suppress(OSError):
                out[pid] = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    return out


def start_with_workers(
    args: list[str], count: int, limit: float
) -> tuple[subprocess.Popen[bytes], dict[int, str]]:
    """``python -m storyline ARGS`` in its own process group, once ``count`` workers exist
    (or it ended, or ``limit`` seconds passed): the process and its descendants then."""
    parent = subprocess.Popen(
        [sys.executable, "-m", "storyline", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own group, so whatever is left can be cleaned up
    )
    started = time.monotonic()
    children: dict[int, str] = {}
    while time.monotonic() - started < limit and parent.poll() is None:
        children = _descendants(parent.pid)
        if sum(WORKER in c for c in children.values()) == count:
            break
        time.sleep(0.1)
    return parent, children


def alive(pid: int) -> bool:
    found = _stat(pid)
    return found is not None and found[0] != "Z"  # a zombie has ended; only its entry is left


def _command(kind: str, tmp_path: Path) -> list[str]:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(FIXTURES.iterdir()):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "long.txt").write_text(long_article(800_000), encoding="utf-8")
    if kind == "ingest":
        return ["ingest", "-q", "-j", "2", "--db", str(tmp_path / "c.db"), str(folder)]
    if kind == "reanalyze":
        db = str(tmp_path / "stale.db")
        stale_store(db, {p.name: p.read_text(encoding="utf-8") for p in FIXTURES.glob("*.txt")})
        return ["reanalyze", "-q", "-j", "2", "--db", db]
    return ["batch", "-q", "--workers", "2", "--out", str(tmp_path / "out"), str(folder)]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
@pytest.mark.parametrize("kind", ["ingest", "batch", "reanalyze"])
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killing_the_parent_ends_its_workers(
    kind: str, sig: signal.Signals, tmp_path: Path
) -> None:
    parent, children = start_with_workers(_command(kind, tmp_path), 2, START)
    try:
        # Killed as soon as its workers exist: while they still import spaCy, the hardest case.
        assert sum(WORKER in c for c in children.values()) == 2, children
        os.kill(parent.pid, sig)
        assert parent.wait(timeout=GONE) == -sig
        deadline = time.monotonic() + GONE
        while time.monotonic() < deadline and any(alive(pid) for pid in children):
            time.sleep(0.1)
        assert {pid: cmd for pid, cmd in children.items() if alive(pid)} == {}
    finally:
        parent.kill()
        parent.wait()
        for pid in _descendants(parent.pid) if parent.poll() is None else ():
            os.kill(pid, signal.SIGKILL)
