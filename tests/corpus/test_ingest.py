"""Ingest of every input kind into both backends, re-ingest, broken documents, workers."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from storyline import analyze
from storyline.corpus import ingest, open_store
from storyline.corpus.rows import to_rows
from storyline.errors import StoreUnavailableError
from storyline.settings import Settings
from tests.local_site import Site
from tests.test_hostile import long_article

from .builders import FIXTURES, as_html, day, jsonl, rss, warc


def _folder(root: Path) -> Path:
    (root / "sub").mkdir(parents=True)
    shutil.copy(FIXTURES / "bridge-reopens.txt", root / "bridge.txt")
    shutil.copy(FIXTURES / "library-fire.html", root / "sub" / "fire.html")
    (root / "sub" / "empty.txt").write_text("  \n", encoding="utf-8")
    return root


def test_folder_then_idempotent_re_ingest(target: str, tmp_path: Path) -> None:
    folder = _folder(tmp_path / "in")
    first = ingest([str(folder)], target, progress=False)
    assert (first.stored, first.already_stored, first.duplicates) == (2, 0, 0)
    assert [(Path(s).name, "empty" in r) for s, r in first.failed] == [("empty.txt", True)]
    again = ingest([str(folder)], target, progress=False)
    assert (again.stored, again.already_stored, len(again.failed)) == (0, 2, 1)
    with open_store(target) as store:
        assert store.counts()["articles"] == 2
        assert store.check() == []


def test_glob_and_the_store_in_the_folder(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "in")
    db = folder / "corpus.db"
    summary = ingest([str(folder / "**" / "*.html"), str(folder)], db, progress=False)
    # The HTML file is named twice but read once; the store's own files are left alone.
    assert (summary.stored, summary.already_stored, len(summary.failed)) == (2, 0, 1)


def test_jsonl(target: str, tmp_path: Path, site: Site) -> None:
    page = site.add("/vaccine", as_html(FIXTURES / "vaccine-drive.txt"))
    path = jsonl(
        tmp_path / "wire.jsonl",
        [
            {
                "id": "w1",
                "html": as_html(FIXTURES / "bridge-reopens.txt").decode(),
                "date": "2025-02-01",
            },
            {
                "id": "w2",
                "text": (FIXTURES / "wheat-exports.txt").read_text(),
                "title": "Wheat",
            },
            {"id": "w3", "url": page, "title": "Measles drive"},
            "{broken",
            {"id": "w5", "title": "no body"},
        ],
    )
    summary = ingest([str(path)], target, progress=False)
    assert summary.stored == 3
    assert sorted(r[:20] for _, r in summary.failed) == [
        "no 'html', 'text' or",
        "not JSON (Expecting ",
    ]
    with open_store(target) as store:
        rows = {r["key"]: r for r in store.query("SELECT key, title, date FROM documents")}
    key = f"id:{path.resolve()}:"  # an id among the ids of its file
    assert rows[f"{key}w1"]["date"] == "2025-02-01"
    assert rows[f"{key}w2"]["title"] == "Wheat"
    assert rows[f"{key}w3"]["title"] == "Measles drive"


def test_an_id_given_twice_is_stored_once_and_after_a_failed_first_line(
    target: str, tmp_path: Path
) -> None:
    bridge = (FIXTURES / "bridge-reopens.txt").read_text()
    wheat = (FIXTURES / "wheat-exports.txt").read_text()
    path = jsonl(
        tmp_path / "wire.jsonl",
        [
            {"id": "a", "text": 5},  # fails: its id's next line is the article
            {"id": "a", "text": bridge, "title": "Bridge"},
            {"id": "b", "text": wheat, "title": "Wheat"},
            {"id": "b", "text": bridge, "title": "Bridge again"},  # the id is taken
        ],
    )
    summary = ingest([str(path)], target, progress=False)
    assert (summary.stored, summary.already_stored, summary.duplicates) == (2, 1, 0)
    assert summary.failed == [(f"{path}:1", "'text' is a number, not text")]
    with open_store(target) as store:
        rows = store.query("SELECT key, title FROM documents ORDER BY key")
    key = f"id:{path.resolve()}:"
    assert [(r["key"], r["title"]) for r in rows] == [(f"{key}a", "Bridge"), (f"{key}b", "Wheat")]


def test_an_input_that_holds_no_article_is_reported_and_the_rest_stored(
    target: str, tmp_path: Path
) -> None:
    wheat = (FIXTURES / "wheat-exports.txt").read_text()
    full = jsonl(tmp_path / "wire.jsonl", [{"id": "w", "text": wheat, "title": "Wheat"}])
    blank = jsonl(tmp_path / "blank.jsonl", ["", "  "])
    crawl = warc(tmp_path / "crawl.warc.gz", {})
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss([]))
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / ".hidden.txt").write_text(wheat, encoding="utf-8")
    given = [blank, full, tmp_path / "nothing", crawl, feed]
    summary = ingest([str(p) for p in given], target, progress=False)
    assert summary.stored == 1
    assert sorted(summary.failed) == sorted(
        (str(p), "holds no article") for p in (blank, tmp_path / "nothing", crawl, feed)
    )
    assert summary.total == 5


def test_a_folder_holding_only_the_store_holds_no_article(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    summary = ingest([str(folder)], folder / "corpus.db", progress=False)
    assert (summary.stored, summary.failed) == (0, [(str(folder), "holds no article")])
    assert "\n1 document in " in summary.report()
    (folder / "wheat.txt").write_text((FIXTURES / "wheat-exports.txt").read_text())
    again = ingest([str(folder)], folder / "corpus.db", progress=False)
    assert (again.stored, again.failed) == (1, [])


def test_warc(target: str, tmp_path: Path) -> None:
    path = warc(
        tmp_path / "crawl.warc.gz",
        {
            "http://news.test/bridge": as_html(FIXTURES / "bridge-reopens.txt"),
            "http://news.test/fire": as_html(FIXTURES / "library-fire.html"),
        },
    )
    summary = ingest([str(path)], target, progress=False)
    assert (summary.stored, summary.failed) == (2, [])
    with open_store(target) as store:
        urls = sorted(r["url"] for r in store.query("SELECT url FROM articles"))
    assert urls == ["http://news.test/bridge", "http://news.test/fire"]
    assert ingest([str(path)], target, progress=False).already_stored == 2


def test_a_warc_cut_part_way_keeps_its_readable_articles_and_names_the_cut(
    tmp_path: Path,
) -> None:
    whole = warc(
        tmp_path / "crawl.warc",
        {
            "http://news.test/bridge": as_html(FIXTURES / "bridge-reopens.txt"),
            "http://news.test/fire": as_html(FIXTURES / "library-fire.html"),
        },
        gz=False,
    ).read_bytes()
    # The records: a request and a response for each page, then an image.
    second = [i for i in range(len(whole)) if whole.startswith(b"WARC/1.", i)][3]
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[: second + 300])  # in the header of the second page's response
    summary = ingest(
        [str(cut), str(FIXTURES / "vaccine-drive.txt")], tmp_path / "s.db", progress=False
    )
    assert summary.stored == 2  # the first page, and the input after the cut file
    assert summary.failed == [
        (str(cut), f"cut or damaged at byte {second:,}; what follows cannot be read")
    ]


def test_feed_served_over_http(target: str, site: Site) -> None:
    items = [
        {
            "title": "Bridge open again",
            "link": site.add("/bridge", as_html(FIXTURES / "bridge-reopens.txt"), "text/html"),
            "date": day(3),
        },
        {
            "title": "Wheat quota",
            "link": site.add("/wheat", as_html(FIXTURES / "wheat-exports.txt"), "text/html"),
            "date": day(5),
        },
        {"title": "Gone", "link": f"{site.base}/gone", "date": day(6)},
    ]
    feed = site.add("/feed.rss", rss(items), "application/rss+xml")
    summary = ingest([feed], target, progress=False)
    assert summary.stored == 2
    assert [("/gone" in s, "404" in r) for s, r in summary.failed] == [(True, True)]
    with open_store(target) as store:
        rows = store.query("SELECT title, date FROM articles ORDER BY date")
    assert rows == [
        {"title": "Bridge open again", "date": "2025-02-03"},
        {"title": "Wheat quota", "date": "2025-02-05"},
    ]


def test_url_list(target: str, tmp_path: Path, site: Site) -> None:
    fire = site.add("/fire", as_html(FIXTURES / "library-fire.html"), "text/html")
    path = tmp_path / "urls.txt"
    path.write_text(f"# today\n{fire}\n{site.base}/missing\n", encoding="utf-8")
    summary = ingest([str(path)], target, progress=False)
    assert summary.stored == 1
    assert len(summary.failed) == 1 and "404" in summary.failed[0][1]


def test_a_url_given_twice_is_fetched_once_when_the_first_is_stored(
    target: str, tmp_path: Path, site: Site
) -> None:
    fire = site.add("/fire-twice", as_html(FIXTURES / "library-fire.html"), "text/html")
    gone = f"{site.base}/gone-twice"
    path = tmp_path / "urls.txt"
    path.write_text(f"{fire}\n{gone}\n{fire}\n{gone}\n", encoding="utf-8")
    summary = ingest([str(path)], target, progress=False)
    assert (summary.stored, summary.already_stored, summary.total) == (1, 1, 4)
    # A URL that failed is tried again where it is given again: the next try may work.
    assert [s for s, _ in summary.failed] == [gone, gone]
    assert sorted(site.requested) == ["/fire-twice", "/gone-twice", "/gone-twice"]


def test_two_workers(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "in")
    shutil.copy(FIXTURES / "vaccine-drive.txt", folder / "vaccine.txt")
    shutil.copy(FIXTURES / "wheat-exports.txt", folder / "sub" / "wheat.txt")
    db = tmp_path / "two.db"
    summary = ingest([str(folder)], db, Settings(workers=2), progress=False)
    assert (summary.stored, len(summary.failed)) == (4, 1)
    with open_store(db) as store:
        assert store.check() == []
        titles = {r["title"] for r in store.query("SELECT title FROM articles")}
    assert "Grain exporters ask government to lift wheat export quota" in titles
    # The workers take each record apart into its rows: the same rows as this process makes,
    # and as the rows of each article analysed here.
    here = tmp_path / "here.db"
    ingest([str(folder)], here, Settings(workers=1, time_limit=0), progress=False)
    assert _rows(db) == _rows(here)
    wheat = to_rows(analyze(str(folder / "sub" / "wheat.txt")), "wheat.txt").article
    assert (wheat["content_hash"], wheat["record"], wheat["minhash"]) in {
        (r[0], r[3], r[4]) for r in _rows(db)
    }


def _rows(db: Path) -> list[tuple[object, ...]]:
    """What a store holds of each article, in an order that does not depend on ingest order."""
    with open_store(db) as store:
        rows = store.query(
            "SELECT a.content_hash, a.source, a.text, a.record, a.minhash,"
            " (SELECT group_concat(data, '|') FROM mentions m WHERE m.article_id = a.id) AS m,"
            " (SELECT group_concat(data, '|') FROM quotes q WHERE q.article_id = a.id) AS q,"
            " (SELECT group_concat(bucket, '|') FROM minhash_bands b WHERE b.article_id = a.id)"
            " AS b FROM articles a ORDER BY a.content_hash"
        )
    return [tuple(r.values()) for r in rows]


# A trigger of the store's own refuses the wheat article when it joins a story, after its
# article, entity and link rows are written.
_REFUSE = {
    "sqlite": [
        "CREATE TRIGGER refuse BEFORE INSERT ON story_articles WHEN"
        " (SELECT title FROM articles WHERE id = NEW.article_id) LIKE '%wheat%'"
        " BEGIN SELECT RAISE(ABORT, 'refused by this store'); END"
    ],
    "postgres": [
        "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        " IF (SELECT title FROM articles WHERE id = NEW.article_id) ILIKE '%wheat%' THEN"
        " RAISE EXCEPTION 'refused by this store'; END IF; RETURN NEW; END $$",
        "CREATE TRIGGER refuse BEFORE INSERT ON story_articles"
        " FOR EACH ROW EXECUTE FUNCTION refuse()",
    ],
}


def _run(target: str, statements: dict[str, list[str]]) -> str:
    """Run the statements for the store's backend with its own client; returns the backend."""
    if target.startswith("postgresql:"):
        import psycopg

        with psycopg.connect(target, autocommit=True) as server:
            for statement in statements["postgres"]:
                server.execute(statement)
        return "postgres"
    with contextlib.closing(sqlite3.connect(target)) as conn, conn:
        for statement in statements["sqlite"]:
            conn.execute(statement)
    return "sqlite"


