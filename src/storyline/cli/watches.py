"""The commands for following stories: watch add|list|remove, and digest."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from storyline.cli.common import Parents, date, db, identifier, print_rows
from storyline.errors import ArgumentError
from storyline.settings import Settings


def register(sub: Any, parents: Parents) -> None:
    p = sub.add_parser("watch", parents=[parents.store], help="follow a story, words, an entity")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", parents=[parents.store], help="add a watch")
    add.add_argument("name")
    add.add_argument("--story", type=identifier, help="a story id")
    add.add_argument("--query", help="words an article must all contain")
    add.add_argument("--entity", help="a corpus entity, by name or id")
    add.add_argument("--event-type", help="a PLOVER event type")
    add.set_defaults(run=watch_add)
    listed = actions.add_parser("list", parents=[parents.store], help="the watches")
    listed.add_argument("-f", "--format", choices=("table", "json", "csv"), default="table")
    listed.set_defaults(run=watch_list)
    remove = actions.add_parser("remove", parents=[parents.store], help="remove a watch")
    remove.add_argument("name")
    remove.set_defaults(run=watch_remove)

    p = sub.add_parser("digest", parents=[parents.store], help="what is new, per watch")
    p.add_argument("--since", type=date, help="published (or ingested) on or after this date")
    p.add_argument("--watch", help="only this watch")
    p.add_argument("-f", "--format", choices=("md", "html", "json"), default="md")
    p.set_defaults(run=digest)


def watch_add(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus import add_watch

    if not any((args.story, args.query, args.entity, args.event_type)):
        raise ArgumentError("a watch needs --story, --query, --entity or --event-type")
    found = add_watch(
        db(args, settings),
        args.name,
        story=args.story,
        query=args.query,
        entity=args.entity,
        event_type=args.event_type,
    )
    print(f"watching {found['name']}: {json.dumps(found['criteria'], ensure_ascii=False)}")
    return 0


def watch_list(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus import watches

    rows = [
        {**w, "criteria": json.dumps(w["criteria"], ensure_ascii=False)}
        if args.format != "json"
        else w
        for w in watches(db(args, settings))
    ]
    return print_rows(rows, args.format, ("name", "criteria", "created_at", "last_digest"))


def watch_remove(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus import remove_watch

    remove_watch(db(args, settings), args.name)
    print(f"removed watch {args.name}")
    return 0


def digest(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus import digest
    from storyline.render.digest import digest_html, digest_markdown

    found = digest(db(args, settings), since=args.since, watch=args.watch)
    if args.format == "json":
        print(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(digest_html(found) if args.format == "html" else digest_markdown(found))
    return 0
