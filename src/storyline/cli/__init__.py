"""The ``storyline`` command: parse, build Settings, call one library function, print.

One module per command group, each with a ``register(sub, parents)`` that adds its
sub-commands: ``analyze`` (analyze, schema), ``ingest`` (ingest, migrate) and
``query`` (search, quotes, events, duplicates, show, export), ``stories``
(stories, story, timeline, entities, entity), ``watches`` (watch, digest), ``serve``
(the web app) and ``batch`` (batch, load, reanalyze).

Errors print one line (``storyline: error: …``) and exit with the error's own
exit code (see ``storyline.errors``); ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence

from storyline import __version__
from storyline.cli import analyze, batch, ingest, query, serve, stories, watches
from storyline.cli.analyze import sample_path
from storyline.cli.common import Command, parents
from storyline.deps import dependency_error
from storyline.errors import StorylineError
from storyline.settings import load_settings

__all__ = ["build_parser", "main", "report_error", "sample_path"]

GROUPS = (analyze, ingest, query, stories, watches, serve, batch)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storyline", description="Turn raw news into facts a reader can check."
    )
    parser.add_argument("--version", action="version", version=f"storyline {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    shared = parents()
    for group in GROUPS:
        group.register(sub, shared)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        parser = build_parser()
    except ImportError as exc:  # the parsers list choices from the modules that use them
        return broken_install(exc, "--debug" in (sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    try:
        settings = load_settings(args.config, timeout=getattr(args, "timeout", None))
        run: Command = args.run
        return run(args, settings)
    except StorylineError as exc:
        report_error(str(exc), args.debug, exc)
        return exc.exit_code
    except ImportError as exc:
        return broken_install(exc, args.debug)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def broken_install(exc: ImportError, debug: bool) -> int:
    """A package that does not import: the fix in one line, and the exit code."""
    error = dependency_error(exc)
    report_error(str(error), debug, exc)
    return error.exit_code


def report_error(message: str, debug: bool, exc: BaseException) -> None:
    """One line on standard error; the traceback first with ``--debug``."""
    if debug:
        traceback.print_exception(exc)
    print(f"storyline: error: {message}", file=sys.stderr)
