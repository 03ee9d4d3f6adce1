"""Batch inputs built from our fixture articles, and the local engine's output on them, made once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from storyline.batch import BatchSummary, batch
from storyline.batch.datasets import DATASETS, doc_id, read
from tests.test_hostile import long_article

from ..corpus.builders import FIXTURES, as_html, jsonl, warc

# A JSON Lines file: a dated article, a line that is not JSON, an article with no text.
LINES = [
    {"id": "wire-1", "date": "2025-02-03", "title": "Buses return",
     "text": "The city council said on Monday that 12 bus lines would run again from March."
             "\n\nThe mayor, Ana Ruiz, said the 40 new drivers were hired in January."},
    "{not json",
    {"id": "wire-3", "html": "<html><body><p></p></body></html>"},
]  # fmt: skip
FAILURES = 2  # the line that is not JSON, and the page with no text
LIMIT = 10  # seconds: the fixtures take a fraction of it, the long article many times it


def make_inputs(root: Path) -> list[str]:
    """A folder of fixture articles, a JSON Lines file and a WARC file of two pages."""
    folder = root / "articles"
    folder.mkdir(parents=True)
    for path in sorted(FIXTURES.iterdir()):
        (folder / path.name).write_bytes(path.read_bytes())
    jsonl(root / "wire.jsonl", LINES)
    pages = {f"https://news.test/{p.stem}": as_html(p) for p in sorted(FIXTURES.glob("*.txt"))[:2]}
    warc(root / "crawl.warc.gz", pages)
    return [str(folder), str(root / "wire.jsonl"), str(root / "crawl.warc.gz")]


@pytest.fixture(scope="session")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return make_inputs(tmp_path_factory.mktemp("inputs"))


@pytest.fixture(scope="session")
def local_run(
    inputs: list[str], tmp_path_factory: pytest.TempPathFactory, nlp: object
) -> tuple[Path, BatchSummary]:
    """The local engine's output on ``inputs``, in chunks of two documents."""
    out = tmp_path_factory.mktemp("local") / "out"
    return out, batch(inputs, out, chunk_size=2, progress=False)


def rows(out: Path, name: str) -> list[dict[str, Any]]:
    """A dataset's rows in a fixed order, whatever the files they came from."""
    table: pa.Table = read(out, name)
    return sort_rows(table.to_pylist())


def sort_rows(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(found, key=lambda r: sorted((k, str(v)) for k, v in r.items()))


def all_rows(out: Path) -> dict[str, list[dict[str, Any]]]:
    return {name: rows(out, name) for name in (*DATASETS, "failures")}


def slow_folder(root: Path) -> Path:
    """A folder of one long article, whose analysis takes many times LIMIT."""
    slow = root / "long" / "council.txt"
    slow.parent.mkdir(parents=True)
    slow.write_text(long_article(800_000), encoding="utf-8")
    return slow.parent


def with_time_limit_failure(out: Path, slow: Path) -> dict[str, list[dict[str, Any]]]:
    """The rows of the batch in ``out``, and a row in failures for ``slow`` past LIMIT."""
    found = all_rows(out)
    failure = {
        "doc_id": doc_id(str(slow)),
        "key": str(slow),
        "source": str(slow),
        "type": "time_limit",
        "reason": f"analysis took longer than the {LIMIT} s time limit (setting time_limit)",
    }
    return {**found, "failures": sort_rows([*found["failures"], failure])}
