"""JSON Lines reader: html, text or url per line; broken lines become failures of their own."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import InputError
from storyline.ingest.jsonl import count_jsonl, read_jsonl
from storyline.models import RawDocument
from storyline.settings import Settings
from tests.corpus.builders import jsonl


@pytest.mark.parametrize(
    ("line", "key", "content_type", "error"),
    [
        ({"id": 7, "html": "<p>Port reopens.</p>", "title": "T"}, "id:{path}:7", "text/html", None),
        (
            {"id": 7, "source": "Coast Wire", "text": "Port reopens."},
            "id:Coast Wire:7",
            "text/plain",
            None,
        ),
        (
            {"text": "Port reopens.", "url": "http://x.test/a"},
            "http://x.test/a",
            "text/plain",
            None,
        ),
        ({"url": "http://x.test/b", "date": "2025-01-02"}, "http://x.test/b", None, None),
        ({"title": "nothing else"}, None, None, "no 'html', 'text' or 'url'"),
        ({"url": "/etc/hostname"}, None, None, "url '/etc/hostname' is not an http(s) URL"),
        # An address kept with the text, not fetched: as written.
        ({"text": "Port.", "url": "www.x.test/a"}, "www.x.test/a", "text/plain", None),
        ({"url": "file:///etc/hostname"}, None, None, "is not an http(s) URL"),
        ({"text": "Port.", "title": ["a", "b"]}, None, None, "'title' is a list, not text"),
        ({"text": "Port.", "id": {"n": 1}}, None, None, "'id' is an object, not text"),
        ({"text": 12345}, None, None, "'text' is a number, not text"),
        ("{not json", None, None, "not JSON"),
        ("[1, 2]", None, None, "not a JSON object"),
    ],
)
def test_each_line_kind(
    tmp_path: Path, line: object, key: str | None, content_type: str | None, error: str | None
) -> None:
    path = jsonl(tmp_path / "a.jsonl", [line])
    (item,) = read_jsonl(path)
    if error:
        assert item.error and error in item.error
        with pytest.raises(InputError):
            item.read(Settings())
        return
    assert item.key == (key or "").format(path=path.resolve())
    if content_type:
        assert isinstance(item.source, RawDocument)
        assert item.source.content_type == content_type
    else:
        assert item.source == "http://x.test/b" and item.date == "2025-01-02"


def test_blank_lines_are_skipped_and_lines_numbered(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_text('{"text": "one"}\n\n   \n{"text": "two"}\n', encoding="utf-8")
    items = list(read_jsonl(path))
    assert count_jsonl(path) == 2
    assert [i.key.rsplit(":", 1)[1] for i in items] == ["1", "4"]


def test_title_and_date_are_laid_over_the_document(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "c.jsonl", [{"text": "Body.", "title": "Headline", "date": "2025-03-01"}]
    )
    (item,) = read_jsonl(path)
    raw = item.read(Settings())
    assert (raw.title, raw.date, raw.data) == ("Headline", "2025-03-01", b"Body.")


def test_gzipped_jsonl(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "d.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "one"}\n{"text": "two"}\n'))
    assert count_jsonl(path) == 2
    assert len(list(read_jsonl(path))) == 2
