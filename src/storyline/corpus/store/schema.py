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

SCHEMA_VERSION = 8
BIGRAMS_VERSION = 3  # the version that adds articles.bigrams, filled when migrating to it
EVENT_DATES_VERSION = 6  # events filed under their time's calendar date (timeline.calendar)
SENTENCE_DATES_VERSION = 7  # events filed as ``rows.event_date`` does: also by their sentence
NAME_KEYS_VERSION = 8  # the names index keyed without Latin accents (``names.name_key``)


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
        _c("corpus_id", "int"),  # the corpus entity it is linked to (version 2)
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
        _c("date", "text"),  # the event's own date, else its sentence's, else the article's
        _c("sentence", "text"),
        _c("data", "text", "NOT NULL"),
    ),
    # Corpus entities: one per real-world referent across articles (version 2).
    "corpus_entities": (
        _c("id", "id"),
        _c("name", "text", "NOT NULL"),
        _c("type", "text"),  # voted across the articles that name it
        _c("ambiguous", "int", "NOT NULL"),  # 1 when another person shares its surname
        _c("articles", "int", "NOT NULL"),
        _c("mentions", "int", "NOT NULL"),
        _c("first_date", "text"),
        _c("last_date", "text"),
        _c("data", "text", "NOT NULL"),  # aliases, roles and type votes with their counts
    ),
    # The names a corpus entity answers to: its full name and aliases (kind "name"),
    # and a person's surname (kind "surname"); the index that linking looks up.
    "entity_names": (
        _c("name", "text", "NOT NULL"),
        _c("corpus_id", "int", "NOT NULL REFERENCES corpus_entities(id) ON DELETE CASCADE"),
        _c("kind", "text", "NOT NULL"),
    ),
    # Document frequency of each term over the articles; the row "" counts the articles.
    "term_stats": (
        _c("term", "text", "NOT NULL PRIMARY KEY"),
        _c("df", "int", "NOT NULL"),
    ),
    "stories": (
        _c("id", "id"),
        _c("title", "text"),
        _c("created_at", "text", "NOT NULL"),
        _c("first_date", "text"),
        _c("last_date", "text"),
        _c("articles", "int", "NOT NULL"),  # originals, copies not counted
        _c("seq", "int", "NOT NULL"),  # ingest order of its latest article: recency
        _c("data", "text", "NOT NULL"),  # the profile articles are scored against
    ),
    "story_articles": (
        _c("story_id", "int", "NOT NULL REFERENCES stories(id) ON DELETE CASCADE"),
        _c("article_id", "int", _ARTICLE),
        _c("copy_of", "int"),  # the article it copies, folded under it
        _c("score", "float"),
        _c("runner_up", "int"),  # the next best story when it was assigned
        _c("manual", "int", "NOT NULL"),  # 1 when a person put it there
        _c("seq", "int", "NOT NULL"),
        _c("data", "text", "NOT NULL"),  # the score of each signal, for --explain
    ),
    # Inverted index from a term ("t:lemma") or corpus entity ("e:12") to stories.
    "story_index": (
        _c("key", "text", "NOT NULL"),
        _c("story_id", "int", "NOT NULL REFERENCES stories(id) ON DELETE CASCADE"),
        _c("seq", "int", "NOT NULL"),
    ),
    "watches": (
        _c("id", "id"),
        _c("name", "text", "NOT NULL UNIQUE"),
        _c("criteria", "text", "NOT NULL"),
        _c("created_at", "text", "NOT NULL"),
        _c("last_digest", "text"),
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
    # Paragraphs that appear in more than one article, with the articles.
    """CREATE VIEW reused_paragraphs AS
       SELECT hash, COUNT(DISTINCT article_id) AS articles, MIN(article_id) AS first_article
       FROM paragraphs GROUP BY hash HAVING COUNT(DISTINCT article_id) > 1""",
)


