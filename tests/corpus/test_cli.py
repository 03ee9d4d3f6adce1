"""The corpus commands: parse, call the library, print table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from storyline.cli import main

from .builders import FIXTURES


@pytest.fixture
def db(target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    folder = tmp_path / "in"
    shutil.copytree(FIXTURES, folder)
    shutil.copy(folder / "wheat-exports.txt", folder / "wheat-copy.txt")
    assert main(["ingest", str(folder), "--db", target, "-q"]) == 0
    out = capsys.readouterr().out
    assert "stored                            4" in out
    assert "skipped as duplicate              1" in out
    return target


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_ingest_json_summary_and_re_run(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _run(capsys, "ingest", str(tmp_path / "in"), "--db", db, "-q", "-f", "json")
    summary = json.loads(out)
    assert (summary["stored"], summary["already_stored"], summary["failed"]) == (0, 5, [])


def test_ingest_reports_failures_and_exit_code(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    assert (
        main(["ingest", str(bad), str(FIXTURES / "wheat-exports.txt"), "--db", target, "-q"]) == 1
    )
    out = capsys.readouterr().out
    assert "failed                            1" in out and "bad.txt" in out


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_search(db: str, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    out = _run(capsys, "search", "measles villages", "--db", db, "-f", fmt)
    if fmt == "json":
        (hit,) = json.loads(out)
        assert hit["title"].startswith("Health ministry") and "[" in hit["snippet"]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert list(rows[0]) == ["id", "date", "title", "snippet"]
        assert rows[0]["title"].startswith("Health ministry")
    else:
        assert out.splitlines()[0].split() == ["id", "date", "title", "snippet"]
        assert "Health ministry" in out


def test_quotes_entities_events(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    quotes = json.loads(_run(capsys, "quotes", "--speaker", "Oduya", "--db", db, "-f", "json"))
    assert quotes and all("Oduya" in q["speaker_name"] for q in quotes)
    people = _run(capsys, "entities", "--type", "PERSON", "--db", db)
    assert "Samir Oduya" in people and "PERSON" in people
    events = list(csv.DictReader(io.StringIO(_run(capsys, "events", "--db", db, "-f", "csv"))))
    since = _run(capsys, "events", "--since", "2100-01-01", "--db", db)
    assert since == "(no results)\n"
    assert all(set(e) == {"date", "type", "mode", "article_id", "sentence"} for e in events)


def test_show_and_duplicates(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    groups = json.loads(_run(capsys, "duplicates", "--db", db, "-f", "json"))
    assert [g["size"] for g in groups] == [2]
    article = groups[0]["original_article"]
    page = _run(capsys, "show", str(article), "--db", db)
    assert page.startswith("# Grain exporters") and "## duplicate group" in page
    view = json.loads(_run(capsys, "show", str(article), "--db", db, "-f", "json"))
    assert view["record"]["text"].startswith("Grain exporters on Thursday")


def test_show_missing_article(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "424242", "--db", db]) == 5
    assert "no article with id 424242" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    out = _run(capsys, "export", "--db", db, "-f", fmt, "-o", str(tmp_path / "out"))
    assert len(out.splitlines()) == 12
    assert (tmp_path / "out" / f"articles.{fmt}").stat().st_size > 0
