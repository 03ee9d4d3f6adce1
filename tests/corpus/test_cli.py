"""The corpus commands: parse, call the library, print table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from storyline.cli import main
from storyline.corpus.store import TABLES

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
        assert hit["title"].startswith("Health ministry")
        marked = [hit["snippet"][start:end].lower() for start, end in hit["highlights"]]
        assert marked and set(marked) <= {"measles", "village", "villages"}
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert list(rows[0]) == ["id", "date", "title", "snippet"]
        assert rows[0]["title"].startswith("Health ministry")
    else:
        assert out.splitlines()[0].split() == ["id", "date", "title", "snippet"]
        assert "Health ministry" in out and "[measles]" in out.lower()


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
    assert main(["show", "424242", "--db", db]) == 2
    assert capsys.readouterr().err == "storyline: error: no article with id 424242\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "99999999999999999999999"], "out of range for an id"),
        (["show", "0"], "out of range for an id"),
        (["search", "x", "-n", "99999999999999999999"], "out of range for a row limit"),
        (["search", "x", "-n", "ten"], "'ten' is not a row limit"),
        (["events", "--since", "not-a-date"], "'not-a-date' is not a date"),
        (["events", "--since", "2025-02-30"], "'2025-02-30' is not a date on the calendar"),
    ],
)
def test_arguments_are_validated_before_the_store_is_opened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*argv, "--db", str(tmp_path / "none.db")])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize(
    "argv",
    [["search", "x"], ["quotes"], ["entities"], ["events"], ["duplicates"], ["show", "1"]],
)
def test_a_query_never_creates_a_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    missing = tmp_path / "missing.db"
    assert main([*argv, "--db", str(missing)]) == 5
    assert capsys.readouterr().err == f"storyline: error: {missing}: no store there\n"
    assert list(tmp_path.iterdir()) == []


def test_export_into_a_file_is_refused(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "taken.txt"
    existing.write_text("keep me", encoding="utf-8")
    assert main(["export", "--db", db, "-o", str(existing)]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert existing.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    out = _run(capsys, "export", "--db", db, "-f", fmt, "-o", str(tmp_path / "out"))
    assert len(out.splitlines()) == len(TABLES)
    assert (tmp_path / "out" / f"articles.{fmt}").stat().st_size > 0


def test_texts_piped_in_one_after_another_are_each_stored(
    target: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def piped(name: str) -> None:
        data = (FIXTURES / name).read_bytes()
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))

    outcomes = []
    for name in ("wheat-exports.txt", "vaccine-drive.txt", "wheat-exports.txt"):
        piped(name)
        assert main(["ingest", "-", "--db", target, "-q", "-f", "json"]) == 0
        report = json.loads(capsys.readouterr().out)
        outcomes.append((report["stored"], report["already_stored"]))
    assert outcomes == [(1, 0), (1, 0), (0, 1)]  # the same text again is skipped
