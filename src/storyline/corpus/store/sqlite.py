"""The SQLite backend: one file, WAL journal, FTS5 over article text and quotes."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from storyline.corpus.store.base import Mode, Store
from storyline.corpus.store.bigrams import terms
from storyline.corpus.store.browse import MARK, UNMARK
from storyline.errors import (
    ReadOnlyStoreError,
    StoreError,
    StoreNotFoundError,
    StoreUnavailableError,
)

TYPES = {
    "id": "INTEGER PRIMARY KEY",
    "int": "INTEGER",
    "float": "REAL",
    "text": "TEXT",
    "blob": "BLOB",
}

# External-content FTS5 tables, kept in step with their tables by triggers.
_QUOTES_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5("
    "text, speaker_name, content='quotes', content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER IF NOT EXISTS quotes_fts_insert AFTER INSERT ON quotes BEGIN"
    " INSERT INTO quotes_fts(rowid, text, speaker_name)"
    " VALUES (new.id, new.text, new.speaker_name); END",
    "CREATE TRIGGER IF NOT EXISTS quotes_fts_delete AFTER DELETE ON quotes BEGIN"
    " INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name)"
    " VALUES ('delete', old.id, old.text, old.speaker_name); END",
)
_OLD = "('delete', old.id, old.title, old.text, old.bigrams)"
_NEW = "(new.id, new.title, new.text, new.bigrams)"
SEARCH: dict[int, tuple[str, ...]] = {
    1: (
        "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
        "title, text, content='articles', content_rowid='id', tokenize='porter unicode61')",
        "CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN"
        " INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
        "CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN"
        " INSERT INTO articles_fts(articles_fts, rowid, title, text)"
        " VALUES ('delete', old.id, old.title, old.text); END",
        *_QUOTES_FTS,
    ),
    # Version 3: the CJK pairs of each article (``bigrams``) indexed beside its text.
    # The store fills the column after these statements; the update trigger indexes it.
    3: (
        "ALTER TABLE articles ADD COLUMN bigrams TEXT",
        "DROP TRIGGER IF EXISTS articles_fts_insert",
        "DROP TRIGGER IF EXISTS articles_fts_delete",
        "DROP TABLE IF EXISTS articles_fts",
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, bigrams,"
        " content='articles', content_rowid='id', tokenize='porter unicode61')",
        "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
        f" INSERT INTO articles_fts(rowid, title, text, bigrams) VALUES {_NEW}; END",
        "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
        f" INSERT INTO articles_fts(articles_fts, rowid, title, text, bigrams) VALUES {_OLD}; END",
        "CREATE TRIGGER articles_fts_update AFTER UPDATE OF bigrams ON articles BEGIN"
        f" INSERT INTO articles_fts(articles_fts, rowid, title, text, bigrams) VALUES {_OLD};"
        f" INSERT INTO articles_fts(rowid, title, text, bigrams) VALUES {_NEW}; END",
        "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
    ),
}


def _uri(path: Path, mode: Mode) -> str:
    """The SQLite URI of ``path``: read-only for reading.

    A store in WAL mode needs its ``-shm`` file to be read. Where the folder is not
    writable and that file is absent, the store is opened ``immutable``: it is then read
    as it was when opened, without seeing later commits.
    """
    uri = f"file:{urllib.parse.quote(str(path.resolve()))}"
    if mode != "read":
        return uri
    shm = path.with_name(path.name + "-shm")
    if not shm.exists() and not os.access(path.parent, os.W_OK):
        return f"{uri}?immutable=1"
    return f"{uri}?mode=ro"


# Primary result codes after which no write can succeed, with what they mean.
UNAVAILABLE = {
    sqlite3.SQLITE_FULL: "the disk is full",
    sqlite3.SQLITE_IOERR: "a write failed: the disk may be full or the file over a size limit",
}


def match_query(text: str) -> str:
    """An FTS5 query that needs every word of ``text``, whatever punctuation it holds;
    a CJK word is the phrase of its character pairs."""
    plain, phrases = terms(text)
    quoted = [w.replace('"', '""') for w in plain if w.strip('"')] + phrases
    return " ".join(f'"{w}"' for w in quoted)


class SQLiteStore(Store):
    """A store in one SQLite file."""

    backend = "sqlite"
    types = TYPES
    search_schema = SEARCH

    def __init__(self, path: str | Path, mode: Mode = "create") -> None:
        self.path = Path(path)
        self.name = str(path)
        if mode != "create" and not self.path.is_file():
            raise StoreNotFoundError(f"{path}: no store there")
        if mode != "read" and self.path.exists() and not os.access(self.path, os.W_OK):
            raise ReadOnlyStoreError(f"{path}: the store is read-only")
        try:
            # Autocommit mode: transactions are opened explicitly, one per document.
            self.conn = sqlite3.connect(
                _uri(self.path, mode),
                isolation_level=None,
                timeout=60,
                uri=True,
                # Ingest runs a few hundred statements over and over, prepared once.
                cached_statements=512,
            )
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open the store ({exc})") from None
        self.conn.row_factory = sqlite3.Row
        self._forget()
        if mode == "read":
            self._execute("PRAGMA query_only = ON")
        else:
            self._execute("PRAGMA journal_mode = WAL")
            # WAL keeps commits atomic; fsync at checkpoints is enough.
            self._execute("PRAGMA synchronous = NORMAL")
            # 64 MB of page cache (the default is 2 MB): ingest looks up indexes that grow
            # with the corpus (names, terms, stories), which should stay in memory.
            self._execute("PRAGMA cache_size = -65536")
        self._execute("PRAGMA foreign_keys = ON")
        self._open(mode)

    def _tables(self) -> list[str]:
        rows = self.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        return [str(r["name"]) for r in rows]

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        try:
            self.conn.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def _error(self, exc: sqlite3.Error) -> StoreError:
        """A failed statement as a store error; a full or failing disk stops every write."""
        code = getattr(exc, "sqlite_errorcode", None)
        meaning = UNAVAILABLE.get(code & 0xFF) if code is not None else None
        if meaning is not None:
            return StoreUnavailableError(f"{self.path}: {exc} ({meaning})")
        return StoreError(f"{self.path}: {exc}")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:  # inside one: a savepoint, undone alone when its block fails
            yield from self._savepoint()
            return
        asked = time.monotonic()
        self._execute("BEGIN IMMEDIATE")  # waits while another connection writes
        self.lock_wait += time.monotonic() - asked
        self._depth = 1
        try:
            yield
            self._execute("COMMIT")
        except BaseException:
            # A failed COMMIT may leave the transaction open (a full disk does).
            with contextlib.suppress(sqlite3.Error):
                self.conn.rollback()
            raise
        finally:
            self._depth = 0
            self._forget()

    def _savepoint(self) -> Iterator[None]:
        name = f"level{self._depth}"
        self._execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield
        except BaseException as exc:
            self._forget()
            try:
                self._execute(f"ROLLBACK TO {name}")
                self._execute(f"RELEASE {name}")
                undone = self.conn.in_transaction
            except StoreError:
                undone = False
            # Some failures end the whole transaction (out of memory, an interrupted
            # statement); a savepoint not undone would leave its rows half-written.
            if (
                not undone
                and isinstance(exc, Exception)
                and not isinstance(exc, StoreUnavailableError)
            ):
                raise StoreUnavailableError(
                    f"{exc} (the transaction it was part of is lost)"
                ) from exc
            raise
        finally:
            self._depth -= 1
        self._execute(f"RELEASE {name}")

    def close(self) -> None:
        self.conn.close()

    def _matching(self, text: str) -> tuple[str, list[Any]]:
        # An empty query matches nothing (FTS5 refuses it).
        return (
            "SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ?",
            [match_query(text) or '""'],
        )

    def _ranked(self, text: str, from_id: int) -> tuple[str, list[Any]]:
        # FTS5 reads a rowid range from its index: only the pool is scored.
        return (
            "SELECT rowid AS id, bm25(articles_fts) AS rank FROM articles_fts"
            " WHERE articles_fts MATCH ? AND rowid >= ?",
            [match_query(text) or '""', from_id],
        )

    def _snippets(self, text: str, ids: Sequence[int]) -> dict[int, str]:
        rows = self.query(
            f"SELECT rowid, snippet(articles_fts, 1, '{MARK}', '{UNMARK}', ' … ', 16) AS snippet"
            f" FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN ({', '.join('?' for _ in ids)})",
            [match_query(text), *ids],
        )
        return {int(r["rowid"]): r["snippet"] for r in rows}

    def search_quotes(self, text: str, limit: int = 50) -> list[int]:
        query = match_query(text)
        if not query:
            return []
        rows = self.query(
            "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        )
        return [int(r["rowid"]) for r in rows]

    def plan(self, sql: str, params: Sequence[Any] = ()) -> list[str]:
        return [str(r["detail"]) for r in self.query(f"EXPLAIN QUERY PLAN {sql}", params)]

    def size_bytes(self) -> int:
        self._execute("PRAGMA wal_checkpoint(TRUNCATE)")
        row = self._one(
            "SELECT page_count * page_size AS n FROM pragma_page_count, pragma_page_size"
        )
        return int(row["n"]) if row else 0

    def check(self) -> list[str]:
        problems = [
            f"sqlite: {r[0]}"
            for r in self._execute("PRAGMA integrity_check").fetchall()
            if r[0] != "ok"
        ]
        problems += [
            f"sqlite: broken reference in {r[0]}"
            for r in self._execute("PRAGMA foreign_key_check").fetchall()
        ]
        return problems + self._search_problems() + super().check()

    def _search_problems(self) -> list[str]:
        """The full-text indexes against the rows they index."""
        problems = []
        for table, of in (("articles_fts", "articles"), ("quotes_fts", "quotes")):
            # The index's own record of each row, then (on a store open for writing)
            # FTS5's check of every indexed word against the rows (rank 1: the content).
            row = self._one(
                f"SELECT (SELECT COUNT(*) FROM {table}_docsize) AS indexed,"
                f" (SELECT COUNT(*) FROM {of}) AS n"
            )
            if row and row["indexed"] != row["n"]:
                problems.append(f"sqlite: {table} indexes {row['indexed']} of {row['n']} rows")
            if not self._one("PRAGMA query_only")["query_only"]:  # type: ignore[index]
                try:
                    self._execute(
                        f"INSERT INTO {table}({table}, rank) VALUES('integrity-check', 1)"
                    )
                except StoreError as exc:
                    problems.append(f"sqlite: {table} does not match {of} ({exc.__cause__})")
        return problems
