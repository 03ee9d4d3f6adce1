"""Story assignment at ingest: one article joins its best candidate story or opens one.

Runs inside the article's ingest transaction, after entity linking: 1. a copy joins
its original's story, folded under it; 2. the article's terms and entities are
counted in the document frequencies; 3. candidate stories come from the inverted
index (the most recently active stories under the article's most telling terms and
entities); 4. the candidates are scored (``corpus.clustering``), those whose time and
years factors allow the highest score first, until no other could beat the second
best (``best_two``); 5. the article joins the best one that reaches the threshold,
or opens a story; the signals of the decision and the runner-up are stored with the
membership; 6. the story's profile and its keys in the index are updated.
"""

from __future__ import annotations

from typing import Any

from storyline.corpus import clustering
from storyline.corpus.clustering import BOUNDS, Features, Idf
from storyline.corpus.store import Store
from storyline.corpus.store import stories as sql
from storyline.models import Record


def assign(
    store: Store, article_id: int, record: Record, links: dict[str, int], copy_of: int | None
) -> int:
    """Put article ``article_id`` in a story; returns the story's id."""
    found = clustering.features(record, links)
    # 1. A copy goes where its original is.
    if copy_of is not None and (story_id := sql.story_of(store, copy_of)) is not None:
        seq = sql.frequencies(store, []).get("", 0)
        copy = {"decision": "copy", "signals": {}}
        _member(store, story_id, article_id, seq, None, None, copy, copy_of=copy_of)
        if _earlier(record.metadata.date, sql.article_date(store, copy_of)):
            _first_out(store, story_id, article_id, copy_of, found.title)
        return story_id
    # 2. Frequencies.  3. Candidates.  4. Scores.
    sql.count_keys(store, found.keys())
    df = sql.frequencies(store, found.keys())
    seq = df[""]
    clustering.weigh(found, df)
    stories = sql.candidate_rows(store, candidates(store, clustering.query_keys(found, df)))
    df.update(sql.frequencies(store, sorted(clustering.centroid_terms(stories) - df.keys())))
    idf = clustering.Idf(df)
    scored = best_two(found, stories, idf)
    for _, s, row in scored:  # the decision's two stories, with every signal
        s.update(clustering.shown(found, row))
    # 5. The decision, kept with its scores.
    best = scored[0] if scored and scored[0][0] >= clustering.THRESHOLD else None
    others = scored[1:] if best else scored
    runner = others[0] if others else None
    member: dict[str, Any] = {
        "decision": "joined" if best else "opened",
        "signals": best[1] if best else {},
        "runner_up": {"story": runner[2]["id"], "score": runner[0], "signals": runner[1]}
        if runner
        else None,
    }
    if best is None:
        story_id = sql.new_story(store, found.title, seq)
        story: dict[str, Any] = {
            "id": story_id,
            "first_date": None,
            "last_date": None,
            "articles": 0,
            "data": {},
        }
    else:
        story = best[2]
        story_id = int(story["id"])
    _member(
        store,
        story_id,
        article_id,
        seq,
        best[0] if best else None,
        runner[2]["id"] if runner else None,
        member,
    )
    # 6. The story's profile and index.
    grow(store, story, found, idf, article_id, seq, best[1].get("text", 0.0) if best else 1.0)
    return story_id


def _earlier(date: str | None, than: str | None) -> bool:
    """Whether a copy dated ``date`` came out before its original, dated ``than``: as a
    duplicate group orders its members (``Store._group``), dated before undated."""
    return date is not None and (than is None or date < than)


def _first_out(
    store: Store, story_id: int, article_id: int, original: int, title: str | None
) -> None:
    """Make a copy that came out before its original the original, in its place in the
    story (its decision and scores, the profile the two near-identical texts gave) and
    with the old original and its copies folded under it, as a duplicate group has it;
    the story's dates are its originals' again, and its title the new original's when
    the old one gave it."""
    sql.swap_original(store, original, article_id)
    story = sql.story(store, story_id)
    assert story is not None
    data = story["data"]
    if data.get("central_article") == original:
        data["central_article"] = article_id
        story["title"] = title or story["title"]
    originals = [m for m in sql.members(store, [story_id]) if m["copy_of"] is None]
    dates = [d for m in originals if (d := clustering.story_date(m["date"]))]
    sql.update_story(
        store,
        story_id,
        {
            "title": story["title"],
            "first_date": min(dates, default=None),
            "last_date": max(dates, default=None),
            "data": data,
        },
    )


Scored = tuple[float, dict[str, float], dict[str, Any]]  # score, signals, story row


def best_two(found: Features, stories: list[dict[str, Any]], idf: Idf) -> list[Scored]:
    """The two candidate stories that score best, best first (the lower id first among
    equals). The stories are scored in the order of the most they can score (their time
    and years factors, ``clustering.ceiling``), and scoring stops at the first that
    cannot beat the second best: the rest could not change the decision."""
    longest = clustering.most(found)
    by_ceiling = sorted(
        ((clustering.ceiling(clustering.when(found, row), longest), row) for row in stories),
        key=lambda x: (-x[0], x[1]["id"]),
    )
    top: list[Scored] = []
    for bound, row in by_ceiling:
        if len(top) == 2 and bound < top[1][0]:
            break
        signals = clustering.signals(found, row, idf, weighed_only=True)
        top.append((clustering.combine(signals), signals, row))
        top = sorted(top, key=lambda x: (-x[0], x[2]["id"]))[:2]
    return top


def candidates(store: Store, keys: list[str]) -> list[int]:
    """Stories found under the most keys, at most ``BOUNDS['candidates']``."""
    return sql.postings(store, keys, int(BOUNDS["postings"]), int(BOUNDS["candidates"]))


def grow(
    store: Store,
    story: dict[str, Any],
    found: Features,
    idf: Idf,
    article_id: int,
    seq: int,
    centrality: float,
) -> None:
    """Update a story's profile, dates, title and index keys with one more article."""
    profile = clustering.absorb(story["data"], found, idf)
    central = story["data"].get("central", -1.0)
    title = story.get("title")
    if centrality > central or title is None:
        profile["central"] = centrality
        profile["central_article"] = article_id
        title = found.title or title
    else:
        profile["central"] = central
        profile["central_article"] = story["data"].get("central_article")
    dates = [d for d in (story.get("first_date"), story.get("last_date"), found.period) if d]
    sql.update_story(
        store,
        int(story["id"]),
        {
            "title": title,
            "first_date": min(dates) if dates else None,
            "last_date": max(dates) if dates else None,
            "articles": int(story["articles"]) + 1,
            "seq": seq,
            "data": profile,
        },
    )
    sql.index_story(store, int(story["id"]), clustering.index_keys(profile, idf), seq)


def _member(
    store: Store,
    story_id: int,
    article_id: int,
    seq: int,
    score: float | None,
    runner_up: int | None,
    data: dict[str, Any],
    copy_of: int | None = None,
    manual: int = 0,
) -> None:
    sql.add_member(
        store,
        {
            "story_id": story_id,
            "article_id": article_id,
            "copy_of": copy_of,
            "score": score,
            "runner_up": runner_up,
            "manual": manual,
            "seq": seq,
            "data": data,
        },
    )
