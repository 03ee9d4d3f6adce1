"""Feed reader: RSS and Atom over HTTP (a local server) or from a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import FetchError, InputError
from storyline.ingest.feed import looks_like_feed, read_feed
from storyline.settings import Settings
from tests.corpus.builders import atom, day, rss
from tests.local_site import Site

ITEMS = [
    {"title": "Bridge reopens", "link": "http://news.test/bridge", "date": day(3)},
    {"title": "Library fire", "link": "http://news.test/fire", "date": day(4)},
]


@pytest.mark.parametrize(
    ("build", "content_type"), [(rss, "application/rss+xml"), (atom, "application/atom+xml")]
)
def test_feed_items_keep_title_and_date(build: object, content_type: str, site: Site) -> None:
    body = build(ITEMS)  # type: ignore[operator]
    items = read_feed(site.add("/feed.xml", body, content_type), Settings())
    assert [(i.key, i.title, i.date) for i in items] == [
        ("http://news.test/bridge", "Bridge reopens", "2025-02-03"),
        ("http://news.test/fire", "Library fire", "2025-02-04"),
    ]
    assert looks_like_feed(body)


def test_feed_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_bytes(rss(ITEMS[:1]))
    (item,) = read_feed(str(path), Settings())
    assert item.source == "http://news.test/bridge"


def test_a_missing_feed_is_a_fetch_error(site: Site) -> None:
    with pytest.raises(FetchError, match="404"):
        read_feed(f"{site.base}/nothing.rss", Settings())


def test_a_page_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "page.xml"
    path.write_text("<<< not xml at all", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable RSS or Atom feed"):
        read_feed(str(path), Settings())
