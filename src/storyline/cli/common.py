"""What the commands share: the parent parsers, argument types and row printing."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.settings import Settings

Command = Callable[[argparse.Namespace, Settings], int]

LIMIT_MAX = 100_000  # most rows one query prints
ID_MAX = 2**63 - 1  # the largest id either store can hold

_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


@dataclass(frozen=True, slots=True)
class Parents:
    """Parent parsers a command group builds its sub-commands from."""

    common: argparse.ArgumentParser  # --config, --debug
    store: argparse.ArgumentParser  # + --db
    rows: argparse.ArgumentParser  # + -f table|json|csv, -n


def parents() -> Parents:
    from storyline.corpus.formats import FORMATS

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, help="TOML settings file (default ./storyline.toml)")
    common.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    store = argparse.ArgumentParser(add_help=False, parents=[common])
    store.add_argument(
        "--db", help="SQLite file or postgresql:// URL (default: settings.db, storyline.db)"
    )
    rows = argparse.ArgumentParser(add_help=False, parents=[store])
    rows.add_argument("-f", "--format", choices=FORMATS, default="table")
    rows.add_argument(
        "-n", "--limit", type=limit, default=50, help=f"most rows shown, 1–{LIMIT_MAX} (default 50)"
    )
    return Parents(common, store, rows)


def positive(value: str) -> int:
    """A count of workers or documents: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is below 1")
    return number


def reporting(p: argparse.ArgumentParser) -> None:
    """The options of a command that works through many documents and sums them up."""
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("-f", "--format", choices=("table", "json"), default="table")


def embeddings(p: argparse.ArgumentParser) -> None:
    """The option of a command that analyses articles for a store or a dataset."""
    p.add_argument(
        "--embeddings",
        action="store_true",
        default=None,
        help="add each article's dense vector, a story signal (needs the extra 'embeddings')",
    )


def analysis(args: argparse.Namespace, settings: Settings) -> Settings:
    """The settings with ``--embeddings``; asked for, the extra must be installed."""
    settings = settings.replace(embeddings=args.embeddings)
    if settings.embeddings:
        from storyline.analyze.embedding import model_folder

        model_folder()
    return settings


def limit(value: str) -> int:
    """A row limit: a whole number from 1 to LIMIT_MAX."""
    return _bounded(value, 1, LIMIT_MAX, "a row limit")


def identifier(value: str) -> int:
    """A stored id: a whole number from 1 to the largest id a store holds."""
    return _bounded(value, 1, ID_MAX, "an id")


def date(value: str) -> str:
    """A date as YYYY, YYYY-MM or YYYY-MM-DD, checked to exist."""
    if not _DATE.fullmatch(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date on the calendar") from None
    return value


def workers(value: str) -> int:
    """A number of worker processes: from 1 to a few per core of this machine."""
    return _bounded(value, 1, max(64, 4 * (os.cpu_count() or 1)), "worker processes")


def share(value: str) -> float:
    """A similarity or a share: a number above 0 and at most 1."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0 < number <= 1:  # NaN fails this too
        raise argparse.ArgumentTypeError(f"{value} is out of range (above 0, at most 1)")
    return number


def seconds(value: str) -> float:
    """A time limit: a number of seconds above 0."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not 0 < number < float("inf"):
        raise argparse.ArgumentTypeError(f"{value} is not a number of seconds above 0")
    return number


def _bounded(value: str, low: int, high: int, what: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not {what} (a whole number)") from None
    if not low <= number <= high:
        raise argparse.ArgumentTypeError(f"{value} is out of range for {what} ({low}–{high})")
    return number


def db(args: argparse.Namespace, settings: Settings) -> str:
    """The store the command works on: --db, else the settings' default."""
    return str(args.db or settings.db)


def print_rows(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str]) -> int:
    from storyline.corpus.formats import render_rows

    sys.stdout.write(render_rows(rows, fmt, columns))
    return 0
