"""The SQL behind watches: stored queries, when each was last digested, and the articles
new since then."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from storyline.corpus.store.base import Row, Store, now
from storyline.corpus.store.stories import dumps


def add_watch(store: Store, name: str, criteria: dict[str, Any]) -> int:
    return store._insert(
        "watches", {"name": name, "criteria": dumps(criteria), "created_at": now()}
    )


def watches(store: Store, name: str | None = None) -> list[Row]:
    where, params = (" WHERE name = ?", [name]) if name else ("", [])
    rows = store.query(f"SELECT * FROM watches{where} ORDER BY name", params)
    for row in rows:
        row["criteria"] = json.loads(row["criteria"])
    return rows


def remove_watch(store: Store, name: str) -> bool:
    found = bool(watches(store, name))
    store._execute("DELETE FROM watches WHERE name = ?", (name,))
    return found


def follow(store: Store, merged: Sequence[int], into: int) -> None:
    """Point the watches on stories ``merged`` at story ``into``, which holds their articles."""
    for watch in watches(store):
        if watch["criteria"].get("story") in merged:
            criteria = {**watch["criteria"], "story": into}
            store._execute(
                "UPDATE watches SET criteria = ? WHERE name = ?", (dumps(criteria), watch["name"])
            )


def digested(store: Store, name: str, when: str) -> None:
    store._execute("UPDATE watches SET last_digest = ? WHERE name = ?", (when, name))


def last_article(store: Store) -> int:
    row = store._one("SELECT MAX(id) AS n FROM articles")
    return int(row["n"]) if row and row["n"] is not None else 0


def articles_after(store: Store, article_id: int) -> list[Row]:
    """Articles stored after ``article_id`` (ids only grow), with their text."""
    return store.query(
        "SELECT id, title, date, text, ingested_at FROM articles WHERE id > ? ORDER BY id",
        (article_id,),
    )


def articles_since(store: Store, day: str | None, moment: str | None) -> list[Row]:
    """Articles published on or after ``day`` (ingested then, when undated), or ingested
    after ``moment``; every article when both are None. A partial date stands for its
    whole period, as in the article filters (``store.browse``): an article dated
    "2025-04" is of a digest since 2025-04-10."""
    if day:
        where = "(date >= SUBSTR(?, 1, LENGTH(date)) OR (date IS NULL AND ingested_at >= ?))"
        params: list[Any] = [day, day]
    elif moment:
        where, params = "ingested_at > ?", [moment]
    else:
        where, params = "1 = 1", []
    return store.query(
        f"SELECT id, title, date, text, ingested_at FROM articles WHERE {where} ORDER BY id",
        params,
    )


def found(store: Store, words: str, ids: Sequence[int]) -> set[int]:
    """Those of the articles ``ids`` that a search for ``words`` finds: the same full-text
    match as ``search`` (stems, CJK words as phrases of character pairs), on either backend."""
    if not ids:
        return set()
    matching, params = store._matching(words)
    rows = store.query(
        f"SELECT m.id FROM ({matching}) m WHERE m.id BETWEEN ? AND ?",
        [*params, min(ids), max(ids)],
    )
    return {int(r["id"]) for r in rows} & set(ids)
