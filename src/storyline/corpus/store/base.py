"""The store interface: one class, the same SQL for both backends.

Queries are written once with ``?`` placeholders; a backend subclass supplies
the connection, transactions, column types, full-text search and the few
statements whose spelling differs. Only this package speaks SQL.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator, Sequence
from typing import Any, ClassVar, Literal

from storyline.corpus.rows import ArticleRows, event_date, from_rows
from storyline.corpus.store import consistency, schema
from storyline.corpus.store.bigrams import bigrams
from storyline.corpus.store.browse import Browse
from storyline.corpus.store.names import rekeyed
from storyline.corpus.timeline import calendar
from storyline.errors import NotFoundError, StoreError
from storyline.models import Record

Row = dict[str, Any]

# How a store is opened: "read" never writes (queries, the web app), "write" needs an
# existing store and brings its schema up to date, "create" also makes a new one.
Mode = Literal["read", "write", "create"]
MODES: tuple[Mode, ...] = ("read", "write", "create")
FACT_TABLES = consistency.FACT_TABLES


def now() -> str:
    """The moment, in UTC to the microsecond: a digest taken within the second an
    article was stored still tells which came first."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


class Store(Browse):
    """A corpus store: articles, their facts, duplicate groups and the ingest log."""

    backend = "base"
    name = "store"  # what error messages call it: the file, or the database
    found_version = 0  # the schema version the store had when opened
    lock_wait = 0.0  # seconds spent waiting for the write lock since opened
    _depth = 0  # transactions open: 1 for a transaction, more for savepoints in it
    # Document frequencies (``stories.frequencies``) read or counted in the open
    # transaction, dropped when it ends or a savepoint in it is undone. SQLite lets no
    # other connection write meanwhile; on PostgreSQL, counts other sessions commit
    # in the meantime are seen from the next transaction.
    seen_frequencies: dict[str, int]
    types: ClassVar[dict[str, str]] = {}
    search_schema: ClassVar[dict[int, tuple[str, ...]]] = {}

    # --- connection and schema (backends override the first four) ---------------

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """A context in which every statement commits together or not at all."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction of this store is open."""
        return self._depth > 0

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _tables(self) -> list[str]:
        """The names of the tables in the store's file or database schema."""
        raise NotImplementedError

    def _lock_schema(self) -> None:
        """Keep two processes from migrating the same store at once."""

    def _storing_articles(self) -> None:
        """Within a transaction that stores an article: the counterpart of ``hold_articles``."""

    def hold_articles(self) -> None:
        """Within a transaction: wait until no other transaction is storing articles, and
        keep new ones out until this one ends, so that a moment taken now divides the
        articles it sees from those stored after it (a digest's). On SQLite the write lock
        that the transaction holds already does so."""

    def sync_ids(self, table: str) -> None:
        """Bring the id generator of ``table`` past rows inserted with explicit ids."""

    def _forget(self) -> None:
        """Drop what was read in the open transaction: it ended, or part of it was undone."""
        self.seen_frequencies = {}

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return [dict(r) for r in self._execute(sql, params).fetchall()]

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        row = self._execute(sql, params).fetchone()
        return dict(row) if row is not None else None

    def _open(self, mode: Mode) -> None:
        """Migrate a store opened for writing, or check the version of one opened to read.

        A store that cannot be opened in ``mode`` is closed before the error is raised.
        """
        try:
            if mode == "read":
                self._check_version()
                self.found_version = schema.SCHEMA_VERSION
            else:
                self.found_version = self.migrate()
        except BaseException:
            self.close()
            raise

    def _check_version(self) -> None:
        """A store opened to read must already have this storyline's schema."""
        try:
            found = self.schema_version()
        except StoreError:
            raise StoreError(f"{self.name}: not a storyline store") from None
        if found < schema.SCHEMA_VERSION:
            raise StoreError(
                f"{self.name}: the store has schema version {found}, older than this"
                f" storyline's {schema.SCHEMA_VERSION}: run 'storyline migrate' on it once"
            )
        self._refuse_newer(found)

    def migrate(self) -> int:
        """Bring the schema to ``schema.SCHEMA_VERSION``; returns the version found."""
        tables = set(self._tables())
        if tables and "schema_info" not in tables:  # another program's database
            raise StoreError(
                f"{self.name}: not a storyline store: it holds other tables"
                f" ({', '.join(sorted(tables)[:5])}); give a new file or an empty database"
            )
        self._execute("CREATE TABLE IF NOT EXISTS schema_info (version INTEGER NOT NULL)")
        with self.transaction():
            self._lock_schema()
            row = self._one("SELECT MAX(version) AS v FROM schema_info")
            found = int(row["v"]) if row and row["v"] is not None else 0
            self._refuse_newer(found)

            steps = schema.migrations(self.types, self.search_schema)
            for version in range(found + 1, schema.SCHEMA_VERSION + 1):
                for statement in steps[version]:
                    self._execute(statement)
                if version == schema.BIGRAMS_VERSION:
                    self._fill_bigrams()
                if version == schema.EVENT_DATES_VERSION:
                    self._file_event_dates()
                if version == schema.SENTENCE_DATES_VERSION:
                    self._file_event_dates_by_sentence()
                if version == schema.NAME_KEYS_VERSION:
                    self._key_names()
                self._execute("INSERT INTO schema_info (version) VALUES (?)", (version,))
        return found

    def _fill_bigrams(self) -> None:
        """Index the CJK words of the articles already stored (the search index's triggers
        or generated column pick the new values up)."""
        filled = [
            (pairs, row["id"])
            for batch in self._stream("SELECT id, title, text FROM articles ORDER BY id", 500)
            for row in batch
            if (pairs := bigrams(f"{row['title'] or ''} {row['text']}"))
        ]
        self._executemany("UPDATE articles SET bigrams = ? WHERE id = ?", filled)

    def _file_event_dates(self) -> None:
        """File each stored event as ``rows`` does since version 6: under its time's date
        of the calendar (a week at its Monday, a decade at its first year), else under its
        article's date (a time of day alone, a day without a year)."""
        fixed = [
            (day, row["id"])
            for batch in self._stream(
                "SELECT e.id, e.date, a.date AS article_date FROM events e"
                " JOIN articles a ON a.id = e.article_id WHERE e.date IS NOT NULL ORDER BY e.id",
                500,
            )
            for row in batch
            if row["date"] != row["article_date"]
            and (day := calendar(row["date"]) or row["article_date"]) != row["date"]
        ]
        self._executemany("UPDATE events SET date = ? WHERE id = ?", fixed)

    def _file_event_dates_by_sentence(self, batch: int = 500) -> None:
        """File each stored event as ``rows.event_date`` does since version 7: under its
        time's date of the calendar, else under that of the time expression in its
        sentence nearest its trigger, else under its article's day. The events are read
        ``batch`` at a time, with the time expressions of their articles' records."""
        fixed = []
        for events in self._stream(
            "SELECT id, article_id, date, data FROM events ORDER BY article_id, id", batch
        ):
            ids = sorted({int(e["article_id"]) for e in events})
            articles = {
                int(a["id"]): a
                for a in self.query(
                    "SELECT id, date, record FROM articles"
                    f" WHERE id IN ({', '.join('?' for _ in ids)})",
                    ids,
                )
            }
            times: dict[int, list[Row]] = {
                i: json.loads(a["record"]).get("times") or [] for i, a in articles.items()
            }
            for e in events:
                article = int(e["article_id"])
                day = event_date(json.loads(e["data"]), times[article], articles[article]["date"])
                if day != e["date"]:
                    fixed.append((day, e["id"]))
        self._executemany("UPDATE events SET date = ? WHERE id = ?", fixed)

    def _key_names(self) -> None:
        """Key the names index as ``names.name_key`` does since version 8 (without the
        accents of Latin letters), each entity's name once per key and kind. Entities
        already split by an accent stay two: a new article's name joins the one in more articles."""
        rows = self.query("SELECT name, corpus_id, kind FROM entity_names")
        keyed = {(rekeyed(r["name"]), int(r["corpus_id"]), r["kind"]) for r in rows}
        if keyed == {(r["name"], int(r["corpus_id"]), r["kind"]) for r in rows}:
            return
        self._execute("DELETE FROM entity_names")
        self._insert_many(
            "entity_names",
            [{"name": n, "corpus_id": c, "kind": k} for n, c, k in sorted(keyed, key=str)],
        )

    def _refuse_newer(self, found: int) -> None:
        if found > schema.SCHEMA_VERSION:
            raise StoreError(
                f"{self.name}: the store has schema version {found}; this storyline knows up"
                f" to {schema.SCHEMA_VERSION}: upgrade storyline"
            )

    def schema_version(self) -> int:
        row = self._one("SELECT MAX(version) AS v FROM schema_info")
        return int(row["v"]) if row and row["v"] is not None else 0

    # --- writing ----------------------------------------------------------------------

    def _insert(self, table: str, row: Row) -> int:
        cols = list(row)
        names = ", ".join(f'"{c}"' for c in cols)
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' for _ in cols)}) RETURNING id"
        result = self._execute(sql, [row[c] for c in cols]).fetchone()
        return int(result["id"])

    def _insert_many(self, table: str, rows: list[Row]) -> None:
        if not rows:
            return
        cols = list(rows[0])
        names = ", ".join(f'"{c}"' for c in cols)
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' for _ in cols)})"
        self._executemany(sql, [[r[c] for c in cols] for r in rows])

    def has_key(self, key: str) -> bool:
        """Whether an input document with this key was already ingested."""
        return self._one("SELECT 1 AS x FROM documents WHERE key = ?", (key,)) is not None

    def article_of_key(self, key: str) -> int | None:
        """The article an input document with this key was stored as, or is a copy of."""
        row = self._one("SELECT article_id FROM documents WHERE key = ?", (key,))
        return None if row is None or row["article_id"] is None else int(row["article_id"])

    def find_hash(self, content_hash: str) -> Row | None:
        """The stored article with this content hash: id, source, url, document_id."""
        return self._one(
            "SELECT a.id, a.source, a.url, d.id AS document_id FROM articles a"
            " JOIN documents d ON d.article_id = a.id AND d.status = 'stored'"
            " WHERE a.content_hash = ?",
            (content_hash,),
        )

    def candidates(self, buckets: Sequence[tuple[int, int]]) -> list[Row]:
        """Articles sharing an LSH bucket: id, document_id and MinHash signature."""
        if not buckets:
            return []
        match = " OR ".join("(m.band = ? AND m.bucket = ?)" for _ in buckets)
        rows = self.query(
            "SELECT DISTINCT a.id, a.minhash, d.id AS document_id FROM minhash_bands m"
            " JOIN articles a ON a.id = m.article_id"
            " JOIN documents d ON d.article_id = a.id AND d.status = 'stored'"
            f" WHERE {match} ORDER BY a.id",
            [value for pair in buckets for value in pair],
        )
        for row in rows:
            row["minhash"] = bytes(row["minhash"])
        return rows

    def add_article(
        self, rows: ArticleRows, document: Row, near: tuple[int, float] | None = None
    ) -> int:
        """Write one article, its facts and its ingest-log row in one transaction.

        ``near`` is (document id, similarity) of the stored article it nearly copies.
        """
        with self.transaction():
            self._storing_articles()
            article = {**rows.article, "ingested_at": now()}
            if pairs := bigrams(f"{article['title'] or ''} {article['text']}"):
                article["bigrams"] = pairs
            article_id = self._insert("articles", article)
            for table, items in rows.tables.items():
                self._insert_many(table, [{**r, "article_id": article_id} for r in items])
            doc_id = self._insert(
                "documents", {**document, "article_id": article_id, "status": "stored"}
            )
            if near is not None:
                self._group(doc_id, near[0], near[1])
        return article_id

    def add_copy(self, document: Row, article_id: int, of_document: int) -> int:
        """Log an exact copy of a stored article and put it in that article's group."""
        with self.transaction():
            doc_id = self._insert(
                "documents", {**document, "article_id": article_id, "status": "duplicate"}
            )
            self._group(doc_id, of_document, 1.0)
        return doc_id

    def replace_facts(self, article_id: int, rows: ArticleRows) -> None:
        """Put a re-analysed article's record and fact rows in place of the old, in one transaction.

        The text is the same, so its fingerprints (paragraphs, MinHash) stay as they are;
        an entity found again under the same key keeps its link to its corpus entity.
        """
        with self.transaction():
            links = self.query(
                "SELECT DISTINCT key, corpus_id FROM entities"
                " WHERE article_id = ? AND corpus_id IS NOT NULL",
                (article_id,),
            )
            for table in FACT_TABLES:
                self._execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
                items = rows.tables.get(table, [])
                self._insert_many(table, [{**r, "article_id": article_id} for r in items])
            self._execute(
                "UPDATE articles SET record = ?, facts = ? WHERE id = ?",
                (rows.article["record"], rows.article["facts"], article_id),
            )
            for link in links:
                self._execute(
                    "UPDATE entities SET corpus_id = ? WHERE article_id = ? AND key = ?",
                    (link["corpus_id"], article_id, link["key"]),
                )

    def stale_articles(self, schema_version: str) -> list[int]:
        """Ids of the articles whose record was made under another record schema version."""
        # The record is compact JSON, in which a key is the only unescaped '"k":"v"'.
        marker = f'%"schema_version":"{schema_version}"%'
        rows = self.query("SELECT id FROM articles WHERE record NOT LIKE ? ORDER BY id", (marker,))
        return [int(r["id"]) for r in rows]

    def _group(self, doc_id: int, other: int, similarity: float) -> None:
        row = self._one("SELECT group_id FROM documents WHERE id = ?", (other,))
        group = row["group_id"] if row else None
        if group is None:
            group = self._insert("duplicate_groups", {"original_document": other, "size": 1})
            self._execute(
                "UPDATE documents SET group_id = ?, similarity = 1.0 WHERE id = ?", (group, other)
            )
        self._execute(
            "UPDATE documents SET group_id = ?, similarity = ? WHERE id = ?",
            (group, similarity, doc_id),
        )
        # The original is the earliest-dated member; undated members come last.
        self._execute(
            "UPDATE duplicate_groups SET size = size + 1, original_document = ("
            " SELECT id FROM documents WHERE group_id = ?"
            " ORDER BY (date IS NULL), date, id LIMIT 1) WHERE id = ?",
            (group, group),
        )

    # --- reading ----------------------------------------------------------------------

    def record(self, article_id: int) -> Record:
        """The Record stored as article ``article_id``."""
        article = self._one("SELECT * FROM articles WHERE id = ?", (article_id,))
        if article is None:
            raise NotFoundError(f"no article with id {article_id}")
        tables = {
            t: self.query(f"SELECT * FROM {t} WHERE article_id = ? ORDER BY id", (article_id,))
            for t in FACT_TABLES
        }
        return from_rows(article, tables)

    def article(self, article_id: int) -> Row | None:
        cols = ", ".join(c for c in schema.columns("articles") if c not in ("record", "minhash"))
        return self._one(f"SELECT {cols} FROM articles WHERE id = ?", (article_id,))

    def documents_of(self, article_id: int) -> list[Row]:
        """The input documents behind an article: the one stored and its exact copies."""
        return self.query(
            "SELECT id, key, source, url, date, status, group_id, similarity FROM documents"
            " WHERE article_id = ? ORDER BY id",
            (article_id,),
        )

    def group_members(self, group_id: int) -> list[Row]:
        return self.query(
            "SELECT d.id, d.key, d.article_id, d.source, d.url, d.title, d.date, d.status,"
            " d.similarity, (g.original_document = d.id) AS original"
            " FROM documents d JOIN duplicate_groups g ON g.id = d.group_id"
            " WHERE d.group_id = ? ORDER BY (d.date IS NULL), d.date, d.id",
            (group_id,),
        )

    def duplicate_groups(self) -> list[Row]:
        return self.query(
            "SELECT g.id, g.size, g.original_document, d.article_id AS original_article,"
            " d.title, d.source FROM duplicate_groups g"
            " JOIN documents d ON d.id = g.original_document ORDER BY g.size DESC, g.id"
        )

    def reused_paragraphs(self, limit: int = 100) -> list[Row]:
        return self.query(
            "SELECT r.hash, r.articles, p.article_id, p.idx,"
            " SUBSTR(a.text, CAST(p.char_start + 1 AS INTEGER),"
            " CAST(p.char_end - p.char_start AS INTEGER)) AS text"
            " FROM (SELECT * FROM reused_paragraphs ORDER BY articles DESC, hash LIMIT ?) r"
            " JOIN paragraphs p ON p.hash = r.hash JOIN articles a ON a.id = p.article_id"
            " ORDER BY r.articles DESC, r.hash, p.article_id, p.idx",
            (limit,),
        )

    def entities(self, type: str | None = None, limit: int = 100) -> list[Row]:
        where = " WHERE e.type = ?" if type else ""
        sql = (
            "SELECT e.key, e.type, MIN(e.name) AS name, COUNT(DISTINCT e.article_id) AS articles,"
            " CAST(SUM(e.mention_count) AS BIGINT) AS mentions FROM entities e"
            + where
            + " GROUP BY e.key, e.type"
            " ORDER BY COUNT(DISTINCT e.article_id) DESC, SUM(e.mention_count) DESC, MIN(e.name)"
            " LIMIT ?"
        )
        return self.query(sql, [*([type.upper()] if type else []), limit])

    def events(
        self, type: str | None = None, since: str | None = None, limit: int = 100
    ) -> list[Row]:
        where: list[str] = []
        params: list[Any] = []
        if type:
            where.append("UPPER(e.type) = ?")
            params.append(type.upper())
        if since:
            # A partial date ("2025", "2025-03") stands for its whole period: it
            # counts when that period reaches ``since``.
            where.append("e.date >= SUBSTR(?, 1, LENGTH(e.date))")
            params.append(since)
        sql = (
            "SELECT e.article_id, a.title, e.date, e.type, e.mode, e.sentence"
            " FROM events e JOIN articles a ON a.id = e.article_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY (e.date IS NULL), e.date, e.article_id, e.id LIMIT ?"
        )
        return self.query(sql, [*params, limit])

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {
            t: int(self._one(f"SELECT COUNT(*) AS n FROM {t}")["n"])  # type: ignore[index]
            for t in schema.TABLES
        }

    def rows(self, table: str, batch: int = 1000) -> Iterator[list[Row]]:
        """Every row of ``table`` (schema columns only), in batches."""
        if table not in schema.TABLES:
            raise StoreError(f"no table {table!r}")
        cols = schema.columns(table)
        order = next(c for c in ("id", "article_id", *cols) if c in cols)
        names = ", ".join(f'"{c}"' for c in cols)
        sql = f"SELECT {names} FROM {table}"
        yield from self._stream(f"{sql} ORDER BY {order}", batch)

    def _stream(self, sql: str, batch: int) -> Iterator[list[Row]]:
        cursor = self._execute(sql)
        while chunk := cursor.fetchmany(batch):
            yield [dict(r) for r in chunk]

    def plan(self, sql: str, params: Sequence[Any] = ()) -> list[str]:
        """How the database would run ``sql``: its query plan, one step a line."""
        raise NotImplementedError

    def size_bytes(self) -> int:
        """Bytes the store takes on disk."""
        raise NotImplementedError

    def check(self) -> list[str]:
        """Consistency problems (an empty list means the store is whole)."""
        return consistency.problems(self)
