"""The SQL behind stories and the term index, as functions of an open store (corpus
entities: ``store.entities``; watches: ``store.watches``).

Linking (``corpus.linking``) and story assignment (``corpus.clustering``) decide;
these functions only read and write the rows they decide on. Every look-up goes
through an index (a name, a key of the inverted index, a story id), so the cost of
adding one article does not grow with the corpus.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from typing import Any

from storyline.corpus.store.base import Row, Store, now
from storyline.corpus.store.browse import Filters
from storyline.errors import NotFoundError

ARTICLES = ""  # the ``term_stats`` row that counts the articles
PROFILES_KEPT = 256  # parsed story profiles kept, by their JSON, for the next articles
FREQUENCIES_KEPT = 100_000  # document frequencies kept in a transaction, at most


dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode


def marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def padded(values: Sequence[Any]) -> tuple[str, list[Any]]:
    """The placeholders of an ``IN`` list and its parameters: ``values`` with their last
    repeated up to a power of two in length, so that a statement run often comes in a
    few lengths only, each prepared once and then reused."""
    if not values:
        return "", []
    size = 1 << (len(values) - 1).bit_length()
    wanted = [*values, *[values[-1]] * (size - len(values))]
    return marks(wanted), wanted


# --- document frequencies -------------------------------------------------------------


def count_keys(store: Store, keys: Sequence[str]) -> None:
    """Add one article to the document frequency of each key, and to the article count."""
    counted = (ARTICLES, *sorted(set(keys)))
    store._executemany(
        "INSERT INTO term_stats (term, df) VALUES (?, 1)"
        " ON CONFLICT (term) DO UPDATE SET df = term_stats.df + 1",
        [(k,) for k in counted],
    )
    seen = store.seen_frequencies
    for key in counted:
        if key in seen:
            seen[key] += 1


def frequencies(store: Store, keys: Sequence[str]) -> dict[str, int]:
    """Document frequency of each key (absent keys are left out), and ``""``: the articles.

    In a transaction, the frequencies already read in it are not read again: the
    articles written together share most of their terms and candidate stories. The
    article count is read every time (every writer counts on it), and the frequencies
    kept are dropped past ``FREQUENCIES_KEPT`` (a recluster is one long transaction).
    """
    wanted = [ARTICLES, *keys]
    seen = store.seen_frequencies if store.in_transaction else {}
    if len(seen) > FREQUENCIES_KEPT:
        seen.clear()
    seen.pop(ARTICLES, None)
    unread = [k for k in wanted if k not in seen]
    for i in range(0, len(unread), 512):
        places, chunk = padded(unread[i : i + 512])
        sql = f"SELECT term, df FROM term_stats WHERE term IN ({places})"
        for row in store._execute(sql, chunk).fetchall():
            seen[row["term"]] = int(row["df"])
    return {k: seen[k] for k in wanted if k in seen}


# --- stories --------------------------------------------------------------------------


def postings(store: Store, keys: Sequence[str], limit: int, top: int) -> list[int]:
    """The ``top`` stories found under the most ``keys`` (the most recently opened first
    among equals), each key giving its ``limit`` most recently active stories; counted
    in one statement, which returns only the stories it keeps."""
    if not keys:
        return []
    one = "SELECT * FROM (SELECT story_id FROM story_index WHERE key = ? ORDER BY seq DESC LIMIT ?)"
    found = " UNION ALL ".join(f"{one} AS p{i}" for i in range(len(keys)))
    sql = (
        f"SELECT story_id FROM ({found}) AS found"
        " GROUP BY story_id ORDER BY COUNT(*) DESC, story_id DESC LIMIT ?"
    )
    rows = store._execute(sql, [*(v for key in keys for v in (key, limit)), top]).fetchall()
    return [int(r["story_id"]) for r in rows]


def story_rows(
    store: Store, ids: Sequence[int], parse: Callable[[str], Any] = json.loads
) -> list[Row]:
    if not ids:
        return []
    places, wanted = padded(ids)
    rows = store.query(f"SELECT * FROM stories WHERE id IN ({places}) ORDER BY id", wanted)
    for row in rows:
        row["data"] = parse(row["data"])
    return rows


def candidate_rows(store: Store, ids: Sequence[int]) -> list[Row]:
    """Stories as ``story_rows`` gives them, their profiles shared and not to be changed:
    the candidates of one article are mostly those of the article before, unchanged."""
    return story_rows(store, ids, _profile)


@functools.lru_cache(maxsize=PROFILES_KEPT)
def _profile(data: str) -> Any:
    return json.loads(data)


def add_story(store: Store, row: Row) -> int:
    return store._insert("stories", {**row, "created_at": now(), "data": dumps(row["data"])})


def new_story(store: Store, title: str | None = None, seq: int = 0) -> int:
    """An empty story, filled by the articles that join it."""
    return add_story(
        store,
        {
            "title": title,
            "first_date": None,
            "last_date": None,
            "articles": 0,
            "seq": seq,
            "data": {},
        },
    )


def update_story(store: Store, story_id: int, row: Row) -> None:
    row = {**row, "data": dumps(row["data"])} if "data" in row else row
    sets = ", ".join(f'"{c}" = ?' for c in row)
    store._execute(f"UPDATE stories SET {sets} WHERE id = ?", [*row.values(), story_id])


def index_story(store: Store, story_id: int, keys: Sequence[str], seq: int) -> None:
    """Replace a story's keys in the inverted index, all marked with its latest activity."""
    store._execute("DELETE FROM story_index WHERE story_id = ?", (story_id,))
    store._insert_many("story_index", [{"key": k, "story_id": story_id, "seq": seq} for k in keys])


