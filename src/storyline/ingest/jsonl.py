"""JSON Lines: one article a line, as ``html``, ``text`` and/or ``url``.

Optional fields: ``id`` (with ``source``, or the file without one, the key that
identifies the article across runs), ``title``, ``date``, ``source``; each is text
(or a number). A line with ``html`` or ``text`` is analysed
as given (``url`` is kept as its address); a line with only ``url`` is fetched.
A line that is not a JSON object with one of these fields becomes a failure
of its own, and the lines after it are still read.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from storyline.extract.hygiene import CONTROL
from storyline.ingest.items import Item
from storyline.ingest.sources import is_url
from storyline.models import RawDocument

SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")


def _open(path: Path) -> IO[bytes]:
    with path.open("rb") as f:
        gz = f.read(2) == b"\x1f\x8b"
    return gzip.open(path, "rb") if gz else path.open("rb")  # type: ignore[return-value]


def count_jsonl(path: Path) -> int:
    with _open(path) as f:
        return sum(1 for line in f if line.strip())


def line_offsets(path: Path) -> list[tuple[int, int]]:
    """(byte offset, line number) of each non-empty line, offsets in the uncompressed text."""
    out = []
    offset = 0
    with _open(path) as f:
        for lineno, line in enumerate(f, 1):
            if line.strip():
                out.append((offset, lineno))
            offset += len(line)
    return out


def read_jsonl(
    path: Path, start: int = 0, end: int | None = None, first_line: int = 1
) -> Iterator[Item]:
    """One Item per non-empty line of ``path``, or of its bytes ``start``–``end``.

    ``first_line`` is the number of the line at ``start``: an entry without an id is
    keyed by its file and line, the same whichever range it is read in.
    """
    path = path.resolve()
    with _open(path) as f:
        f.seek(start)
        offset = start
        for lineno, line in enumerate(f, first_line):
            if end is not None and offset >= end:
                return
            offset += len(line)
            if line.strip():
                yield _item(line, f"{path}:{lineno}", path)


def _item(line: bytes, where: str, path: Path) -> Item:
    try:
        obj: Any = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        return Item(key=where, source=where, error=f"{where}: not JSON ({exc})")
    if not isinstance(obj, dict):
        return Item(key=where, source=where, error=f"{where}: not a JSON object")
    try:
        url, title, date, source, ident = (
            _text(obj, name) for name in ("url", "title", "date", "source", "id")
        )
    except ValueError as exc:
        return Item(key=where, source=where, error=f"{where}: {exc}")
    # An id names an article among those of its source (or of its file, without one):
    # two outlets' files may both number their articles from 1.
    key = f"id:{source or path}:{ident}" if ident is not None else url or where
    name = source or url or where
    for field, content_type in (("html", "text/html"), ("text", "text/plain")):
        body = obj.get(field)
        if isinstance(body, str) and body.strip():
            raw = RawDocument(
                data=body.encode("utf-8"),
                source=name,
                content_type=content_type,
                url=url,
                encoding="utf-8",
            )
            return Item(key=key, source=raw, title=title, date=date, where=where)
    if url and not is_url(url):  # fetched, it would be read as a file
        return Item(
            key=where, source=where, error=f"{where}: url {url[:200]!r} is not an http(s) URL"
        )
    if url:
        return Item(key=key, source=url, title=title, date=date, where=where)
    odd = [f for f in ("html", "text") if obj.get(f) is not None and not isinstance(obj[f], str)]
    if odd:
        return Item(
            key=key, source=name, error=f"{where}: {odd[0]!r} is {_kind(obj[odd[0]])}, not text"
        )
    return Item(key=key, source=name, error=f"{where}: no 'html', 'text' or 'url' field")


def _text(obj: dict[str, Any], name: str) -> str | None:
    """A field that holds text (a number is taken as its digits), or None when absent."""
    value = obj.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"{name!r} is {_kind(value)}, not text")
    return CONTROL.sub("", str(value)) or None  # a NUL is no text (PostgreSQL refuses it)


def _kind(value: Any) -> str:
    """What a JSON value is, as its reader would say it."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    return "a list" if isinstance(value, list) else f"a {type(value).__name__}"
