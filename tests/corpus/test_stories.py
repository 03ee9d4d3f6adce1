"""Stories and corpus entities at ingest, on short articles written for these tests.

Two look-alike earthquake stories (other towns, people and dates) stay apart; a
follow-up three days later and another outlet's report join their story; "Obama"
and "Barack Obama" are one corpus entity, two people named Kessler are not.
"""

from __future__ import annotations

import pytest

from storyline.corpus.store import Store
from storyline.models import Record

from .conftest import ingest_all, story


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
