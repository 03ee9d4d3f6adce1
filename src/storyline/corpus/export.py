"""Export every table of the store to JSON Lines, CSV or Parquet: one file per table."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from storyline.corpus.query import Target, opened
from storyline.corpus.store import TABLES
from storyline.errors import ArgumentError

FORMATS = ("jsonl", "csv", "parquet")
ARROW_TYPES = {  # the store's column kinds as Arrow types
    "id": pa.int64(),
    "int": pa.int64(),
    "float": pa.float64(),
    "text": pa.string(),
    "blob": pa.binary(),
}


def export(target: Target, out: str | Path, fmt: str = "jsonl") -> dict[str, Path]:
    """Write each table to ``out/<table>.<fmt>``; returns the files written."""
    if fmt not in FORMATS:
        raise ArgumentError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise ArgumentError(f"{folder}: not a folder; --out names the folder to write into")
    written = {}
    with opened(target) as store:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ArgumentError(f"{folder}: cannot make the folder ({exc.strerror})") from None
        for table, columns in TABLES.items():
            path = folder / f"{table}.{fmt}"
            batches = store.rows(table)
            if fmt == "parquet":
                schema = pa.schema([(c.name, ARROW_TYPES[c.kind]) for c in columns])
                with pq.ParquetWriter(path, schema) as writer:
                    for batch in batches:
                        writer.write_table(pa.Table.from_pylist([_bytes(r) for r in batch], schema))
            elif fmt == "csv":
                with path.open("w", encoding="utf-8", newline="") as f:
                    writer_csv = csv.DictWriter(f, fieldnames=[c.name for c in columns])
                    writer_csv.writeheader()
                    for batch in batches:
                        writer_csv.writerows(_plain(r) for r in batch)
            else:
                with path.open("w", encoding="utf-8") as f:
                    for batch in batches:
                        f.writelines(
                            json.dumps(_plain(r), ensure_ascii=False) + "\n" for r in batch
                        )
            written[table] = path
    return written


def _bytes(row: dict[str, Any]) -> dict[str, Any]:
    return {k: bytes(v) if isinstance(v, memoryview) else v for k, v in row.items()}


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """Binary values (MinHash signatures) as hex, for text formats."""
    return {k: bytes(v).hex() if isinstance(v, bytes | memoryview) else v for k, v in row.items()}
