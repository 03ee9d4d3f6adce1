"""Stories and corpus entities at ingest, on short articles written for these tests.

Two look-alike earthquake stories (other towns, people and dates) stay apart, even
told the same week or undated; a follow-up three days later and another outlet's
report join their story, while one a year later opens its own; two undated floods
of one town told in the same words years apart stay apart by the years they name; "Obama"
and "Barack Obama" are one corpus entity, two people named Kessler are not.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from typing import Any

import pytest

from storyline.corpus import clustering, linking
from storyline.corpus.assign import best_two
from storyline.corpus.entity import entity, resolve
from storyline.corpus.store import Store
from storyline.errors import ArgumentError, NotFoundError
from storyline.models import RawDocument, Record
from storyline.pipeline import Failure, analyze_many, analyze_text

from .conftest import STORIES, ingest_all, put, story


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


def dated(record: Record, date: str | None) -> Record:
    return replace(record, metadata=replace(record.metadata, date=date))


@pytest.mark.parametrize("date", ["2025-03-03", None])
def test_look_alikes_of_the_same_week_stay_apart(
    store: Store, told: dict[str, Record], date: str | None
) -> None:
    """Two earthquakes told in the same words a day apart, or both undated: other town,
    people and figures keep them apart, with no help from the calendar."""
    veloria = ["veloria-quake.txt", "veloria-wire.txt", "veloria-toll.txt"]
    articles = {n: dated(told[n], date and told[n].metadata.date) for n in veloria}
    articles["krastova-quake.txt"] = dated(told["krastova-quake.txt"], date)
    ingest_all(store, articles, [*veloria, "krastova-quake.txt"])
    assert len({story(store, n) for n in veloria}) == 1
    assert story(store, "krastova-quake.txt") != story(store, "veloria-quake.txt")


def test_a_story_fades_with_the_days_since_its_last_article(
    store: Store, told: dict[str, Record]
) -> None:
    """The toll report, were it written a year after the quake, opens a story of its own:
    its words still match, but the time factor leaves nothing of them."""
    late = {**told, "veloria-toll.txt": dated(told["veloria-toll.txt"], "2026-03-05")}
    ingest_all(store, late, ["veloria-quake.txt", "veloria-wire.txt", "veloria-toll.txt"])
    assert story(store, "veloria-wire.txt") == story(store, "veloria-quake.txt")
    assert story(store, "veloria-toll.txt") != story(store, "veloria-quake.txt")
    (member,) = store.query(
        "SELECT m.data FROM story_articles m JOIN documents d ON d.article_id = m.article_id"
        " WHERE d.key = ?",
        ("test:veloria-toll.txt",),
    )
    runner = json.loads(member["data"])["runner_up"]
    assert runner["signals"]["text"] > 0.3
    assert runner["signals"]["time"] < 0.001
    assert runner["score"] < 0.001


def test_a_decision_keeps_the_event_signal_it_does_not_weigh(
    store: Store, told: dict[str, Record]
) -> None:
    """The event types weigh nothing (``WEIGHTS``) but are shown for the story joined and
    the runner-up: the cosine of the article's types with the story's."""
    ingest_all(store, told, ["veloria-quake.txt", "krastova-quake.txt", "veloria-toll.txt"])
    (member,) = store.query(
        "SELECT m.data FROM story_articles m JOIN documents d ON d.article_id = m.article_id"
        " WHERE d.key = ?",
        ("test:veloria-toll.txt",),
    )
    data = json.loads(member["data"])

    def types(name: str) -> Counter[str]:
        return Counter(e.type for e in told[name].events if not e.negated)

    def cosine(other: str) -> float:
        return round(clustering._cosine(types("veloria-toll.txt"), types(other)), 4)

    assert clustering.WEIGHTS["events"] == 0.0
    assert data["decision"] == "joined"
    assert data["signals"]["events"] == cosine("veloria-quake.txt") > 0
    assert data["runner_up"]["signals"]["events"] == cosine("krastova-quake.txt") > 0


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
    third = analyze_text(
        "The teacher Anna Kessler opened the new school library on Friday. "
        '"Every child in the valley can borrow a book now," Anna Kessler said.'
    )
    assert put(store, "kessler-anna.txt", third) == "stored"
    anna = corpus_entity(store, "kessler-anna.txt", "Anna Kessler")
    assert len({maria["id"], daniel["id"], anna["id"]}) == 3
    found = corpus_entity(store, "kessler-maria.txt", "Maria Kessler")
    assert (found["ambiguous"], anna["ambiguous"]) == (1, 1)  # the third marked, the first kept


SHORT_KESSLER = '"We will not close the school," Kessler told reporters in Veloria on Monday.'


def test_a_short_name_after_two_namesakes_joins_neither(
    store: Store, told: dict[str, Record]
) -> None:
    ingest_all(store, told, ["kessler-maria.txt"])
    # Before Daniel Kessler comes, the short name is the one Kessler's.
    assert put(store, "kessler-short-1.txt", analyze_text(SHORT_KESSLER)) == "stored"
    maria = corpus_entity(store, "kessler-maria.txt", "Maria Kessler")
    assert corpus_entity(store, "kessler-short-1.txt", "Kessler")["id"] == maria["id"]
    ingest_all(store, told, ["kessler-daniel.txt"])
    # After, it may be either of them: an entity of its own.
    again = analyze_text(SHORT_KESSLER.replace("Monday", "Tuesday"))
    assert put(store, "kessler-short-2.txt", again) == "stored"
    daniel = corpus_entity(store, "kessler-daniel.txt", "Daniel Kessler")
    short = corpus_entity(store, "kessler-short-2.txt", "Kessler")
    assert len({maria["id"], daniel["id"], short["id"]}) == 3
    assert (short["name"], short["articles"]) == ("Kessler", 1)
    with pytest.raises(ArgumentError, match="'Kessler' fits several corpus entities: ") as err:
        resolve(store, "Kessler")
    listed = [int(part.split()[0]) for part in str(err.value).split(": ", 1)[1].split("; ")[:-1]]
    assert listed == sorted(
        int(str(e["id"])) for e in (maria, daniel, short)
    )  # by id, on both backends
    with pytest.raises(NotFoundError, match="no corpus entity named '²'"):
        resolve(store, "²")  # a digit to str.isdigit(), not to int()


def test_a_full_name_does_not_take_over_a_short_name_of_another_kind(store: Store) -> None:
    # "Brandt said" is typed an organisation: the envoy's full name does not take it
    # over, whichever comes first, so the two orders give the same entities.
    short = analyze_text("Brandt said the talks on the dam would resume next week in Veloria.")
    full = analyze_text("US envoy Thomas Brandt arrived in Veloria on Monday for talks on the dam.")
    assert (short.entities[0].name, short.entities[0].type) == ("Brandt", "ORG")
    put(store, "brandt-short.txt", short)
    put(store, "brandt-full.txt", full)
    person = corpus_entity(store, "brandt-full.txt", "Thomas Brandt")
    other = corpus_entity(store, "brandt-short.txt", "Brandt")
    assert (person["name"], person["type"], other["name"], other["type"]) == (
        "Thomas Brandt",
        "PERSON",
        "Brandt",
        "ORG",
    )


def test_a_new_role_is_kept_when_one_role_is_given_again_and_again(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linking, "ROLES_KEPT", 2)
    monkeypatch.setattr(linking, "ROLE_ARTICLES", 2)
    text = (
        "Mayor Elena Markovic opened the new bridge in Veloria on {day}. "
        '"It joins the two halves of the town," Markovic said.'
    )
    for i, day in enumerate(("Monday", "Tuesday", "Wednesday")):
        put(store, f"mayor-{i}.txt", analyze_text(text.format(day=day)))
    promoted = text.replace("Mayor", "Governor").format(day="Friday")
    put(store, "governor.txt", analyze_text(promoted))
    found = entity(store, "Elena Markovic")
    assert found["roles"] == [
        {"text": "Mayor", "articles": [1, 2]},
        {"text": "Governor", "articles": [4]},
    ]


FLOODS = ["belmira-flood.txt", "belmira-again.txt", "belmira-cost.txt"]


@pytest.fixture(scope="module")
def floods(nlp: object) -> dict[str, Record]:
    """Undated: the 2019 flood of a town, its 2024 flood in the same words, the 2019 bill."""
    raws = [RawDocument(data=(STORIES / name).read_bytes(), source=name) for name in FLOODS]
    out = {}
    for raw, result in zip(raws, analyze_many(raws), strict=True):
        assert not isinstance(result, Failure), result
        out[raw.source] = result
    return out


def test_undated_look_alikes_of_other_years_stay_apart(
    store: Store, floods: dict[str, Record]
) -> None:
    """Same town, river, council leader and words, no publication dates: the years the
    texts name (2019, 2024) tell the second flood from the first, and the bill for the
    first, naming April 2019, joins it."""
    for name in FLOODS:
        put(store, name, floods[name])
    first = story(store, "belmira-flood.txt")
    assert story(store, "belmira-again.txt") != first
    assert story(store, "belmira-cost.txt") == first
    (member,) = store.query(
        "SELECT m.data FROM story_articles m JOIN documents d ON d.article_id = m.article_id"
        " WHERE d.key = ?",
        ("test:belmira-again.txt",),
    )
    runner = json.loads(member["data"])["runner_up"]
    assert runner["signals"]["years"] == 0.0
    assert (
        runner["score"]
        < clustering.THRESHOLD
        <= clustering.combine({**runner["signals"], "years": 1.0})
    )


def test_without_the_years_the_two_floods_are_one_story(
    store: Store, floods: dict[str, Record], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clustering, "YEARS", 0.0)
    for name in FLOODS:
        put(store, name, floods[name])
    assert len({story(store, name) for name in FLOODS}) == 1


def test_stories_that_cannot_win_are_not_scored(monkeypatch: pytest.MonkeyPatch) -> None:
    """Candidates are scored in the order of their time and years factors, and scoring
    stops at the first whose factors cannot beat the second best: the two best are
    those scoring every candidate gives, with their signals."""
    found = clustering.Features(
        terms={"quake": 3.0, "town": 2.0, "rescue": 1.0, "school": 1.0},
        entities={},
        figures=set(),
        events=Counter(),
        date="2025-03-10",
        title=None,
    )
    clustering.weigh(found, {"": 10})

    def row(story_id: int, first: str, last: str, centroid: dict[str, float]) -> dict[str, Any]:
        data = {"n": 2, "centroid": centroid, "entities": {}, "figures": {}, "events": {}}
        return {"id": story_id, "first_date": first, "last_date": last, "data": data}

    rows = [  # 2 and 3 are active on the article's day; 1 and 5 ended 30 days before, 4 90
        row(1, "2025-01-09", "2025-02-08", {"quake": 0.9, "town": 0.4}),
        row(2, "2025-03-08", "2025-03-11", {"quake": 0.5, "school": 0.5, "court": 0.7}),
        row(3, "2025-03-01", "2025-03-12", {"quake": 0.7, "town": 0.6, "rescue": 0.3}),
        row(4, "2024-12-01", "2024-12-10", {"quake": 0.9, "town": 0.4, "rescue": 0.2}),
        row(5, "2025-01-01", "2025-02-08", {"quake": 0.9, "town": 0.5}),
    ]
    scored: list[int] = []
    signals = clustering.signals

    def counted(found: clustering.Features, story: dict[str, Any], *args: Any, **kw: Any) -> Any:
        scored.append(story["id"])
        return signals(found, story, *args, **kw)

    monkeypatch.setattr(clustering, "signals", counted)
    best = best_two(found, rows, clustering.Idf({"": 10}))
    every = sorted(
        (
            (clustering.combine(s), s, r)
            for r in rows
            for s in [signals(found, r, clustering.Idf({"": 10}), weighed_only=True)]
        ),
        key=lambda x: (-x[0], x[2]["id"]),
    )
    assert [(score, s, r["id"]) for score, s, r in best] == [
        (score, s, r["id"]) for score, s, r in every[:2]
    ]
    assert [r["id"] for _, _, r in every] == [3, 2, 5, 1, 4]
    # 5, 1 and 4 could score at most 0.1173, 0.1173 and 0.0016: under story 2's 0.5114.
    assert scored == [2, 3]


def test_the_ceiling_counts_a_dense_vector_a_little_longer_than_one() -> None:
    """A unit vector's parts rounded to 4 places may make it a little longer than 1, and
    its dense cosine too: the most an article can score counts that length."""
    found = clustering.Features(
        terms={},
        entities={},
        figures=set(),
        events=Counter(),
        date=None,
        title=None,
        dense=(0.6002, 0.8002),  # of length 1.00028
    )
    factors = {"time": 0.9292, "years": 0.1}
    assert clustering.combine({"text": 1.0, "dense": 1.0003, **factors}) == 0.6505
    assert clustering.ceiling(factors, clustering.most(found)) == 0.6506
    assert clustering.ceiling(factors, clustering.most(replace(found, dense=()))) == 0.6504


def test_a_long_story_profile_keeps_its_most_counted_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(clustering.BOUNDS, "profile_keys", 4)
    profile: dict[str, Any] = {}
    idf = clustering.Idf({"": 10})
    for i in (7, 1, 5, 3, 9, 2, 3):  # every article names e:0, and one more person
        found = clustering.Features(
            terms={"quake": 1.0},
            entities={"e:0": 2, f"e:{i}": 1},
            figures=set(),
            events=Counter(),
            date=None,
            title=None,
        )
        clustering.weigh(found, {"": 10})
        # as stored: keys in sorted order, whatever order they came in
        profile = json.loads(json.dumps(clustering.absorb(profile, found, idf), sort_keys=True))
        assert len(profile["entities"]) <= 4
        assert f"e:{i}" in profile["entities"]  # the article's own keys stay, among equals
    # e:0 in all seven; e:3 named twice; then the first in order among the rest
    assert profile["entities"] == {"e:0": 7, "e:1": 1, "e:2": 1, "e:3": 2}
    assert profile["n"] == 7
