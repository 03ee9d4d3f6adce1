"""``Store.check`` names each broken promise of a store, and nothing on a whole one.

Each case breaks one promise of a filled store with one statement, as a partial
write would, and states the exact problems the check must report.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from storyline import analyze_text
from storyline.corpus.store import Store
from tests.corpus.conftest import put


def _first(store: Store, sql: str) -> int:
    return int(store.query(sql)[0]["x"])


def _single(store: Store) -> int:
    """An article alone in its story, with no copies: breaking it breaks one promise."""
    return _first(
        store,
        "SELECT MIN(a.id) AS x FROM articles a JOIN documents d ON d.article_id = a.id"
        " JOIN story_articles m ON m.article_id = a.id WHERE d.group_id IS NULL"
        " AND (SELECT COUNT(*) FROM story_articles o WHERE o.story_id = m.story_id) = 1",
    )


def no_log_row(store: Store) -> list[str]:
    article = _single(store)
    store._execute("DELETE FROM documents WHERE article_id = ?", (article,))
    return [f"article {article} has no ingest-log row"]


def a_lost_quote(store: Store) -> list[str]:
    article = _first(store, "SELECT article_id AS x FROM quotes ORDER BY id LIMIT 1")
    facts = _first(store, f"SELECT facts AS x FROM articles WHERE id = {article}")
    store._execute("DELETE FROM quotes WHERE id = (SELECT MIN(id) FROM quotes)")
    return [f"article {article}: {facts - 1} fact rows of {facts}"]


def no_paragraphs(store: Store) -> list[str]:
    article = _single(store)
    store._execute("DELETE FROM paragraphs WHERE article_id = ?", (article,))
    return [f"article {article} has no paragraphs"]


def no_bands(store: Store) -> list[str]:
    article = _single(store)
    store._execute("DELETE FROM minhash_bands WHERE article_id = ?", (article,))
    return [f"article {article} has no MinHash bands"]


def a_group_miscounted(store: Store) -> list[str]:
    group = _first(store, "SELECT MIN(id) AS x FROM duplicate_groups")
    size = _first(store, f"SELECT size AS x FROM duplicate_groups WHERE id = {group}")
    store._execute("UPDATE duplicate_groups SET size = size + 1 WHERE id = ?", (group,))
    return [f"duplicate group {group}: {size} members of {size + 1}"]


def out_of_its_story(store: Store) -> list[str]:
    article = _single(store)
    story = _first(store, f"SELECT story_id AS x FROM story_articles WHERE article_id = {article}")
    store._execute("DELETE FROM story_articles WHERE article_id = ?", (article,))
    articles = _first(store, "SELECT COUNT(*) AS x FROM story_articles WHERE copy_of IS NULL")
    return [
        f"article {article} is in 0 stories",
        f"story {story}: 0 articles of 1",
        f"term statistics count {articles + 1} articles of {articles}",
    ]


def a_story_miscounted(store: Store) -> list[str]:
    story = _first(store, "SELECT MIN(id) AS x FROM stories")
    n = _first(store, f"SELECT articles AS x FROM stories WHERE id = {story}")
    store._execute("UPDATE stories SET articles = articles + 1 WHERE id = ?", (story,))
    return [f"story {story}: {n} articles of {n + 1}"]


def terms_miscounted(store: Store) -> list[str]:
    n = _first(store, "SELECT df AS x FROM term_stats WHERE term = ''")
    store._execute("UPDATE term_stats SET df = df + 1 WHERE term = ''")
    return [f"term statistics count {n + 1} articles of {n}"]


def an_entity_miscounted(store: Store) -> list[str]:
    row = store.query("SELECT id, articles, mentions FROM corpus_entities ORDER BY id LIMIT 1")[0]
    store._execute("UPDATE corpus_entities SET mentions = mentions + 2 WHERE id = ?", (row["id"],))
    return [
        f"corpus entity {row['id']}: {row['articles']} articles of {row['articles']},"
        f" {row['mentions']} mentions of {row['mentions'] + 2}"
    ]


def a_link_to_nothing(store: Store) -> list[str]:
    row = store.query(
        "SELECT c.id, c.articles, c.mentions FROM corpus_entities c"
        " WHERE c.articles = 1 AND (SELECT COUNT(*) FROM entities e"
        " WHERE e.corpus_id = c.id) = 1 ORDER BY c.id LIMIT 1"
    )[0]
    store._execute("UPDATE entities SET corpus_id = 999999 WHERE corpus_id = ?", (row["id"],))
    return [
        "1 entities rows name a missing row of corpus_entities (corpus_id)",
        f"corpus entity {row['id']}: 0 articles of 1, 0 mentions of {row['mentions']}",
    ]


CASES: list[Callable[[Store], list[str]]] = [
    no_log_row,
    a_lost_quote,
    no_paragraphs,
    no_bands,
    a_group_miscounted,
    out_of_its_story,
    a_story_miscounted,
    terms_miscounted,
    an_entity_miscounted,
    a_link_to_nothing,
]


def test_a_whole_store_has_no_problems(filled: Store) -> None:
    assert filled.check() == []


@pytest.mark.parametrize("breaking", CASES, ids=[c.__name__ for c in CASES])
def test_each_broken_promise_is_named(
    filled: Store, breaking: Callable[[Store], list[str]]
) -> None:
    if filled.backend == "sqlite":
        filled._execute("PRAGMA foreign_keys = OFF")  # as a store written without them
    expected = breaking(filled)
    assert filled.check() == expected


def test_sqlite_checks_its_full_text_index(filled: Store) -> None:
    if filled.backend != "sqlite":
        pytest.skip("PostgreSQL's search columns are generated with their rows")
    row = filled.query("SELECT id, title, text FROM articles ORDER BY id LIMIT 1")[0]
    n = filled.counts()["articles"]
    filled._execute(
        "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
        (row["id"], row["title"], row["text"]),
    )
    assert filled.check() == [
        f"sqlite: articles_fts indexes {n - 1} of {n} rows",
        "sqlite: articles_fts does not match articles (database disk image is malformed)",
    ]


def test_a_short_article_needs_no_paragraph_rows(store: Store) -> None:
    # Every paragraph is under the length that is fingerprinted, so none is stored.
    text = "Port reopens\n\nThe port reopened on Monday.\n\nShips came back at noon."
    assert put(store, "short.txt", analyze_text(text)) == "stored"
    assert store.counts()["paragraphs"] == 0
    assert store.check() == []
