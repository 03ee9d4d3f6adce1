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


def test_a_feed_never_makes_a_file_read_and_its_relative_links_are_its_own(
    site: Site, tmp_path: Path
) -> None:
    items = [
        {"title": "Local", "link": "/etc/hostname", "date": day(3)},
        {"title": "Scheme", "link": "file:///etc/hostname", "date": day(3)},
        {"title": "Relative", "link": "news/bridge.html", "date": day(4)},
    ]
    url = site.add("/world/feed.xml", rss(items), "application/rss+xml")
    local, scheme, relative = read_feed(url, Settings())
    # Links are the feed site's pages: "/etc/hostname" is a path on that site, not a file.
    assert (local.source, relative.source) == (
        f"{site.base}/etc/hostname",
        f"{site.base}/world/news/bridge.html",
    )
    assert (scheme.error or "").startswith(f"{url}: item 2: the link 'file:")
    assert (scheme.error or "").endswith("' is not an http(s) URL")
    with pytest.raises(InputError, match="not an http"):
        scheme.read(Settings())
    path = tmp_path / "wire.rss"  # a feed file has no address to resolve a link against
    path.write_bytes(rss(items))
    assert [i.error is not None for i in read_feed(str(path), Settings())] == [True, True, True]
