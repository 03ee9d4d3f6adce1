"""What a whole store promises, as queries that list what breaks it.

Each rule is a query returning the rows that break one promise, and the message
that names each of them; ``problems`` runs them all. The rules hold after every
committed transaction, whatever was interrupted: an ingest killed at any point,
a server that went away, a full disk. The backends add their own checks (SQLite's
integrity check and full-text index, PostgreSQL's search columns).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from storyline.corpus.store import schema

if TYPE_CHECKING:
    from storyline.corpus.store.base import Store

FACT_TABLES = ("entities", "mentions", "quotes", "figures", "events")
_FACTS = " + ".join(f"(SELECT COUNT(*) FROM {t} x WHERE x.article_id = a.id)" for t in FACT_TABLES)
_ORIGINAL = "copy_of IS NULL"  # a story member that is not a near copy folded under another

# (query, message): the message is formatted with each row the query returns.
RULES: tuple[tuple[str, str], ...] = (
    # Every article has its ingest-log row, all its fact rows and MinHash bands (its
    # paragraphs: ``_unfingerprinted``).
    (
        "SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM documents d"
        " WHERE d.article_id = a.id AND d.status = 'stored')",
        "article {id} has no ingest-log row",
    ),
    (
        f"SELECT id, facts, n FROM (SELECT a.id, a.facts, {_FACTS} AS n FROM articles a) x"
        " WHERE n <> facts",
        "article {id}: {n} fact rows of {facts}",
    ),
    (
        "SELECT a.id FROM articles a WHERE a.minhash IS NOT NULL AND NOT EXISTS"
        " (SELECT 1 FROM minhash_bands m WHERE m.article_id = a.id)",
        "article {id} has no MinHash bands",
    ),
    # A duplicate group counts its members, at least two.
    (
        "SELECT id, size, n FROM (SELECT g.id, g.size,"
        " (SELECT COUNT(*) FROM documents d WHERE d.group_id = g.id) AS n"
        " FROM duplicate_groups g) x WHERE n <> size OR n < 2",
        "duplicate group {id}: {n} members of {size}",
    ),
    # Every article is in exactly one story; a story has members and counts its originals.
    (
        "SELECT id, n FROM (SELECT a.id,"
        " (SELECT COUNT(*) FROM story_articles m WHERE m.article_id = a.id) AS n"
        " FROM articles a) x WHERE n <> 1",
        "article {id} is in {n} stories",
    ),
    (
        "SELECT id, articles, n FROM (SELECT s.id, s.articles, (SELECT COUNT(*)"
        f" FROM story_articles m WHERE m.story_id = s.id AND m.{_ORIGINAL}) AS n,"
        " (SELECT COUNT(*) FROM story_articles m WHERE m.story_id = s.id) AS members"
        " FROM stories s WHERE s.articles > 0) x WHERE n <> articles OR members = 0",
        "story {id}: {n} articles of {articles}",
    ),
    # A story counting no articles is a retired one (merged, or emptied by moves): it holds none.
    (
        "SELECT s.id FROM stories s WHERE s.articles = 0"
        " AND EXISTS (SELECT 1 FROM story_articles m WHERE m.story_id = s.id)",
        "story {id} counts no articles but holds some",
    ),
    # The article count that weighs story terms counts the articles that are not copies.
    (
        "SELECT df, n FROM (SELECT (SELECT COALESCE(MAX(df), 0) FROM term_stats"
        f" WHERE term = '') AS df, (SELECT COUNT(*) FROM story_articles WHERE {_ORIGINAL}) AS n) x"
        " WHERE df <> n",
        "term statistics count {df} articles of {n}",
    ),
    # A corpus entity counts the articles and mentions linked to it.
    (
        "SELECT id, articles, mentions, n, m FROM (SELECT c.id, c.articles, c.mentions,"
        " (SELECT COUNT(DISTINCT e.article_id) FROM entities e WHERE e.corpus_id = c.id) AS n,"
        " (SELECT COALESCE(SUM(e.mention_count), 0) FROM entities e WHERE e.corpus_id = c.id)"
        " AS m FROM corpus_entities c) x WHERE n <> articles OR m <> mentions",
        "corpus entity {id}: {n} articles of {articles}, {m} mentions of {mentions}",
    ),
)

# (table, column, referenced table): references, whether or not the schema enforces them.
REFERENCES: tuple[tuple[str, str, str], ...] = (
    *(
        (table, "article_id", "articles")
        for table, cols in schema.TABLES.items()
        if any(c.name == "article_id" for c in cols)
    ),
    ("documents", "group_id", "duplicate_groups"),
    ("entities", "corpus_id", "corpus_entities"),
    ("entity_names", "corpus_id", "corpus_entities"),
    ("story_articles", "story_id", "stories"),
    ("story_index", "story_id", "stories"),
)


def problems(store: Store) -> list[str]:
    """Every broken promise of ``store``, one line each; an empty list when it is whole."""
    found = []
    for table, column, target in REFERENCES:
        row = store.query(
            f"SELECT COUNT(*) AS n FROM {table} x WHERE x.{column} IS NOT NULL"
            f" AND NOT EXISTS (SELECT 1 FROM {target} t WHERE t.id = x.{column})"
        )[0]
        if int(row["n"]):
            found.append(f"{row['n']} {table} rows name a missing row of {target} ({column})")
    for sql, message in RULES:
        found += [message.format(**row) for row in store.query(sql)]
    return found + _unfingerprinted(store)


def _unfingerprinted(store: Store) -> list[str]:
    """Articles missing the paragraph rows their text gives: one per paragraph long enough
    to fingerprint (``dedup.paragraph_hashes``), so a short article rightly has none."""
    from storyline.corpus import dedup  # only here: checking a store is rare

    rows = store.query(
        "SELECT a.id, a.text, a.record FROM articles a WHERE NOT EXISTS"
        " (SELECT 1 FROM paragraphs p WHERE p.article_id = a.id)"
    )
    return [
        f"article {row['id']} has no paragraphs"
        for row in rows
        if dedup.paragraph_hashes(row["text"], _spans(row["record"]))
    ]


def _spans(record: str) -> list[tuple[int, int]]:
    return [(p["start"], p["end"]) for p in json.loads(record).get("paragraphs") or []]