def add_member(store: Store, row: Row) -> None:
    store._insert_many("story_articles", [{**row, "data": dumps(row["data"])}])


def story_of(store: Store, article_id: int) -> int | None:
    row = store._one("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,))
    return int(row["story_id"]) if row else None


def original_of(store: Store, article_id: int) -> int:
    """The original an article is folded under as a copy, or the article itself."""
    row = store._one("SELECT copy_of FROM story_articles WHERE article_id = ?", (article_id,))
    return int(row["copy_of"]) if row and row["copy_of"] is not None else article_id


def article_date(store: Store, article_id: int) -> str | None:
    row = store._one("SELECT date FROM articles WHERE id = ?", (article_id,))
    return row["date"] if row else None


def swap_original(store: Store, original: int, copy: int) -> None:
    """Make copy ``copy`` the original of its story in place of ``original``: it takes the
    membership's decision, scores and place, and ``original`` and its other copies are
    folded under it."""
    cols = ("score", "runner_up", "manual", "seq", "data")
    select = f"SELECT {', '.join(cols)} FROM story_articles WHERE article_id = ?"
    old, new = store._one(select, (original,)), store._one(select, (copy,))
    assert old is not None and new is not None
    sets = ", ".join(f'"{c}" = ?' for c in cols)
    update = f"UPDATE story_articles SET copy_of = ?, {sets} WHERE article_id = ?"
    store._execute(update, [None, *(old[c] for c in cols), copy])
    # the old original takes the copy's place, still placed by a person if it was
    placed = {**new, "manual": old["manual"]}
    store._execute(update, [copy, *(placed[c] for c in cols), original])
    store._execute("UPDATE story_articles SET copy_of = ? WHERE copy_of = ?", (copy, original))


def original_article(store: Store, document_id: int) -> int | None:
    row = store._one("SELECT article_id FROM documents WHERE id = ?", (document_id,))
    return int(row["article_id"]) if row else None


# --- the story view -------------------------------------------------------------------


# A live story holds articles; a retired one (``retire_story``) none.
LIVE = "articles > 0"
# Undated stories sort after every dated one; schema.INDEXES_4 indexes this expression.
STORY_DATE = "COALESCE(s.last_date, '')"


def list_stories(
    store: Store,
    limit: int,
    filters: Filters | None = None,
    after: Sequence[Any] | None = None,
) -> list[Row]:
    """Stories, newest activity first (undated after, latest formed first).

    ``filters`` keeps the stories with at least one member article it admits; ``after``
    is the (date, seq, id) sort key of the last story seen, for the next page.
    """
    return store.query(*stories_query(limit, filters, after))


def stories_query(
    limit: int, filters: Filters | None = None, after: Sequence[Any] | None = None
) -> tuple[str, list[Any]]:
    """The SQL of ``list_stories``: it walks the ``stories_recent`` index from its end,
    whose key is the sort key, so a page reads its own rows and never sorts the table."""
    where: list[str] = [f"s.{LIVE}"]
    params: list[Any] = []
    if filters is not None:
        conditions, params = filters.sql()
        if conditions:
            where.append(
                "EXISTS (SELECT 1 FROM story_articles m JOIN articles a ON a.id = m.article_id"
                " WHERE m.story_id = s.id AND " + " AND ".join(conditions) + ")"
            )
    if after is not None:
        # The bound on the date alone lets the next page start at its key in the index.
        where.append(f"{STORY_DATE} <= ? AND ({STORY_DATE}, s.seq, s.id) < (?, ?, ?)")
        params += [after[0], after[0], after[1], after[2]]
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    return (
        "SELECT s.id, s.title, s.first_date, s.last_date, s.articles, s.seq, s.created_at,"
        f" {STORY_DATE} AS sort_date FROM stories s{clause}"
        f" ORDER BY {STORY_DATE} DESC, s.seq DESC, s.id DESC LIMIT ?",
        [*params, limit],
    )


def story(store: Store, story_id: int) -> Row | None:
    """The live story with that id (not a retired one), or None."""
    rows = story_rows(store, [story_id])
    return rows[0] if rows and "retired" not in rows[0]["data"] else None


def members(store: Store, story_ids: Sequence[int]) -> list[Row]:
    """Articles of stories, in date order, with their membership (scores, copy_of)."""
    if not story_ids:
        return []
    rows = store.query(
        "SELECT m.story_id, m.article_id AS id, m.copy_of, m.score, m.runner_up, m.manual, m.seq,"
        " m.data, a.title, a.date, a.source, a.sitename, a.url, a.ingested_at"
        " FROM story_articles m JOIN articles a ON a.id = m.article_id"
        f" WHERE m.story_id IN ({marks(story_ids)})"
        " ORDER BY m.story_id, (a.date IS NULL), a.date, m.seq, a.id",
        list(story_ids),
    )
    for row in rows:
        row["data"] = json.loads(row["data"])
    return rows


def exact_copies(store: Store, article_ids: Sequence[int]) -> list[Row]:
    """Documents logged as exact copies of these articles."""
    if not article_ids:
        return []
    return store.query(
        "SELECT id, article_id, source, url, date FROM documents"
        f" WHERE status = 'duplicate' AND article_id IN ({marks(article_ids)}) ORDER BY id",
        list(article_ids),
    )


def document_of(store: Store, article_ids: Sequence[int]) -> dict[int, int]:
    if not article_ids:
        return {}
    rows = store.query(
        "SELECT id, article_id FROM documents"
        f" WHERE status = 'stored' AND article_id IN ({marks(article_ids)})",
        list(article_ids),
    )
    return {int(r["article_id"]): int(r["id"]) for r in rows}


def facts(store: Store, table: str, article_ids: Sequence[int]) -> list[Row]:
    """Rows of a fact table (entities, quotes, figures, events) for these articles."""
    if not article_ids:
        return []
    rows = store.query(
        f"SELECT * FROM {table} WHERE article_id IN ({marks(article_ids)}) ORDER BY article_id, id",
        list(article_ids),
    )
    for row in rows:
        row["data"] = json.loads(row["data"])
    return rows


def _by_article(store: Store, select: str, article_ids: Sequence[int]) -> list[Row]:
    """The rows of ``select`` (a statement ending in ``article_id IN ({places})``) for
    these articles, read 500 at a time so no statement passes a backend's limits."""
    out: list[Row] = []
    for i in range(0, len(article_ids), 500):
        places, chunk = padded(list(article_ids[i : i + 500]))
        out += store.query(select.format(places=places), chunk)
    return out


def among(
    store: Store, table: str, column: str, value: Any, article_ids: Sequence[int]
) -> set[int]:
    """Those of the articles with a row in ``table`` whose ``column`` is ``value`` (a
    member of a story, a mention of a corpus entity, an event of a type), read by
    article, not as every row with the value."""
    select = f"SELECT article_id, {column} AS value FROM {table} WHERE article_id IN ({{places}})"
    return {
        int(r["article_id"]) for r in _by_article(store, select, article_ids) if r["value"] == value
    }


def copies(store: Store, article_ids: Sequence[int]) -> set[int]:
    """Those of the articles that are folded under an original in their story."""
    return {int(m["id"]) for m in memberships_of(store, article_ids) if m["copy_of"] is not None}


def articles_of_entity(store: Store, corpus_id: int) -> list[int]:
    rows = store.query(
        "SELECT DISTINCT article_id FROM entities WHERE corpus_id = ? ORDER BY article_id",
        (corpus_id,),
    )
    return [int(r["article_id"]) for r in rows]


def records_summary(store: Store, article_ids: Sequence[int]) -> dict[int, Row]:
    """Each article's record JSON (without its text), by article id."""
    if not article_ids:
        return {}
    rows = store.query(
        f"SELECT id, record FROM articles WHERE id IN ({marks(article_ids)})", list(article_ids)
    )
    return {int(r["id"]): json.loads(r["record"]) for r in rows}


def article_rows(store: Store, article_ids: Sequence[int]) -> list[Row]:
    if not article_ids:
        return []
    return store.query(
        "SELECT id, title, date, source, sitename, url, ingested_at FROM articles"
        f" WHERE id IN ({marks(article_ids)}) ORDER BY id",
        list(article_ids),
    )


# --- recluster and corrections --------------------------------------------------------


def memberships(store: Store) -> list[Row]:
    """Every membership: article, story, copy_of and whether a person put it there."""
    return store.query(
        "SELECT article_id, story_id, copy_of, manual FROM story_articles ORDER BY article_id"
    )


def memberships_of(store: Store, article_ids: Sequence[int]) -> list[Row]:
    """The memberships of these articles: ``id``, ``story_id`` and ``copy_of``."""
    select = (
        "SELECT article_id AS id, story_id, copy_of FROM story_articles"
        " WHERE article_id IN ({places})"
    )
    return _by_article(store, select, article_ids)


def articles_in_order(store: Store) -> list[int]:
    """Every stored article in date order, ingest order breaking ties, undated last."""
    rows = store.query("SELECT id FROM articles ORDER BY (date IS NULL), date, id")
    return [int(r["id"]) for r in rows]


def entity_links(store: Store, article_id: int) -> dict[str, int]:
    rows = store.query(
        "SELECT entity_id, corpus_id FROM entities WHERE article_id = ? AND corpus_id IS NOT NULL",
        (article_id,),
    )
    return {str(r["entity_id"]): int(r["corpus_id"]) for r in rows}


def clear_stories(store: Store) -> None:
    """Remove every live story, membership, index key and document frequency; retired
    stories stay, keeping their ids from being given again."""
    for table in ("story_index", "story_articles", "term_stats"):
        store._execute(f"DELETE FROM {table}")
    store._execute(f"DELETE FROM stories WHERE {LIVE}")
    store.seen_frequencies.clear()


def remove_member(store: Store, article_id: int) -> None:
    store._execute("DELETE FROM story_articles WHERE article_id = ?", (article_id,))


def set_member(store: Store, article_id: int, story_id: int, manual: int) -> None:
    store._execute(
        "UPDATE story_articles SET story_id = ?, manual = ? WHERE article_id = ?",
        (story_id, manual, article_id),
    )


def clear_copy(store: Store, article_id: int) -> None:
    store._execute("UPDATE story_articles SET copy_of = NULL WHERE article_id = ?", (article_id,))


def merged_into(store: Store, story_id: int, into: int) -> None:
    """Retire story ``story_id``, merged into ``into``: a decision that named it as the
    runner-up names ``into`` now."""
    store._execute("UPDATE story_articles SET runner_up = ? WHERE runner_up = ?", (into, story_id))
    retire_story(store, story_id, {"merged_into": into})


def retire_story(store: Store, story_id: int, why: dict[str, Any]) -> None:
    """Keep a story that lost its articles as a row of its own, never listed or scored: its
    id is never given to another story (a link or a citation of it would then lead to
    another story), and what became of it can be told (``why``)."""
    store._execute("DELETE FROM story_index WHERE story_id = ?", (story_id,))
    update_story(
        store,
        story_id,
        {"title": None, "first_date": None, "last_date": None, "articles": 0,
         "data": {"retired": why}},
    )  # fmt: skip


def no_story(store: Store, story_id: int) -> NotFoundError:
    """The error for a story id that names no live story, saying what became of it."""
    why = retired(store, story_id) or {}
    if "merged_into" in why:
        return NotFoundError(f"story {story_id} was merged into story {why['merged_into']}")
    if why:
        return NotFoundError(f"story {story_id} has no articles left: they were moved")
    return NotFoundError(f"no story with id {story_id}")


def retired(store: Store, story_id: int) -> dict[str, Any] | None:
    """What became of a retired story (``{"merged_into": id}`` or ``{"emptied": True}``),
    or None when no story ever had that id or it is live."""
    row = store._one("SELECT data FROM stories WHERE id = ?", (story_id,))
    found = json.loads(row["data"]).get("retired") if row else None
    return dict(found) if found else None


def renumber_story(store: Store, old: int, new: int) -> None:
    """Give story ``old`` the id ``new`` (which must be free), with its members and keys."""
    cols = [
        c for c in ("title", "created_at", "first_date", "last_date", "articles", "seq", "data")
    ]
    names = ", ".join(f'"{c}"' for c in cols)
    store._execute(
        f"INSERT INTO stories (id, {names}) SELECT ?, {names} FROM stories WHERE id = ?", (new, old)
    )
    store._execute("UPDATE story_articles SET story_id = ? WHERE story_id = ?", (new, old))
    store._execute("UPDATE story_articles SET runner_up = ? WHERE runner_up = ?", (new, old))
    store._execute("UPDATE story_index SET story_id = ? WHERE story_id = ?", (new, old))
    store._execute("DELETE FROM stories WHERE id = ?", (old,))


def story_ids(store: Store) -> list[int]:
    """The ids of the live stories (every story holds an article once its transaction ends;
    a retired one holds none)."""
    return [int(r["id"]) for r in store.query(f"SELECT id FROM stories WHERE {LIVE} ORDER BY id")]


def highest_story_id(store: Store) -> int:
    """The highest id a story ever had in this store, retired stories counted."""
    row = store._one("SELECT MAX(id) AS n FROM stories")
    return int(row["n"]) if row and row["n"] is not None else 0
