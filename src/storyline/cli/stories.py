"""The commands on stories and corpus entities: stories, story, timeline, entities, entity.

Each opens the store (to read, or to write for a correction or a recluster), calls
one library function of ``storyline.corpus`` and prints its result.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Literal

from storyline.cli.common import Parents, db, identifier, limit, print_rows
from storyline.errors import ArgumentError
from storyline.settings import Settings

COLUMNS = {
    "stories": ("id", "last_date", "article_count", "title", "sources"),
    "timeline": ("date", "kind", "article_id", "text"),
    # CSV gives each item whole, as JSON does: an event's PLOVER type, and the offsets
    # of the item in its article's clean text.
    "timeline_csv": ("date", "kind", "type", "article_id", "start", "end", "text"),
    "entities": ("id", "name", "type", "articles", "mentions", "ambiguous"),
}


def register(sub: Any, parents: Parents) -> None:
    rows = parents.rows
    p = sub.add_parser("stories", parents=[rows], help="stories, newest activity first")
    p.add_argument(
        "--recluster", action="store_true", help="rebuild every story from scratch, in date order"
    )
    p.set_defaults(run=stories)

    p = sub.add_parser(
        "story",
        parents=[parents.store],
        help="one story; or 'story merge ID ID', 'story move ARTICLE --to ID|new'",
    )
    p.add_argument("args", nargs="+", metavar="ID", help="a story id, or merge/move and ids")
    p.add_argument("-f", "--format", choices=("md", "json"), default="md")
    p.add_argument("--explain", action="store_true", help="the scores that placed each article")
    p.add_argument("--to", help="with move: a story id, or 'new'")
    p.set_defaults(run=story)

    from storyline.corpus.formats import FORMATS

    p = sub.add_parser(
        "timeline", parents=[parents.store], help="a story's or an entity's timeline"
    )
    p.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        default="table",
        help="table: date, kind, article and text of each item; json and csv add an"
        " event's PLOVER type and the item's start and end offsets in its article's"
        " clean text",
    )
    p.add_argument("-n", "--limit", type=limit, help="the first N items only (default: all)")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--story", type=identifier, help="story id")
    which.add_argument("--entity", help="corpus entity name or id")
    p.add_argument("--chart", type=Path, help="also write an SVG chart to this file")
    p.set_defaults(run=timeline)

    p = sub.add_parser("entities", parents=[rows], help="corpus entities, most reported first")
    p.add_argument("--type", help="PERSON, ORG, GPE, LOC or NORP")
    p.add_argument("--name", help="part of a name")
    p.set_defaults(run=entities)

    p = sub.add_parser("entity", parents=[parents.store], help="one corpus entity, by name or id")
    p.add_argument("name")
    p.add_argument("-f", "--format", choices=("table", "json"), default="table")
    p.set_defaults(run=entity)


def _json(value: Any) -> int:
    print(json.dumps(value, ensure_ascii=False, indent=2))
    return 0


def stories(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus import recluster, stories

    target = db(args, settings)
    if args.recluster:
        result = recluster(target)
        print(
            f"reclustered {result['articles']} articles into {result['stories']} stories",
            file=sys.stderr,
        )
    found = stories(target, limit=args.limit)
    if args.format == "json":
        return _json(found)
    rows = [{**s, "sources": ", ".join(s["sources"])} for s in found]
    return print_rows(rows, args.format, COLUMNS["stories"])


def story(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus import merge_stories, move_article, story
    from storyline.render.story import story_markdown

    target = db(args, settings)
    words = args.args
    if words[0] == "merge":
        ids = [_id(w) for w in words[1:]]
        if len(ids) < 2:
            raise ArgumentError("story merge needs two story ids or more")
        kept = merge_stories(target, ids)
        print(f"merged into story {kept}")
        return 0
    if words[0] == "move":
        if len(words) != 2 or not args.to:
            raise ArgumentError("usage: storyline story move ARTICLE_ID --to STORY_ID|new")
        to: int | Literal["new"] = "new" if args.to == "new" else _id(args.to)
        print(f"article {words[1]} is now in story {move_article(target, _id(words[1]), to)}")
        return 0
    if len(words) != 1:
        raise ArgumentError("give one story id (or merge/move)")
    found = story(target, _id(words[0]), explain=args.explain)
    if args.format == "json":
        return _json(found)
    sys.stdout.write(story_markdown(found))
    return 0


def _id(word: str) -> int:
    try:
        return identifier(word)
    except argparse.ArgumentTypeError as exc:
        raise ArgumentError(str(exc)) from None


def timeline(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus.chart import write_chart
    from storyline.corpus.timeline import titled

    of, items = titled(db(args, settings), story=args.story, entity=args.entity)
    if args.chart:
        write_chart(items, args.chart, f"Timeline of {of}")
    shown = items[: args.limit] if args.limit else items
    if len(shown) < len(items):
        print(f"the first {len(shown)} of {len(items)} items; without -n, all", file=sys.stderr)
    if args.format == "json":
        return _json(shown)
    columns = COLUMNS["timeline_csv" if args.format == "csv" else "timeline"]
    return print_rows(shown, args.format, columns)


def entities(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus import entities

    rows = entities(db(args, settings), type=args.type, limit=args.limit, text=args.name)
    return print_rows(rows, args.format, COLUMNS["entities"])


def entity(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus import corpus_entity
    from storyline.corpus.formats import table

    found = corpus_entity(db(args, settings), args.name)
    if args.format == "json":
        return _json(found)
    print(f"# {found['name']}  [corpus entity {found['id']}, {found['type']}]")
    print(
        f"articles: {found['articles']}  mentions: {found['mentions']}  first seen:"
        f" {found['first_seen'] or '-'}  last seen: {found['last_seen'] or '-'}"
        + ("  (ambiguous: another person shares the surname)" if found["ambiguous"] else "")
    )
    print(f"also called: {', '.join(found['aliases'])}")
    sections = (
        ("roles", ("text", "articles")),
        ("quotes_by", ("article_id", "kind", "text")),
        ("quotes_about", ("article_id", "speaker", "text")),
        ("events", ("date", "type", "trigger", "as", "article_id", "sentence")),
        ("cooccurring", ("id", "name", "type", "articles")),
    )
    for name, columns in sections:
        if found[name]:
            print(f"\n## {name.replace('_', ' ')}\n")
            print(table(found[name], columns), end="")
    return 0
