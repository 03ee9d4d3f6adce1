"""``storyline analyze`` and ``storyline schema``: one article in, one record out."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator
from importlib import resources
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from storyline.cli.common import Parents, analysis, embeddings, seconds
from storyline.errors import ArgumentError, StorylineError
from storyline.settings import Settings

if TYPE_CHECKING:
    from storyline.pipeline import Failure, Source


def sample_path() -> Path:
    """The sample article that ships with the package."""
    return Path(str(resources.files("storyline") / "samples" / "prisoner-release.txt"))


def register(sub: Any, parents: Parents) -> None:
    p = sub.add_parser(
        "analyze",
        parents=[parents.common],
        help="analyse articles: files, '-' for stdin, or URLs",
        description=(
            "Analyse one or more articles. With no SOURCE, the shipped sample. A JSON Lines,"
            " WARC, feed or URL list file gives each of its articles."
        ),
    )
    p.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="file (.gz ok; JSON Lines, WARC, feed, URL list), '-', or http(s) URL",
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
        "--timeout", type=seconds, help="seconds a URL's whole download may take (default 20)"
    )
    embeddings(p)
    p.set_defaults(run=analyze)

    p = sub.add_parser(
        "schema", parents=[parents.common], help="print the JSON Schema of the record"
    )
    p.set_defaults(run=schema)


def analyze(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.cli import report_error
    from storyline.pipeline import Failure
    from storyline.render import render

    settings = analysis(args, settings)
    if args.output:
        _check_writable(args.output)  # before the model loads, not after
    # Read as they are analysed, so a large JSON Lines or WARC file streams through; the
    # first two tell whether there are several (JSON then gives JSON Lines).
    documents = _documents(args.sources or [str(sample_path())], settings)
    first = list(islice(documents, 2))
    several = len(first) > 1
    fmt = args.format
    out: TextIO | None = None if args.output else sys.stdout
    failures: list[StorylineError] = []
    total = written = 0
    try:
        for result in _analysed(chain(first, documents), settings):
            total += 1
            if isinstance(result, Failure):
                failures.append(result.error)
                message = str(result.error)
                if not message.startswith(result.source):
                    message = f"{result.source}: {message}"
                report_error(message, args.debug, result.error)
                continue
            # The file is written once there is something to write: a run that analyses
            # nothing leaves an earlier output as it was.
            out = out or _output(args.output)
            if fmt == "json" and several:
                out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            else:
                if written and fmt == "md":
                    out.write("\n---\n\n")
                out.write(render(result, fmt))
                if fmt == "json":
                    out.write("\n")
            out.flush()
            written += 1
    finally:
        if out is not None and out is not sys.stdout:
            out.close()
    if failures and len(failures) == total:
        return failures[0].exit_code
    return 1 if failures else 0


def _documents(sources: list[str], settings: Settings) -> Iterator[Source | Failure]:
    """The documents behind ``sources``, each read when it is wanted: a file, ``-`` or a
    URL is one; a JSON Lines, WARC, feed or URL list file is each of the articles it holds
    (or a failure, as is a folder or one of those that holds none)."""
    from storyline.ingest.collect import collect
    from storyline.ingest.sources import is_url
    from storyline.pipeline import Failure

    for source in sources:
        if source == "-" or is_url(source):
            yield source
            continue
        for found in collect([source]):
            if found.kind == "file" and found.error is None:
                yield found.source
                continue
            for item in found.items(settings):
                try:
                    yield item.read(settings)
                except StorylineError as exc:
                    yield Failure(item.name, exc)


def _analysed(documents: Iterable[Source | Failure], settings: Settings) -> Iterator[Any]:
    """A Record or Failure for each document, in order, analysed a batch at a time as the
    documents are read."""
    from storyline.pipeline import Failure, analyze_many

    it = iter(documents)
    while batch := list(islice(it, settings.batch_size)):
        results = analyze_many([d for d in batch if not isinstance(d, Failure)], settings)
        for document in batch:
            yield document if isinstance(document, Failure) else next(results)


def _check_writable(path: Path) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ArgumentError(f"{path}: is a folder, not a file to write")
    if not folder.is_dir():
        raise ArgumentError(f"{path}: cannot write (no folder {folder})")
    # An existing file is written in place (``/dev/null`` too); a new one needs the folder.
    if not os.access(path if path.exists() else folder, os.W_OK):
        raise ArgumentError(f"{path}: cannot write (permission denied)")


def _output(path: Path) -> TextIO:
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise ArgumentError(f"{path}: cannot write ({exc.strerror or exc})") from None


def schema(args: argparse.Namespace, settings: Settings) -> int:
    from storyline.models import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0
