"""Corpus entities: each article entity linked to one entity per referent across the corpus.

The rules, applied at ingest to one article at a time through the name index
(never a scan of the corpus):

- a name the corpus already knows (a full name or an alias of several words) joins
  that entity, whatever type the article gave it: types are voted across articles,
  so an organisation typed PERSON once is corrected by the rest;
- a person's short name ("Obama") joins the one person of the corpus with that
  surname; when several share it, the short name stays an entity of its own;
- a full name ("Barack Obama") takes over the corpus entity known only by its
  short name, when no other person in the corpus has that surname and the corpus
  types that entity a person ("Harrison Ford" does not take over "Ford" the carmaker);
- two people sharing a surname stay apart and are both marked ambiguous;
- a name that is another of an entity's names (an alias) joins it only for the same
  kind of referent: "Veloria" the town does not join the agency its articles call
  "Veloria".

Aliases, roles (with the articles that give them, each role once per article
whatever its case, its first ``ROLE_ARTICLES`` articles) and type votes (of equal
votes, the type the entity has stays) are collected on the corpus entity.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from storyline.corpus.store import Store
from storyline.corpus.store import entities as entity_sql
from storyline.corpus.store.names import name_key
from storyline.models import Entity, Record

ROLES_KEPT = 50  # roles kept per corpus entity, the first ones given
ROLE_ARTICLES = 20  # articles kept per role, the first that give it
_SUFFIX = {"jr", "sr", "ii", "iii", "iv"}


def normal(name: str) -> str:
    """A name reduced to lower-case words without accents: the key the name index is
    looked up by (``store.names``)."""
    return name_key(name)


def surname(name: str) -> str | None:
    """The last word of a person's name of several words, else None."""
    words = [w for w in normal(name).split() if w.strip(".") not in _SUFFIX]
    return words[-1] if len(words) >= 2 else None


def _names(entity: Entity) -> set[tuple[str, str]]:
    """The (name, kind) pairs an article entity registers in the index."""
    full = normal(entity.name)
    pairs = {(full, "name")} if full else set()
    last = surname(entity.name) if entity.type == "PERSON" else None
    for alias in entity.aliases:
        key = normal(alias)
        if not key:
            continue
        if entity.type != "PERSON" or " " in key:
            pairs.add((key, "name"))
        elif key == last:
            pairs.add((key, "surname"))
    if last:
        pairs.add((last, "surname"))
    return pairs


def link_article(store: Store, article_id: int, record: Record) -> dict[str, int]:
    """Link each entity of ``record`` (stored as ``article_id``) to a corpus entity."""
    links: dict[str, int] = {}
    date = record.metadata.date
    for entity in record.entities:
        corpus_id, ambiguous = _choose(store, entity)  # None: no namesake
        if corpus_id is None:
            corpus_id = entity_sql.add_entity(
                store,
                {
                    "name": entity.name,
                    "type": entity.type,
                    "ambiguous": 0,
                    "articles": 0,
                    "mentions": 0,
                    "first_date": date,
                    "last_date": date,
                    "data": {"aliases": {}, "roles": [], "types": {}},
                },
            )
        _absorb(
            store, corpus_id, entity, article_id, date, new_article=corpus_id not in links.values()
        )
        entity_sql.add_names(store, corpus_id, _names(entity))
        if ambiguous is not None:
            entity_sql.mark_ambiguous(store, [corpus_id, *ambiguous])
        links[entity.id] = corpus_id
    entity_sql.link(store, article_id, links)
    return links


