"""``load``: a batch's Parquet output into a store gives the store ``ingest`` gives.

The same documents, duplicate groups, records and stories, on both backends.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from storyline.batch import batch
from storyline.cli import main
from storyline.corpus import ingest, open_store
from storyline.corpus.load import load
from storyline.errors import ArgumentError

from .builders import FIXTURES
from .conftest import near_copy


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(inputs, the batch output of them, a store ingest made of them)."""
    root = tmp_path_factory.mktemp("load")
    folder = root / "in"
    shutil.copytree(FIXTURES, folder)
    shutil.copy(FIXTURES / "wheat-exports.txt", folder / "wheat-mirror.txt")  # an exact copy
    bridge = (FIXTURES / "bridge-reopens.txt").read_text(encoding="utf-8")
    (folder / "bridge-partner.txt").write_text(near_copy(bridge), encoding="utf-8")
    (folder / "empty.txt").write_text("\n", encoding="utf-8")
    batch([str(folder)], root / "out", chunk_size=3, progress=False)
    ingest([str(folder)], root / "ingested.db", progress=False)
    return folder, root / "out", root / "ingested.db"


def _state(target: str | Path) -> dict[str, Any]:
    """Documents, duplicate groups and records, by document key."""
    with open_store(target) as store:
        docs = store.query("SELECT key, status, article_id FROM documents ORDER BY key")
        groups = {
            frozenset((m["key"], bool(m["original"])) for m in store.group_members(g["id"]))
            for g in store.duplicate_groups()
        }
        records = {d["key"]: store.record(d["article_id"]) for d in docs}
        stories = {
            frozenset(r["key"] for r in store.query(
                "SELECT d.key FROM story_articles s JOIN documents d"
                " ON d.article_id = s.article_id AND d.status = 'stored' WHERE s.story_id = ?",
                (story["id"],)))
            for story in store.query("SELECT id FROM stories")
        }  # fmt: skip
        assert store.check() == []
    return {"documents": [(d["key"], d["status"]) for d in docs], "groups": groups,
            "records": records, "stories": stories}  # fmt: skip


def test_load_gives_the_store_ingest_gives(corpus: tuple[Path, Path, Path], target: str) -> None:
    _, out, ingested = corpus
    summary = load(out, target, progress=False)
    assert (summary.stored, summary.near_duplicates, summary.duplicates) == (5, 1, 1)
    assert [(Path(s).name, "empty" in r) for s, r in summary.failed] == [("empty.txt", True)]
    state = _state(target)
    assert state == _state(ingested) and state["stories"]
    again = load(out, target, progress=False)
    assert (again.stored, again.already_stored) == (0, 6)


def test_cli_load_and_a_folder_that_is_no_batch(
    corpus: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, out, _ = corpus
    db = str(tmp_path / "loaded.db")
    assert main(["load", str(out), "--db", db, "-q"]) == 1  # the empty file failed
    assert "stored                            5" in capsys.readouterr().out
    with pytest.raises(ArgumentError, match="not the output of 'storyline batch'"):
        load(folder, db, progress=False)
