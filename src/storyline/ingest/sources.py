"""Read one source: a file (``.gz`` transparently), ``-`` for stdin, or a URL."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from storyline.errors import EmptyInputError, InputError
from storyline.ingest.url import fetch
from storyline.models import RawDocument
from storyline.settings import Settings


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def read_source(source: str, settings: Settings) -> RawDocument:
    """The bytes behind ``source``; raises an InputError subclass when unreadable."""
    if is_url(source):
        return fetch(source, settings)
    if source == "-":
        data = sys.stdin.buffer.read(settings.max_bytes + 1)
    else:
        data = _read_file(Path(source), settings)
    if len(data) > settings.max_bytes:
        raise InputError(f"{source}: larger than the {settings.max_bytes:,}-byte limit")
    if not data.strip():
        raise EmptyInputError(f"{source}: the input is empty")
    return RawDocument(data=data, source=source)


def _read_file(path: Path, settings: Settings) -> bytes:
    try:
        with path.open("rb") as f:
            data = f.read(settings.max_bytes + 1)
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise InputError(f"{path}: broken gzip file ({exc})") from None
    return data
