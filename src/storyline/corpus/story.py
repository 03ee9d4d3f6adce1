"""A story as a reader sees it: a view built from its members' stored facts.

``stories`` lists them; ``story`` shows one: title, summary, dates, sources, the
articles with their copies folded under them, the corpus entities most central to
it with their roles, figures reported by several articles merged (with whether the
sources disagree), quotes by speaker, events in time order and the timeline.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any
from urllib.parse import urlsplit

from storyline.analyze.figures.lexicon import lexicon
from storyline.corpus.browse import check_filters, check_limit, decode_cursor, keyset_page
from storyline.corpus.query import Target, check_id, opened
from storyline.corpus.store import Row, Store
from storyline.corpus.store import entities as entity_sql
from storyline.corpus.store import stories as sql
from storyline.corpus.store.browse import Filters
from storyline.corpus.timeline import event_sentence
from storyline.corpus.timeline import items as timeline_items

TOP_ENTITIES = 10
SUMMARY_SENTENCES = (3, 5)  # fewest and most sentences of a story's summary
SAME_SENTENCE = 0.6  # word overlap above which two sentences say the same
# Verbs and nouns a figure depends on that count the same thing ("killed 12", "12 died").
FRAME_CLASSES: dict[str, str] = {
    **dict.fromkeys(("kill", "die", "dead", "death", "toll", "perish"), "deaths"),
    **dict.fromkeys(("injure", "wound", "hurt", "injury"), "injured"),
    **dict.fromkeys(("release", "free", "pardon", "liberate"), "released"),
    **dict.fromkeys(("arrest", "detain", "hold", "jail", "imprison"), "detained"),
    **dict.fromkeys(("evacuate", "flee", "displace", "homeless"), "displaced"),
}
# A copula states a level too ("the toll is 14"), beside the figures' verbs of level.
LEVEL_VERBS = lexicon().level_verbs | {"be"}
# Concepts that name a count of people by what befell them: a death toll counts people
# who died ("the death toll from the quake" too: a concept may end with its complement).
CONCEPT_CLASSES: dict[str, tuple[str, str]] = {
    "death toll": ("people", "deaths"),
    "toll": ("people", "deaths"),
}
_WORD = re.compile(r"\w+")


def outlet(row: Row) -> str:
    """Where an article comes from: the page's site name, else the source given, else the host."""
    if row.get("sitename"):
        return str(row["sitename"])
    source, url = str(row.get("source") or ""), row.get("url")
    if url and (source == url or not source):
        return urlsplit(str(url)).hostname or str(url)
    return source


def stories(target: Target, limit: int = 50) -> list[dict[str, Any]]:
    """Stories, newest activity first, each with its articles, sources and top entities."""
    items: list[dict[str, Any]] = stories_page(target, limit=limit)["items"]
    return items


def stories_page(
    target: Target, filters: Filters | None = None, cursor: str | None = None, limit: int = 50
) -> dict[str, Any]:
    """A page of ``stories``: ``{"items", "next"}``, narrowed to stories with a member
    article that ``filters`` admits; ``cursor`` is the ``next`` of the page before."""
    filters = check_filters(filters or Filters())
    after = decode_cursor(cursor, (str, int, int))
    with opened(target) as store:
        rows = sql.list_stories(store, check_limit(limit) + 1, filters, after)
        page = keyset_page(rows, limit, ("sort_date", "seq", "id"), drop=("sort_date",))
        shown = page["items"]
        by_story: dict[int, list[Row]] = defaultdict(list)
        for member in sql.members(store, [int(r["id"]) for r in shown]):
            by_story[int(member["story_id"])].append(member)
        page["items"] = [_brief(store, row, by_story[int(row["id"])]) for row in shown]
        return page


def _brief(store: Store, row: Row, members: list[Row]) -> dict[str, Any]:
    articles = _articles(store, members)
    ids = [m["id"] for m in members]
    return {
        "id": int(row["id"]),
        "title": row["title"],
        "article_count": len(articles),
        "sources": sorted(
            {a["source"] for a in articles} | {c["source"] for a in articles for c in a["copies"]}
        ),
        "first_date": row["first_date"],
        "last_date": row["last_date"],
        "entities": [e["name"] for e in _entities(store, ids)[:5]],
        "articles": articles,
    }


