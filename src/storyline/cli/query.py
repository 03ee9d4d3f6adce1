"""The commands that read a store: search, quotes, events, duplicates, show, export.

Each opens the store to read (a missing store is an error, never a new empty one),
calls one library function of ``storyline.corpus`` and prints its rows.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from storyline.cli.common import Parents, date, db, identifier, print_rows
from storyline.settings import Settings

COLUMNS = {
    "search": ("id", "date", "title", "snippet"),
    "quotes": ("article_id", "speaker_name", "kind", "text"),
    "events": ("date", "type", "mode", "article_id", "sentence"),
    "duplicates": ("id", "size", "original_article", "title", "source"),
}


def register(sub: Any, parents: Parents) -> None:
    from storyline.corpus import FORMATS as EXPORT_FORMATS

    rows = parents.rows
    p = sub.add_parser("search", parents=[rows], help="full-text search, ranked, with snippets")
    p.add_argument("text")
    p.set_defaults(run=search)

    p = sub.add_parser("quotes", parents=[rows], help="quotes in the corpus")
    p.add_argument("--speaker", help="part of the speaker's name")
    p.add_argument("--text", help="words the quote contains")
    p.set_defaults(run=quotes)

    p = sub.add_parser("events", parents=[rows], help="events in date order")
    p.add_argument("--type", help="PLOVER event type")
    p.add_argument("--since", type=date, help="on or after this date (YYYY[-MM[-DD]])")
    p.set_defaults(run=events)

    p = sub.add_parser("duplicates", parents=[rows], help="groups of duplicate articles")
    p.set_defaults(run=duplicates)

    p = sub.add_parser("show", parents=[parents.store], help="one stored article with its facts")
    p.add_argument("id", type=identifier)
    p.add_argument("-f", "--format", choices=("table", "json"), default="table")
    p.set_defaults(run=show)

    p = sub.add_parser(
        "export", parents=[parents.store], help="every table to files, one per table"
    )
    p.add_argument("-f", "--format", choices=EXPORT_FORMATS, default="jsonl")
    p.add_argument("-o", "--out", type=Path, required=True, help="folder to write into")
    p.set_defaults(run=export)


def search(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus import search
    from storyline.corpus.browse import bracketed

    rows = search(db(args, settings), args.text, limit=args.limit)
    if args.format == "table":  # the matched words in [brackets]; JSON gives their offsets
        rows = [{**r, "snippet": bracketed(r["snippet"], r["highlights"])} for r in rows]
    return print_rows(rows, args.format, COLUMNS["search"])


def quotes(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus import quotes

    rows = quotes(db(args, settings), speaker=args.speaker, text=args.text, limit=args.limit)
    return print_rows(rows, args.format, COLUMNS["quotes"])


def events(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus import events

    rows = events(db(args, settings), type=args.type, since=args.since, limit=args.limit)
    return print_rows(rows, args.format, COLUMNS["events"])


def duplicates(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus import duplicates

    rows = duplicates(db(args, settings))[: args.limit]
    return print_rows(rows, args.format, COLUMNS["duplicates"])


def show(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus import show
    from storyline.corpus.formats import table

    view = show(db(args, settings), args.id)
    if args.format == "json":
        print(json.dumps(view, ensure_ascii=False, indent=2))
        return 0
    article = view["article"]
    print(f"# {article['title'] or '(untitled)'}  [article {article['id']}]")
    print(f"source: {article['source']}  date: {article['date'] or '-'}\n")
    print(article["text"])
    record = view["record"]
    for name, columns in (
        ("entities", ("name", "type", "mention_count")),
        ("quotes", ("speaker_name", "kind", "text")),
        ("figures", ("text", "value", "unit", "concept")),
        ("events", ("type", "mode", "trigger")),
    ):
        if record[name]:
            print(f"\n## {name}\n")
            print(table(record[name], columns), end="")
    if view["duplicates"]:
        print("\n## duplicate group\n")
        print(
            table(view["duplicates"], ("article_id", "status", "similarity", "date", "source")),
            end="",
        )
    return 0


def export(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus import export

    for table_name, path in export(db(args, settings), args.out, args.format).items():
        print(f"{table_name:<18} {path}")
    return 0
