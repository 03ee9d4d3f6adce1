"""WARC reader: HTML responses only, keyed by record id, gzipped or not."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import InputError
from storyline.ingest.items import Item
from storyline.ingest.warc import DamagedWarc, count_warc, read_warc
from storyline.models import RawDocument
from tests.corpus.builders import FIXTURES, as_html, warc


@pytest.mark.parametrize("gz", [True, False])
def test_html_responses_become_items(tmp_path: Path, gz: bool) -> None:
    pages = {
        "http://news.test/bridge": as_html(FIXTURES / "bridge-reopens.txt"),
        "http://news.test/fire": as_html(FIXTURES / "library-fire.html"),
    }
    path = warc(tmp_path / ("a.warc.gz" if gz else "a.warc"), pages, gz=gz)
    items = list(read_warc(path))
    assert count_warc(path) == 2
    assert [i.source.url for i in items if isinstance(i.source, RawDocument)] == list(pages)
    assert all(i.key.startswith("warc:<urn:uuid:") for i in items)
    first = items[0].source
    assert isinstance(first, RawDocument)
    assert first.data == pages["http://news.test/bridge"]
    assert first.encoding == "utf-8"


def test_a_file_that_is_not_warc(tmp_path: Path) -> None:
    path = tmp_path / "b.warc"
    path.write_text("just some text\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable WARC"):
        list(read_warc(path))


def test_a_binary_file_named_warc_gives_a_short_reason(tmp_path: Path) -> None:
    path = tmp_path / "noise.warc"
    path.write_bytes(b"\x99\x11L\x87\xea\xe4" * 500)  # no line break: warcio quotes it all
    with pytest.raises(InputError) as raised:
        list(read_warc(path))
    message = str(raised.value)
    assert message.startswith("not a readable WARC file (Unknown archive format")
    assert message.endswith("…)") and len(message) == len("not a readable WARC file ()") + 120


def test_a_record_cut_short_is_a_failure_not_a_shorter_article(tmp_path: Path) -> None:
    pages = {
        "http://news.test/bridge": as_html(FIXTURES / "bridge-reopens.txt"),
        "http://news.test/fire": as_html(FIXTURES / "library-fire.html"),
    }
    whole = warc(tmp_path / "a.warc", pages, gz=False).read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[: whole.rindex(b"</html>")])  # the last page loses its end
    first, last = read_warc(cut)
    assert isinstance(first.source, RawDocument) and first.error is None
    assert last.source == "http://news.test/fire"
    assert last.error is not None
    assert last.error.startswith("http://news.test/fire: the record is cut short (")


def _two_pages(tmp_path: Path) -> tuple[bytes, list[int]]:
    """A WARC of two pages (a request and a response each, then an image) and the byte
    offset of each of its records."""
    pages = {
        "http://news.test/bridge": as_html(FIXTURES / "bridge-reopens.txt"),
        "http://news.test/fire": as_html(FIXTURES / "library-fire.html"),
    }
    whole = warc(tmp_path / "a.warc", pages, gz=False).read_bytes()
    starts = [i for i in range(len(whole)) if whole.startswith(b"WARC/1.", i)]
    assert len(starts) == 5
    return whole, starts


# Cut 40 bytes in, warcio's parser fails on the header; 22 bytes in, it reads a header
# cut short as a whole one; 300 bytes in, it ends as if the file ended.
@pytest.mark.parametrize("into", [22, 40, 300])
def test_a_file_cut_in_a_record_header_gives_what_is_before_and_says_where(
    tmp_path: Path, into: int
) -> None:
    whole, starts = _two_pages(tmp_path)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[: starts[3] + into])  # in the header of the second page's response
    items: list[Item] = []
    with pytest.raises(DamagedWarc) as raised:
        items.extend(read_warc(cut))
    assert [i.source.url for i in items if isinstance(i.source, RawDocument)] == [
        "http://news.test/bridge"
    ]
    assert raised.value.at == starts[3]
    assert str(raised.value) == f"cut or damaged at byte {starts[3]:,}; what follows cannot be read"


def test_a_file_cut_in_a_record_that_is_not_an_article_says_so(tmp_path: Path) -> None:
    whole, starts = _two_pages(tmp_path)
    cut = tmp_path / "cut.warc"
    # In the second page's HTTP headers, before its content type: not known as HTML.
    cut.write_bytes(whole[: whole.index(b"HTTP/1.1 200", starts[3]) + 20])
    items: list[Item] = []
    with pytest.raises(DamagedWarc, match=f"^cut or damaged at byte {starts[3]:,};"):
        items.extend(read_warc(cut))
    assert [i.source.url for i in items if isinstance(i.source, RawDocument)] == [
        "http://news.test/bridge"
    ]


def _arc_record(url: str, date: str, page: bytes) -> bytes:
    http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    return f"{url} 192.0.2.1 {date} text/html {len(http)}\n".encode() + http + b"\n"


def test_an_arc_file_gives_each_page_keyed_by_its_address_and_time(tmp_path: Path) -> None:
    fields = b"1 0 Example\nURL IP-address Archive-date Content-type Archive-length\n"
    header = f"filedesc://crawl.arc 0.0.0.0 20250301000000 text/plain {len(fields)}\n".encode()
    path = tmp_path / "crawl.arc"
    path.write_bytes(
        header
        + fields
        + b"\n"
        + _arc_record(
            "http://news.test/bridge", "20250301120000", as_html(FIXTURES / "bridge-reopens.txt")
        )
        + _arc_record(
            "http://news.test/fire", "20250302120000", as_html(FIXTURES / "library-fire.html")
        )
    )
    items = list(read_warc(path))
    assert [(i.key, i.name, i.error) for i in items] == [
        ("warc:http://news.test/bridge 20250301120000", "http://news.test/bridge", None),
        ("warc:http://news.test/fire 20250302120000", "http://news.test/fire", None),
    ]
    assert count_warc(path) == 2


def test_what_is_added_to_a_warc_while_it_is_read_is_left_for_the_next_read(
    tmp_path: Path,
) -> None:
    whole, starts = _two_pages(tmp_path)
    path = tmp_path / "growing.warc"
    path.write_bytes(whole[: starts[2]])  # the first page; a crawler is writing the second
    items = read_warc(path)
    first = next(items)
    with path.open("ab") as f:
        f.write(whole[starts[2] : starts[3] + 40])  # half of the second page's records
    assert isinstance(first.source, RawDocument)
    assert first.source.url == "http://news.test/bridge"
    assert list(items) == []  # read as the file was when it was opened: whole, no damage
