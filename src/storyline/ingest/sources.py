"""Read one source: a file (``.gz`` transparently), ``-`` for stdin, or a URL."""

from __future__ import annotations

import re
import sys
import zlib
from pathlib import Path

from storyline.errors import EmptyInputError, ForbiddenURLError, InputError, TooLargeError
from storyline.ingest.url import fetch
from storyline.models import RawDocument
from storyline.settings import Settings

# A scheme, as RFC 3986 spells it, before "://": what tells a URL from a file name.
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")
_READ_BLOCK = 1 << 16  # bytes decompressed at a time


def is_url(source: str) -> bool:
    """Whether ``source`` is an http(s) URL; the scheme is read in any case (``HTTP://``)."""
    found = _SCHEME.match(source)
    return found is not None and found.group(1).lower() in ("http", "https")


def read_source(source: str, settings: Settings) -> RawDocument:
    """The bytes behind ``source``; raises an InputError subclass when unreadable."""
    if is_url(source):
        return fetch(source, settings)
    scheme = _SCHEME.match(source)
    if scheme is not None:
        raise ForbiddenURLError(
            f"{source}: {scheme.group(1)}:// is not read; give a file path, '-' or an http(s) URL"
        )
    if source == "-":
        data = sys.stdin.buffer.read(settings.max_bytes + 1)
    else:
        data = _read_file(Path(source), settings)
    if len(data) > settings.max_bytes:
        raise TooLargeError(f"{source}: larger than the {settings.max_bytes:,}-byte limit")
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
    if data[:2] == b"\x1f\x8b" and len(data) <= settings.max_bytes:
        data = _gunzip(path, data, settings.max_bytes)
    return data


def _gunzip(path: Path, data: bytes, limit: int) -> bytes:
    """The gzip ``data`` decompressed, a block at a time, stopping past ``limit`` bytes.

    A small file can hold gigabytes of zeros: decompressing it whole before checking its
    size would take that memory.
    """
    stream = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    out = bytearray()
    pending = data
    try:
        while True:
            block = stream.decompress(pending, _READ_BLOCK)
            out += block
            if len(out) > limit:
                raise TooLargeError(
                    f"{path}: larger than the {limit:,}-byte limit once decompressed"
                )
            if stream.eof:
                pending = stream.unused_data
                if not pending.strip(b"\0"):  # no further gzip member, only padding
                    return bytes(out)
                stream = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
                continue
            pending = stream.unconsumed_tail
            if not pending and not block:
                raise InputError(f"{path}: broken gzip file (it ends before its end marker)")
    except zlib.error as exc:
        raise InputError(f"{path}: broken gzip file ({exc})") from None
