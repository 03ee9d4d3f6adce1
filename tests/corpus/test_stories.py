"""Stories and corpus entities at ingest, on short articles written for these tests.

Two look-alike earthquake stories (other towns, people and dates) stay apart; a
follow-up three days later and another outlet's report join their story; "Obama"
and "Barack Obama" are one corpus entity, two people named Kessler are not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.corpus.store import Store
from storyline.corpus.store import stories as sql
from storyline.models import RawDocument, Record
from storyline.pipeline import Failure, analyze_many

from .conftest import put

HERE = Path(__file__).parent / "stories"
# name -> (date, outlet)
ARTICLES = {
    "veloria-quake.txt": ("2025-03-02", "North Herald"),
    "veloria-wire.txt": ("2025-03-02", "Coast Wire"),
    "kessler-maria.txt": ("2025-04-05", "North Herald"),
    "kessler-daniel.txt": ("2025-04-07", "North Herald"),
    "veloria-toll.txt": ("2025-03-05", "North Herald"),
    "obama-visit.txt": ("2025-05-13", "Coast Wire"),
    "obama-speech.txt": ("2025-05-14", "North Herald"),
    "krastova-quake.txt": ("2025-06-20", "Coast Wire"),
}


@pytest.fixture(scope="session")
def told(nlp: object) -> dict[str, Record]:
    """The articles analysed once, by file name."""
    raws = [
        RawDocument(data=(HERE / name).read_bytes(), source=name, date=date)
        for name, (date, _) in ARTICLES.items()
    ]
    out = {}
    for raw, result in zip(raws, analyze_many(raws), strict=True):
        assert not isinstance(result, Failure), result
        out[raw.source] = result
    return out


def ingest_all(store: Store, told: dict[str, Record], order: list[str] | None = None) -> None:
    for name in order or sorted(told, key=lambda n: (ARTICLES[n][0], n)):
        put(store, name, told[name])


def story(store: Store, name: str) -> int:
    (row,) = store.query(
        "SELECT a.id FROM articles a JOIN documents d ON d.article_id = a.id WHERE d.key = ?",
        (f"test:{name}",),
    )
    found = sql.story_of(store, int(row["id"]))
    assert found is not None
    return found


def corpus_entity(store: Store, name: str, entity_name: str) -> dict[str, object]:
    (row,) = store.query(
        "SELECT c.* FROM entities e JOIN corpus_entities c ON c.id = e.corpus_id"
        " JOIN documents d ON d.article_id = e.article_id WHERE d.key = ? AND e.name = ?",
        (f"test:{name}", entity_name),
    )
    return row


def test_look_alike_stories_stay_apart(store: Store, told: dict[str, Record]) -> None:
    ingest_all(store, told)
    assert story(store, "krastova-quake.txt") != story(store, "veloria-quake.txt")


def test_a_follow_up_and_another_outlet_join_their_story(
    store: Store, told: dict[str, Record]
) -> None:
    ingest_all(store, told)
    first = story(store, "veloria-quake.txt")
    assert story(store, "veloria-toll.txt") == first
    assert story(store, "veloria-wire.txt") == first
    members = store.query(
        "SELECT data FROM story_articles WHERE story_id = ? ORDER BY seq", (first,)
    )
    assert [m["data"].count('"decision":"joined"') for m in members] == [0, 1, 1]


def test_unrelated_articles_open_their_own_stories(store: Store, told: dict[str, Record]) -> None:
    ingest_all(store, told)
    stories = {story(store, name) for name in told}
    assert story(store, "kessler-maria.txt") != story(store, "kessler-daniel.txt")
    assert story(store, "obama-visit.txt") not in {story(store, "veloria-quake.txt")}
    assert len(stories) >= 5


@pytest.mark.parametrize(
    "order", [["obama-visit.txt", "obama-speech.txt"], ["obama-speech.txt", "obama-visit.txt"]]
)
def test_a_short_name_joins_the_full_name(
    store: Store, told: dict[str, Record], order: list[str]
) -> None:
    ingest_all(store, told, order)
    full = corpus_entity(store, "obama-visit.txt", "Barack Obama")
    short = corpus_entity(store, "obama-speech.txt", "Obama")
    assert full["id"] == short["id"]
    assert (full["name"], full["type"], full["articles"], full["ambiguous"]) == (
        "Barack Obama", "PERSON", 2, 0,
    )  # fmt: skip


def test_two_people_sharing_a_surname_stay_apart(store: Store, told: dict[str, Record]) -> None:
    ingest_all(store, told, ["kessler-maria.txt", "kessler-daniel.txt"])
    maria = corpus_entity(store, "kessler-maria.txt", "Maria Kessler")
    daniel = corpus_entity(store, "kessler-daniel.txt", "Daniel Kessler")
    assert maria["id"] != daniel["id"]
    assert (maria["ambiguous"], daniel["ambiguous"]) == (1, 1)
