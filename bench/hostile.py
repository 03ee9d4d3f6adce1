"""Every hostile input of the robustness list through the real command line, one process each.

Usage: python bench/hostile.py [--only NAME ...] [--limit SECONDS]

Each case runs ``python -m storyline ...`` in its own process on inputs built by the
generators of tests/test_hostile.py, and is judged on its outcome: a traceback on stderr,
a run past the limit (default 600 s) or an outcome other than the one the case wants is
FAIL. Peak RSS is the case's own, measured by the small process that starts every case
(``launcher.py``). The table gives case, result, outcome (the first line of stderr, or
what the command printed), exit code, seconds and peak RSS; the last line is one JSON
object: ``{"cases", "failed", "peak_rss_mb", "seconds", "rows": [...]}``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' generators

from tests.local_site import Site
from tests.test_hostile import (
    CHINESE,
    DOCK,
    ESC,
    MARKS,
    NAMES,
    PDF,
    UNION,
    deep_html,
    escape_page,
    gzip_bomb,
    links_page,
    long_article,
)
from tests.unprivileged import where_modes_apply

from launcher import Launcher
from storyline.cli import sample_path

# What a case wants of (exit code, stdout, stderr): None when it got it, else what is wrong.
Judge = Callable[[int, str, str], str | None]


@dataclass
class Case:
    name: str
    args: list[str]
    judge: Judge
    env: dict[str, str] = field(default_factory=dict)
    prefix: list[str] = field(default_factory=list)  # the command's command, as setpriv
    run: Callable[[Case, float, Launcher, Path], Row] | None = None  # more than one command


@dataclass
class Row:
    case: str
    ok: bool
    outcome: str
    code: int | None
    seconds: float
    rss_mb: float | None  # None: not measured


def _records(out: str) -> list[dict[str, Any]]:
    """The records on stdout: one JSON object, or JSON Lines."""
    try:
        whole = json.loads(out)
    except ValueError:
        whole = None
    if isinstance(whole, dict):
        return [whole] if "text" in whole else []
    found = []
    for line in out.splitlines():
        with contextlib.suppress(ValueError):
            found.append(json.loads(line))
    return [r for r in found if isinstance(r, dict) and "text" in r]


def _error(code: int, message: str) -> Judge:
    """One error line on stderr that holds ``message``, and the exit code ``code``."""

    def judge(got: int, out: str, err: str) -> str | None:
        lines = err.splitlines()
        # One line, or argparse's usage lines then its one error line.
        usage = all(line.startswith(("usage:", " ")) for line in lines[:-1])
        if got != code or not lines or message not in lines[-1] or not usage:
            return f"wanted exit {code} and one line with {message!r}"
        return None

    return judge


def _record(check: Callable[[dict[str, Any]], bool], what: str) -> Judge:
    def judge(code: int, out: str, err: str) -> str | None:
        records = _records(out)
        if code != 0 or len(records) != 1 or not check(records[0]):
            return f"wanted one record with {what}"
        return None

    return judge


def _no_escapes(code: int, out: str, err: str) -> str | None:
    if code != 0 or "Port reopens" not in out or any(c in out for c in (ESC, "\x07", "\x9b")):
        return "wanted a brief without escape characters"
    return None


def _summary(stored: int, failed: list[str], code: int, not_articles: int = 0) -> Judge:
    """An ingest summary (-f json): how many stored, the failure reasons, the exit code."""

    def judge(got: int, out: str, err: str) -> str | None:
        try:
            summary = json.loads(out)
        except ValueError:
            return "wanted a JSON summary"
        reasons = [f["reason"] for f in summary["failed"]]
        if (got, summary["stored"], len(summary["not_articles"])) != (
            code,
            stored,
            not_articles,
        ) or len(reasons) != len(failed):
            return f"wanted exit {code}, {stored} stored, {len(failed)} failed"
        if not all(want in reason for want, reason in zip(failed, reasons, strict=True)):
            return f"wanted failures {failed}"
        return None

    return judge


def _every_source(count: int) -> Judge:
    """One result per source: a record on stdout or one line on stderr."""

    def judge(code: int, out: str, err: str) -> str | None:
        if len(_records(out)) + err.count("\n") != count:
            return f"wanted {count} results, one per source"
        return None

    return judge


def _rows(code: int, out: str, err: str) -> str | None:
    return None if code == 0 and err == "" else "wanted an answer"


def _outcome(code: int | None, out: str, err: str) -> str:
    if err.strip():
        return err.strip().splitlines()[-1][:90]  # the error line, after any usage line
    records = _records(out)
    if records and "text" in records[0]:
        return f"{len(records)} record(s), {len(records[0]['text']):,} characters of text"
    with contextlib.suppress(ValueError):
        summary = json.loads(out)
        if isinstance(summary, dict) and "stored" in summary:
            return f"stored {summary['stored']}, failed {len(summary['failed'])}"
    first = out.strip().splitlines()[0] if out.strip() else "(no output)"
    return first[:90]


def run_command(case: Case, limit: float, launcher: Launcher, root: Path) -> Row:
    """Run one case's command; its outcome judged."""
    out, err = root / "stdout.txt", root / "stderr.txt"
    started = time.monotonic()
    args = [*case.prefix, sys.executable, "-m", "storyline", *case.args]
    code, rss = launcher.run(args, {**os.environ, **case.env}, limit, out, err)
    seconds = time.monotonic() - started
    stdout, stderr = out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8")
    wrong = case.judge(code, stdout, stderr)
    if seconds >= limit:
        wrong = f"ran past {limit:g} s"
    elif "Traceback" in stderr:
        wrong = "a traceback"
    outcome = _outcome(code, stdout, stderr) + (f"  [{wrong}]" if wrong else "")
    return Row(case.name, wrong is None, outcome, code, seconds, rss)


