"""What the fault tests and ``bench/faults.py`` share: a generated corpus, a process
that runs ``storyline`` commands with the model already loaded, and a comparison of
two stores by content.

Starting Python and loading the language model takes seconds; a loop of twenty
kills would spend most of its time there. ``Runner`` starts one process that loads
the model and then forks one child per command: each child is a real
``storyline`` command (``storyline.cli.main``) that can be killed with SIGKILL like
any other, and the next child starts with the model in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.corpus import open_store
from storyline.corpus.store import TABLES as STORE_TABLES
from storyline.corpus.store import Store, is_postgres
from storyline.corpus.store.postgres import create_database

from .conftest import reset_postgres

HERE = Path(__file__).parent
SENTENCE = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])")
ROOT = HERE.parents[1]

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
    """Runs ``storyline`` commands as forked children of one process holding the model."""

    def __init__(self, folder: Path, env: dict[str, str] | None = None) -> None:
        self.folder = folder
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _SERVER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONWARNINGS": "ignore", **(env or {})},
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


def forget(target: str) -> None:
    """Empty the store at ``target``: drop the PostgreSQL schema, or delete the SQLite files."""
    if is_postgres(target):
        reset_postgres(target)
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(target + suffix).unlink(missing_ok=True)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@dataclass
class Tally:
    """What a fault loop did: the counts the closing report gives."""

    kills: int = 0  # ingests ended by SIGKILL while running
    finished: int = 0  # ingests that completed before their kill came
    checks: int = 0  # integrity checks run on the store, each one passed
    comparisons: int = 0  # whole stores compared by content with a clean ingest
    rows: int = 0  # rows compared by content, over all comparisons
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {k: round(v, 1) if isinstance(v, float) else v for k, v in vars(self).items()}


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
    more and kills it; the store must pass its integrity check. A round whose
    ingest completes before its kill compares the store with the clean one and
    starts again from an empty store. A last ingest completes the corpus, whose
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
        wait_for = rng.randint(done, total - 1)
        deadline = time.monotonic() + 120
        while alive(pid) and documents(target) < wait_for and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.3))
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        ended = runner.wait()
        assert ended.code in (0, -signal.SIGKILL), ended.stderr
        counts = consistent(target, tally)
        assert counts["documents"] <= total
        if ended.code == 0:
            tally.finished += 1
            same_content(target, clean, tally)
            forget(target)
        else:
            tally.kills += 1
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


# --- a PostgreSQL cluster of its own ---------------------------------------------------


def server_bin() -> Path | None:
    """The folder of the newest installed PostgreSQL server programs, if any."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Cluster:
    """A throw-away PostgreSQL server in a temporary folder, on a free port, as ``.ci/run``
    starts one: run as the ``postgres`` user when we are root (initdb refuses root)."""

    def __init__(self, programs: Path) -> None:
        self.programs = programs
        self.folder = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
        self.port = free_port()
        if os.getuid() == 0:
            shutil.chown(self.folder, "postgres")
        self._pg("initdb", "-D", "data", "-A", "trust", "-U", "postgres")
        self.start()

    def _pg(self, program: str, *args: str) -> None:
        command = [str(self.programs / program), *args]
        if os.getuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, cwd=self.folder, check=True, capture_output=True)

    def start(self) -> None:
        options = f"-h 127.0.0.1 -p {self.port} -k {self.folder} -F"
        self._pg("pg_ctl", "-D", "data", "-l", "log", "-w", "-s", "-o", options, "start")

    def stop(self, mode: str = "fast") -> None:
        self._pg("pg_ctl", "-D", "data", "-m", mode, "-w", "-s", "stop")

    def database(self, name: str) -> str:
        """A new database on the cluster; returns its URL."""
        return create_database(f"postgresql://postgres@127.0.0.1:{self.port}/postgres", name)

    def close(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


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


# --- comparing two stores by content ----------------------------------------------------

# Columns that are not content: ids (sequences do not roll back) and clocks.
NOT_CONTENT = {"id", "ingested_at", "created_at"}
ENTITY_KEY = re.compile(r"e:(\d+)")  # a corpus entity in a story profile or index key


@dataclass
class Names:
    """What each id stands for, by content: the names ``content`` puts in place of ids."""

    article: dict[int, str] = field(default_factory=dict)  # its content hash
    document: dict[int, str] = field(default_factory=dict)  # its key
    group: dict[int, str] = field(default_factory=dict)  # its original document's key
    entity: dict[int, str] = field(default_factory=dict)  # its name and type
    story: dict[int, str] = field(default_factory=dict)  # its articles' content hashes

    def plain(self, key: str, value: Any) -> Any:
        """``value`` of column or JSON key ``key`` with ids replaced by what they name."""
        if isinstance(value, bytes | memoryview):
            return bytes(value).hex()
        if isinstance(value, str) and value[:1] in "{[":
            try:
                value = json.loads(value)
            except ValueError:
                return value
        if isinstance(value, dict):
            return {self._entity(k): self.plain(k, v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.plain(key, v) for v in value]
        if isinstance(value, str):
            return self._entity(value)
        names = self.ids.get(key)
        return names.get(value, value) if names is not None and value is not None else value

    def _entity(self, text: str) -> str:
        found = ENTITY_KEY.fullmatch(text)
        return f"e:{self.entity.get(int(found[1]))}" if found else text

    @property
    def ids(self) -> dict[str, dict[int, str]]:
        return {
            "article_id": self.article,
            "central_article": self.article,
            "copy_of": self.article,
            "original_document": self.document,
            "group_id": self.group,
            "corpus_id": self.entity,
            "story_id": self.story,
            "runner_up": self.story,
            "story": self.story,
        }


def names(store: Store) -> Names:
    found = Names()
    for r in store.query("SELECT id, content_hash FROM articles"):
        found.article[r["id"]] = r["content_hash"]
    for r in store.query("SELECT id, key FROM documents"):
        found.document[r["id"]] = r["key"]
    for r in store.query("SELECT id, original_document FROM duplicate_groups"):
        found.group[r["id"]] = found.document.get(r["original_document"], "?")
    for r in store.query("SELECT id, name, type FROM corpus_entities"):
        found.entity[r["id"]] = f"{r['name']}|{r['type']}"
    members: dict[int, list[str]] = {}
    for r in store.query("SELECT story_id, article_id FROM story_articles"):
        members.setdefault(r["story_id"], []).append(found.article.get(r["article_id"], "?"))
    found.story = {k: "|".join(sorted(v)) for k, v in members.items()}
    return found


def content(store: Store) -> dict[str, list[str]]:
    """Per table, the sorted digests of its rows, with every id replaced by content.

    An article is named by its content hash, a document by its key, a duplicate
    group by its original's key, a corpus entity by its name and type, a story by
    the content hashes of its articles, inside JSON columns too.
    """
    named = names(store)
    out: dict[str, list[str]] = {}
    for table in TABLES:
        digests = []
        for batch in store.rows(table):
            for row in batch:
                kept = {k: named.plain(k, v) for k, v in row.items() if k not in NOT_CONTENT}
                if table == "stories":
                    kept["members"] = named.story.get(row["id"])
                canonical = json.dumps(kept, sort_keys=True, default=str)
                digests.append(hashlib.sha256(canonical.encode()).hexdigest())
        out[table] = sorted(digests)
    return out


def differences(one: dict[str, list[str]], other: dict[str, list[str]]) -> dict[str, str]:
    """Tables whose content differs, with the row counts of each side."""
    return {
        table: f"{len(one[table])} rows against {len(other[table])}"
        + (", same count, other content" if len(one[table]) == len(other[table]) else "")
        for table in one
        if one[table] != other[table]
    }


TABLES = tuple(t for t in STORE_TABLES if t != "watches")