def test_a_document_the_store_refuses_is_undone_alone_within_its_transaction(
    target: str, tmp_path: Path
) -> None:
    # The four documents are written in one transaction, each in a savepoint.
    folder = _folder(tmp_path / "in")
    (folder / "sub" / "empty.txt").unlink()
    shutil.copy(FIXTURES / "vaccine-drive.txt", folder / "vaccine.txt")
    wheat = Path(shutil.copy(FIXTURES / "wheat-exports.txt", folder / "wheat.txt"))
    open_store(target, "create").close()
    backend = _run(target, _REFUSE)
    first = ingest([str(folder)], target, progress=False)
    assert first.stored == 3
    assert [(source, "refused by this store" in reason) for source, reason in first.failed] == [
        (str(wheat), True)
    ]
    with open_store(target) as store:
        assert store.check() == []
        assert len(store.query("SELECT source FROM documents")) == 3
        assert store.counts()["articles"] == 3
    drop = "DROP TRIGGER refuse" + (" ON story_articles" if backend == "postgres" else "")
    _run(target, {"sqlite": [drop], "postgres": [drop]})
    again = ingest([str(folder)], target, progress=False)
    assert (again.stored, again.already_stored, again.failed) == (1, 3, [])


def test_a_refusal_that_ends_the_whole_transaction_stops_the_ingest_and_a_rerun_resumes(
    tmp_path: Path,
) -> None:
    # RAISE(ROLLBACK) undoes the whole transaction, not only the document's savepoint: the
    # group is lost, so the ingest stops in one line and a re-run writes it again.
    folder = _folder(tmp_path / "in")
    (folder / "sub" / "empty.txt").unlink()
    shutil.copy(FIXTURES / "wheat-exports.txt", folder / "wheat.txt")
    db = str(tmp_path / "rollback.db")
    open_store(db, "create").close()
    rollback = _REFUSE["sqlite"][0].replace("RAISE(ABORT", "RAISE(ROLLBACK")
    _run(db, {"sqlite": [rollback], "postgres": []})
    with pytest.raises(StoreUnavailableError) as stopped:
        ingest([str(folder)], db, progress=False)
    assert str(stopped.value).startswith(
        f"{db}: refused by this store (the transaction it was part of is lost); stopped at "
    )
    assert str(stopped.value).endswith("what was stored before it is kept: re-run to resume")
    with open_store(db) as store:
        assert store.check() == []
        assert store.counts()["articles"] == 0
    _run(db, {"sqlite": ["DROP TRIGGER refuse"], "postgres": []})
    again = ingest([str(folder)], db, progress=False)
    assert (again.stored, again.already_stored, again.failed) == (3, 0, [])


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_past_the_time_limit_fails_and_the_rest_are_whole(
    tmp_path: Path, workers: int
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    articles = [Path(shutil.copy(p, folder)) for p in sorted(FIXTURES.iterdir())]
    slow = folder / "long.txt"
    slow.write_text(long_article(800_000), encoding="utf-8")
    db = tmp_path / "limit.db"
    settings = Settings(workers=workers, time_limit=10)
    summary = ingest([str(folder)], db, settings, progress=False)
    assert (summary.stored, summary.failed) == (
        len(articles),
        [(str(slow), "analysis took longer than the 10 s time limit (setting time_limit)")],
    )
    with open_store(db) as store:
        found = store.query("SELECT id, source FROM articles")
        records = {r["source"]: store.record(r["id"]).to_dict() for r in found}
    assert records == {str(p): analyze(p).to_dict() for p in articles}


@pytest.mark.parametrize("threshold", [0.8])
def test_summary_report(tmp_path: Path, threshold: float) -> None:
    folder = _folder(tmp_path / "in")
    shutil.copy(folder / "bridge.txt", folder / "bridge-copy.txt")
    summary = ingest(
        [str(folder)],
        tmp_path / "s.db",
        Settings(near_duplicate_threshold=threshold),
        progress=False,
    )
    text = summary.report()
    assert "stored                            2" in text
    assert "skipped as duplicate              1" in text
    assert "empty.txt" in text
    assert summary.to_dict()["duplicates"] == 1
