"""``reanalyze``: articles stored under another record schema are analysed again in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.analyze import embedding
from storyline.cli import main
from storyline.corpus import open_store
from storyline.corpus.reanalyze import reanalyze
from storyline.corpus.store import Store
from storyline.models import SCHEMA_VERSION, Record
from storyline.settings import Settings
from tests.test_hostile import long_article

from .builders import stale_store
from .conftest import FIXTURES

OLD = '"schema_version":"0.9"'
NEW = f'"schema_version":"{SCHEMA_VERSION}"'


def _age(store: Store, ids: tuple[int, ...]) -> None:
    """Make articles look stored by an older storyline: an old version, and no quotes."""
    marks = ", ".join("?" for _ in ids)
    store._execute(f"UPDATE articles SET record = REPLACE(record, ?, ?) WHERE id IN ({marks})",
                   (NEW, OLD, *ids))  # fmt: skip
    for table in ("quotes", "mentions"):
        store._execute(f"DELETE FROM {table} WHERE article_id IN ({marks})", ids)


def test_stale_articles_are_analysed_again(
    filled: Store, records: dict[str, Record], target: str
) -> None:
    by_id = {r["id"]: r["source"] for r in filled.query("SELECT id, source FROM articles")}
    links = "SELECT article_id, key, corpus_id FROM entities ORDER BY article_id, key"
    linked = filled.query(links)
    _age(filled, (1, 3))
    assert filled.stale_articles(SCHEMA_VERSION) == [1, 3]
    filled.close()
    summary = reanalyze(target, progress=False)
    assert (summary.stale, summary.updated, summary.failed) == (2, 2, [])
    with open_store(target) as store:
        assert store.check() == []
        assert store.stale_articles(SCHEMA_VERSION) == []
        assert store.query(links) == linked and all(r["corpus_id"] for r in linked)
        for article_id, source in by_id.items():
            assert store.record(article_id) == records[source]
    assert reanalyze(target, progress=False).stale == 0


def test_cli_reanalyze_with_two_workers(
    filled: Store, records: dict[str, Record], target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if not target.endswith(".db"):
        pytest.skip("one backend is enough for the worker processes")
    _age(filled, (2,))
    filled.close()
    assert main(["reanalyze", "--db", target, "-j", "2", "-q"]) == 0
    assert "re-analysed and updated                             1" in capsys.readouterr().out
    with open_store(Path(target)) as store:
        source = store.query("SELECT source FROM articles WHERE id = 2")[0]["source"]
        assert store.record(2) == records[source] and store.check() == []


def test_an_article_past_the_time_limit_is_reported_and_the_rest_updated(
    records: dict[str, Record], tmp_path: Path
) -> None:
    names = ("vaccine-drive.txt", "wheat-exports.txt")
    texts = {name: (FIXTURES / name).read_text(encoding="utf-8") for name in names}
    db = str(tmp_path / "stale.db")
    ids = stale_store(db, {**texts, "long.txt": long_article(800_000)})
    summary = reanalyze(db, Settings(workers=2, time_limit=10), progress=False)
    reason = "TimeLimitError: analysis took longer than the 10 s time limit (setting time_limit)"
    assert (summary.stale, summary.updated, summary.failed) == (3, 2, [(ids["long.txt"], reason)])
    with open_store(db) as store:
        assert store.check() == []
        # The article that failed is still stale: the next run tries it again.
        assert store.stale_articles(SCHEMA_VERSION) == [ids["long.txt"]]
        assert {n: store.record(ids[n]) for n in names} == {n: records[n] for n in names}


@pytest.mark.skipif(not embedding.available(), reason="the extra 'embeddings' is not installed")
def test_a_stored_vector_is_kept_or_made_again_as_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "dense.db")
    text = (FIXTURES / "wheat-exports.txt").read_text(encoding="utf-8")
    ids = stale_store(db, {"wheat-exports.txt": text})
    assert main(["reanalyze", "--db", db, "--embeddings", "-q"]) == 0
    with open_store(db, "write") as store:
        made = store.record(ids["wheat-exports.txt"])
        assert len(made.embedding) == 384
        store._execute("UPDATE articles SET record = REPLACE(record, ?, ?)", (NEW, OLD))
    assert main(["reanalyze", "--db", db, "-q"]) == 0  # not asked: the stored vector stays
    assert "re-analysed and updated                             1" in capsys.readouterr().out
    with open_store(db) as store:
        again = store.record(ids["wheat-exports.txt"])
        assert again.embedding == made.embedding and again.schema_version == SCHEMA_VERSION
