"""Watches, for monitors: stored queries that each ingest and each digest report on.

A watch names a story, words, a corpus entity or an event type (several combine with
AND); its words match the articles that ``search`` finds for them. ``matches`` checks
new articles against every watch; ``digest`` gathers what is new for a watch: new
stories, new articles in the stories it follows, new events, quotes and figures, and
new disagreements between sources.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from storyline.corpus.browse import check_date
from storyline.corpus.entity import resolve
from storyline.corpus.query import Target, check_id, opened
from storyline.corpus.store import Row, Store, open_store
from storyline.corpus.store import stories as sql
from storyline.corpus.store import watches as watch_sql
from storyline.corpus.store.base import now
from storyline.corpus.story import merged_figures, outlet
from storyline.corpus.timeline import event_sentence, figure_text
from storyline.errors import ArgumentError, NotFoundError
from storyline.models import EVENT_TYPES

CRITERIA = ("story", "query", "entity", "event_type")
_WORD = re.compile(r"\w+")


def _writing(target: Target) -> Store:
    return target if isinstance(target, Store) else open_store(target, "write")


def add_watch(
    target: Target,
    name: str,
    story: int | None = None,
    query: str | None = None,
    entity: str | None = None,
    event_type: str | None = None,
) -> dict[str, Any]:
    """Store a watch; at least one criterion is needed."""
    if not name.strip():
        raise ArgumentError("a watch needs a name")
    store = _writing(target)
    try:
        criteria: dict[str, Any] = {}
        if story is not None:
            if sql.story(store, check_id(story, "story")) is None:
                raise sql.no_story(store, story)
            criteria["story"] = story
        if query and _WORD.findall(query):
            criteria["query"] = query
        if entity:
            row = resolve(store, entity)
            criteria["entity"] = int(row["id"])
            criteria["entity_name"] = row["name"]
        if event_type:
            if event_type.upper() not in EVENT_TYPES:
                raise ArgumentError(
                    f"{event_type!r} is not an event type: one of {', '.join(EVENT_TYPES)}"
                )
            criteria["event_type"] = event_type.upper()
        if not criteria:
            raise ArgumentError("a watch needs --story, --query, --entity or --event-type")
        if watch_sql.watches(store, name):
            raise ArgumentError(f"a watch named {name!r} exists already")
        with store.transaction():
            watch_sql.add_watch(store, name, criteria)
        return {"name": name, "criteria": criteria}
    finally:
        if not isinstance(target, Store):
            store.close()


def watches(target: Target) -> list[dict[str, Any]]:
    with opened(target) as store:
        return [
            {
                "name": w["name"],
                "criteria": w["criteria"],
                "created_at": w["created_at"],
                "last_digest": w["last_digest"],
            }
            for w in watch_sql.watches(store)
        ]


def remove_watch(target: Target, name: str) -> None:
    store = _writing(target)
    try:
        with store.transaction():
            if not watch_sql.remove_watch(store, name):
                raise NotFoundError(f"no watch named {name!r}")
    finally:
        if not isinstance(target, Store):
            store.close()


def matching(store: Store, watch: Row, articles: list[Row]) -> list[Row]:
    """The articles that meet every criterion of ``watch``."""
    criteria = watch["criteria"]
    keep = {int(a["id"]) for a in articles}
    # Each criterion reads only the rows of the articles still kept, never all of a
    # story's or an entity's: what a watch costs grows with the articles it is given.
    for criterion, table, column in (
        ("story", "story_articles", "story_id"),
        ("entity", "entities", "corpus_id"),
        ("event_type", "events", "type"),
    ):
        if criterion in criteria and keep:
            value = criteria[criterion] if column == "type" else int(criteria[criterion])
            keep = sql.among(store, table, column, value, sorted(keep))
    if "query" in criteria and keep:
        keep &= watch_sql.found(store, criteria["query"], sorted(keep))
    return [a for a in articles if int(a["id"]) in keep]


def new_matches(store: Store, after: int) -> list[dict[str, Any]]:
    """For every watch, the articles stored after article ``after`` that it matches:
    ``articles``, and apart from them ``copies``, near copies of an original (counted
    as a digest counts them)."""
    fresh = watch_sql.articles_after(store, after)
    folded = sql.copies(store, [int(a["id"]) for a in fresh])
    out = []
    for w in watch_sql.watches(store):
        found = [int(a["id"]) for a in matching(store, w, fresh)]
        out.append(
            {
                "name": w["name"],
                "articles": [i for i in found if i not in folded],
                "copies": [i for i in found if i in folded],
            }
        )
    return out


def digest(target: Target, since: str | None = None, watch: str | None = None) -> dict[str, Any]:
    """What is new, per watch (or in the whole corpus when there is no watch).

    ``since`` (a date) counts an article by its publication date, or its ingest date
    when it has none; without it, a watch reports what was stored since its previous
    digest (since it was made, before its first), which this call then moves forward.
    Without watches, the corpus has no previous digest: everything is new.
    """
    check_date(since, "since")
    if watch is not None and not watch.strip():
        raise ArgumentError("a watch's name is not empty: leave it out to digest every watch")
    store = _writing(target)
    try:
        chosen = watch_sql.watches(store, watch)
        if watch and not chosen:
            raise NotFoundError(f"no watch named {watch!r}")
        sections = []
        targets: list[Row | None] = [*chosen] or [None]
        with store.transaction():
            # Taken once no ingest is storing an article (``hold_articles``): every article
            # stored before it is seen now, every later one next time.
            store.hold_articles()
            moment = now()
            for w in targets:
                last = (w["last_digest"] or w["created_at"]) if w else None
                fresh = watch_sql.articles_since(store, since, None if since else last)
                found = matching(store, w, fresh) if w else fresh
                sections.append(
                    {
                        "watch": w["name"] if w else None,
                        "criteria": w["criteria"] if w else {},
                        **_news(store, [int(a["id"]) for a in found]),
                    }
                )
                if w and not since:
                    watch_sql.digested(store, w["name"], moment)
        return {"since": since, "generated_at": moment, "watches": sections}
    finally:
        if not isinstance(target, Store):
            store.close()


def _news(store: Store, ids: list[int]) -> dict[str, Any]:
    """New stories, new articles by story, and the facts and disagreements they bring.

    A copy (another outlet's run of an article, folded under it in its story) is listed
    with the original it copies, but not counted, and its facts are its original's: only
    the originals' events, quotes and figures are news.
    """
    rows = {int(r["id"]): r for r in sql.article_rows(store, ids)}
    memberships = {int(m["id"]): m for m in sql.memberships_of(store, ids)}
    copied = {a: int(m["copy_of"]) for a, m in memberships.items() if m["copy_of"] is not None}
    originals = [a for a in ids if a not in copied]
    by_story: dict[int, list[int]] = defaultdict(list)
    for aid in ids:
        if aid in memberships:
            by_story[int(memberships[aid]["story_id"])].append(aid)
    stories = []
    for story_id, fresh in sorted(by_story.items()):
        story = sql.story(store, story_id)
        members = [m for m in sql.members(store, [story_id]) if m["copy_of"] is None]
        is_new = bool(members) and all(int(m["id"]) in set(fresh) for m in members)
        figures = merged_figures(
            sql.facts(store, "figures", [int(m["id"]) for m in members]),
            {int(m["id"]): m for m in members},
        )
        stories.append(
            {
                "id": story_id,
                "title": story["title"] if story else None,
                "new": is_new,
                "articles": [
                    {
                        "id": a,
                        "title": rows[a]["title"],
                        "date": rows[a]["date"],
                        "source": outlet(rows[a]),
                        "copy_of": copied.get(a),
                    }
                    for a in fresh
                    if a in rows
                ],
                "disagreements": [
                    f
                    for f in figures
                    if f["disagreement"] and any(v["article_id"] in fresh for v in f["values"])
                ],
            }
        )
    events = sql.facts(store, "events", originals)
    quotes = sql.facts(store, "quotes", originals)
    figures = sql.facts(store, "figures", originals)
    return {
        "articles": len(originals),
        "stories": stories,
        "events": [
            {
                "date": e["date"],
                "type": e["type"],
                "article_id": int(e["article_id"]),
                "sentence": event_sentence(e)[0],
            }
            for e in events
        ],
        "quotes": [
            {"speaker": q["speaker_name"], "text": q["text"], "article_id": int(q["article_id"])}
            for q in quotes
        ],
        "figures": [
            {"text": figure_text(f), "concept": f["concept"], "article_id": int(f["article_id"])}
            for f in figures
        ],
    }
