"""``storyline analyze`` and ``storyline schema``: one article in, one record out."""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from storyline.cli.common import Parents, analysis, embeddings
from storyline.errors import StorylineError
from storyline.settings import Settings


def sample_path() -> Path:
    """The sample article that ships with the package."""
    return Path(str(resources.files("storyline") / "samples" / "prisoner-release.txt"))


def register(sub: Any, parents: Parents) -> None:
    p = sub.add_parser(
        "analyze",
        parents=[parents.common],
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
    p.add_argument(
        "--timeout", type=float, help="seconds a URL's whole download may take (default 20)"
    )
    embeddings(p)
    p.set_defaults(run=analyze)

    p = sub.add_parser(
        "schema", parents=[parents.common], help="print the JSON Schema of the record"
    )
    p.set_defaults(run=schema)


def analyze(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.cli import report_error
    from storyline.pipeline import Failure, analyze_many
    from storyline.render import render

    settings = analysis(args, settings)
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
                report_error(message, args.debug, result.error)
                continue
            if fmt == "json" and len(sources) > 1:
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


def schema(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.models import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0