def story(target: Target, story_id: int, explain: bool = False) -> dict[str, Any]:
    """One story with its articles, entities, figures, quotes, events and timeline."""
    check_id(story_id, "story")
    with opened(target) as store:
        row = sql.story(store, story_id)
        if row is None:
            raise sql.no_story(store, story_id)
        members = sql.members(store, [story_id])
        originals = [m for m in members if m["copy_of"] is None]
        ids = [int(m["id"]) for m in originals]
        figures = sql.facts(store, "figures", ids)
        quotes = sql.facts(store, "quotes", ids)
        events = sql.facts(store, "events", ids)
        out = {
            **_brief(store, row, members),
            "summary": _summary(sql.records_summary(store, ids), ids),
            "figures": merged_figures(figures, {int(m["id"]): m for m in originals}),
            "quotes": _by_speaker(quotes),
            "events": [_event(e) for e in sorted(events, key=_event_order)],
            "timeline": timeline_items(originals, events, quotes, figures),
        }
        out["entities"] = _entities(store, ids)
        if explain:
            out["explain"] = [_explained(m) for m in members]
        return out


def _articles(store: Store, members: list[Row]) -> list[dict[str, Any]]:
    """The story's originals, each with its copies: near copies stored, exact copies logged."""
    originals = [m for m in members if m["copy_of"] is None]
    docs = sql.document_of(store, [int(m["id"]) for m in members])
    copies: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for m in members:
        if m["copy_of"] is not None:
            copies[int(m["copy_of"])].append(
                {"document": docs.get(int(m["id"])), "source": outlet(m)}
            )
    for doc in sql.exact_copies(store, [int(m["id"]) for m in members]):
        owner = next((m for m in members if m["id"] == doc["article_id"]), None)
        home = int(owner["copy_of"] or owner["id"]) if owner else int(doc["article_id"])
        copies[home].append(
            {"document": int(doc["id"]), "source": outlet({**doc, "sitename": None})}
        )
    return [
        {
            "id": int(m["id"]),
            "title": m["title"],
            "date": m["date"],
            "source": outlet(m),
            "url": m["url"],
            "copies": copies.get(int(m["id"]), []),
        }
        for m in originals
    ]


def _entities(store: Store, ids: list[int]) -> list[dict[str, Any]]:
    """Corpus entities named in the articles, most widely then most often, with their roles."""
    rows = sql.facts(store, "entities", ids)
    articles: dict[int, set[int]] = defaultdict(set)
    mentions: Counter[int] = Counter()
    roles: dict[int, list[str]] = defaultdict(list)
    for row in rows:
        if row["corpus_id"] is None:
            continue
        cid = int(row["corpus_id"])
        articles[cid].add(int(row["article_id"]))
        mentions[cid] += int(row["mention_count"] or 0)
        for role in row["data"].get("roles") or []:
            # "Fire chief" opening a sentence is the "fire chief" of the next one
            if role["text"].casefold() not in (r.casefold() for r in roles[cid]):
                roles[cid].append(role["text"])
    top = sorted(articles, key=lambda c: (-len(articles[c]), -mentions[c], c))[:TOP_ENTITIES]
    known = {int(r["id"]): r for r in entity_sql.entity_rows(store, top)}
    return [
        {
            "id": cid,
            "name": known[cid]["name"],
            "type": known[cid]["type"],
            "articles": len(articles[cid]),
            "mentions": mentions[cid],
            "roles": roles[cid],
        }
        for cid in top
        if cid in known
    ]


def figure_key(row: Row) -> tuple[str, str, str] | None:
    """What a figure counts, for merging across articles: concept, unit and frame class.

    The frame is the class of the verb or noun the figure depends on (``FRAME_CLASSES``:
    "killed 12" and "12 died" are both deaths); a verb of level ("inflation climbed to,
    reached, stood at 7.2%") gives none, or what a toll counts, and a change ("rose by
    2%") is marked as one.
    """
    concept = " ".join(_WORD.findall((row.get("concept") or "").lower()))
    implied = ""
    if not row.get("unit"):  # a toll in dollars is a road's
        concept, implied = next(
            (c for words, c in CONCEPT_CLASSES.items() if f"{concept} ".startswith(f"{words} ")),
            (concept, ""),
        )
    if not concept or row.get("value") is None:
        return None
    data = row["data"]
    frame = str(data.get("frame") or "")
    frame = FRAME_CLASSES.get(frame) or ("" if frame in LEVEL_VERBS else frame) or implied
    if data.get("qualifier") in ("up", "down"):
        frame = f"{frame} {data['qualifier']}".strip()
    return concept, str(row.get("unit") or ""), frame


def merged_figures(rows: list[Row], members: dict[int, Row]) -> list[dict[str, Any]]:
    """Quantities reported by more than one article, with their values and any disagreement."""
    groups: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for row in rows:
        key = figure_key(row)
        if key is not None:
            groups[key].append(row)
    out = []
    groups = _fold_narrower(groups)
    for (concept, unit, frame), found in sorted(groups.items()):
        if len({int(r["article_id"]) for r in found}) < 2:
            continue
        values = [
            {
                "value": float(r["value"]),
                "text": r["text"],
                "unit": r["unit"],
                "article_id": int(r["article_id"]),
                "source": outlet(members[int(r["article_id"])]),
                "start": r["data"].get("start"),
                "end": r["data"].get("end"),
            }
            for r in found
        ]
        out.append(
            {
                "concept": concept,
                "unit": unit or None,
                "frame": frame or None,
                "values": values,
                "disagreement": disagree(values),
            }
        )
    return sorted(out, key=lambda f: (not f["disagreement"], f["concept"]))


