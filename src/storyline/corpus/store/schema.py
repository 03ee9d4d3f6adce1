"""The corpus schema, written once as table specs and rendered for each SQL dialect.

Both backends create the same tables and columns from ``TABLES``; only column
types, the identity column and full-text search differ, and those live in the
dialect modules. ``migrations`` lists, per schema version, the statements that
bring a store from the previous version to it; ``Store`` applies the missing
ones when it opens a store.

Fact tables (entities, quotes, figures, events) keep a few columns that queries
filter on, and the whole fact as JSON in ``data``; new fields that the analysis
adds to a fact flow into ``data`` without a schema change.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: str  # id, int, float, text, blob
    constraint: str = ""  # e.g. "NOT NULL", "REFERENCES articles(id) ON DELETE CASCADE"


def _c(name: str, kind: str, constraint: str = "") -> Column:
    return Column(name, kind, constraint)


_ARTICLE = "NOT NULL REFERENCES articles(id) ON DELETE CASCADE"

TABLES: dict[str, tuple[Column, ...]] = {
    # One row per analysed article; ``record`` holds the record's fields that
    # have no table of their own (paragraphs, quality, times, checks, summary).
    "articles": (
        _c("id", "id"),
        _c("content_hash", "text", "NOT NULL UNIQUE"),
        _c("source", "text", "NOT NULL"),
        _c("url", "text"),
        _c("title", "text"),
        _c("date", "text"),
        _c("sitename", "text"),
        _c("language", "text"),
        _c("text", "text", "NOT NULL"),
        _c("record", "text", "NOT NULL"),
        _c("facts", "int", "NOT NULL"),  # rows written to the fact tables, for checks
        _c("minhash", "blob"),
        _c("ingested_at", "text", "NOT NULL"),
    ),
    # One row per input document seen: the ingest log that makes re-runs resume.
    # Exact copies point at the article they copy and are not analysed again.
    "documents": (
        _c("id", "id"),
        _c("key", "text", "NOT NULL UNIQUE"),
        _c("source", "text", "NOT NULL"),
        _c("url", "text"),
        _c("title", "text"),
        _c("date", "text"),
        _c("article_id", "int", _ARTICLE),
        _c("status", "text", "NOT NULL"),  # stored, duplicate
        _c("group_id", "int", "REFERENCES duplicate_groups(id)"),
        _c("similarity", "float"),
    ),
    "duplicate_groups": (
        _c("id", "id"),
        _c("original_document", "int"),  # the member with the earliest date
        _c("size", "int", "NOT NULL"),
    ),
    "minhash_bands": (
        _c("band", "int", "NOT NULL"),
        _c("bucket", "int", "NOT NULL"),
        _c("article_id", "int", _ARTICLE),
    ),
    "paragraphs": (
        _c("article_id", "int", _ARTICLE),
        _c("idx", "int", "NOT NULL"),
        _c("hash", "text", "NOT NULL"),
        _c("char_start", "int", "NOT NULL"),
        _c("char_end", "int", "NOT NULL"),
    ),
    "entities": (
        _c("id", "id"),
        _c("article_id", "int", _ARTICLE),
        _c("entity_id", "text"),
        _c("name", "text"),
        _c("type", "text"),
        _c("key", "text"),
        _c("mention_count", "int"),
        _c("data", "text", "NOT NULL"),
    ),
    "mentions": (
        _c("id", "id"),
        _c("article_id", "int", _ARTICLE),
        _c("entity_id", "text"),
        _c("char_start", "int"),
        _c("char_end", "int"),
        _c("text", "text"),
        _c("data", "text", "NOT NULL"),
    ),
    "quotes": (
        _c("id", "id"),
        _c("article_id", "int", _ARTICLE),
        _c("quote_id", "text"),
        _c("kind", "text"),
        _c("text", "text"),
        _c("speaker", "text"),
        _c("speaker_name", "text"),
        _c("char_start", "int"),
        _c("char_end", "int"),
        _c("confidence", "float"),
        _c("data", "text", "NOT NULL"),
    ),
    "figures": (
        _c("id", "id"),
        _c("article_id", "int", _ARTICLE),
        _c("figure_id", "text"),
        _c("text", "text"),
        _c("value", "float"),
        _c("unit", "text"),
        _c("kind", "text"),
        _c("concept", "text"),
        _c("data", "text", "NOT NULL"),
    ),
    "events": (
        _c("id", "id"),
        _c("article_id", "int", _ARTICLE),
        _c("event_id", "text"),
        _c("type", "text"),
        _c("mode", "text"),
        _c("date", "text"),  # the event's own date, else the article's
        _c("sentence", "text"),
        _c("data", "text", "NOT NULL"),
    ),
    # Room for the stories that group articles across sources.
    "stories": (
        _c("id", "id"),
        _c("title", "text"),
        _c("created_at", "text", "NOT NULL"),
        _c("data", "text", "NOT NULL"),
    ),
    "story_articles": (
        _c("story_id", "int", "NOT NULL REFERENCES stories(id) ON DELETE CASCADE"),
        _c("article_id", "int", _ARTICLE),
    ),
}

INDEXES: tuple[str, ...] = (
    "CREATE INDEX IF NOT EXISTS documents_article ON documents(article_id)",
    "CREATE INDEX IF NOT EXISTS documents_group ON documents(group_id)",
    "CREATE INDEX IF NOT EXISTS minhash_bands_bucket ON minhash_bands(band, bucket)",
    "CREATE INDEX IF NOT EXISTS minhash_bands_article ON minhash_bands(article_id)",
    "CREATE INDEX IF NOT EXISTS paragraphs_hash ON paragraphs(hash)",
    "CREATE INDEX IF NOT EXISTS paragraphs_article ON paragraphs(article_id)",
    "CREATE INDEX IF NOT EXISTS entities_article ON entities(article_id)",
    "CREATE INDEX IF NOT EXISTS entities_key ON entities(key)",
    "CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id)",
    "CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id)",
    "CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_name)",
    "CREATE INDEX IF NOT EXISTS figures_article ON figures(article_id)",
    "CREATE INDEX IF NOT EXISTS events_article ON events(article_id)",
    "CREATE INDEX IF NOT EXISTS events_type ON events(type, date)",
    "CREATE INDEX IF NOT EXISTS story_articles_story ON story_articles(story_id)",
    "CREATE INDEX IF NOT EXISTS story_articles_article ON story_articles(article_id)",
    # Paragraphs that appear in more than one article, with the articles.
    """CREATE VIEW reused_paragraphs AS
       SELECT hash, COUNT(DISTINCT article_id) AS articles, MIN(article_id) AS first_article
       FROM paragraphs GROUP BY hash HAVING COUNT(DISTINCT article_id) > 1""",
)


def create_table(name: str, types: dict[str, str]) -> str:
    """``CREATE TABLE`` for one table, with column types from ``types`` (kind -> SQL)."""
    cols = ", ".join(f'"{c.name}" {types[c.kind]} {c.constraint}'.rstrip() for c in TABLES[name])
    return f"CREATE TABLE IF NOT EXISTS {name} ({cols})"


def migrations(types: dict[str, str], search: tuple[str, ...]) -> dict[int, tuple[str, ...]]:
    """Statements per schema version, for a dialect's column types and full-text search."""
    # duplicate_groups is referenced by documents, so it is created first.
    order = ["articles", "duplicate_groups"] + [
        t for t in TABLES if t not in ("articles", "duplicate_groups")
    ]
    return {1: tuple(create_table(t, types) for t in order) + INDEXES + search}


def columns(table: str) -> tuple[str, ...]:
    """Column names of ``table`` in schema order."""
    return tuple(c.name for c in TABLES[table])