# Version 2: stories, corpus entities and watches. Version 1 had empty placeholder
# ``stories`` and ``story_articles`` tables, which version 2 replaces.
ADDED_TABLES = {
    2: (
        "corpus_entities",
        "entity_names",
        "term_stats",
        "stories",
        "story_articles",
        "story_index",
        "watches",
    )
}
ADDED_COLUMNS = {2: (("entities", "corpus_id"),)}
INDEXES_2 = (
    "CREATE INDEX IF NOT EXISTS entities_corpus ON entities(corpus_id)",
    "CREATE INDEX IF NOT EXISTS entity_names_name ON entity_names(name, kind)",
    "CREATE INDEX IF NOT EXISTS entity_names_corpus ON entity_names(corpus_id)",
    "CREATE INDEX IF NOT EXISTS story_articles_story ON story_articles(story_id)",
    "CREATE INDEX IF NOT EXISTS story_articles_article ON story_articles(article_id)",
    "CREATE INDEX IF NOT EXISTS story_index_key ON story_index(key, seq)",
    "CREATE INDEX IF NOT EXISTS story_index_story ON story_index(story_id)",
    "CREATE INDEX IF NOT EXISTS stories_seq ON stories(seq)",
)
# Version 4: the story list's sort key (newest activity first) as an index, so a page of
# stories is read from the index's end instead of sorting every story.
INDEXES_4 = (
    "CREATE INDEX IF NOT EXISTS stories_recent ON stories (COALESCE(last_date, ''), seq, id)",
)
# Version 5: the inverted index's postings (a key's stories, most recently active first)
# read from the index alone, the story id in it, instead of from the table's rows.
INDEXES_5 = (
    "DROP INDEX IF EXISTS story_index_key",
    "CREATE INDEX IF NOT EXISTS story_index_postings ON story_index(key, seq, story_id)",
)
_LATER_COLUMNS = {(t, c) for added in ADDED_COLUMNS.values() for t, c in added}
_LATER_TABLES = {t for added in ADDED_TABLES.values() for t in added}


def _column_sql(c: Column, types: dict[str, str]) -> str:
    return f'"{c.name}" {types[c.kind]} {c.constraint}'.rstrip()


def create_table(name: str, types: dict[str, str], version: int = SCHEMA_VERSION) -> str:
    """``CREATE TABLE`` for one table as schema ``version`` had it, with ``types`` (kind -> SQL)."""
    later = set() if version >= 2 else {c for t, c in _LATER_COLUMNS if t == name}
    cols = ", ".join(_column_sql(c, types) for c in TABLES[name] if c.name not in later)
    return f"CREATE TABLE IF NOT EXISTS {name} ({cols})"


def _add_column(table: str, name: str, types: dict[str, str]) -> str:
    column = next(c for c in TABLES[table] if c.name == name)
    return f"ALTER TABLE {table} ADD COLUMN {_column_sql(column, types)}"


def migrations(
    types: dict[str, str], search: dict[int, tuple[str, ...]]
) -> dict[int, tuple[str, ...]]:
    """Statements per schema version, for a dialect's column types and its full-text
    search statements per version."""
    # duplicate_groups is referenced by documents, so it is created first.
    first = [t for t in TABLES if t not in _LATER_TABLES]
    order = ["articles", "duplicate_groups"] + [
        t for t in first if t not in ("articles", "duplicate_groups")
    ]
    v1 = tuple(create_table(t, types, 1) for t in order) + INDEXES + search[1]
    v2 = (
        "DROP TABLE IF EXISTS story_articles",
        "DROP TABLE IF EXISTS stories",
        *(create_table(t, types) for t in ADDED_TABLES[2]),
        *(_add_column(t, c, types) for t, c in ADDED_COLUMNS[2]),
        *INDEXES_2,
    )
    # Version 3: CJK words searchable (articles.bigrams, see bigrams.py): only the
    # dialect's search statements change, then the store fills the column.
    # Versions 6 and 7: the events' dates as ``rows`` files them now; version 8: the names
    # index's keys as ``names.name_key`` writes them now. Only data changes.
    return {1: v1, 2: v2, 3: search[3], 4: INDEXES_4, 5: INDEXES_5, 6: (), 7: (), 8: ()}


def columns(table: str) -> tuple[str, ...]:
    """Column names of ``table`` in schema order."""
    return tuple(c.name for c in TABLES[table])
