"""The SQL behind corpus entities: their names, links to articles and co-occurrences.

Linking (``corpus.linking``) decides which corpus entity an article's entity is; these
functions only read and write the rows it decides on, each through an index.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storyline.corpus.store.base import Row, Store
from storyline.corpus.store.browse import LIKE_ESCAPE, containing
from storyline.corpus.store.stories import dumps, marks, padded


def named(store: Store, names: Sequence[str]) -> list[Row]:
    """Corpus entities answering to any of ``names``: the name row with the entity's fields."""
    if not names:
        return []
    places, wanted = padded(names)
    return store.query(
        "SELECT n.name AS key, n.kind, c.id, c.name, c.type, c.ambiguous, c.articles"
        " FROM entity_names n JOIN corpus_entities c ON c.id = n.corpus_id"
        f" WHERE n.name IN ({places}) ORDER BY c.articles DESC, c.id",
        wanted,
    )


def add_entity(store: Store, row: Row) -> int:
    return store._insert("corpus_entities", {**row, "data": dumps(row["data"])})


def update_entity(store: Store, corpus_id: int, row: Row) -> None:
    row = {**row, "data": dumps(row["data"])} if "data" in row else row
    sets = ", ".join(f'"{c}" = ?' for c in row)
    store._execute(f"UPDATE corpus_entities SET {sets} WHERE id = ?", [*row.values(), corpus_id])


def entity(store: Store, corpus_id: int) -> Row | None:
    return store._one("SELECT * FROM corpus_entities WHERE id = ?", (corpus_id,))


def entity_rows(store: Store, ids: Sequence[int]) -> list[Row]:
    if not ids:
        return []
    return store.query(
        f"SELECT * FROM corpus_entities WHERE id IN ({marks(ids)}) ORDER BY id", list(ids)
    )


def add_names(store: Store, corpus_id: int, names: Iterable[tuple[str, str]]) -> None:
    """Register (name, kind) pairs for an entity, skipping the pairs it already has."""
    wanted = sorted(set(names))
    if not wanted:
        return
    have = {
        (r["name"], r["kind"])
        for r in store.query(
            "SELECT name, kind FROM entity_names WHERE corpus_id = ?", (corpus_id,)
        )
    }
    store._insert_many(
        "entity_names",
        [{"name": n, "corpus_id": corpus_id, "kind": k} for n, k in wanted if (n, k) not in have],
    )


def drop_name(store: Store, corpus_id: int, name: str, kind: str) -> None:
    store._execute(
        "DELETE FROM entity_names WHERE corpus_id = ? AND name = ? AND kind = ?",
        (corpus_id, name, kind),
    )


def mark_ambiguous(store: Store, ids: Sequence[int]) -> None:
    if ids:
        store._execute(
            f"UPDATE corpus_entities SET ambiguous = 1 WHERE id IN ({marks(ids)})", list(ids)
        )


def link(store: Store, article_id: int, links: dict[str, int]) -> None:
    """Point the article's entities (by their id in the record) at their corpus entities."""
    store._executemany(
        "UPDATE entities SET corpus_id = ? WHERE article_id = ? AND entity_id = ?",
        [(cid, article_id, eid) for eid, cid in links.items()],
    )


def find_entities(store: Store, text: str | None, limit: int, key: str | None = None) -> list[Row]:
    """Corpus entities, most widely reported first; with ``text``, those whose names hold
    it, or whose names in the index hold ``key`` (``text`` as the index writes names)."""
    where, params = "", []
    if text:
        where = (
            f" WHERE LOWER(c.name) LIKE ? {LIKE_ESCAPE}"
            f" OR c.id IN (SELECT corpus_id FROM entity_names WHERE name LIKE ? {LIKE_ESCAPE})"
        )
        params = [containing(text), containing(key or text)]
    return store.query(
        f"SELECT c.* FROM corpus_entities c{where} ORDER BY c.articles DESC, c.mentions DESC, c.id LIMIT ?",
        [*params, limit],
    )


def entity_articles(store: Store, corpus_id: int) -> list[Row]:
    """The article entities linked to a corpus entity, with their article's title, date
    and the article it copies (``copy_of``: None for an original)."""
    return store.query(
        "SELECT e.article_id, e.entity_id, e.name, e.type, e.data, a.title, a.date, a.source,"
        " a.sitename, m.copy_of FROM entities e JOIN articles a ON a.id = e.article_id"
        " LEFT JOIN story_articles m ON m.article_id = e.article_id"
        " WHERE e.corpus_id = ? ORDER BY (a.date IS NULL), a.date, a.id, e.entity_id",
        (corpus_id,),
    )


def cooccurring(store: Store, corpus_id: int, limit: int) -> list[Row]:
    return store.query(
        "SELECT c.id, c.name, c.type, COUNT(DISTINCT o.article_id) AS articles"
        " FROM entities e JOIN entities o ON o.article_id = e.article_id AND o.corpus_id <> e.corpus_id"
        " JOIN corpus_entities c ON c.id = o.corpus_id WHERE e.corpus_id = ?"
        " GROUP BY c.id, c.name, c.type ORDER BY articles DESC, c.id LIMIT ?",
        (corpus_id, limit),
    )
