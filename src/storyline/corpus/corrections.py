"""Rebuilding stories from scratch, and the corrections a person makes to them.

``recluster`` replays story assignment over every stored article in date order
(ingest order breaking ties), exactly as an incremental ingest in that order would,
so both give the same stories. Articles a person placed (``story merge``, ``story
move``) keep their place: they are counted in the frequencies at their turn, and put
back together at the end, in the story that holds most of the articles they were put
with. Every rebuilt story then takes the id of the old story it shares most articles
with, so watches and links keep working.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Literal

from storyline.corpus import clustering
from storyline.corpus.assign import _member, assign, grow
from storyline.corpus.query import Target
from storyline.corpus.store import Store, open_store
from storyline.corpus.store import stories as sql
from storyline.corpus.store import watches as watch_sql
from storyline.errors import ArgumentError, NotFoundError


def _writing(target: Target) -> Store:
    return target if isinstance(target, Store) else open_store(target, "write")


def recluster(target: Target) -> dict[str, int]:
    """Rebuild every story; returns the number of articles and of stories."""
    store = _writing(target)
    try:
        with store.transaction():
            before = sql.memberships(store)
            old_story = {int(m["article_id"]): int(m["story_id"]) for m in before}
            manual = {int(m["article_id"]): int(m["story_id"]) for m in before if m["manual"]}
            originals = {int(m["article_id"]): m["copy_of"] for m in before if m["manual"]}
            partners: dict[int, set[int]] = defaultdict(set)
            for m in before:
                if m["copy_of"] is not None:
                    partners[int(m["article_id"])].add(int(m["copy_of"]))
                    partners[int(m["copy_of"])].add(int(m["article_id"]))
            sql.clear_stories(store)
            placed: set[int] = set()
            order = sql.articles_in_order(store)
            for article_id in order:
                record = store.record(article_id)
                links = sql.entity_links(store, article_id)
                if article_id in manual:
                    sql.count_keys(store, clustering.features(record, links).keys())
                    continue
                copy_of = min((p for p in partners[article_id] if p in placed), default=None)
                assign(store, article_id, record, links, copy_of)
                placed.add(article_id)
            _restore(store, manual, old_story, originals)
            _keep_ids(store, old_story)
            stories = len(sql.story_ids(store))
        return {"articles": len(order), "stories": stories}
    finally:
        if not isinstance(target, Store):
            store.close()


def _restore(
    store: Store, manual: dict[int, int], old_story: dict[int, int], originals: dict[int, Any]
) -> None:
    """Put the articles a person placed back together, each group in one story; a copy
    placed with its original stays folded under it."""
    groups: dict[int, list[int]] = defaultdict(list)
    for article_id, story_id in manual.items():
        groups[story_id].append(article_id)
    now = {int(m["article_id"]): int(m["story_id"]) for m in sql.memberships(store)}
    for story_id, articles in sorted(groups.items()):
        fellows = Counter(now[a] for a, s in old_story.items() if s == story_id and a in now)
        home = min(fellows, key=lambda s: (-fellows[s], s)) if fellows else None
        if home is None:
            home = sql.new_story(store)
        for article_id in sorted(articles):
            original = originals.get(article_id)
            original = int(original) if original in articles else None
            decision = {"decision": "manual"}
            _member(store, home, article_id, 0, None, None, decision, original, manual=1)
        rebuild(store, home)


def _keep_ids(store: Store, old_story: dict[int, int]) -> None:
    """Give each rebuilt story the id of the old story it shares most articles with."""
    now = {int(m["article_id"]): int(m["story_id"]) for m in sql.memberships(store)}
    overlap = Counter((now[a], old_story[a]) for a in now if a in old_story)
    target: dict[int, int] = {}
    used: set[int] = set()
    for (new, old), _ in sorted(overlap.items(), key=lambda x: (-x[1], x[0])):
        if new not in target and old not in used:
            target[new] = old
            used.add(old)
    current = sql.story_ids(store)
    top = max([*current, *old_story.values(), sql.highest_story_id(store)])
    for new in current:
        if new not in target:
            top += 1
            target[new] = top
    offset = max([top, *current]) + 1
    moves = [(n, t) for n, t in target.items() if n != t]
    for new, _ in moves:
        sql.renumber_story(store, new, new + offset)
    for new, final in moves:
        sql.renumber_story(store, new + offset, final)
    store.sync_ids("stories")


def rebuild(store: Store, story_id: int) -> None:
    """Recompute a story's profile, dates, title and index keys from its articles."""
    members = [m for m in sql.members(store, [story_id]) if m["copy_of"] is None]
    sql.update_story(
        store,
        story_id,
        {"title": None, "first_date": None, "last_date": None, "articles": 0, "data": {}},
    )
    story: dict[str, Any] = {
        "id": story_id,
        "title": None,
        "first_date": None,
        "last_date": None,
        "articles": 0,
        "data": {},
    }
    for member in sorted(members, key=lambda m: (m["seq"], m["id"])):
        record = store.record(int(member["id"]))
        found = clustering.features(record, sql.entity_links(store, int(member["id"])))
        df = sql.frequencies(store, [*found.keys(), *clustering.centroid_terms([story])])
        clustering.weigh(found, df)
        idf = clustering.Idf(df)
        centrality = clustering.signals(found, story, idf)["text"] if story["data"] else 1.0
        grow(
            store,
            story,
            found,
            idf,
            int(member["id"]),
            max(int(member["seq"]), df.get("", 0)),
            centrality,
        )
        story = sql.story(store, story_id) or story
    if not members:
        sql.retire_story(store, story_id, {"emptied": True})


def merge_stories(target: Target, ids: list[int]) -> int:
    """Merge stories into the first one given; a recluster keeps them together, and the
    watches on the others follow it."""
    ids = list(dict.fromkeys(ids))
    if len(ids) < 2:
        raise ArgumentError("name at least two different stories to merge")
    store = _writing(target)
    try:
        with store.transaction():
            keep = ids[0]
            for story_id in ids:
                if sql.story(store, story_id) is None:
                    raise sql.no_story(store, story_id)
            for member in sql.members(store, ids):
                sql.set_member(store, int(member["id"]), keep, 1)
            for story_id in ids[1:]:
                sql.merged_into(store, story_id, keep)
            watch_sql.follow(store, ids[1:], keep)
            rebuild(store, keep)
        return keep
    finally:
        if not isinstance(target, Store):
            store.close()


def move_article(target: Target, article_id: int, to: int | Literal["new"]) -> int:
    """Move an article (and its copies) to another story, or to a new one of its own."""
    store = _writing(target)
    try:
        with store.transaction():
            source = sql.story_of(store, article_id)
            if source is None:
                raise NotFoundError(f"no article with id {article_id} in a story")
            if to == "new":
                to = sql.new_story(store)
            elif sql.story(store, to) is None:
                raise sql.no_story(store, to)
            sql.set_member(store, article_id, to, 1)
            sql.clear_copy(store, article_id)
            for member in sql.members(store, [source]):
                if member["copy_of"] == article_id:
                    sql.set_member(store, int(member["id"]), to, 1)
            for story_id in (source, to):
                rebuild(store, story_id)
        return to
    finally:
        if not isinstance(target, Store):
            store.close()
