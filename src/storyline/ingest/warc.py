"""WARC and WARC.gz files: every HTML response record is one article."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storyline.errors import InputError
from storyline.ingest.items import Item
from storyline.models import RawDocument

SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def _html_responses(
    path: Path, start: int = 0, end: int | None = None
) -> Iterator[tuple[int, Any]]:
    """(byte offset, record) of each HTML response starting in ``start``–``end``.

    A file cut or damaged part-way raises InputError once its readable records are given
    (an HTML response cut short is given, and ``read_warc`` reports it); the message does
    not name the file, which the readers of inputs do.
    """
    # Imported here, not at the top: a program that only analyses text never needs warcio.
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    offset, read = start, False
    try:
        with path.open("rb") as f:
            f.seek(start)
            records = ArchiveIterator(f)
            # warcio writes a note on stderr when a record's length looks wrong; a record
            # cut short is reported as a failure of its own instead (``read_warc``).
            records.INC_RECORD = ""
            skipped: Any = None  # the last record read, when it is not an HTML response
            for record in records:
                offset, read = records.offset, True  # where this record starts, before it is read
                if end is not None and offset >= end:
                    return
                skipped = record
                if record.rec_type == "response" and record.http_headers is not None:
                    mime = (record.http_headers.get_header("Content-Type") or "").split(";")[0]
                    if mime.strip().lower() in HTML_TYPES:
                        skipped = None
                        yield offset, record
            # The file ends inside its last record (an HTML response's own reader says so),
            # or inside the header of a record after it.
            if skipped is not None and getattr(skipped.raw_stream, "limit", 0) > 0:
                raise InputError(f"cut short in the record at byte {offset:,}")
            if records.offset < os.fstat(f.fileno()).st_size:
                raise InputError(
                    f"cut or damaged at byte {records.offset:,}; what follows cannot be read"
                )
    except InputError:
        raise
    except ArchiveLoadFailed as exc:
        if not read:
            raise InputError(f"not a readable WARC file ({exc})") from None
        raise InputError(_damaged(offset, exc)) from None
    except (OSError, EOFError):
        raise  # reported by the reader of the inputs, as a file that broke part-way
    except Exception:  # warcio's parser fails in its own ways on a damaged header
        raise InputError(_damaged(offset)) from None


def _damaged(offset: int, why: object = None) -> str:
    """The message for a file whose records after the one at byte ``offset`` cannot be read
    (its readers name the file)."""
    what = f"cut or damaged after the record at byte {offset:,}; what follows cannot be read"
    return f"{what} ({why})" if why else what


def count_warc(path: Path) -> int:
    return sum(1 for _ in _html_responses(path))


def warc_offsets(path: Path) -> list[int]:
    """The byte offset of each HTML response record in ``path`` (each can be read alone)."""
    return [offset for offset, _ in _html_responses(path)]


def read_warc(path: Path, start: int = 0, end: int | None = None) -> Iterator[Item]:
    """One Item per HTML response in ``path`` (or its records from byte ``start`` to ``end``).

    Items are keyed by their WARC record id.
    """
    for _, record in _html_responses(path.resolve(), start, end):
        uri = record.rec_headers.get_header("WARC-Target-URI")
        record_id = record.rec_headers.get_header("WARC-Record-ID") or uri
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
