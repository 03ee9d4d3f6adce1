"""The ``storyline`` command: parse, build Settings, call one library function, print.

Errors print one line (``storyline: error: …``) and exit with the error's own
exit code; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from storyline import __version__
from storyline.errors import StorylineError
from storyline.settings import Settings, load_settings

Command = Callable[[argparse.Namespace, Settings], int]


def sample_path() -> Path:
    """The sample article that ships with the package."""
    return Path(str(resources.files("storyline") / "samples" / "prisoner-release.txt"))


def cmd_analyze(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.pipeline import Failure, analyze_many
    from storyline.render import render

    sources = args.sources or [str(sample_path())]
    fmt = args.format
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    failures: list[StorylineError] = []
    try:
        for n, result in enumerate(analyze_many(sources, settings)):
            if isinstance(result, Failure):
                failures.append(result.error)
                message = str(result.error)
                if not message.startswith(result.source):
                    message = f"{result.source}: {message}"
                _error(message, args.debug, result.error)
                continue
            if fmt == "json" and len(sources) > 1:
                import json

                out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            else:
                if n and fmt == "md":
                    out.write("\n---\n\n")
                out.write(render(result, fmt))
                if fmt == "json":
                    out.write("\n")
            out.flush()
    finally:
        if out is not sys.stdout:
            out.close()
    if len(failures) == len(sources):
        return failures[0].exit_code
    return 1 if failures else 0


def cmd_schema(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from storyline.models import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0


# --- corpus commands: thin wrappers over storyline.corpus ------------------------------

CORPUS_COLUMNS = {
    "search": ("id", "date", "title", "snippet"),
    "quotes": ("article_id", "speaker_name", "kind", "text"),
    "entities": ("name", "type", "articles", "mentions"),
    "events": ("date", "type", "mode", "article_id", "sentence"),
    "duplicates": ("id", "size", "original_article", "title", "source"),
}


def _db(args: argparse.Namespace, settings: Settings) -> str:
    return str(args.db or settings.db)


def _print_rows(rows: Sequence[dict[str, object]], args: argparse.Namespace) -> int:
    from storyline.corpus.formats import render_rows

    sys.stdout.write(render_rows(rows, args.format, CORPUS_COLUMNS[args.command]))
    return 0


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from storyline.corpus import ingest

    settings = settings.replace(workers=args.jobs, near_duplicate_threshold=args.threshold)
    summary = ingest(
        args.sources, _db(args, settings), settings, kind=args.kind, progress=not args.quiet
    )
    if args.format == "json":
        print(json.dumps(summary.to_dict(), indent=2))
    else:
        print(summary.report())
    if summary.failed:
        return 2 if len(summary.failed) == summary.total else 1
    return 0


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus import search

    return _print_rows(search(_db(args, settings), args.text, limit=args.limit), args)


def cmd_quotes(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus import quotes

    rows = quotes(_db(args, settings), speaker=args.speaker, text=args.text, limit=args.limit)
    return _print_rows(rows, args)


def cmd_entities(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus import entities

    return _print_rows(entities(_db(args, settings), type=args.type, limit=args.limit), args)


def cmd_events(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus import events

    rows = events(_db(args, settings), type=args.type, since=args.since, limit=args.limit)
    return _print_rows(rows, args)


def cmd_duplicates(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus import duplicates

    return _print_rows(duplicates(_db(args, settings)), args)


def cmd_show(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from storyline.corpus import show
    from storyline.corpus.formats import table

    view = show(_db(args, settings), args.id)
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


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.corpus import export

    for table_name, path in export(_db(args, settings), args.out, args.format).items():
        print(f"{table_name:<18} {path}")
    return 0


def add_corpus_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """The corpus sub-commands: ingest, search, quotes, entities, events, show, export."""
    from storyline.corpus import FORMATS as EXPORT_FORMATS
    from storyline.corpus.formats import FORMATS as ROW_FORMATS
    from storyline.ingest import KINDS

    store = argparse.ArgumentParser(add_help=False, parents=[common])
    store.add_argument(
        "--db", help="SQLite file or postgresql:// URL (default: settings.db, storyline.db)"
    )
    rows = argparse.ArgumentParser(add_help=False, parents=[store])
    rows.add_argument("-f", "--format", choices=ROW_FORMATS, default="table")
    rows.add_argument("-n", "--limit", type=int, default=50, help="most rows shown (default 50)")

    p = sub.add_parser(
        "ingest",
        parents=[store],
        help="analyse many articles into a corpus store",
        description="Files, folders, globs, JSON Lines, WARC(.gz), RSS/Atom feeds, URL lists.",
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    p.add_argument("-j", "--jobs", type=int, help="worker processes (default 1)")
    p.add_argument("--kind", choices=KINDS, help="read every SOURCE as this kind")
    p.add_argument("--threshold", type=float, help="near-duplicate similarity (default 0.8)")
    p.add_argument("--timeout", type=float, help="seconds to wait for a URL (default 20)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("-f", "--format", choices=("table", "json"), default="table")
    p.set_defaults(run=cmd_ingest)

    p = sub.add_parser("search", parents=[rows], help="full-text search, ranked, with snippets")
    p.add_argument("text")
    p.set_defaults(run=cmd_search)

    p = sub.add_parser("quotes", parents=[rows], help="quotes in the corpus")
    p.add_argument("--speaker", help="part of the speaker's name")
    p.add_argument("--text", help="words the quote contains")
    p.set_defaults(run=cmd_quotes)

    p = sub.add_parser("entities", parents=[rows], help="people, organisations and places")
    p.add_argument("--type", help="PERSON, ORG, GPE, LOC or NORP")
    p.set_defaults(run=cmd_entities)

    p = sub.add_parser("events", parents=[rows], help="events in date order")
    p.add_argument("--type", help="PLOVER event type")
    p.add_argument("--since", help="on or after this date (YYYY-MM-DD)")
    p.set_defaults(run=cmd_events)

    p = sub.add_parser("duplicates", parents=[rows], help="groups of duplicate articles")
    p.set_defaults(run=cmd_duplicates)

    p = sub.add_parser("show", parents=[store], help="one stored article with its facts")
    p.add_argument("id", type=int)
    p.add_argument("-f", "--format", choices=("table", "json"), default="table")
    p.set_defaults(run=cmd_show)

    p = sub.add_parser("export", parents=[store], help="every table to files, one per table")
    p.add_argument("-f", "--format", choices=EXPORT_FORMATS, default="jsonl")
    p.add_argument("-o", "--out", type=Path, required=True, help="folder to write into")
    p.set_defaults(run=cmd_export)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storyline", description="Turn raw news into facts a reader can check."
    )
    parser.add_argument("--version", action="version", version=f"storyline {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, help="TOML settings file (default ./storyline.toml)")
    common.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "analyze",
        parents=[common],
        help="analyse articles: files, '-' for stdin, or URLs",
        description="Analyse one or more articles. With no SOURCE, the shipped sample.",
    )
    p.add_argument(
        "sources", nargs="*", metavar="SOURCE", help="file (.gz ok), '-', or http(s) URL"
    )
    p.add_argument(
        "-f",
        "--format",
        choices=("json", "md", "html"),
        default="md",
        help="output format (default md; several sources with json give JSON Lines)",
    )
    p.add_argument("-o", "--output", type=Path, help="write to FILE instead of standard output")
    p.add_argument("--timeout", type=float, help="seconds to wait for a URL (default 20)")
    p.set_defaults(run=cmd_analyze)

    p = sub.add_parser("schema", parents=[common], help="print the JSON Schema of the record")
    p.set_defaults(run=cmd_schema)
    add_corpus_commands(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    debug = args.debug
    try:
        settings = load_settings(args.config, timeout=getattr(args, "timeout", None))
        run: Command = args.run
        return run(args, settings)
    except StorylineError as exc:
        _error(str(exc), debug, exc)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _error(message: str, debug: bool, exc: BaseException) -> None:
    if debug:
        traceback.print_exception(exc)
    print(f"storyline: error: {message}", file=sys.stderr)
