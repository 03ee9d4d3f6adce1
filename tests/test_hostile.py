"""Hostile inputs, built here, each run through the real command line with its exact outcome.

Every case is one clear outcome: a record, or one line on stderr and an exit code;
never a traceback, and never bad input stored silently as an article.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline.cli import main
from tests.local_site import Site
from tests.unprivileged import where_modes_apply

ESC = "\x1b"
DOCK = (
    "The harbour authority said on Monday that the dockworkers would return to work after a"
    " nine-day strike that had stopped all container traffic in the port."
)
UNION = "Union leaders said the agreement raised wages by four percent and limited night shifts."


PORTS = ("Valencia", "Bilbao", "Porto", "Genoa", "Marseille", "Antwerp", "Gdansk")


def long_article(chars: int) -> str:
    """About ``chars`` characters of distinct sentences in paragraphs of five: a long-form
    article (each paragraph adds a number, so none is a repeat of another)."""
    paragraphs: list[str] = []
    size = i = 0
    while size < chars:
        sentences = [
            f"The council of district {n} in {PORTS[n % len(PORTS)]} approved {n * 7 % 900 + 10}"
            f" new homes after a debate that lasted {n % 11 + 2} hours."
            for n in range(i, i + 5)
        ]
        paragraphs.append(" ".join(sentences))
        size += len(paragraphs[-1]) + 2
        i += 5
    return "\n\n".join(paragraphs)


MARKS = "The mayor said the bridge would reopen. " + '"' * 10_000 + " Traffic resumed on Monday.\n"
CHINESE = "北京市政府周一宣布，地铁将于下周恢复运营。官员表示，乘客可以正常出行。"
# (text, the one name it holds): a zero-width joiner before it, accents as combining marks.
NAMES = [
    ("\u200dMaria Lopez said the port would reopen on Monday after the strike.", "Maria Lopez"),
    ("Jose\u0301 Marti\u0301 said the port would reopen on Monday after the strike.", "José Martí"),
]


def deep_html(depth: int = 300) -> str:
    """Two paragraphs inside ``depth`` nested elements."""
    return (
        f"<html><body>{'<div>' * depth}<p>{DOCK}</p><p>{UNION}</p>{'</div>' * depth}</body></html>"
    )


def escape_page() -> str:
    """A page whose title and text carry terminal escape sequences (colour, window title)."""
    return (
        f"<html><head><title>Port {ESC}[31mreopens{ESC}[0m{ESC}]0;owned\x07</title></head>"
        f"<body><h1>Port reopens</h1><p>{ESC}[1m{DOCK}</p><p>{UNION}{ESC}]0;pwned\x07</p></body></html>"
    )


def gzip_bomb(path: Path, mib: int) -> Path:
    """``mib`` MiB of zeros in a small gzip file (about 1 KB a MiB)."""
    with gzip.open(path, "wb", compresslevel=9) as f:
        for _ in range(mib):
            f.write(bytes(1 << 20))
    return path


def _analyze(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["analyze", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _record(capsys: pytest.CaptureFixture[str], path: Path) -> dict[str, object]:
    code, out, err = _analyze(capsys, "-f", "json", str(path))
    assert (code, err) == (0, "")
    record: dict[str, object] = json.loads(out)
    return record


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_ten_thousand_quotation_marks_quote_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = _record(capsys, _write(tmp_path, "marks.txt", MARKS))
    assert [(q["kind"], q["text"]) for q in record["quotes"]] == [  # type: ignore[attr-defined]
        ("indirect", "the bridge would reopen")
    ]


def test_html_nested_300_deep_keeps_its_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = _record(capsys, _write(tmp_path, "deep.html", deep_html()))
    assert record["text"] == f"{DOCK}\n\n{UNION}"


PDF = b"%PDF-1.4\n1 0 obj << /Length 44 >> stream\nBT /F1 12 Tf (The port reopened.) Tj ET\nendstream\n"


def test_a_text_only_pdf_is_refused_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "report.pdf", PDF)
    assert _analyze(capsys, str(path)) == (
        2,
        "",
        f"storyline: error: {path}: a PDF document, not an article\n",
    )


LINK = "Council approves the budget for district {} after a debate"
LINK_ZH = "区议会经过辩论批准第{}区的预算"  # the same headline in Chinese


def links_page(link: str = LINK) -> str:
    items = "".join(f'<li><a href="/story/{i}">{link.format(i)}</a></li>' for i in range(50))
    return f"<html><head><title>Latest</title></head><body><ul>{items}</ul></body></html>"


@pytest.mark.parametrize("link", [LINK, LINK_ZH])
def test_a_page_of_50_links_is_flagged_and_not_ingested(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], link: str
) -> None:
    path = _write(tmp_path, "links.html", links_page(link))
    record = _record(capsys, path)
    assert record["quality"]["flags"][-2:] == ["mostly links", "too little prose"]  # type: ignore[index]
    db = str(tmp_path / "c.db")
    assert main(["ingest", str(path), "--db", db, "-q", "-f", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["stored"], summary["not_articles"]) == (
        0,
        [{"source": str(path), "reason": "mostly links; too little prose"}],
    )
    assert main(["ingest", str(path), "--db", db, "-q", "-f", "json", "--keep-non-articles"]) == 0
    assert json.loads(capsys.readouterr().out)["stored"] == 1


def test_pages_skipped_from_one_file_are_named_by_their_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [{"html": links_page(), "source": "Wire X"} for _ in range(2)]
    lines[1]["html"] = lines[1]["html"].replace("Latest", "Latest news")
    path = _write(tmp_path, "wire.jsonl", "".join(json.dumps(x) + "\n" for x in lines))
    assert main(["ingest", str(path), "--db", str(tmp_path / "c.db"), "-q", "-f", "json"]) == 0
    assert [x["source"] for x in json.loads(capsys.readouterr().out)["not_articles"]] == [
        f"{path}:1 (Wire X)",
        f"{path}:2 (Wire X)",
    ]


def test_escape_sequences_reach_no_brief(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "esc.html", escape_page())
    record = _record(capsys, path)
    assert record["metadata"]["title"] == "Port reopens"  # type: ignore[index]
    assert record["text"] == f"{DOCK}\n\n{UNION}"
    for fmt in ("md", "html"):
        code, out, err = _analyze(capsys, "-f", fmt, str(path))
        assert (code, err) == (0, "")
        assert "Port reopens" in out
        assert not any(c in out for c in (ESC, "\x07", "\x9b"))


@pytest.mark.parametrize(("text", "name"), NAMES)
def test_invisible_and_combining_characters_leave_the_name_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, name: str
) -> None:
    record = _record(capsys, _write(tmp_path, "name.txt", text))
    assert [e["name"] for e in record["entities"]] == [name]  # type: ignore[attr-defined]
    assert [q["speaker_name"] for q in record["quotes"]] == [name]  # type: ignore[attr-defined]


def test_chinese_text_gets_the_language_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = _record(capsys, _write(tmp_path, "zh.txt", CHINESE))
    assert record["metadata"]["language"] == "zh"  # type: ignore[index]
    assert record["warnings"] == [
        "language 'zh' is not supported for entities, quotes and events;"
        " only extraction and figures were run"
    ]


def test_a_broken_url_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _analyze(capsys, "http://[::1")
    assert (code, out) == (2, "")
    assert err.startswith("storyline: error: http://[::1: not a URL") and err.count("\n") == 1


def test_a_broken_url_in_a_list_loses_no_good_url(
    tmp_path: Path, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    good = site.add("/dock", f"<html><body><p>{DOCK}</p><p>{UNION}</p></body></html>")
    urls = _write(tmp_path, "urls.txt", f"{good}\nhttp://[::1\n")
    code = main(["ingest", str(urls), "--db", str(tmp_path / "c.db"), "-q", "-f", "json"])
    summary = json.loads(capsys.readouterr().out)
    assert (code, summary["stored"], [f["source"] for f in summary["failed"]]) == (
        1,
        1,
        ["http://[::1"],
    )


def test_several_sources_give_one_result_each_in_order(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.txt", DOCK)
    bad = _write(tmp_path, "bad.pdf", PDF)
    b = _write(tmp_path, "b.txt", UNION)
    result = subprocess.run(
        [sys.executable, "-m", "storyline", "analyze", "-f", "json", str(a), str(bad), str(b)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    texts = [json.loads(line)["text"] for line in result.stdout.splitlines()]
    assert texts == [DOCK, UNION]
    assert result.stderr == f"storyline: error: {bad}: a PDF document, not an article\n"


def test_a_url_that_drips_bytes_ends_at_the_timeout(
    site: Site, capsys: pytest.CaptureFixture[str], nlp: object
) -> None:
    url = site.add("/slow", f"<html><body><p>{DOCK}</p></body></html>", drip=0.5)
    started = time.monotonic()
    code, out, err = _analyze(capsys, "--timeout", "2", url)
    elapsed = time.monotonic() - started
    assert (code, out, err) == (
        3,
        "",
        f"storyline: error: {url}: not downloaded within the 2 s timeout\n",
    )
    assert 2 <= elapsed < 3.5  # a read every half second, each within the per-read timeout


def test_a_store_it_cannot_write_stops_ingest_before_any_analysis(
    tmp_path: Path, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "store.db"
    dock = site.add("/dock", f"<html><body><p>{DOCK}</p><p>{UNION}</p></body></html>")
    assert main(["ingest", "-q", "--db", str(db), dock]) == 0
    capsys.readouterr()
    before = db.read_bytes()
    db.chmod(0o444)
    union = site.add("/union", f"<html><body><p>{UNION}</p><p>{DOCK}</p></body></html>")
    command = where_modes_apply(
        [sys.executable, "-m", "storyline", "ingest", "-q", "--db", str(db), union]
    )
    if command is None:
        pytest.skip("running as root without setpriv (util-linux): file modes do not stop root")
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert (result.returncode, result.stdout, result.stderr) == (
        5,
        "",
        f"storyline: error: {db}: the store is read-only\n",
    )
    # Nothing was analysed: the second page was never even fetched.
    assert site.requested == ["/dock"]
    assert db.read_bytes() == before