def _fold_narrower(
    groups: dict[tuple[str, str, str], list[Row]],
) -> dict[tuple[str, str, str], list[Row]]:
    """Fold a narrower concept into the broader one it ends with ("52 political
    prisoners" into "50 prisoners": the head of an English noun phrase comes last), of the
    same unit and frame, when no article gives both: one source's words for what another
    counts. An article that gives both counts two things (all prisoners, and the political
    ones among them), and they stay apart."""
    out = dict(groups)
    # Narrowest first, so "jailed political prisoners" reaches "prisoners" through
    # "political prisoners" when an article says that.
    for key in sorted(groups, key=lambda k: (-len(k[0].split()), k)):
        concept, unit, frame = key
        words = concept.split()
        for cut in range(1, len(words)):
            broader = (" ".join(words[cut:]), unit, frame)
            if broader not in out or key not in out:
                continue
            mine = {int(r["article_id"]) for r in out[key]}
            if mine.isdisjoint(int(r["article_id"]) for r in out[broader]):
                out[broader] = out[broader] + out.pop(key)
            break  # the nearest broader concept decides
    return out


def disagree(values: list[dict[str, Any]]) -> bool:
    """Whether the sources give different values: each source's set of values is compared
    with the others', so two outlets that both give 12 and 30 (two towns' tolls) agree,
    while one that gives a value no other gives (12 where the others say 14, even when
    it says 14 later too) disagrees. One source alone never disagrees with itself."""
    by_source: dict[str, set[float]] = defaultdict(set)
    for v in values:
        by_source[str(v["source"])].add(v["value"])
    first, *rest = by_source.values()
    return any(other != first for other in rest)


def _by_speaker(rows: list[Row]) -> list[dict[str, Any]]:
    speakers: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        name = row["speaker_name"] or "unattributed"
        speakers[name].append(
            {
                "text": row["text"],
                "kind": row["kind"],
                "article_id": int(row["article_id"]),
                "start": row["data"].get("start"),
                "end": row["data"].get("end"),
            }
        )
    order = sorted(speakers, key=lambda s: (s == "unattributed", -len(speakers[s]), s))
    return [{"speaker": s, "quotes": speakers[s]} for s in order]


def _event_order(row: Row) -> tuple[Any, ...]:
    from storyline.corpus.timeline import date_key

    return (*date_key(row["date"]), int(row["article_id"]), int(row["id"]))


def _event(row: Row) -> dict[str, Any]:
    sentence, start, end = event_sentence(row)
    return {
        "date": row["date"],
        "type": row["type"],
        "mode": row["mode"],
        "trigger": (row["data"].get("trigger") or {}).get("text"),
        "sentence": sentence,
        "article_id": int(row["article_id"]),
        "start": start,
        "end": end,
    }


def _summary(records: dict[int, Row], ids: list[int]) -> list[dict[str, Any]]:
    """3–5 sentences over the members' summaries, best first, none saying another again."""
    pool = [
        (float(s.get("score") or 0.0), rank, aid, s)
        for aid in ids
        for rank, s in enumerate(records.get(aid, {}).get("summary") or [])
    ]
    chosen: list[tuple[int, dict[str, Any], set[str]]] = []
    for _, _, aid, sent in sorted(pool, key=lambda p: (-p[0], p[1], p[2])):
        words = set(_WORD.findall(sent["text"].lower()))
        if any(
            len(words & w) > SAME_SENTENCE * max(1, min(len(words), len(w))) for _, _, w in chosen
        ):
            continue
        chosen.append((aid, sent, words))
        if len(chosen) == SUMMARY_SENTENCES[1]:
            break
    return [
        {"text": s["text"], "article_id": aid, "start": s["start"], "end": s["end"]}
        for aid, s, _ in chosen
    ]


def _explained(member: Row) -> dict[str, Any]:
    """Why an article is in its story: the assignment's decision and scores, or "manual"
    for an article a person placed (its scores stay those the assignment gave it)."""
    data = member["data"]
    runner = data.get("runner_up")
    if runner and member["runner_up"] is not None:
        runner = {**runner, "story": int(member["runner_up"])}  # the id after any recluster
    if runner and runner["story"] == member["story_id"]:
        runner = None  # the story it was weighed against is now its own: a merge
    return {
        "article_id": int(member["id"]),
        "title": member["title"],
        "decision": "manual" if member["manual"] else data.get("decision"),
        "score": member["score"],
        "signals": data.get("signals") or {},
        "runner_up": runner,
        "copy_of": member["copy_of"],
    }
