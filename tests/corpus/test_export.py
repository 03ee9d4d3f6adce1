"""Export: one file per table in JSON Lines, CSV and Parquet, every row in it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from storyline.corpus import export
from storyline.corpus.store import TABLES, Store
from storyline.errors import ArgumentError


def _rows(path: Path, fmt: str) -> list[dict[str, object]]:
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if fmt == "csv":
        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    rows: list[dict[str, object]] = pq.read_table(path).to_pylist()
    return rows


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_writes_every_table(filled: Store, tmp_path: Path, fmt: str) -> None:
    written = export(filled, tmp_path / "out", fmt)
    assert set(written) == set(TABLES)
    counts = filled.counts()
    for table, path in written.items():
        assert path.name == f"{table}.{fmt}"
        rows = _rows(path, fmt)
        assert len(rows) == counts[table], table
        if rows:
            assert list(rows[0]) == [c.name for c in TABLES[table]]
    articles = _rows(written["articles"], fmt)
    assert any(str(a["title"]).startswith("Grain exporters") for a in articles)


def test_unknown_format(filled: Store, tmp_path: Path) -> None:
    with pytest.raises(ArgumentError, match="unknown export format"):
        export(filled, tmp_path, "xlsx")
