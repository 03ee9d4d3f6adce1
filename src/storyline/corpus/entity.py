"""Corpus entities as a reader sees them: the list, and one entity with everything known of it.

An entity is named by its id or by a name; a name that fits several corpus entities
is refused with the list of them, so the caller can give the id.
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from typing import Any

from storyline.corpus.linking import normal
from storyline.corpus.query import Target, check_id, opened
from storyline.corpus.store import Row, Store
from storyline.corpus.store import entities as entity_sql
from storyline.corpus.store import stories as sql
from storyline.corpus.timeline import event_sentence
from storyline.errors import ArgumentError, NotFoundError
from storyline.models import ENTITY_TYPES

COOCCURRING = 10


def entities(
    target: Target, type: str | None = None, limit: int = 100, text: str | None = None
) -> list[dict[str, Any]]:
    """Corpus entities, most widely reported first, with article and mention counts."""
    if type and type.upper() not in ENTITY_TYPES:
        raise ArgumentError(f"{type!r} is not an entity type: one of {', '.join(ENTITY_TYPES)}")
    with opened(target) as store:
        rows = entity_sql.find_entities(
            store, text, limit if not type else 100_000, normal(text) if text else None
        )
    out = [_row(r) for r in rows if not type or r["type"] == type.upper()]
    return out[:limit]


def _row(row: Row) -> dict[str, Any]:
    return {
        "id": int(row["id"]),
        "name": row["name"],
        "type": row["type"],
        "articles": int(row["articles"]),
        "mentions": int(row["mentions"]),
        "ambiguous": bool(row["ambiguous"]),
        "first_seen": row["first_date"],
        "last_seen": row["last_date"],
    }


def resolve(store: Store, name: str) -> Row:
    """The corpus entity an id or a name stands for."""
    if not normal(name):
        raise ArgumentError(f"{name!r} is not a name: give a name or an id")
    if name.isascii() and name.isdigit():  # not "²", which int() refuses
        row = entity_sql.entity(store, check_id(int(name), "corpus entity"))
        if row is None:
            raise NotFoundError(f"no corpus entity with id {name}")
        return row
    key = normal(name)
    named = entity_sql.named(store, [key])
    # The entity of that very name, else those known by it, else people of that surname;
    # a person's short name that is also other people's surname fits them too
    # ("Ellison" of an article that did not say which, and Paul and Karen Ellison).
    people = [r for r in named if r["kind"] == "surname"]
    rows = [r for r in named if r["kind"] == "name" and normal(r["name"]) == key]
    if rows and all(r["type"] == "PERSON" for r in rows):
        rows += people  # not "Jordan" the country when "Michael Jordan" comes
    rows = rows or [r for r in named if r["kind"] == "name"] or people
    if not rows:
        rows = entity_sql.find_entities(store, name, 20, key)
    if not rows:
        rows = _written_otherwise(store, key)
    ids = sorted({int(r["id"]) for r in rows})
    if not ids:
        raise NotFoundError(f"no corpus entity named {name!r}")
    if len(ids) > 1:
        found = entity_sql.entity_rows(store, ids)
        listed = "; ".join(f"{r['id']} {r['name']} ({r['type']})" for r in found[:10])
        raise ArgumentError(f"{name!r} fits several corpus entities: {listed}; give the id")
    row = entity_sql.entity(store, ids[0])
    assert row is not None
    return row


def _written_otherwise(store: Store, key: str) -> list[Row]:
    """Entities whose name holds every word of ``key`` among other words ("Dwayne Pike"
    for Dwayne "The Rook" Pike), whatever their accents (the key has none): found
    through the longest of the words."""
    words = set(key.split())
    probe = max(words, key=len, default="")
    if len(probe) < 3:
        return []
    return [
        r
        for r in entity_sql.find_entities(store, probe, 200, probe)
        if words <= set(normal(r["name"]).split())
    ]


def entity(target: Target, name: str) -> dict[str, Any]:
    """One corpus entity: aliases, roles with their articles, quotes by and about it,
    events it takes part in, co-occurring entities, first and last seen."""
    with opened(target) as store:
        row = resolve(store, name)
        cid = int(row["id"])
        data = json.loads(row["data"])
        linked = entity_sql.entity_articles(store, cid)
        # A copy's quotes and events are its original's: they are listed once, as a story
        # lists them; the copy itself is listed among the articles, as a copy.
        ids = sorted({int(r["article_id"]) for r in linked if r["copy_of"] is None})
        local = {(int(r["article_id"]), r["entity_id"]) for r in linked}
        listed: dict[int, Row] = {}
        for r in linked:  # one row per article
            listed.setdefault(int(r["article_id"]), r)
        aliases = sorted(data["aliases"], key=lambda a: (-data["aliases"][a], a))
        return {
            **_row(row),
            "aliases": aliases,
            "types": data["types"],
            "roles": _roles(data["roles"]),
            "articles_list": [
                {
                    "id": int(r["article_id"]),
                    "title": r["title"],
                    "date": r["date"],
                    "copy_of": r["copy_of"],
                }
                for r in listed.values()
            ],
            "quotes_by": _quotes(sql.facts(store, "quotes", ids), local, by=True, names=aliases),
            "quotes_about": _quotes(
                sql.facts(store, "quotes", ids), local, by=False, names=aliases
            ),
            "events": _events(sql.facts(store, "events", ids), local),
            "cooccurring": entity_sql.cooccurring(store, cid, COOCCURRING),
        }


def _roles(roles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each role with the articles that give it, in the case it was first given."""
    written: dict[str, str] = {}
    by_text: dict[str, list[int]] = defaultdict(list)
    for role in roles:
        key = written.setdefault(role["text"].casefold(), role["text"])
        if role["article_id"] not in by_text[key]:
            by_text[key].append(role["article_id"])
    return [{"text": t, "articles": a} for t, a in by_text.items()]


def _quotes(
    rows: list[Row], local: set[tuple[int, str]], by: bool, names: list[str]
) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        speaks = (int(row["article_id"]), row["speaker"]) in local
        about = not speaks and any(_names(n).search(row["text"]) for n in names if n.strip())
        if (by and speaks) or (not by and about):
            out.append(
                {
                    "article_id": int(row["article_id"]),
                    "speaker": row["speaker_name"],
                    "kind": row["kind"],
                    "text": row["text"],
                }
            )
    return out


@functools.lru_cache(maxsize=1024)
def _names(name: str) -> re.Pattern[str]:
    """The name as a whole word or words: "Lee" in "Lee said" but not in "Leeds"."""
    return re.compile(rf"(?<!\w){re.escape(name.strip())}(?!\w)")


def _events(rows: list[Row], local: set[tuple[int, str]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        data = row["data"]
        roles = [
            side
            for side in ("sources", "targets")
            for actor in data.get(side) or []
            if (int(row["article_id"]), actor.get("entity")) in local
        ]
        if roles:
            out.append(
                {
                    "date": row["date"],
                    "type": row["type"],
                    "trigger": (data.get("trigger") or {}).get("text"),
                    "as": sorted(set(roles)),
                    "article_id": int(row["article_id"]),
                    "sentence": event_sentence(row)[0],
                }
            )
    return sorted(out, key=lambda e: (e["date"] is None, e["date"] or "", e["article_id"]))
