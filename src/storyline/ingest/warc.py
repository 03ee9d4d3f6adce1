"""WARC and WARC.gz files: every HTML response record is one article."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from storyline.errors import InputError
from storyline.ingest.items import Item
from storyline.models import RawDocument

SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
REASON = 120  # characters of warcio's reason kept in a message


# The record types of WARC 1.0 and 1.1, and the header record of an ARC file.
RECORD_TYPES = frozenset(
    ("warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion",
     "continuation", "arc_header")
)  # fmt: skip


class DamagedWarc(InputError):
    """A WARC file that cannot be read from byte ``at`` on: cut short or damaged there."""

    def __init__(self, at: int, message: str | None = None) -> None:
        super().__init__(message or f"cut or damaged at byte {at:,}; what follows cannot be read")
        self.at = at


class _Range:
    """The bytes of a file up to ``end``, as a stream: a reader of a byte range never parses
    what follows it (the next range's, a damaged record that the next range reports, or
    what was written after the file was opened)."""

    def __init__(self, f: BinaryIO, end: int) -> None:
        self.f, self.end = f, end

    def read(self, size: int = -1) -> bytes:
        left = max(0, self.end - self.f.tell())
        return self.f.read(left if size < 0 else min(size, left))

    def tell(self) -> int:
        return self.f.tell()


def _html_responses(
    path: Path, start: int = 0, end: int | None = None
) -> Iterator[tuple[int, Any]]:
    """(byte offset, record) of each HTML response starting in ``start``–``end``.

    A file cut or damaged part-way raises DamagedWarc, with the byte where it breaks,
    once the records before it are given (an HTML response cut short in its content is
    given, and ``read_warc`` reports it); the message does not name the file, which the
    readers of inputs do.
    """
    # Imported here, not at the top: a program that only analyses text never needs warcio.
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with path.open("rb") as f:
        # Read up to where the file ends as it is opened: what a crawler adds to it while
        # it is read is not read half-written.
        size = os.fstat(f.fileno()).st_size if end is None else end
        f.seek(start)
        records = ArchiveIterator(_Range(f, size))
        # warcio writes a note on stderr when a record's length looks wrong; a record
        # cut short is reported as a failure of its own instead (``read_warc``).
        records.INC_RECORD = ""
        last, last_at, given = None, start, False  # the last record read, where, and whether given
        try:
            for record in records:
                if not _whole_header(record):
                    raise DamagedWarc(records.offset)  # a header cut short, read as a whole one
                last, last_at, given = record, records.offset, _is_html(record)
                if given:
                    yield last_at, record
        except ArchiveLoadFailed as exc:
            # warcio's own reason, on one line and short (it quotes a binary file's first
            # bytes): a gzip file of one member is whole but cannot be read record by record.
            why = " ".join(str(exc).split())
            why = why if len(why) <= REASON else why[: REASON - 1] + "…"
            raise InputError(f"not a readable WARC file ({why})") from None
        except (InputError, OSError, EOFError):
            raise  # an OSError or EOFError is reported as a file that broke part-way
        except Exception:  # warcio's parser fails in its own ways on a damaged header
            raise DamagedWarc(records.offset) from None
        # The file ends inside its last record (a record given says so itself), or inside
        # the header of a record after it.
        if last is not None and not given and getattr(last.raw_stream, "limit", 0) > 0:
            raise DamagedWarc(last_at)
        if records.offset < size:
            raise DamagedWarc(records.offset)


def _whole_header(record: Any) -> bool:
    """Whether a record's header has what every header has: a known type, a length and,
    in a WARC file, a record id and a length of digits (a header cut short may not)."""
    if record.rec_type not in RECORD_TYPES or record.length is None:
        return False
    if getattr(record, "format", "warc") != "warc":
        return True  # an ARC file's: warcio checks its fields as it reads them
    length = record.rec_headers.get_header("Content-Length") or ""
    return length.strip().isdigit() and bool(record.rec_headers.get_header("WARC-Record-ID"))


def _is_html(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    mime = (record.http_headers.get_header("Content-Type") or "").split(";")[0]
    return mime.strip().lower() in HTML_TYPES


def count_warc(path: Path) -> int:
    """The documents ``path`` gives: its HTML responses, and its damage as one more."""
    found = 0
    try:
        for _ in _html_responses(path):
            found += 1
    except DamagedWarc:
        found += 1
    return found


def warc_offsets(path: Path) -> Iterator[int]:
    """The byte offset of each HTML response record in ``path`` (each can be read alone),
    as it is found; DamagedWarc says where a damaged file can no longer be read."""
    for offset, _ in _html_responses(path):
        yield offset


def read_warc(path: Path, start: int = 0, end: int | None = None) -> Iterator[Item]:
    """One Item per HTML response in ``path`` (or its records from byte ``start`` to ``end``).

    Items are keyed by their WARC record id.
    """
    for offset, record in _html_responses(path.resolve(), start, end):
        headers = record.rec_headers
        # An ARC record has no id: its address and the moment it was archived stand for one.
        uri = headers.get_header("WARC-Target-URI") or headers.get_header("uri")
        record_id = headers.get_header("WARC-Record-ID") or (
            f"{uri} {headers.get_header('archive-date')}" if uri else f"{path}@{offset}"
        )
        name = uri or f"{path}#{record_id}"
        content_type = record.http_headers.get_header("Content-Type")
        data = record.content_stream().read()
        missing = getattr(record.raw_stream, "limit", 0)  # bytes declared and never read
        if missing:
            error = f"{name}: the record is cut short ({missing:,} of its {record.length:,} bytes missing)"
            yield Item(key=f"warc:{record_id}", source=name, error=error)
            continue
        raw = RawDocument(
            data=data,
            source=name,
            content_type=content_type,
            url=uri,
            encoding=_charset(content_type),
        )
        yield Item(key=f"warc:{record_id}", source=raw)


def _charset(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return None
