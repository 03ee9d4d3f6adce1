"""Inputs built by the tests from our own fixture articles: WARC files, feeds, JSON Lines,
a store of stale articles."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.corpus.ingest import write
from storyline.corpus.rows import Prepared
from storyline.corpus.store import open_store
from storyline.extract import extract
from storyline.ingest.items import Item
from storyline.models import RawDocument, Record
from storyline.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"


def as_html(path: Path) -> bytes:
    """A fixture article as a small web page (HTML fixtures as they are)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        return text.encode("utf-8")
    title, _, body = text.partition("\n\n")
    paragraphs = "".join(f"<p>{p.strip()}</p>\n" for p in body.split("\n\n") if p.strip())
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"</head><body><article><h1>{title}</h1>\n{paragraphs}</article></body></html>"
    ).encode()


def warc(path: Path, pages: dict[str, bytes], *, gz: bool = True) -> Path:
    """A WARC file with one HTML response per page, a request record and an image."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for url, body in pages.items():
            request = writer.create_warc_record(
                url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"), length=18
            )
            writer.write_record(request)
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "response",
                    payload=io.BytesIO(body),
                    length=len(body),
                    http_headers=headers,
                )
            )
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "http://example.test/logo.png",
                "response",
                payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(64)),
                length=72,
                http_headers=image,
            )
        )
    return path


def rss(items: list[dict[str, Any]]) -> bytes:
    """An RSS 2.0 feed; each item has title, link and a date (``datetime``)."""
    entries = "".join(
        f"<item><title>{i['title']}</title><link>{i['link']}</link>"
        f"<pubDate>{format_datetime(i['date'])}</pubDate></item>"
        for i in items
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Test wire</title><link>http://example.test/</link>{entries}</channel></rss>"
    ).encode()


def atom(items: list[dict[str, Any]]) -> bytes:
    """An Atom feed with the same items."""
    entries = "".join(
        f"<entry><title>{i['title']}</title><link href='{i['link']}'/>"
        f"<id>{i['link']}</id><updated>{i['date'].isoformat()}</updated></entry>"
        for i in items
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>Test wire</title><id>urn:test</id><updated>2025-01-01T00:00:00Z</updated>{entries}</feed>"
    ).encode()


def day(n: int) -> datetime:
    return datetime(2025, 2, n, 9, 30, tzinfo=UTC)


def jsonl(path: Path, lines: list[Any]) -> Path:
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
        encoding="utf-8",
    )
    return path


def stale_store(target: str, texts: dict[str, str]) -> dict[str, int]:
    """A store of ``texts`` (by name) extracted and not analysed, their records under an older
    record schema, so that ``reanalyze`` finds every one stale. Returns their ids by name."""
    ids = {}
    with open_store(target, "create") as store:
        for name, text in texts.items():
            article = extract(RawDocument(text.encode(), source=name), Settings())
            record = Record(article.text, article.metadata, article.paragraphs, article.quality)
            write(
                store,
                Item(key=f"test:{name}", source=name),
                Prepared.of(replace(record, schema_version="0.9"), name),
                0.8,
            )
            ids[name] = int(store.query("SELECT MAX(id) AS id FROM articles")[0]["id"])
    return ids
