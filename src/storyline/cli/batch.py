"""``storyline batch``, ``load`` and ``reanalyze``: many documents at scale, and back into a store."""

from __future__ import annotations

import argparse
import json
from typing import Any

from storyline.cli.common import (
    Parents,
    analysis,
    db,
    embeddings,
    positive,
    reporting,
    share,
)
from storyline.settings import Settings


def register(sub: Any, parents: Parents) -> None:
    from storyline.batch import ENGINES
    from storyline.ingest import KINDS

    p = sub.add_parser(
        "batch",
        parents=[parents.common],
        help="analyse many documents into Parquet datasets, locally or on a Dask cluster",
        description="Folders, globs, JSON Lines, WARC(.gz), feeds, URL lists -> Parquet datasets"
        " under DIR, partitioned by month. A re-run with the same DIR resumes.",
    )
    p.add_argument("sources", nargs="+", metavar="INPUT")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the datasets")
    p.add_argument("--engine", choices=ENGINES, default="local", help="default local")
    p.add_argument("--scheduler", metavar="ADDR", help="a running Dask scheduler (implies dask)")
    p.add_argument("--workers", type=positive, help="worker processes (default 1)")
    p.add_argument("--chunk-size", type=positive, help="documents per chunk (default: sized)")
    p.add_argument("--kind", choices=KINDS, help="read every INPUT as this kind")
    embeddings(p)
    reporting(p)
    p.set_defaults(run=batch)

    p = sub.add_parser(
        "load",
        parents=[parents.store],
        help="bring a batch's Parquet output into a store",
        description="Duplicates are grouped as ingest groups them; a re-run resumes.",
    )
    p.add_argument("folder", metavar="DIR")
    p.add_argument("--threshold", type=share, help="near-duplicate similarity (default 0.8)")
    reporting(p)
    p.set_defaults(run=load)

    p = sub.add_parser(
        "reanalyze",
        parents=[parents.store],
        help="re-analyse stored articles made under an older record schema",
        description="In place, one transaction per article; a re-run resumes.",
    )
    p.add_argument("-j", "--jobs", type=positive, help="worker processes (default 1)")
    embeddings(p)
    reporting(p)
    p.set_defaults(run=reanalyze)


def batch(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.batch import batch

    summary = batch(
        args.sources,
        args.out,
        analysis(args, settings),
        kind=args.kind,
        engine=args.engine,
        scheduler=args.scheduler,
        workers=args.workers,
        chunk_size=args.chunk_size,
        progress=not args.quiet,
    )
    _print(args.format, summary)
    return 1 if summary.lost or summary.failed else 0


def load(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus.load import load

    settings = settings.replace(near_duplicate_threshold=args.threshold)
    summary = load(args.folder, db(args, settings), settings, progress=not args.quiet)
    _print(args.format, summary)
    return 1 if summary.failed else 0


def reanalyze(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus.reanalyze import reanalyze

    settings = analysis(args, settings).replace(workers=args.jobs)
    summary = reanalyze(db(args, settings), settings, progress=not args.quiet)
    _print(args.format, summary)
    return 1 if summary.failed else 0


def _print(fmt: str, summary: Any) -> None:
    print(json.dumps(summary.to_dict(), indent=2) if fmt == "json" else summary.report())
