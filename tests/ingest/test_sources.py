"""Reading sources: files, gzip, URLs (from a real local HTTP server)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from storyline.cli import sample_path
from storyline.errors import (
    EmptyInputError,
    FetchError,
    ForbiddenURLError,
    InputError,
    TooLargeError,
)
from storyline.ingest import is_url, read_source
from storyline.settings import Settings
from tests.local_site import Site
from tests.test_hostile import gzip_bomb

SETTINGS = Settings(timeout=5)
HTML = sample_path().with_name("harbour-strike.html").read_bytes()


def test_gzip_file_is_read_transparently(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(HTML))
    assert read_source(str(path), SETTINGS).data == HTML


@pytest.mark.parametrize(
    ("setup", "error", "message"),
    [
        (lambda p: p / "missing.txt", InputError, "cannot read"),
        (lambda p: p, InputError, "is a directory"),
        (
            lambda p: (p / "empty.txt", (p / "empty.txt").write_text("  \n")),
            EmptyInputError,
            "empty",
        ),
    ],
)
def test_unreadable_files(tmp_path: Path, setup, error, message) -> None:  # type: ignore[no-untyped-def]
    target = setup(tmp_path)
    path = target[0] if isinstance(target, tuple) else target
    with pytest.raises(error, match=message):
        read_source(str(path), SETTINGS)


def test_url_fetch_follows_redirects(site: Site) -> None:
    site.add("/story", HTML)
    site.add("/old", site.base + "/story", status=301)
    raw = read_source(site.base + "/old", SETTINGS)
    assert raw.data == HTML
    assert raw.url == site.base + "/story"
    assert raw.encoding == "utf-8"


@pytest.mark.parametrize(
    ("path", "body", "ctype", "status", "message"),
    [
        ("/logo.png", b"\x89PNG", "image/png", 200, "not a web page"),
        ("/gone", b"gone", "text/html", 410, "HTTP 410"),
        ("/nothing", b"", "text/html", 404, "HTTP 404"),
    ],
)
def test_url_refusals(
    site: Site, path: str, body: bytes, ctype: str, status: int, message: str
) -> None:
    site.add(path, body, ctype, status)
    with pytest.raises(FetchError, match=message):
        read_source(site.base + path, SETTINGS)


def test_url_size_limit(site: Site) -> None:
    site.add("/big", b"<p>" + b"x" * 5000 + b"</p>")
    with pytest.raises(FetchError, match="limit"):
        read_source(site.base + "/big", Settings(max_bytes=1000))


def test_unreachable_url() -> None:
    with pytest.raises(FetchError):
        read_source("http://127.0.0.1:9/none", SETTINGS)  # the discard port: nothing listens


def test_a_gzip_bomb_stops_at_the_size_limit(tmp_path: Path) -> None:
    bomb = gzip_bomb(tmp_path / "zeros.txt.gz", 64)
    assert bomb.stat().st_size < 200_000
    with pytest.raises(
        TooLargeError, match="larger than the 1,000,000-byte limit once decompressed"
    ):
        read_source(str(bomb), Settings(max_bytes=1_000_000))


def test_gzip_members_one_after_another_are_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "two.txt.gz"
    path.write_bytes(gzip.compress(b"First part. ") + gzip.compress(b"Second part."))
    assert read_source(str(path), SETTINGS).data == b"First part. Second part."


def test_a_cut_gzip_file_is_broken(tmp_path: Path) -> None:
    path = tmp_path / "cut.html.gz"
    path.write_bytes(gzip.compress(HTML)[:-40])
    with pytest.raises(InputError, match="broken gzip file"):
        read_source(str(path), SETTINGS)


@pytest.mark.parametrize(
    ("source", "url"),
    [
        ("HTTP://example.org/a", True),
        ("Https://example.org/a", True),
        ("https://example.org/a", True),
        ("ftp://example.org/a", False),
        ("notes/http-report.txt", False),
        ("-", False),
    ],
)
def test_is_url_reads_the_scheme_in_any_case(source: str, url: bool) -> None:
    assert is_url(source) is url


@pytest.mark.parametrize("source", ["file:///etc/hostname", "ftp://example.org/story.txt"])
def test_other_schemes_are_refused_by_name(source: str) -> None:
    scheme = source.split(":", 1)[0]
    with pytest.raises(ForbiddenURLError, match=f"{scheme}:// is not read; give a file path"):
        read_source(source, SETTINGS)
