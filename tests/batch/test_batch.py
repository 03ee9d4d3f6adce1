"""The batch on the local engine: rows as analyze gives them, months, failures, resuming, DuckDB."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from storyline import analyze
from storyline.batch import BatchSummary, batch
from storyline.batch.datasets import DATASETS, STATE, document_rows, finished
from storyline.batch.plan import Plan, make_plan
from storyline.cli import main
from storyline.errors import ArgumentError, StorylineError
from storyline.models import SCHEMA_VERSION, RawDocument
from storyline.settings import Settings

from ..corpus.builders import FIXTURES, as_html, warc
from .conftest import FAILURES, LIMIT, all_rows, rows, slow_folder, with_time_limit_failure

Run = tuple[Path, BatchSummary]


def test_every_document_is_analysed_or_reported(inputs: list[str], local_run: Run) -> None:
    _, summary = local_run
    # 4 fixture files, 3 JSON Lines entries, 2 WARC pages.
    assert (summary.documents, summary.failed, summary.lost) == (9, FAILURES, [])
    assert summary.chunks == 5


def test_rows_are_what_analyze_gives(inputs: list[str], local_run: Run) -> None:
    out, _ = local_run
    settings = Settings()
    expected: dict[str, list[dict[str, object]]] = {name: [] for name in DATASETS}
    for chunk in make_plan(inputs, settings).chunks:
        for item in chunk.items():
            try:
                record = analyze(item.read(settings), settings)
            except StorylineError:
                continue
            for name, found in document_rows(record, item.key, item.name).items():
                expected[name] += found
    for name in DATASETS:
        got = [{k: v for k, v in r.items() if k != "month"} for r in rows(out, name)]
        want = sorted(expected[name], key=lambda r: sorted((k, str(v)) for k, v in r.items()))
        assert got == want, name
    assert len(expected["articles"]) == 7 and expected["quotes"] and expected["events"]


def test_partitions_by_month_with_the_schema_version(local_run: Run) -> None:
    out, _ = local_run
    months = {r["key"].rsplit("/", 1)[-1]: r["month"] for r in rows(out, "articles")}
    # The JSON Lines date, the HTML page's own date; plain text carries none.
    (wire,) = [k for k in months if k.endswith(":wire-1")]  # id:<its file>:wire-1
    assert months[wire] == "2025-02"
    assert months["library-fire.html"] == "2025-06"
    assert months["wheat-exports.txt"] == "unknown"
    folders = {p.name for p in (out / "articles").iterdir()}
    assert folders == {f"month={m}" for m in months.values()}
    for path in out.glob("*/**/*.parquet"):
        assert pq.read_schema(path).metadata[b"storyline.record_schema"] == SCHEMA_VERSION.encode()


def test_failures_are_rows_with_their_source_and_reason(inputs: list[str], local_run: Run) -> None:
    out, _ = local_run
    failures = {(r["source"].rsplit("/", 1)[-1], r["type"]) for r in rows(out, "failures")}
    assert failures == {("wire.jsonl:2", "bad_input"), ("wire.jsonl:3", "no_article")}
    assert "not JSON" in next(
        r["reason"] for r in rows(out, "failures") if r["type"] == "bad_input"
    )


def test_an_input_that_holds_no_article_is_a_failure_row(tmp_path: Path) -> None:
    (tmp_path / "blank.jsonl").write_text("\n  \n", encoding="utf-8")
    crawl = warc(tmp_path / "crawl.warc.gz", {})  # a request and an image, no page
    (tmp_path / "nothing").mkdir()
    wheat = tmp_path / "wheat.txt"
    shutil.copy(FIXTURES / "wheat-exports.txt", wheat)
    given = [tmp_path / "blank.jsonl", crawl, tmp_path / "nothing", wheat]
    out = tmp_path / "out"
    summary = batch([str(p) for p in given], out, progress=False)
    assert (summary.documents, summary.failed) == (4, 3)
    failures = sorted((r["source"], r["type"], r["reason"]) for r in rows(out, "failures"))
    assert failures == sorted((str(p), "empty_input", "holds no article") for p in given[:3])
    assert [r["source"] for r in rows(out, "articles")] == [str(wheat)]


def test_a_re_run_skips_finished_chunks_and_redoes_the_others(
    inputs: list[str], local_run: Run, tmp_path: Path
) -> None:
    done, _ = local_run
    out = tmp_path / "out"
    # The same output as far as it got: the plan and every chunk's files, one entry short.
    shutil.copytree(done, out)
    plan = Plan.from_json((out / STATE / "plan.json").read_text(encoding="utf-8"))
    lost = plan.chunks[1]
    (out / STATE / "chunks" / f"{lost.id}.json").unlink()
    summary = batch(inputs, out, workers=2, progress=False)
    assert (summary.documents, summary.chunks, summary.resumed) == (lost.documents, 1, 7)
    assert finished(out) == {c.id for c in plan.chunks}
    assert all_rows(out) == all_rows(done)
    again = batch(inputs, out, progress=False)
    assert (again.documents, again.resumed) == (0, 9)


def test_an_output_folder_of_another_batch_is_refused(inputs: list[str], local_run: Run) -> None:
    out, _ = local_run
    with pytest.raises(ArgumentError, match="holds the output of another batch"):
        batch(inputs[:1], out, progress=False)


def test_a_batch_resumed_with_the_other_embeddings_choice_is_refused(
    inputs: list[str], local_run: Run
) -> None:
    out, _ = local_run
    with pytest.raises(ArgumentError) as refused:
        batch(inputs, out, Settings(embeddings=True), progress=False)
    assert str(refused.value) == (
        f"{out}: this batch was started without --embeddings;"
        " resume it the same way, or choose a new --out"
    )


def test_a_file_given_twice_is_planned_once(tmp_path: Path) -> None:
    lines = tmp_path / "wire.jsonl"
    lines.write_text('{"text": "One."}\n{"text": "Two."}\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Three.", encoding="utf-8")
    again = [str(tmp_path), str(tmp_path / "a.txt"), f"{tmp_path}/./a.txt", str(lines)]
    plan = make_plan(again, Settings(), chunk_size=2)
    keys = [item.key for chunk in plan.chunks for item in chunk.items()]
    assert plan.documents == len(keys) == 3
    assert len(set(keys)) == 3


@pytest.mark.parametrize("chunk_size", [1, 2, 256])
def test_a_cut_warc_is_planned_with_its_readable_pages_and_its_damage_once(
    tmp_path: Path, chunk_size: int
) -> None:
    urls = ["http://news.test/bridge", "http://news.test/fire", "http://news.test/wheat"]
    files = ["bridge-reopens.txt", "library-fire.html", "wheat-exports.txt"]
    pages = {url: as_html(FIXTURES / name) for url, name in zip(urls, files, strict=True)}
    whole = warc(tmp_path / "a.warc", pages, gz=False).read_bytes()
    # A request and a response for each page, then an image; cut in the third response.
    starts = [i for i in range(len(whole)) if whole.startswith(b"WARC/1.", i)]
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[: starts[5] + 40])
    plan = make_plan([str(cut)], Settings(), chunk_size=chunk_size)
    items = [item for chunk in plan.chunks for item in chunk.items()]
    assert plan.documents == len(items) == 3
    assert [i.source.url for i in items if isinstance(i.source, RawDocument)] == urls[:2]
    assert [(i.key, i.error) for i in items if i.error] == [
        (
            f"warc:{cut}@{starts[5]}",
            f"{cut}: cut or damaged at byte {starts[5]:,}; what follows cannot be read",
        )
    ]


def test_a_batch_whose_input_changed_is_not_resumed(tmp_path: Path) -> None:
    lines = tmp_path / "wire.jsonl"
    lines.write_text('{"text": "Tarvik opens its new dam."}\n', encoding="utf-8")
    out = tmp_path / "out"
    plan = make_plan([str(lines)], Settings())
    assert [p for p, _, _ in plan.stamps] == [str(lines)]
    (out / STATE).mkdir(parents=True)
    (out / STATE / "plan.json").write_text(plan.to_json(), encoding="utf-8")
    lines.write_text(
        '{"text": "First."}\n{"text": "Tarvik opens its new dam."}\n', encoding="utf-8"
    )
    with pytest.raises(ArgumentError, match=r"wire\.jsonl changed since this batch began"):
        batch([str(lines)], out, progress=False)


def test_cli_reports_failures_as_json(
    inputs: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["batch", inputs[1], "--out", str(tmp_path / "out"), "-q", "-f", "json"])
    summary = json.loads(capsys.readouterr().out)
    assert code == 1
    assert (summary["documents"], summary["failed"], summary["lost"]) == (3, FAILURES, [])


def test_duckdb_joins_the_datasets_on_doc_id(local_run: Run) -> None:
    duckdb = pytest.importorskip("duckdb")
    out, _ = local_run
    found = duckdb.sql(
        f"SELECT a.key, COUNT(*) AS n FROM read_parquet('{out}/articles/*/*.parquet',"
        f" hive_partitioning = true) a JOIN read_parquet('{out}/quotes/*/*.parquet',"
        " hive_partitioning = true) q USING (doc_id, month) GROUP BY a.key"
    ).fetchall()
    expected: dict[str, int] = {}
    for row in rows(out, "quotes"):
        key = next(a["key"] for a in rows(out, "articles") if a["doc_id"] == row["doc_id"])
        expected[key] = expected.get(key, 0) + 1
    assert dict(found) == expected and expected


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_past_the_time_limit_fails_and_the_rest_are_whole(
    inputs: list[str], local_run: Run, tmp_path: Path, workers: int
) -> None:
    slow = slow_folder(tmp_path)
    out = tmp_path / "out"
    settings = Settings(time_limit=LIMIT)
    summary = batch([*inputs, str(slow)], out, settings, workers=workers, progress=False)
    assert (summary.documents, summary.failed, summary.lost) == (10, FAILURES + 1, [])
    assert all_rows(out) == with_time_limit_failure(local_run[0], slow / "council.txt")
