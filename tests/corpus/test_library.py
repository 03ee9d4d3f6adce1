"""``storyline.Corpus``: the corpus functions as methods of one open store, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline import Corpus
from storyline.corpus import entities, stories, story, timeline, watches
from storyline.corpus.query import show
from storyline.errors import ReadOnlyStoreError, StoreNotFoundError

from .conftest import STORIES


def _files(*names: str) -> list[str]:
    return [str(STORIES / n) for n in names]


def test_a_corpus_answers_as_the_functions_do(target: str) -> None:
    with Corpus(target, mode="create") as corpus:
        summary = corpus.ingest(_files("veloria-quake.txt", "veloria-wire.txt", "obama-visit.txt"))
        assert (summary.stored, summary.failed) == (3, [])
        assert corpus.add_watch("veloria", entity="Tomas Ferrante")["criteria"] == {
            "entity": corpus.entity("Tomas Ferrante")["id"],
            "entity_name": "Tomas Ferrante",
        }
        assert [w["name"] for w in corpus.watches()] == ["veloria"]
        (section,) = corpus.digest(watch="veloria")["watches"]
        assert section["articles"] == 0  # none was stored since the watch was made
        (section,) = corpus.digest(watch="veloria", since="2025-01-01")["watches"]
        assert section["articles"] == 2  # the two Veloria articles name him
    with Corpus(target) as corpus:
        listed = corpus.stories()
        assert sorted(s["article_count"] for s in listed) == [1, 2]
        veloria = next(s for s in listed if s["article_count"] == 2)
        assert "Veloria" in veloria["title"]
        assert listed == stories(target)
        assert corpus.story(veloria["id"]) == story(target, veloria["id"])
        assert corpus.timeline(story=veloria["id"]) == timeline(target, story=veloria["id"])
        assert corpus.timeline(entity="Tomas Ferrante") == timeline(target, entity="Tomas Ferrante")
        assert corpus.entities(type="PERSON") == entities(target, type="PERSON")
        found = corpus.search("Veloria rubble")
        assert [r["id"] for r in found] == [veloria["articles"][0]["id"]]
        assert corpus.article(found[0]["id"]) == show(target, found[0]["id"])
        assert [a["id"] for a in corpus.articles(limit=5)["items"]] == [3, 2, 1]
        assert corpus.watches() == watches(target)


def test_a_corpus_opened_to_read_refuses_to_write(target: str) -> None:
    with Corpus(target, mode="create") as corpus:
        corpus.ingest(_files("obama-visit.txt"))
    with Corpus(target) as corpus:
        with pytest.raises(ReadOnlyStoreError, match="opened to read; add_watch needs"):
            corpus.add_watch("obama", query="Obama")
        with pytest.raises(ReadOnlyStoreError, match="opened to read; ingest needs"):
            corpus.ingest(_files("obama-speech.txt"))
        assert corpus.watches() == []
        assert len(corpus.articles()["items"]) == 1


def test_a_missing_store_is_not_created(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFoundError, match="no store there"):
        Corpus(f"{tmp_path}/missing.db")
