"""Running ``storyline`` commands for the fault tests, with the model already loaded.

Starting Python and loading the language model takes seconds; a loop of twenty
kills would spend most of its time there. ``Runner`` starts one process that loads
the model and then forks one child per command: each child is a real
``storyline`` command (``storyline.cli.main``) that can be killed with SIGKILL like
any other, and the next child starts with the model in memory. ``corpus`` writes
the generated articles they ingest.
"""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.corpus.store import is_postgres

HERE = Path(__file__).parent
SENTENCE = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])")

# The child side of ``Runner``: load the model, then one fork per command line read.
# A command is a JSON list [argv, stdout file, stderr file, resource limits].
_SERVER = """
import json, os, resource, sys
from storyline import nlp
from storyline.cli import main
nlp.load()
print("ready", flush=True)
for line in sys.stdin:
    argv, out, err, limits = json.loads(line)
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        for name, value in limits.items():
            resource.setrlimit(getattr(resource, name), (value, value))
        os.dup2(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 1)
        os.dup2(os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 2)
        code = 1
        try:
            code = main(argv)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    print(pid, flush=True)
    print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), flush=True)
"""


def corpus(path: Path, articles: int = 10, seed: int = 5) -> int:
    """Write a JSON Lines corpus of generated articles to ``path``; returns its documents.

    Each article is five or six sentences of our own fixture and story articles,
    drawn in a new order with every number redrawn, so no two texts are the same.
    One article gets an exact copy under another id and one a lightly edited copy,
    so duplicate groups are written too.
    """
    rng = random.Random(seed)
    pool = sorted(
        {
            s
            for p in sorted([*HERE.glob("fixtures/*.txt"), *HERE.glob("stories/*.txt")])
            for para in p.read_text(encoding="utf-8").split("\n\n")[1:]
            for s in SENTENCE.split(para.strip())
            if len(s) > 40
        }
    )
    docs = []
    for i in range(articles):
        body = [
            re.sub(r"\d+", lambda m: str(rng.randint(2, 9 * 10 ** len(m.group()))), s)
            for s in rng.sample(pool, rng.randint(5, 6))
        ]
        text = "\n\n".join(" ".join(body[j : j + 2]) for j in range(0, len(body), 2))
        date = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 27):02d}"
        docs.append({"id": f"a{i}", "title": f"Report {i}", "date": date, "text": text})
    docs.append({**docs[1], "id": "a1-copy"})
    docs.append({**docs[2], "id": "a2-near", "text": docs[2]["text"] + "\n\nEditing by the desk."})
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return len(docs)


@dataclass
class Run:
    """One command run by ``Runner``: its exit code (-9 when killed) and output."""

    code: int
    stdout: str
    stderr: str
    seconds: float


class Runner:
    """Runs ``storyline`` commands as forked children of one process holding the model.

    The commands run without a time limit, so that an ``ingest`` with one worker analyses in
    its own process, with the model already loaded, instead of starting a watched worker
    process that would load it again."""

    def __init__(self, folder: Path, env: dict[str, str] | None = None) -> None:
        self.folder = folder
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _SERVER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={
                **os.environ,
                "PYTHONWARNINGS": "ignore",
                "STORYLINE_TIME_LIMIT": "0",
                **(env or {}),
            },
            cwd=folder,
        )
        assert self._read() == "ready"

    def _read(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def start(self, argv: Sequence[str], limits: dict[str, int] | None = None) -> int:
        """Start ``storyline ARGV`` in a child; returns its process id."""
        assert self.proc.stdin is not None
        self._out, self._err = self.folder / "stdout", self.folder / "stderr"
        line = json.dumps([list(argv), str(self._out), str(self._err), limits or {}])
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        self._started = time.monotonic()
        return int(self._read())

    def wait(self) -> Run:
        code = int(self._read())
        seconds = time.monotonic() - self._started
        return Run(code, self._out.read_text(), self._err.read_text(), seconds)

    def run(self, argv: Sequence[str], limits: dict[str, int] | None = None) -> Run:
        self.start(argv, limits)
        return self.wait()

    def close(self) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.proc.stdout.close()


def documents(target: str) -> int:
    """Rows in the ingest log, read without taking any lock the writer needs."""
    try:
        if is_postgres(target):
            import psycopg

            with psycopg.connect(target, autocommit=True, connect_timeout=2) as conn:
                row = conn.execute("SELECT COUNT(*) FROM documents").fetchone()
        else:
            reader = sqlite3.connect(f"file:{target}?mode=ro", uri=True, timeout=1)
            try:
                row = reader.execute("SELECT COUNT(*) FROM documents").fetchone()
            finally:
                reader.close()
        return int(row[0]) if row else 0
    except Exception:  # not created yet, or the server is down
        return 0


def ingest(source: Path, target: str, *extra: str) -> list[str]:
    """The ``storyline ingest`` command line of the fault tests: one worker, no progress."""
    return ["ingest", str(source), "--db", target, "-q", "-j", "1", *extra]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
