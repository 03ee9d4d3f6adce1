"""The command line, run for real as a subprocess and in-process."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import pytest

from storyline.cli import main, sample_path
from tests.local_site import Site

HTML_SAMPLE = sample_path().with_name("harbour-strike.html")


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyline", *args],
        input=stdin.decode() if stdin else None,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_analyze_without_arguments_prints_a_brief_of_the_sample() -> None:
    result = run("analyze")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("# Chile frees 31 detained fishermen after Peruvian talks")
    assert "## Removed from the text" in out
    assert "ad-network placeholder" in out


def test_several_sources_give_json_lines_and_a_bad_one_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "image.bin"
    bad.write_bytes(b"\x00\x01\x02\x03" * 100)
    result = run("analyze", "-f", "json", str(sample_path()), str(bad), str(HTML_SAMPLE))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    titles = [json.loads(line)["metadata"]["title"] for line in lines]
    assert titles[1] == "Dockworkers end nine-day strike at Port of Valencia"
    assert result.stderr.count("storyline: error:") == 1
    assert "binary" in result.stderr and "Traceback" not in result.stderr


def test_a_json_lines_file_gives_each_of_its_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = sample_path().read_text(encoding="utf-8")
    lines = [
        {"id": 1, "title": "Chile frees 31", "date": "January 12, 2025", "text": text},
        {"id": 2, "title": "nothing to read"},
        {"id": 3, "html": HTML_SAMPLE.read_text(encoding="utf-8")},
    ]
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "kept.json"
    out.write_text("kept", encoding="utf-8")
    assert main(["analyze", str(tmp_path / "missing.txt"), "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "kept"  # nothing analysed: nothing written
    assert main(["analyze", "-f", "json", str(path), "-o", str(out)]) == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["metadata"]["title"], r["metadata"]["date"]) for r in records] == [
        ("Chile frees 31", "2025-01-12"),
        ("Dockworkers end nine-day strike at Port of Valencia", "2025-03-14"),  # the page's
    ]
    err = capsys.readouterr().err
    assert f"{path}:2: no 'html', 'text' or 'url' field" in err


def test_analyze_reads_a_container_as_it_analyses_it() -> None:
    """A batch is analysed and given back before the next document is read: a large JSON
    Lines or WARC file streams through instead of being read into memory first."""
    from storyline.cli.analyze import _analysed
    from storyline.errors import InputError
    from storyline.models import RawDocument
    from storyline.pipeline import Failure
    from storyline.settings import Settings

    def documents() -> Iterator[RawDocument | Failure]:
        yield RawDocument(data=sample_path().read_bytes(), source="first.txt")
        yield Failure("second.txt", InputError("second.txt: unreadable"))
        raise AssertionError("the third document was read before the first two came out")

    first, second = islice(_analysed(documents(), Settings(batch_size=2)), 2)
    assert first.metadata.title == "Chile frees 31 detained fishermen after Peruvian talks"
    assert second.source == "second.txt"


def test_a_container_without_articles_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert main(["analyze", str(empty)]) == 2
    assert capsys.readouterr().err == f"storyline: error: {empty}: holds no article\n"


def test_a_pattern_that_finds_only_empty_folders_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    (tmp_path / "b" / ".draft.txt").write_text("Hidden, so not read.", encoding="utf-8")
    pattern = str(tmp_path / "*")
    assert main(["analyze", pattern]) == 2
    assert capsys.readouterr().err == f"storyline: error: {pattern}: holds no article\n"


def test_stdin_and_output_file(tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    result = run("analyze", "-", "-f", "html", "-o", str(out), stdin=HTML_SAMPLE.read_bytes())
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    assert page.startswith("<!doctype html>")
    assert "<h1>Dockworkers end nine-day strike at Port of Valencia</h1>" in page


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (b"", 2, "empty"),
        (b"\x00\xff\x00\xfe" * 64, 2, "binary"),
        (b"<html><body><nav>Home</nav></body></html>", 2, "no article text"),
    ],
)
def test_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, code: int, message: str
) -> None:
    path = tmp_path / "input"
    path.write_bytes(content)
    assert main(["analyze", str(path)]) == code
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_debug_shows_the_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--debug", str(tmp_path / "missing.txt")]) == 2
    assert "Traceback" in capsys.readouterr().err


def test_url_source(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    url = site.add("/strike", HTML_SAMPLE.read_bytes())
    assert main(["analyze", "-f", "json", url]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["metadata"]["url"] == url
    assert record["metadata"]["input_format"] == "html"


def test_unreachable_url_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--timeout", "2", "http://127.0.0.1:9/"]) == 3
    assert "cannot fetch" in capsys.readouterr().err


def test_schema_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"].startswith("storyline Record")


def test_a_broken_settings_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "storyline.toml"
    config.write_text("timeout = 'soon'\n", encoding="utf-8")
    assert main(["schema", "--config", str(config)]) == 2
    assert capsys.readouterr().err == (
        f"storyline: error: {config}: timeout must be float, not 'soon'\n"
    )
    config.write_text("commit_every = 0\n", encoding="utf-8")
    assert main(["schema", "--config", str(config)]) == 2
    assert capsys.readouterr().err == (
        f"storyline: error: {config}: commit_every must be at least 1, not 0\n"
    )
    config.write_text("timeout = \n", encoding="utf-8")
    assert main(["schema", "--config", str(config)]) == 2
    assert capsys.readouterr().err.startswith(
        f"storyline: error: {config}: cannot read the settings file"
    )
    config.write_text('dbb = "news.db"\n', encoding="utf-8")  # misspelt: it would do nothing
    assert main(["schema", "--config", str(config)]) == 2
    assert capsys.readouterr().err == (
        f"storyline: error: {config}: 'dbb' is not a setting (did you mean db?)\n"
    )
    config.write_bytes(b"db = '\xd0\x00\xff'\n")  # not UTF-8
    assert main(["schema", "--config", str(config)]) == 2
    assert capsys.readouterr().err.startswith(
        f"storyline: error: {config}: cannot read the settings file"
    )
    missing = tmp_path / "nope.toml"  # named, so it must be there
    assert main(["schema", "--config", str(missing)]) == 2
    assert capsys.readouterr().err.startswith(
        f"storyline: error: {missing}: cannot read the settings file"
    )
