"""RSS and Atom feeds: each item's page is fetched; the item's title and date are kept."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urljoin

from storyline.errors import InputError
from storyline.ingest.items import Item
from storyline.ingest.sources import is_url
from storyline.ingest.url import fetch
from storyline.settings import Settings

SUFFIXES = (".rss", ".atom", ".xml")


def read_feed(source: str, settings: Settings) -> list[Item]:
    """The items of the feed at ``source`` (a URL or a file), one per linked page."""
    import feedparser  # here, not at the top: a program that only analyses text never needs it

    parsed = feedparser.parse(_feed_bytes(source, settings))
    if parsed.bozo and not parsed.entries:
        raise InputError(f"{source}: not a readable RSS or Atom feed ({parsed.bozo_exception})")
    items = []
    for n, entry in enumerate(parsed.entries, 1):
        link = entry.get("link")
        if not link:
            continue
        # A relative link is the feed's own; a feed read from a file has no address to
        # resolve it against. Only web pages are fetched: never a file a feed names.
        link = urljoin(source, link.strip()) if is_url(source) else link.strip()
        if not is_url(link):
            where = f"{source}: item {n}"
            items.append(
                Item(
                    key=f"{source}#{n}",
                    source=where,
                    error=f"{where}: the link {link[:200]!r} is not an http(s) URL",
                )
            )
            continue
        date = None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            date = time.strftime("%Y-%m-%d", stamp)
        items.append(Item(key=link, source=link, title=entry.get("title") or None, date=date))
    return items


def _feed_bytes(source: str, settings: Settings) -> bytes:
    if not is_url(source):
        try:
            return Path(source).read_bytes()[: settings.max_bytes]
        except OSError as exc:
            raise InputError(f"{source}: cannot read ({exc.strerror or exc})") from None
    return fetch(source, settings, types=None).data


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of a file are an RSS or Atom document."""
    start = head[:2000].lstrip().lower()
    return start.startswith(b"<?xml") and (
        b"<rss" in start or b"<feed" in start or b"<rdf" in start
    )
