"""Rebuilding stories from scratch, and the corrections a person makes to them.

``recluster`` replays story assignment over every stored article in date order
(ingest order breaking ties), exactly as an incremental ingest in that order would,
so both give the same stories.

Articles a person placed keep their place: ``story merge`` places every article of
the stories it merges, ``story move`` the article moved, the articles of the story it
goes to and those of the story it leaves. In the replay, the first article of each group
a person placed opens a story and the others join it at their turn, each counted in
the story's profile as if it had joined it, so the articles after it are scored
against it as they were; articles nobody placed are decided as at ingest, and may
join it too.

Every rebuilt story then takes the id of the old story it shares most articles
with, so watches and links keep working; an old story no rebuilt story takes stays
as a retired row pointing to the story that holds most of its articles, so its id
is never given to another story.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Literal

from storyline.corpus import clustering
from storyline.corpus.assign import _member, assign, grow
from storyline.corpus.query import Target, check_id
from storyline.corpus.store import Store, open_store
from storyline.corpus.store import stories as sql
from storyline.corpus.store import watches as watch_sql
from storyline.errors import ArgumentError, NotFoundError
from storyline.models import Record

EMPTY: dict[str, Any] = {
    "title": None,
    "first_date": None,
    "last_date": None,
    "articles": 0,
    "data": {},
}  # a story without articles


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
            partners: dict[int, set[int]] = defaultdict(set)
            for m in before:
                if m["copy_of"] is not None:
                    partners[int(m["article_id"])].add(int(m["copy_of"]))
                    partners[int(m["copy_of"])].add(int(m["article_id"]))
            for article_id in list(manual):  # a copy goes with the original a person placed
                for other in partners[article_id]:
                    manual.setdefault(other, manual[article_id])
            sql.clear_stories(store)
            now: dict[int, int] = {}  # each replayed article's story
            home: dict[int, int] = {}  # a group a person placed (its old story) -> its story
            folded: dict[int, int] = {}  # each replayed copy's original
            order = sql.articles_in_order(store)
            for article_id in order:
                record = store.record(article_id)
                links = sql.entity_links(store, article_id)
                partner = min((p for p in partners[article_id] if p in now), default=None)
                copy_of = None if partner is None else folded.get(partner, partner)
                if article_id in manual:
                    into = home.get(manual[article_id])
                    if copy_of is not None and now[copy_of] != into:
                        copy_of = None  # its original went elsewhere: it stands alone
                    into = _place(store, article_id, record, links, into, copy_of)
                    now[article_id] = home[manual[article_id]] = into
                else:
                    now[article_id] = assign(store, article_id, record, links, copy_of)
                if copy_of is not None:
                    folded[article_id] = copy_of
            _keep_ids(store, old_story)
            stories = len(sql.story_ids(store))
        return {"articles": len(order), "stories": stories}
    finally:
        if not isinstance(target, Store):
            store.close()


def _place(
    store: Store,
    article_id: int,
    record: Record,
    links: dict[str, int],
    story_id: int | None,
    copy_of: int | None,
) -> int:
    """Put an article a person placed in story ``story_id`` (a new one when None), as
    ``assign`` would have had it joined: a copy folded under its original, else counted
    in the frequencies and in the story's profile. Returns the story's id."""
    decision = {"decision": "manual"}
    if story_id is not None and copy_of is not None:
        seq = sql.frequencies(store, []).get("", 0)
        _member(store, story_id, article_id, seq, None, None, decision, copy_of, manual=1)
        return story_id
    found = clustering.features(record, links)
    sql.count_keys(store, found.keys())
    story = sql.story(store, story_id) if story_id is not None else None
    df = sql.frequencies(
        store, [*found.keys(), *clustering.centroid_terms([story] if story else [])]
    )
    seq = df[""]
    clustering.weigh(found, df)
    idf = clustering.Idf(df)
    centrality = clustering.signals(found, story, idf)["text"] if story else 1.0
    if story is None:
        story = {"id": sql.new_story(store, found.title, seq), **EMPTY}
    _member(store, int(story["id"]), article_id, seq, None, None, decision, manual=1)
    grow(store, story, found, idf, article_id, seq, centrality)
    return int(story["id"])


def _keep_ids(store: Store, old_story: dict[int, int]) -> None:
    """Give each rebuilt story the id of the old story it shares most articles with; an
    old story left without one is retired, merged into the story holding most of its
    articles (its watches follow them)."""
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
    for old in sorted(set(old_story.values()) - used):
        held = Counter(target[now[a]] for a, s in old_story.items() if s == old)
        into = min(held, key=lambda s: (-held[s], s))  # every old story had articles
        sql.add_story(store, {"id": old, **EMPTY, "seq": 0})
        sql.merged_into(store, old, into)
        watch_sql.follow(store, [old], into)
    store.sync_ids("stories")


def rebuild(store: Store, story_id: int) -> None:
    """Recompute a story's profile, dates, title and index keys from its articles."""
    members = [m for m in sql.members(store, [story_id]) if m["copy_of"] is None]
    sql.update_story(store, story_id, EMPTY)
    story: dict[str, Any] = {"id": story_id, **EMPTY}
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
    ids = list(dict.fromkeys(check_id(i, "story") for i in ids))
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
    """Move an article (and its copies) to another story, or to a new one of its own.

    Both stories are then as a person left them: a recluster keeps the article with the
    articles of the story it joined, and those of the story it left together and apart
    from it. A story left without articles is retired as merged into the one the
    article went to, and its watches follow it."""
    check_id(article_id, "article")
    store = _writing(target)
    try:
        with store.transaction():
            source = sql.story_of(store, article_id)
            if source is None:
                raise NotFoundError(f"no article with id {article_id} in a story")
            if to == "new":
                to = sql.new_story(store)
            elif sql.story(store, check_id(to, "story")) is None:
                raise sql.no_story(store, to)
            elif to == source:
                raise ArgumentError(f"article {article_id} is in story {to} already")
            if sql.original_of(store, article_id) != article_id:  # a copy stands alone now:
                found = clustering.features(  # counted as an original is
                    store.record(article_id), sql.entity_links(store, article_id)
                )
                sql.count_keys(store, found.keys())
            sql.set_member(store, article_id, to, 1)
            sql.clear_copy(store, article_id)
            for member in sql.members(store, [source]):
                # Its copies go with it; the articles it left stay as they are.
                sql.set_member(
                    store, int(member["id"]), to if member["copy_of"] == article_id else source, 1
                )
            for member in sql.members(store, [to]):  # the articles it was put with
                sql.set_member(store, int(member["id"]), to, 1)
            if sql.members(store, [source]):
                rebuild(store, source)
            else:
                sql.merged_into(store, source, to)
                watch_sql.follow(store, [source], to)
            rebuild(store, to)
        return to
    finally:
        if not isinstance(target, Store):
            store.close()
