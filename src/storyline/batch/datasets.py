"""A batch's output: Parquet datasets partitioned by month, and the manifest of finished chunks.

Layout under the output folder::

    articles/month=2025-03/part-<chunk>.parquet    entities/… mentions/… quotes/…
    figures/… checks/… events/…                    (month=unknown: no date)
    failures/part-<chunk>.parquet                   each broken document and why
    _storyline/plan.json                            the chunks (see plan.py)
    _storyline/chunks/<chunk>.json                  one per finished chunk

Rows are the store's rows (``corpus.rows.to_rows``) with ``doc_id``, a stable
hash of the document's key, in place of the store's ids; every file carries the
record schema version in its metadata (``storyline.record_schema``). A chunk's
files are named after the chunk, so a chunk redone after a crash replaces its
own files and nothing else; each file is written under a temporary name and
renamed, and the chunk's manifest entry is written last.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from storyline.corpus.export import ARROW_TYPES
from storyline.corpus.rows import FACT_COLUMNS, to_rows
from storyline.corpus.store import TABLES
from storyline.models import SCHEMA_VERSION, Record, to_dict

DATASETS = ("articles", "entities", "mentions", "quotes", "figures", "checks", "events")
FACT_DATASETS = (*FACT_COLUMNS, "mentions")
METADATA_KEY = b"storyline.record_schema"
STATE = "_storyline"  # the plan and the manifest of finished chunks
_STORE_ONLY = ("id", "article_id", "ingested_at", "corpus_id")  # set by the store
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")

Rows = dict[str, list[dict[str, Any]]]


def _schema(columns: list[tuple[str, pa.DataType]]) -> pa.Schema:
    return pa.schema(columns, metadata={METADATA_KEY: SCHEMA_VERSION.encode()})


def _store_columns(table: str) -> list[tuple[str, pa.DataType]]:
    return [(c.name, ARROW_TYPES[c.kind]) for c in TABLES[table] if c.name not in _STORE_ONLY]


_TEXT = pa.string()
SCHEMAS: dict[str, pa.Schema] = {
    "articles": _schema([("doc_id", pa.int64()), ("key", _TEXT), *_store_columns("articles")]),
    **{t: _schema([("doc_id", pa.int64()), *_store_columns(t)]) for t in FACT_DATASETS},
    "checks": _schema(
        [
            ("doc_id", pa.int64()),
            ("idx", pa.int64()),
            ("kind", _TEXT),
            ("verdict", _TEXT),
            ("explanation", _TEXT),
            ("figures", _TEXT),
            ("data", _TEXT),
        ]
    ),
    "failures": _schema(
        [
            ("doc_id", pa.int64()),
            ("key", _TEXT),
            ("source", _TEXT),
            ("type", _TEXT),
            ("reason", _TEXT),
        ]
    ),
}


def doc_id(key: str) -> int:
    """A stable 64-bit id for the document with this key, the same in every run."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def month(date: str | None) -> str:
    """The partition of a publication date: ``YYYY-MM``, or ``unknown``."""
    match = _MONTH.match(date or "")
    return match.group() if match else "unknown"


def document_rows(record: Record, key: str, source: str) -> Rows:
    """The rows one analysed document adds to each dataset."""
    rows = to_rows(record, source)
    did = doc_id(key)
    out: Rows = {"articles": [{"doc_id": did, "key": key, **rows.article}]}
    for name in FACT_DATASETS:
        out[name] = [{"doc_id": did, **row} for row in rows.tables[name]]
    out["checks"] = [
        {
            "doc_id": did,
            "idx": i,
            "kind": check.kind,
            "verdict": check.verdict,
            "explanation": check.explanation,
            "figures": json.dumps(list(check.figures)),
            "data": json.dumps(to_dict(check), ensure_ascii=False),
        }
        for i, check in enumerate(record.checks)
    ]
    return out


def failure_row(key: str, source: str, error: Exception) -> dict[str, Any]:
    kind = getattr(error, "type", type(error).__name__)
    return {"doc_id": doc_id(key), "key": key, "source": source, "type": kind,
            "reason": str(error).removeprefix(f"{source}: ")}  # fmt: skip


def write_chunk(
    out: Path, chunk_id: str, months: dict[str, Rows], failures: list[dict[str, Any]]
) -> int:
    """Write one chunk's rows (by month, then dataset); returns the number of files."""
    for old in chunk_files(out, chunk_id):  # left by an earlier, unfinished attempt
        old.unlink()
    written = 0
    for when, datasets in months.items():
        for name, rows in datasets.items():
            if rows:
                _write(out / name / f"month={when}" / f"part-{chunk_id}.parquet", name, rows)
                written += 1
    if failures:
        _write(out / "failures" / f"part-{chunk_id}.parquet", "failures", failures)
        written += 1
    return written


def _write(path: Path, name: str, rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(pa.Table.from_pylist(rows, SCHEMAS[name]), tmp)
    tmp.replace(path)


def chunk_files(out: Path, chunk_id: str) -> list[Path]:
    name = f"part-{chunk_id}.parquet"
    return [*out.glob(f"*/month=*/{name}"), *out.glob(f"failures/{name}")]


def finished(out: Path) -> set[str]:
    """Ids of the chunks whose files are all written."""
    return {p.stem for p in (out / STATE / "chunks").glob("*.json")}


def mark_finished(out: Path, chunk_id: str, summary: dict[str, Any]) -> None:
    folder = out / STATE / "chunks"
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{chunk_id}.tmp"
    tmp.write_text(json.dumps(summary), encoding="utf-8")
    tmp.replace(folder / f"{chunk_id}.json")


def read(out: Path, name: str) -> pa.Table:
    """A whole dataset as one table, with its ``month`` column (empty when absent)."""
    import pyarrow.dataset as ds

    folder = out / name
    if not folder.exists():
        return SCHEMAS[name].empty_table()
    partitioning = None if name == "failures" else "hive"
    table: pa.Table = ds.dataset(folder, format="parquet", partitioning=partitioning).to_table()
    return table


def chunk_rows(out: Path, chunk_id: str) -> Iterator[tuple[str, Rows]]:
    """(month, rows by dataset) of one finished chunk, read back from its files."""
    name = f"part-{chunk_id}.parquet"
    for folder in sorted((out / "articles").glob("month=*")):
        if (folder / name).exists():
            when = folder.name.removeprefix("month=")
            rows: Rows = {}
            for dataset in DATASETS:
                path = out / dataset / folder.name / name
                rows[dataset] = pq.read_table(path).to_pylist() if path.exists() else []
            yield when, rows
