"""Many sources to Inputs: folders, globs, URL lists and kinds guessed from names and bytes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storyline.ingest import collect
from storyline.ingest.collect import _glob, classify
from storyline.settings import Settings
from tests.corpus.builders import rss


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("a.txt", b"Chile frees 31 fishermen.", "file"),
        ("a.html", b"<html><p>x</p></html>", "file"),
        ("a.jsonl", b'{"text": "x"}', "jsonl"),
        ("a.ndjson", b'{"text": "x"}', "jsonl"),
        ("a.warc.gz", b"", "warc"),
        ("wire.xml", rss([]), "feed"),
        ("wire.rss", rss([]), "feed"),
        ("page.xml", b"<?xml version='1.0'?><html><p>x</p></html>", "file"),
        ("list.txt", b"# wire\nhttp://a.test/1\nhttps://a.test/2\n", "urls"),
        ("mixed.txt", b"http://a.test/1\nsome words here\n", "file"),
    ],
)
def test_classify(tmp_path: Path, name: str, content: bytes, kind: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert classify(path) == kind


def _tree(root: Path) -> None:
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    for rel in ("a.txt", "sub/b.html", "sub/deeper/c.txt", ".hidden/d.txt", ".e.txt"):
        (root / rel).write_text("Text.", encoding="utf-8")


def test_folders_are_walked_recursively_without_hidden_files(tmp_path: Path) -> None:
    _tree(tmp_path)
    inputs = collect([str(tmp_path)])
    assert [Path(i.source).relative_to(tmp_path).as_posix() for i in inputs] == [
        "a.txt",
        "sub/b.html",
        "sub/deeper/c.txt",
    ]


def test_globs(tmp_path: Path) -> None:
    _tree(tmp_path)
    inputs = collect([str(tmp_path / "**" / "*.txt")])
    assert sorted(Path(i.source).name for i in inputs) == ["a.txt", "c.txt"]
    pattern = str(tmp_path / "*.pdf")
    (none,) = collect([pattern])
    (item,) = none.items(Settings())
    assert item.error == f"{pattern}: no file matches the pattern"


def test_url_list_and_urls(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("http://a.test/1\n\n# comment\nhttp://a.test/2\n", encoding="utf-8")
    sources = [
        str(path),
        "http://a.test/page",
        "https://a.test/feed/rss",
        "http://a.test/news.xml",
        "http://a.test/news/atomic-plant-closure.html",  # words that hold "atom", "feed"
        "http://a.test/feedback-from-voters",
        "https://feeds.a.test/wire",  # a feed's host, query or script
        "https://a.test/?feed=rss2",
        "https://a.test/index.php?format=feed&type=rss",
        "https://a.test/rss.php",
    ]
    inputs = collect(sources)
    assert [i.kind for i in inputs] == [
        "urls", "file", "feed", "feed", "file", "file", "feed", "feed", "feed", "feed",
    ]  # fmt: skip
    assert [i.key for i in inputs[0].items(Settings())] == ["http://a.test/1", "http://a.test/2"]
    assert inputs[0].count(Settings()) == 2


def test_forced_kind_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "wire.dat"
    path.write_bytes(rss([]))
    assert [i.kind for i in collect([str(path)], kind="feed")] == ["feed"]
    (missing,) = collect([str(tmp_path / "nope.txt")])
    (item,) = missing.items(Settings())
    assert item.key == os.path.abspath(tmp_path / "nope.txt")


def test_a_url_list_never_makes_a_file_read(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("http://a.test/1\n/etc/hostname\n", encoding="utf-8")
    items = list(collect([str(path)], kind="urls")[0].items(Settings()))
    assert [i.error for i in items] == [None, f"{path}:2: '/etc/hostname' is not an http(s) URL"]


def test_pipes_links_that_lead_nowhere_and_loops_are_reported_not_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would wait for ever
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nothing.txt")
    (tmp_path / "loop1.txt").symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(tmp_path / "loop1.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # a link up the tree
    for inputs in (collect([str(tmp_path)]), collect([str(tmp_path / "**" / "*.txt")])):
        found = {Path(i.source).name: i.error for i in inputs}
        assert found == {
            "a.txt": None,
            "gone.txt": f"{tmp_path / 'gone.txt'}: a link that leads to no file",
            "loop1.txt": f"{tmp_path / 'loop1.txt'}: a link that leads to no file",
            "loop2.txt": f"{tmp_path / 'loop2.txt'}: a link that leads to no file",
            "pipe.txt": f"{tmp_path / 'pipe.txt'}: not a regular file",
        }
        items = [item for i in inputs for item in i.items(Settings())]
        assert sum(item.error is None for item in items) == 1


def test_a_pipe_named_is_read_as_given(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # as <(cmd) gives one
    (found,) = collect([str(tmp_path / "pipe.txt")])
    assert (found.kind, found.error) == ("file", None)


@pytest.mark.parametrize(
    "pattern",
    ["**/*.txt", "**/b*/c.txt", "**.txt", "**/b*", "**/.dot.txt", "a/**/*.txt", "**/[!a]*/c.txt"],
)
def test_a_double_star_matches_what_glob_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pattern: str
) -> None:
    import glob

    for rel in ("top.txt", "bb/zz/c.txt", "b1/c.txt", ".dot.txt", "bb/.dot.txt", "a/b/c/d.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("Text.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _glob(pattern) == sorted(glob.glob(pattern, recursive=True))


def test_a_compressed_file_cut_short_is_one_failure_and_the_rest_goes_on(tmp_path: Path) -> None:
    import gzip

    whole = gzip.compress(b"".join(b'{"text": "Line %d."}\n' % n for n in range(200)))
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    (tmp_path / "b.txt").write_text("Text.", encoding="utf-8")
    items = [
        item for i in collect([str(cut), str(tmp_path / "b.txt")]) for item in i.items(Settings())
    ]
    assert [i.error for i in items if i.error] == [
        f"{cut}: Compressed file ended before the end-of-stream marker was reached"
    ]
    assert items[-1].source == str(tmp_path / "b.txt")
