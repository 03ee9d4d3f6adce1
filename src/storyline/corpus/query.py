"""The corpus queries as library functions; the CLI and the web app call these.

Each function takes a store, or a target (SQLite path or PostgreSQL URL) to
open for the call, and returns plain rows (dicts of JSON values).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storyline.corpus.store import Row, Store, open_store
from storyline.corpus.store import stories as sql
from storyline.errors import ArgumentError, NotFoundError

Target = str | Path | Store
ID_MAX = 2**63 - 1  # the largest integer either backend holds


def check_id(value: object, what: str) -> int:
    """``value`` when it is a whole number that can be the id of a ``what`` in a store."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentError(f"{what}: {value!r} is not an id (a whole number)")
    if not 1 <= value <= ID_MAX:
        raise NotFoundError(f"no {what} with id {value}")
    return value


@contextlib.contextmanager
def opened(target: Target) -> Iterator[Store]:
    """The store at ``target`` opened to read, closed after use unless it was given open."""
    if isinstance(target, Store):
        yield target
        return
    store = open_store(target, "read")
    try:
        yield store
    finally:
        store.close()


def search(target: Target, text: str, limit: int = 20) -> list[Row]:
    """Articles that contain every word of ``text``, best first, with a snippet."""
    from storyline.corpus.browse import search_page

    items: list[Row] = search_page(target, text, limit=limit)["items"]
    return items


def quotes(
    target: Target, speaker: str | None = None, text: str | None = None, limit: int = 100
) -> list[Row]:
    """Quotes, newest article first, optionally by a speaker (part of the name) or with words."""
    from storyline.corpus.browse import quotes_page

    items: list[Row] = quotes_page(target, speaker=speaker, text=text, limit=limit)["items"]
    return items


def events(
    target: Target, type: str | None = None, since: str | None = None, limit: int = 100
) -> list[Row]:
    """Events in date order, optionally of one PLOVER type and on or after ``since``."""
    with opened(target) as store:
        return store.events(type=type, since=since, limit=limit)


def show(target: Target, article_id: int) -> dict[str, Any]:
    """One article: its row, its record, its input documents, its duplicate group, its story,
    and the corpus entity of each of its entities (``entity_ids``: record id -> corpus id)."""
    with opened(target) as store:
        article = store.article(article_id)
        if article is None:
            raise NotFoundError(f"no article with id {article_id}")
        documents = store.documents_of(article_id)
        group_id = next((d["group_id"] for d in documents if d["group_id"] is not None), None)
        return {
            "article": article,
            "documents": documents,
            "duplicates": store.group_members(group_id) if group_id is not None else [],
            "story": _story(store, article_id),
            "entity_ids": sql.entity_links(store, article_id),
            "record": store.record(article_id).to_dict(),
        }


def _story(store: Store, article_id: int) -> dict[str, Any] | None:
    """The story an article belongs to: its id and title."""
    story_id = sql.story_of(store, article_id)
    row = sql.story(store, story_id) if story_id is not None else None
    return {"id": int(row["id"]), "title": row["title"]} if row else None


def duplicates(target: Target) -> list[dict[str, Any]]:
    """Duplicate groups, largest first, each with its members (earliest first)."""
    with opened(target) as store:
        return [
            {**group, "members": store.group_members(group["id"])}
            for group in store.duplicate_groups()
        ]


def reused_paragraphs(target: Target, limit: int = 100) -> list[dict[str, Any]]:
    """Paragraphs found in more than one article, with the articles that use them."""
    with opened(target) as store:
        rows = store.reused_paragraphs(limit)
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        entry = out.setdefault(
            row["hash"], {"hash": row["hash"], "text": row["text"], "articles": []}
        )
        if row["article_id"] not in entry["articles"]:
            entry["articles"].append(row["article_id"])
    return list(out.values())
