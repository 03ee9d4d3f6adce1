"""``storyline ingest`` and ``storyline migrate``: the commands that write a store."""

from __future__ import annotations

import argparse
import json
from typing import Any

from storyline.cli.common import (
    Parents,
    analysis,
    db,
    embeddings,
    reporting,
    seconds,
    share,
    workers,
)
from storyline.settings import Settings


def register(sub: Any, parents: Parents) -> None:
    from storyline.ingest import KINDS

    p = sub.add_parser(
        "ingest",
        parents=[parents.store],
        help="analyse many articles into a corpus store",
        description="Files, folders, globs, JSON Lines, WARC(.gz), RSS/Atom feeds, URL lists.",
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    p.add_argument("-j", "--jobs", type=workers, help="worker processes (default 1)")
    p.add_argument("--kind", choices=KINDS, help="read every SOURCE as this kind")
    p.add_argument("--threshold", type=share, help="near-duplicate similarity (default 0.8)")
    p.add_argument(
        "--timeout", type=seconds, help="seconds a URL's whole download may take (default 20)"
    )
    p.add_argument(
        "--keep-non-articles",
        action="store_true",
        help="store pages flagged as mostly links or too little prose (default: skip them)",
    )
    embeddings(p)
    reporting(p)
    p.set_defaults(run=ingest)

    p = sub.add_parser(
        "migrate",
        parents=[parents.store],
        help="bring an existing store's schema up to date",
        description="Upgrade a store made by an older storyline; queries need it done once.",
    )
    p.set_defaults(run=migrate)


def ingest(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus import ingest

    settings = settings.replace(workers=args.jobs, near_duplicate_threshold=args.threshold)
    settings = analysis(args, settings)
    summary = ingest(
        args.sources,
        db(args, settings),
        settings,
        kind=args.kind,
        progress=not args.quiet,
        keep_non_articles=args.keep_non_articles,
    )
    if args.format == "json":
        print(json.dumps(summary.to_dict(), indent=2))
    else:
        print(summary.report())
    if summary.failed:
        return 2 if len(summary.failed) == summary.total else 1
    return 0


def migrate(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus.store import SCHEMA_VERSION, open_store

    with open_store(db(args, settings), "write") as store:
        found = store.found_version
    was = f" (was {found})" if found != SCHEMA_VERSION else " (already up to date)"
    print(f"schema version {SCHEMA_VERSION}{was}")
    return 0
