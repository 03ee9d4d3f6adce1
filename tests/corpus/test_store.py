"""The store: schema and migrations, records round-trip, one transaction per document."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from storyline.corpus.rows import to_rows
from storyline.corpus.store import SCHEMA_VERSION, Mode, Store, open_store, schema
from storyline.corpus.store import stories as stories_sql
from storyline.corpus.timeline import calendar
from storyline.errors import StoreError, StoreNotFoundError
from storyline.models import Record
from storyline.pipeline import analyze_text

from .conftest import MARDEN_DATE, put


def test_schema_is_created_and_versioned(store: Store) -> None:
    assert store.schema_version() == SCHEMA_VERSION
    assert set(store.counts()) >= {
        "articles", "documents", "entities", "mentions", "quotes", "figures", "events",
        "duplicate_groups", "paragraphs", "stories", "story_articles",
    }  # fmt: skip


def test_reopening_migrates_nothing_twice(target: str) -> None:
    with open_store(target, "create") as first:
        assert first.schema_version() == SCHEMA_VERSION
    with open_store(target, "write") as again:
        assert again.migrate() == SCHEMA_VERSION
        assert again.query("SELECT COUNT(*) AS n FROM schema_info")[0]["n"] == SCHEMA_VERSION


def test_a_newer_schema_is_refused(store: Store, target: str) -> None:
    store._execute("INSERT INTO schema_info (version) VALUES (?)", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="upgrade storyline"):
        open_store(target)


@pytest.mark.parametrize("name", ["bridge-reopens.txt", "library-fire.html", "vaccine-drive.txt"])
def test_record_round_trips(store: Store, records: dict[str, Record], name: str) -> None:
    assert put(store, name, records[name]) == "stored"
    (row,) = store.query("SELECT id FROM articles")
    assert store.record(row["id"]) == records[name]
    assert store.check() == []


def test_facts_are_stored_generically(store: Store, records: dict[str, Record]) -> None:
    record = records["vaccine-drive.txt"]
    put(store, "v", record)
    counts = store.counts()
    assert all(counts[t] > 0 for t in ("entities", "mentions", "quotes", "figures", "events"))
    assert counts["entities"] == len(record.entities)
    assert counts["mentions"] == sum(len(e.mentions) for e in record.entities)
    assert counts["quotes"] == len(record.quotes)
    assert counts["figures"] == len(record.figures)
    assert counts["events"] == len(record.events)


class Boom(Exception):
    pass


def test_a_failed_write_leaves_nothing_behind(
    store: Store, records: dict[str, Record], monkeypatch: pytest.MonkeyPatch
) -> None:
    original = store._insert_many

    def failing(table: str, rows: list[dict[str, object]]) -> None:
        if table == "quotes":
            raise Boom("disk full")
        original(table, rows)

    monkeypatch.setattr(store, "_insert_many", failing)
    with pytest.raises(Boom):
        put(store, "bridge", records["bridge-reopens.txt"])
    monkeypatch.undo()
    assert all(n == 0 for n in store.counts().values())
    assert put(store, "bridge", records["bridge-reopens.txt"]) == "stored"
    assert store.check() == []


def test_same_content_is_already_stored(store: Store, records: dict[str, Record]) -> None:
    record = records["wheat-exports.txt"]
    assert put(store, "wheat", record) == "stored"
    assert put(store, "wheat", record) == "already"
    assert store.counts()["articles"] == 1


def test_rows_keep_fields_the_store_has_no_column_for(records: dict[str, Record]) -> None:
    rows = to_rows(records["bridge-reopens.txt"], "x")
    assert "quality" in rows.article["record"] and "summary" in rows.article["record"]
    assert all("data" in r for r in rows.tables["entities"])
    assert rows.article["facts"] == sum(
        len(rows.tables[t]) for t in ("entities", "mentions", "quotes", "figures", "events")
    )


def test_a_store_opened_to_read_refuses_writes(store: Store, target: str) -> None:
    with open_store(target, "read") as reader:
        assert reader.schema_version() == SCHEMA_VERSION
        with pytest.raises(StoreError):
            reader._execute("INSERT INTO schema_info (version) VALUES (?)", (99,))
    assert store.schema_version() == SCHEMA_VERSION


@pytest.mark.parametrize("mode", ["read", "write"])
def test_only_create_makes_a_new_store(tmp_path: Path, mode: Mode) -> None:
    missing = tmp_path / "none.db"
    with pytest.raises(StoreNotFoundError, match="no store there"):
        open_store(missing, mode)
    assert list(tmp_path.iterdir()) == []
    with open_store(missing, "create") as made:
        assert made.found_version == 0
    with open_store(missing, mode) as again:
        assert again.found_version == SCHEMA_VERSION


def test_an_older_store_is_read_only_after_migrate(store: Store, target: str) -> None:
    store._execute("DELETE FROM schema_info WHERE version = ?", (SCHEMA_VERSION,))
    with pytest.raises(StoreError, match="run 'storyline migrate' on it once"):
        open_store(target, "read")
    store._execute("INSERT INTO schema_info (version) VALUES (?)", (SCHEMA_VERSION,))
    with open_store(target, "read") as reader:
        assert reader.schema_version() == SCHEMA_VERSION


def test_a_file_that_is_not_a_store_is_named(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    sqlite3.connect(other).close()
    with pytest.raises(StoreError, match="not a storyline store"):
        open_store(other, "read")


def test_frequencies_read_in_a_transaction_follow_its_counts_and_undos(target: str) -> None:
    with open_store(target, "create") as store, open_store(target, "write") as other:
        with store.transaction():
            stories_sql.count_keys(store, ["t:port", "t:strike"])
        assert stories_sql.frequencies(store, ["t:port", "t:ship"]) == {"": 1, "t:port": 1}
        with store.transaction():
            assert stories_sql.frequencies(store, ["t:port"]) == {"": 1, "t:port": 1}
            stories_sql.count_keys(store, ["t:port", "t:ship"])  # counted on what was read
            assert stories_sql.frequencies(store, ["t:ship", "t:port"]) == {
                "": 2,
                "t:ship": 1,
                "t:port": 2,
            }
            with pytest.raises(StoreError), store.transaction():  # a document undone
                stories_sql.count_keys(store, ["t:port"])
                assert stories_sql.frequencies(store, ["t:port"]) == {"": 3, "t:port": 3}
                raise StoreError("the document failed")
            assert stories_sql.frequencies(store, ["t:port"]) == {"": 2, "t:port": 2}
        with other.transaction():  # another connection counts an article
            stories_sql.count_keys(other, ["t:port"])
        with store.transaction():
            assert stories_sql.frequencies(store, ["t:port"]) == {"": 3, "t:port": 3}


def test_in_lists_are_padded_to_a_few_lengths() -> None:
    assert stories_sql.padded([]) == ("", [])
    assert stories_sql.padded(["a"]) == ("?", ["a"])
    assert stories_sql.padded(["a", "b", "c"]) == ("?, ?, ?, ?", ["a", "b", "c", "c"])
    places, values = stories_sql.padded(list(range(300)))
    assert (places.count("?"), len(values), values[-213:]) == (512, 512, [299] * 213)


def test_postings_rank_stories_by_the_keys_they_are_under(target: str) -> None:
    with open_store(target, "create") as store, store.transaction():
        ids = [stories_sql.new_story(store) for _ in range(4)]
        under = [["t:a"], ["t:a", "t:b"], ["t:a", "t:b", "t:c"], ["t:c"]]
        for story_id, story_keys, seq in zip(ids, under, [5, 6, 7, 8], strict=True):
            stories_sql.index_story(store, story_id, story_keys, seq)
        keys = ["t:a", "t:b", "t:c"]
        # Under most keys first; among equals, the story opened last.
        assert stories_sql.postings(store, keys, 40, 3) == [ids[2], ids[1], ids[3]]
        assert stories_sql.postings(store, keys, 40, 10) == [ids[2], ids[1], ids[3], ids[0]]
        # Each key gives only its most recently active stories.
        assert stories_sql.postings(store, keys, 1, 10) == [ids[2], ids[3]]
        assert stories_sql.postings(store, [], 40, 10) == []


def test_a_version_4_store_reads_postings_from_the_index_alone_after_migrating(
    target: str, told: dict[str, Record], monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as old:  # a store as storyline wrote it at schema version 4
        old.setattr(schema, "SCHEMA_VERSION", 4)
        with open_store(target, "create") as store:
            for name, record in told.items():
                put(store, name, record)
            keys = [r["key"] for r in store.query("SELECT DISTINCT key FROM story_index")]
            before = stories_sql.postings(store, sorted(keys), 2, 10)
            assert _indexes(store, "story_index") == ["story_index_key", "story_index_story"]
    assert sorted(before) == [1, 2, 3, 4, 5]  # every story, under its 2 most active per key
    with open_store(target, "write") as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert _indexes(store, "story_index") == ["story_index_postings", "story_index_story"]
        assert stories_sql.postings(store, sorted(keys), 2, 10) == before
        if store.backend == "sqlite":  # PostgreSQL reads a table this small whole
            one = "SELECT story_id FROM story_index WHERE key = ? ORDER BY seq DESC LIMIT 2"
            assert store.plan(one, ["t:quake"]) == [
                "SEARCH story_index USING COVERING INDEX story_index_postings (key=?)"
            ]


def test_a_version_5_store_files_its_events_under_dates_of_the_calendar(
    target: str, told: dict[str, Record], monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as old:  # events as storyline filed them at version 5
        old.setattr(schema, "SCHEMA_VERSION", 5)
        with open_store(target, "create") as store:
            put(store, "veloria-quake.txt", told["veloria-quake.txt"])  # dated 2025-03-02
            put(store, "veloria-toll.txt", told["veloria-toll.txt"])
            before = [r["date"] for r in store.query("SELECT date FROM events ORDER BY id")]
            for event_id, raw in ((1, "2025-W10"), (2, "15:00"), (3, "1990s")):
                store._execute("UPDATE events SET date = ? WHERE id = ?", (raw, event_id))
    assert len(before) > 3 and all(before)
    with monkeypatch.context() as six:  # migrated to version 6 alone
        six.setattr(schema, "SCHEMA_VERSION", 6)
        with open_store(target, "write") as store:
            dates = [r["date"] for r in store.query("SELECT date FROM events ORDER BY id")]
    # a week at its Monday, a clock time at its article's date, a decade at its first
    # year; the others as they were
    assert dates == ["2025-03-03", "2025-03-02", "1990", *before[3:]]


def test_a_version_6_store_files_its_events_under_the_dates_their_sentences_give(
    target: str, marden: Record, told: dict[str, Record], monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as old:  # events as storyline filed them at version 6
        old.setattr(schema, "SCHEMA_VERSION", 6)
        with open_store(target, "create") as store:
            put(store, "marden.txt", marden)
            put(store, "veloria-quake.txt", told["veloria-quake.txt"])
            new = [r["date"] for r in store.query("SELECT date FROM events ORDER BY id")]
            # version 6: the event's own time's date, else the article's date as given
            for row in store.query(
                "SELECT e.id, e.data, a.date FROM events e"
                " JOIN articles a ON a.id = e.article_id ORDER BY e.id"
            ):
                time = json.loads(row["data"]).get("time") or {}
                filed = calendar(time.get("value")) or row["date"]
                store._execute("UPDATE events SET date = ? WHERE id = ?", (filed, row["id"]))
            before = [r["date"] for r in store.query("SELECT date FROM events ORDER BY id")]
    assert before[:6] == ["2025-03-17", *[MARDEN_DATE] * 5]
    assert before[6:] == new[6:] == ["2025-03-02"] * 3  # Veloria's, left as they were
    with open_store(target, "write") as store:
        assert store.schema_version() == SCHEMA_VERSION == 8
        assert [r["date"] for r in store.query("SELECT date FROM events ORDER BY id")] == new
        # the events of one article read across batches are filed the same
        with store.transaction():
            store._execute("UPDATE events SET date = NULL")
            store._file_event_dates_by_sentence(batch=4)
        assert [r["date"] for r in store.query("SELECT date FROM events ORDER BY id")] == new
    assert new[:6] == [
        "2025-03-17", "2025-03-13", "2025-03-10", "2025-03-10", "2025-02", "2025-03-18",
    ]  # fmt: skip


NUNEZ = "The activist José Núñez was freed from Osk prison on Monday, his lawyer said."
NUNEZ_AGAIN = "Jose Nunez, the activist freed on Monday, said he would keep campaigning."


def test_a_version_7_store_keys_its_names_without_accents(
    target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as old:  # names as storyline keyed them at version 7
        old.setattr(schema, "SCHEMA_VERSION", 7)
        with open_store(target, "create") as store:
            put(store, "nunez.txt", analyze_text(NUNEZ))
            with store.transaction():
                store._execute("UPDATE entity_names SET name = ? WHERE name = ?",
                               ("josé núñez", "jose nunez"))  # fmt: skip
                store._execute("UPDATE entity_names SET name = ? WHERE name = ?",
                               ("núñez", "nunez"))  # fmt: skip
    with open_store(target, "write") as store:
        assert store.schema_version() == SCHEMA_VERSION == 8
        keys = store.query("SELECT name, kind FROM entity_names ORDER BY name, kind")
        assert [(r["name"], r["kind"]) for r in keys] == [
            ("jose nunez", "name"),
            ("nunez", "surname"),
            ("osk", "name"),
        ]
        # the name written without its accents now finds him
        put(store, "nunez-again.txt", analyze_text(NUNEZ_AGAIN))
        (row,) = store.query("SELECT id, name, articles FROM corpus_entities WHERE type = ?",
                             ("PERSON",))  # fmt: skip
        assert (row["name"], row["articles"]) == ("José Núñez", 2)


def _indexes(store: Store, table: str) -> list[str]:
    """The names of ``table``'s indexes, but for a primary key's."""
    if store.backend == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
    else:
        sql = "SELECT indexname AS name FROM pg_indexes WHERE tablename = ?"
    return sorted(r["name"] for r in store.query(sql, [table]) if not r["name"].endswith("_pkey"))


def test_another_programs_database_is_not_made_a_store(target: str) -> None:
    if target.startswith("postgresql"):
        import psycopg

        with psycopg.connect(target, autocommit=True) as conn:
            conn.execute("CREATE TABLE customers (id INTEGER)")
            _refused(target)
            rows = conn.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = current_schema()"
            ).fetchall()
        assert rows == [("customers",)]
    else:
        import sqlite3

        with sqlite3.connect(target) as db:
            db.execute("CREATE TABLE customers (id INTEGER)")
        _refused(target)
        with sqlite3.connect(target) as db:
            assert db.execute("SELECT name FROM sqlite_master").fetchall() == [("customers",)]


def _refused(target: str) -> None:
    for mode in ("create", "write"):
        with pytest.raises(StoreError, match="not a storyline store: it holds other tables"):
            open_store(target, mode)