def _choose(store: Store, entity: Entity) -> tuple[int | None, list[int] | None]:
    """The corpus entity to join (None: a new one), and, when it has namesakes, those of
    them to mark ambiguous with it (those not marked yet)."""
    full = normal(entity.name)
    last = surname(entity.name) if entity.type == "PERSON" else None
    keys = [full] + ([last] if last else [])
    keys += [normal(a) for a in entity.aliases if " " in normal(a)]
    rows = [r for r in entity_sql.named(store, keys) if _may_be(entity, r)]
    by_name = [r for r in rows if r["kind"] == "name" and r["key"] != last]
    if entity.type == "PERSON" and last:
        exact = [r for r in by_name if r["key"] == full]
        if exact:
            return int(exact[0]["id"]), None
        namesakes = [r for r in rows if r["kind"] == "surname" and r["key"] == last]
        # A person known by the short name alone (not "Ford" the carmaker when "Harrison
        # Ford" comes: the short name must be a person's, by the corpus's vote).
        short = _ids(
            r
            for r in rows
            if r["kind"] == "name"
            and r["key"] == last == normal(r["name"])
            and r["type"] == "PERSON"
        )
        if not namesakes and len(short) == 1:
            return short[0], None  # the full name of the one person known by the short name
        if namesakes:  # the new person and the others are ambiguous: those not yet marked
            return None, _ids(r for r in namesakes if not r["ambiguous"])
        return (int(by_name[0]["id"]) if by_name else None), None
    if entity.type == "PERSON" and " " not in full:
        people = _ids(r for r in rows if r["kind"] == "surname" and r["key"] == full)
        if len(people) == 1:
            return people[0], None
        if len(people) > 1:
            # the entity of the short name alone, not a person it once joined
            own = _ids(r for r in rows if r["kind"] == "name" and normal(r["name"]) == full)
            return (own[0] if own else None), None
    return (int(by_name[0]["id"]) if by_name else None), None


# Kinds of referent: a name shared across kinds through an alias is a coincidence of
# words ("Veloria" the town, and the Veloria agency that articles call "Veloria").
_KINDS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "NORP": "group",
}


def _may_be(entity: Entity, row: Any) -> bool:
    """Whether the corpus entity of a name row may be ``entity``: always by its own name
    (types are voted: an organisation typed PERSON once is corrected by the rest); by
    another of its names only when it is the same kind of referent."""
    if row["key"] == normal(row["name"]):
        return True
    return _KINDS.get(entity.type) == _KINDS.get(row["type"])


def _ids(rows: Any) -> list[int]:
    return sorted({int(r["id"]) for r in rows})


def _absorb(
    store: Store,
    corpus_id: int,
    entity: Entity,
    article_id: int,
    date: str | None,
    new_article: bool,
) -> None:
    row = entity_sql.entity(store, corpus_id)
    assert row is not None
    data = json.loads(row["data"])
    aliases: Counter[str] = Counter(data["aliases"])
    for alias in (entity.name, *entity.aliases):
        aliases[alias] += 1
    types: Counter[str] = Counter(data["types"])
    types[entity.type] += 1
    roles = data["roles"]
    # Each role once per article, whatever its case ("Mayor", "the mayor"), with its
    # first articles: a title given in every article leaves room for a new one.
    given = {(r["text"].casefold(), r["article_id"]) for r in roles}
    per_role = Counter(text for text, _ in given)
    for role in entity.roles:
        key = role.text.casefold()
        if (key, article_id) in given or per_role[key] >= ROLE_ARTICLES:
            continue
        if key not in per_role and len(per_role) >= ROLES_KEPT:
            continue
        roles.append({"text": role.text, "article_id": article_id})
        given.add((key, article_id))
        per_role[key] += 1
    name = row["name"]
    if " " not in normal(name) and " " in normal(entity.name) and entity.type == "PERSON":
        name = entity.name  # the short name gives way to the full name, now a surname
        entity_sql.drop_name(store, corpus_id, normal(row["name"]), "name")
    dates = [d for d in (row["first_date"], row["last_date"], date) if d]
    entity_sql.update_entity(
        store,
        corpus_id,
        {
            "name": name,
            # the most given; of equals, the one it has (not the first in the alphabet)
            "type": max(sorted(types), key=lambda t: (types[t], t == row["type"])),
            "articles": int(row["articles"]) + (1 if new_article else 0),
            "mentions": int(row["mentions"]) + entity.mention_count,
            "first_date": min(dates) if dates else None,
            "last_date": max(dates) if dates else None,
            "data": {"aliases": dict(aliases), "roles": roles, "types": dict(types)},
        },
    )