def run_orphans(case: Case, limit: float, launcher: Launcher, root: Path) -> Row:
    """SIGKILL the parent once its workers exist; count the processes left 5 s later (its
    peak RSS is not measured: it is started by the bench itself)."""
    from tests.batch.test_processes import WORKER, alive, start_with_workers

    started = time.monotonic()
    process, children = start_with_workers(case.args, 2, limit)
    os.kill(process.pid, signal.SIGKILL)
    code = process.wait()
    time.sleep(5)
    left = [pid for pid in children if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    workers = sum(WORKER in c for c in children.values())
    ok = workers == 2 and not left
    outcome = f"SIGKILL with {workers} workers running: {len(left)} left after 5 s"
    return Row(case.name, ok, outcome, code, time.monotonic() - started, None)


def cases(root: Path, site: Site) -> list[Case]:
    """Every hostile input, written under ``root``; URLs served by ``site``."""

    def write(name: str, content: str | bytes) -> str:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return str(path)

    def html(text: str) -> str:
        paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
        return f"<html><head><title>Council</title></head><body>{paragraphs}</body></html>"

    store = str(root / "store.db")
    good = site.add("/dock", f"<html><body><p>{DOCK}</p><p>{UNION}</p></body></html>")
    slow = site.add("/slow", f"<html><body><p>{DOCK}</p></body></html>", drip=0.5)
    a, b = write("a.txt", DOCK), write("b.txt", UNION)
    samples = [str(sample_path()), str(sample_path().with_name("harbour-strike.html"))]
    limited = root / "limited"  # the samples, and an article far too long for the time limit
    for sample in samples:
        write(f"limited/{Path(sample).name}", Path(sample).read_bytes())
    write("limited/long.txt", long_article(800_000))
    exists = write("exists.txt", "a file, not a folder")
    text = f"{DOCK}\n\n{UNION}"
    read_only = write("read-only/store.db", b"")
    return [
        Case("html 100 KB", ["analyze", "-f", "json", write("100k.html", html(long_article(100_000)))],
             _record(lambda r: len(r["text"]) > 95_000, "the whole text")),
        Case("html 500 KB", ["analyze", "-f", "json", write("500k.html", html(long_article(500_000)))],
             _record(lambda r: len(r["text"]) > 480_000, "the whole text")),
        Case("text 1.2 M chars among two", ["analyze", "-f", "json", a, write("1200k.txt", long_article(1_200_000)), b],
             _every_source(3)),
        Case("text over max_chars", ["analyze", write("2100k.txt", long_article(2_100_000))],
             _error(2, "(setting max_chars)")),
        Case("gzip bomb 2 GiB", ["analyze", str(gzip_bomb(root / "bomb.txt.gz", 2048))],
             _error(2, "once decompressed")),
        Case("url dripping bytes", ["analyze", "--timeout", "5", slow],
             _error(3, "not downloaded within the 5 s timeout")),
        Case("url http://[::1", ["analyze", "http://[::1"], _error(2, "not a URL")),
        Case("url list with http://[::1", ["ingest", "-q", "-f", "json", "--db", str(root / "urls.db"),
             write("urls.txt", f"{good}\nhttp://[::1\n")], _summary(1, ["not a URL"], 1)),
        Case("url HTTP:// upper case", ["analyze", "-f", "json", good.replace("http://", "HTTP://")],
             _record(lambda r: r["text"] == text, "the page's text")),
        Case("url file://", ["analyze", "file:///etc/hostname"], _error(2, "file:// is not read")),
        Case("url ftp://", ["analyze", "ftp://example.org/a.txt"], _error(2, "ftp:// is not read")),
        Case("store for the queries", ["ingest", "-q", "-f", "json", "--db", store, *samples], _summary(2, [], 0)),
        Case("show 99999999999999999999999", ["show", "99999999999999999999999", "--db", store],
             _error(2, "out of range")),
        Case("-n 99999999999999999999", ["search", "harbour", "-n", "99999999999999999999", "--db", store],
             _error(2, "out of range")),
        Case("export --out a file", ["export", "--db", store, "--out", exists], _error(2, "not a folder")),
        Case("quotes --speaker %", ["quotes", "--speaker", "%", "--db", store], _rows),
        Case("query on a missing --db", ["search", "harbour", "--db", str(root / "missing.db")],
             _error(5, "missing.db")),
        Case("events --since not-a-date", ["events", "--since", "not-a-date", "--db", store],
             _error(2, "not a date")),
        Case("ingest into a read-only store", ["ingest", "-q", "-f", "json", "--db", read_only, samples[0]],
             *_read_only(Path(read_only))),
        Case("html nested 300 deep", ["analyze", "-f", "json", write("deep.html", deep_html())],
             _record(lambda r: r["text"] == text, "both paragraphs")),
        Case("text-only PDF", ["analyze", write("report.pdf", PDF)], _error(2, "a PDF document, not an article")),
        Case("page of 50 links (ingest)", ["ingest", "-q", "-f", "json", "--db", str(root / "links.db"),
             write("links.html", links_page())], _summary(0, [], 0, not_articles=1)),
        Case("10,000 quotation marks", ["analyze", "-f", "json", write("marks.txt", MARKS)],
             _record(lambda r: [q["text"] for q in r["quotes"]] == ["the bridge would reopen"], "one quote")),
        Case("escape sequences, Markdown", ["analyze", "-f", "md", write("esc.html", escape_page())], _no_escapes),
        Case("escape sequences, HTML", ["analyze", "-f", "html", str(root / "esc.html")], _no_escapes),
        *[
            Case(f"name: {label}", ["analyze", "-f", "json", write(f"name{i}.txt", sample)],
                 _record(lambda r, n=name: [e["name"] for e in r["entities"]] == [n], name))  # type: ignore[misc]
            for i, ((sample, name), label) in enumerate(zip(NAMES, ("zero-width joiner", "combining accents"), strict=True))
        ],
        Case("Chinese text", ["analyze", "-f", "json", write("zh.txt", CHINESE)],
             _record(lambda r: r["metadata"]["language"] == "zh" and len(r["warnings"]) == 1, "the language warning")),
        Case("document past time_limit (-j 2)", ["ingest", "-q", "-f", "json", "-j", "2", "--db",
             str(root / "limited.db"), str(limited)], _summary(2, ["10 s time limit"], 1),
             env={"STORYLINE_TIME_LIMIT": "10"}),
        Case("SIGKILL of ingest -j 2", ["ingest", "-q", "-j", "2", "--db", str(root / "killed.db"), str(limited)],
             _rows, run=run_orphans),
    ]  # fmt: skip


def _read_only(path: Path) -> tuple[Judge, dict[str, str], list[str]]:
    """A store the command cannot write: refused before any analysis, in one line. As root,
    the command runs without the capabilities that pass over file modes (see
    tests/unprivileged.py); with no setpriv to drop them, root writes the store, as the
    row then says."""
    path.chmod(0o444)
    path.parent.chmod(0o555)
    prefix = where_modes_apply([])
    if prefix is None:
        return _summary(1, [], 0), {}, []
    return _error(5, "read-only"), {}, prefix


def _mb(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="cases whose name holds one of these words")
    parser.add_argument("--limit", type=float, default=600.0, help="seconds a case may take")
    args = parser.parse_args()
    site, launcher = Site(), Launcher()
    rows: list[Row] = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            chosen = [
                c
                for c in cases(root, site)
                if not args.only or any(word in c.name for word in args.only)
            ]
            print(f"{'case':<34} {'':4} {'exit':>4} {'s':>7} {'RSS MB':>7}  outcome")
            for case in chosen:
                row = (case.run or run_command)(case, args.limit, launcher, root)
                rows.append(row)
                print(
                    f"{row.case:<34} {'ok' if row.ok else 'FAIL':4} {row.code!s:>4}"
                    f" {row.seconds:7.1f} {_mb(row.rss_mb):>7}  {row.outcome}",
                    flush=True,
                )
            (root / "read-only").chmod(0o755)
    finally:
        site.close()
        launcher.close()
    print(
        json.dumps(
            {
                "cases": len(rows),
                "failed": [r.case for r in rows if not r.ok],
                "peak_rss_mb": round(max((r.rss_mb or 0.0 for r in rows), default=0.0), 1),
                "seconds": round(sum(r.seconds for r in rows), 1),
                "load_average": [round(x, 2) for x in os.getloadavg()],
                "rows": [
                    {
                        "case": r.case,
                        "ok": r.ok,
                        "outcome": r.outcome,
                        "exit": r.code,
                        "seconds": round(r.seconds, 2),
                        "peak_rss_mb": None if r.rss_mb is None else round(r.rss_mb, 1),
                    }
                    for r in rows
                ],
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
