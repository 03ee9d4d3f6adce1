"""The story view, timelines, recluster and corrections, on the articles of test_stories."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from storyline.cli import main
from storyline.corpus import (
    add_watch,
    clustering,
    corpus_entity,
    digest,
    duplicates,
    entities,
    merge_stories,
    move_article,
    recluster,
    stories,
    story,
    timeline,
    watches,
)
from storyline.corpus.ingest import write
from storyline.corpus.rows import Prepared
from storyline.corpus.store import Store
from storyline.corpus.store import stories as sql
from storyline.corpus.story import disagree, figure_key, merged_figures
from storyline.corpus.timeline import date_key
from storyline.errors import ArgumentError, NotFoundError
from storyline.ingest.items import Item
from storyline.models import Record
from storyline.pipeline import analyze_text

from .conftest import ingest_all, put
from .conftest import story as story_of


def partition(store: Store) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for m in sql.memberships(store):
        out.setdefault(int(m["story_id"]), []).append(int(m["article_id"]))
    return out


def test_a_figure_disagreement_between_sources_is_flagged(
    store: Store, told: dict[str, Record]
) -> None:
    ingest_all(store, told)
    view = story(store, story_of(store, "veloria-quake.txt"))
    deaths = [f for f in view["figures"] if f["frame"] == "deaths"]
    assert len(deaths) == 1
    # 12 killed, "14 dead", and the follow-up's "number of people killed ... risen to 14"
    assert sorted(v["value"] for v in deaths[0]["values"]) == [12.0, 14.0, 14.0]
    assert deaths[0]["disagreement"] is True
    toll = _article(store, "veloria-toll.txt")
    assert [v["text"] for v in deaths[0]["values"] if v["article_id"] == toll] == ["14"]
    homes = next(f for f in view["figures"] if f["concept"] == "homes")
    assert ({v["value"] for v in homes["values"]}, homes["disagreement"]) == ({230.0}, False)


@pytest.mark.parametrize(
    ("concept", "frame", "key"),
    [
        ("death toll from the quake", "death", ("people", "", "deaths")),
        ("toll", "rise", ("people", "", "deaths")),  # "the toll rose to 14"
        ("toll", None, ("people", "", "deaths")),
        ("people", "kill", ("people", "", "deaths")),
        ("tolling bells", "ring", ("tolling bells", "", "ring")),
    ],
)
def test_a_death_toll_counts_people(
    concept: str, frame: str | None, key: tuple[str, str, str]
) -> None:
    row = {"concept": concept, "value": 14.0, "unit": None, "data": {"frame": frame}}
    assert figure_key(row) == key


def test_a_toll_in_money_is_not_a_count_of_people() -> None:
    row = {"concept": "toll", "value": 3.5, "unit": "USD", "data": {"frame": "rise"}}
    assert figure_key(row) == ("toll", "USD", "")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Inflation climbed to 7.2% in May.", ("inflation", "percent", "")),
        ("Inflation reached 7.2% in May.", ("inflation", "percent", "")),
        ("Inflation stood at 7.2% in May.", ("inflation", "percent", "")),
        ("Inflation rose by 2% in May.", ("inflation", "percent", "up")),  # a change
        ("The storm damaged 230 homes.", ("homes", "", "damage")),
        ("The storm destroyed 40 homes.", ("homes", "", "destroy")),
    ],
)
def test_a_level_is_one_quantity_whichever_verb_reports_it(
    text: str, key: tuple[str, str, str]
) -> None:
    (figure,) = analyze_text(text).figures
    row = {"concept": figure.concept, "value": figure.value, "unit": figure.unit}
    assert figure_key(row | {"data": {"frame": figure.frame, "qualifier": figure.qualifier}}) == key


def _figure_rows(texts: list[str]) -> list[dict[str, object]]:
    """The figures of each text as the store gives them, article ids from 1."""
    return [
        {
            "article_id": i,
            "concept": f.concept,
            "value": f.value,
            "unit": f.unit,
            "text": f.text,
            "data": {"frame": f.frame, "qualifier": f.qualifier, "start": f.start, "end": f.end},
        }
        for i, text in enumerate(texts, 1)
        for f in analyze_text(text).figures
    ]


def test_a_story_s_dates_count_an_article_dated_by_its_month(
    store: Store, told: dict[str, Record]
) -> None:
    ingest_all(store, told, ["veloria-quake.txt", "veloria-wire.txt"])
    put(store, "veloria-toll.txt", _dated(told["veloria-toll.txt"], "2025-04"))
    veloria = story_of(store, "veloria-quake.txt")
    assert story_of(store, "veloria-toll.txt") == veloria
    shown = story(store, veloria)
    assert (shown["first_date"], shown["last_date"]) == ("2025-03-02", "2025-04")
    recluster(store)
    again = story(store, veloria)
    assert (again["first_date"], again["last_date"]) == ("2025-03-02", "2025-04")
    # an article of April 20 is inside the window; one of May 10, ten days after it
    assert clustering._gap("2025-04-20", "2025-03-02", "2025-04") == 0
    assert clustering._gap("2025-05-10", "2025-03-02", "2025-04") == 10
    assert clustering._gap("2024-12-31", "2025", "2025-03-02") == 1


def test_a_narrower_concept_is_the_broader_one_another_source_counts() -> None:
    rows = _figure_rows(
        [
            "The government freed 52 political prisoners on Monday.",
            "Officials said 50 prisoners were freed on Monday.",
        ]
    )
    members = {1: {"source": "Meridian Post"}, 2: {"source": "Harbor Times"}}
    (merged,) = merged_figures(rows, members)
    assert (merged["concept"], merged["frame"], merged["disagreement"]) == (
        "prisoners",
        "released",
        True,
    )
    assert [(v["value"], v["source"]) for v in merged["values"]] == [
        (50.0, "Harbor Times"),
        (52.0, "Meridian Post"),
    ]
    # An article that counts both counts two things: the political ones among all.
    rows = _figure_rows(
        [
            "The government freed 50 prisoners and 12 political prisoners on Monday.",
            "Officials said 50 prisoners were freed on Monday.",
        ]
    )
    (merged,) = merged_figures(rows, members)
    assert (merged["concept"], [v["value"] for v in merged["values"]]) == (
        "prisoners",
        [50.0, 50.0],
    )
    assert merged["disagreement"] is False


def test_the_story_view(store: Store, told: dict[str, Record]) -> None:
    ingest_all(store, told)
    sid = story_of(store, "veloria-quake.txt")
    view = story(store, sid, explain=True)
    assert view["title"] == "Earthquake kills 12 in Veloria as rescuers search rubble"
    assert (view["first_date"], view["last_date"], view["article_count"]) == (
        "2025-03-02", "2025-03-05", 3,
    )  # fmt: skip
    assert view["sources"] == ["Coast Wire", "North Herald"]
    assert {e["name"] for e in view["entities"][:2]} == {
        "Tomas Ferrante", "Veloria Civil Protection Agency",
    }  # fmt: skip
    assert view["quotes"][0]["speaker"] == "Tomas Ferrante"
    assert 3 <= len(view["summary"]) <= 5
    assert [e["decision"] for e in view["explain"]] == ["opened", "joined", "joined"]
    assert all(set(e["signals"]) >= {"text", "entities", "time"} for e in view["explain"][1:])
    kinds = [i["kind"] for i in view["timeline"]]
    assert kinds[0] == "article" and {"event", "quote", "figure"} <= set(kinds)
    keys = [date_key(i["date"]) for i in view["timeline"]]
    assert keys == sorted(keys)
    assert view["events"]
    for event in view["events"]:  # the sentence as the text has it, without the break after
        text = store.record(event["article_id"]).text
        assert text[event["start"] : event["end"]] == event["sentence"] == event["sentence"].strip()
    # on the timeline, each event with its type and trigger, so two of one sentence differ
    told_events = sorted(i["text"] for i in view["timeline"] if i["kind"] == "event")
    assert told_events == sorted(
        f"{e['type']} ({e['trigger']}): {e['sentence']}" for e in view["events"]
    )
    listed = {s["id"]: s for s in stories(store)}
    assert listed[sid]["article_count"] == 3
    assert [a["date"] for a in listed[sid]["articles"]] == [
        "2025-03-02",
        "2025-03-02",
        "2025-03-05",
    ]


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["2025-03-02", None, "2025-03", "2025", "2025-02-28"],
         ["2025", "2025-02-28", "2025-03", "2025-03-02", None]),
        # a week at its Monday (2025-03-03), a decade at its first year; a time of day
        # alone and a day without a year name no date, so they go with the undated
        (["15:00", "2025-W10", "2025-03-04", "--03-02", "2025-03-02T15:00", "1990s", "1990-06"],
         ["1990s", "1990-06", "2025-03-02T15:00", "2025-W10", "2025-03-04", "15:00", "--03-02"]),
        # a page's timestamp, with its zone
        (["2025-03-05T09:30:00+01:00", "2025-03-02", "2025-03-01T08:00:00Z", None],
         ["2025-03-01T08:00:00Z", "2025-03-02", "2025-03-05T09:30:00+01:00", None]),
    ],
)  # fmt: skip
def test_partial_dates_sort_at_the_start_of_their_period(
    dates: list[str | None], expected: list[str | None]
) -> None:
    assert sorted(dates, key=date_key) == expected


@pytest.mark.parametrize(
    ("given", "disagreement"),
    [
        ([("North", 12), ("North", 30), ("Coast", 30), ("Coast", 12)], False),  # two towns each
        ([("North", 52), ("Coast", 50)], True),
        ([("North", 12), ("North", 14), ("Coast", 14)], True),  # 12 given by one only
        ([("North", 50), ("North", 52)], False),  # one source alone
        ([("North", 7.0), ("Coast", 7.0), ("Wire", 7.0)], False),
    ],
)
def test_sources_disagree_when_one_gives_a_value_the_others_do_not(
    given: list[tuple[str, float]], disagreement: bool
) -> None:
    values = [{"source": source, "value": float(value)} for source, value in given]
    assert disagree(values) is disagreement


def test_an_entity_timeline_and_view(store: Store, told: dict[str, Record]) -> None:
    ingest_all(store, told)
    items = timeline(store, entity="Barack Obama")
    assert [i["date"] for i in items if i["kind"] == "article"] == ["2025-05-13", "2025-05-14"]
    assert {i["kind"] for i in items} >= {"article", "quote"}
    view = corpus_entity(store, "obama")
    assert view["name"] == "Barack Obama" and view["articles"] == 2
    said = [q["text"] for q in view["quotes_by"]]
    assert "city leaders to cut emissions from buildings and transport" in said
    assert any(q.startswith("You do not need to wait for permission") for q in said)
    # each event with its trigger, its sentence without the paragraph break after it
    assert [(e["date"], e["type"], e["trigger"], e["as"]) for e in view["events"]] == [
        ("2025-05-13", "REQUEST", "urging", ["sources"]),
        ("2025-05-14", "SUPPORT", "praised", ["sources"]),
    ]
    assert view["events"][1]["sentence"] == (
        "Obama praised the Lisbon City Council for opening cooling centres in libraries and"
        " schools during the summer."
    )
    with pytest.raises(ArgumentError, match="fits several corpus entities"):
        corpus_entity(store, "Kessler")
    with pytest.raises(NotFoundError):
        story(store, 999)


def test_recluster_equals_incremental_ingest(store: Store, told: dict[str, Record]) -> None:
    ingest_all(store, told)
    before = partition(store)
    assert recluster(store) == {"articles": len(told), "stories": len(before)}
    assert partition(store) == before


def test_corrections_survive_a_recluster(store: Store, told: dict[str, Record]) -> None:
    ingest_all(store, told)
    obama = story_of(store, "obama-visit.txt")
    maria, daniel = story_of(store, "kessler-maria.txt"), story_of(store, "kessler-daniel.txt")
    assert merge_stories(store, [maria, daniel]) == maria
    toll = story_of(store, "veloria-toll.txt")
    moved = move_article(store, _article(store, "veloria-toll.txt"), "new")
    assert story_of(store, "veloria-toll.txt") == moved != toll
    recluster(store)
    assert story_of(store, "kessler-daniel.txt") == story_of(store, "kessler-maria.txt") == maria
    assert story_of(store, "veloria-toll.txt") == moved
    assert story_of(store, "obama-visit.txt") == obama
    assert story(store, moved)["article_count"] == 1


def _with_a_near_copy(store: Store, told: dict[str, Record]) -> None:
    """The story articles, and "veloria-copy.txt": the Veloria quake report lightly edited."""
    ingest_all(store, told)
    quake = told["veloria-quake.txt"]
    edited = quake.text.replace("as far away as", "even in", 1)
    assert edited != quake.text
    assert (
        put(store, "veloria-copy.txt", analyze_text(edited, title=quake.metadata.title)) == "near"
    )


def test_a_copy_stays_folded_under_its_original_through_corrections_and_a_recluster(
    store: Store, told: dict[str, Record]
) -> None:
    _with_a_near_copy(store, told)
    original, copy = _article(store, "veloria-quake.txt"), _article(store, "veloria-copy.txt")
    folded = {int(m["article_id"]): m["copy_of"] for m in sql.memberships(store)}
    assert folded[copy] == original
    veloria = story_of(store, "veloria-quake.txt")
    count = story(store, veloria)["article_count"]
    merge_stories(store, [veloria, story_of(store, "krastova-quake.txt")])
    recluster(store)
    folded = {int(m["article_id"]): m["copy_of"] for m in sql.memberships(store)}
    assert folded[copy] == original
    assert story(store, veloria)["article_count"] == count + 1  # Krastova's article, not the copy


BREL = """KRASTOVA - "The Ferranteville road will stay closed until the bridge is safe," said \
Ana Brel, the governor of Krastova, on Monday.

Brel said engineers would need a month to repair the bridge, and that the army would run \
a ferry across the river in the meantime. Shops in the valley said trade had fallen by half.
"""


def test_an_entity_lists_each_fact_once_and_names_as_whole_words(
    store: Store, told: dict[str, Record]
) -> None:
    _with_a_near_copy(store, told)
    assert put(store, "brel.txt", analyze_text(BREL, title="Krastova road stays shut")) == "stored"
    ferrante = corpus_entity(store, "Tomas Ferrante")
    listed = [a["id"] for a in ferrante["articles_list"]]
    assert len(listed) == len(set(listed)) == ferrante["articles"]
    copy = _article(store, "veloria-copy.txt")
    assert {a["id"]: a["copy_of"] for a in ferrante["articles_list"]}[copy] == _article(
        store, "veloria-quake.txt"
    )
    quoted = [(q["article_id"], q["text"]) for q in ferrante["quotes_by"]]
    assert quoted and copy not in {a for a, _ in quoted} and len(set(quoted)) == len(quoted)
    assert not any("Ferranteville" in q["text"] for q in ferrante["quotes_about"])
    items = timeline(store, entity="Tomas Ferrante")
    assert copy not in {i["article_id"] for i in items if i["kind"] != "article"}


def test_entity_look_ups_say_what_is_wrong(store: Store, told: dict[str, Record]) -> None:
    ingest_all(store, told)
    with pytest.raises(ArgumentError, match="'thing' is not an entity type: one of PERSON, ORG"):
        entities(store, type="thing")
    assert {e["type"] for e in entities(store, type="person")} == {"PERSON"}
    for name in ("", "  ", "?!"):
        with pytest.raises(ArgumentError, match="is not a name: give a name or an id"):
            corpus_entity(store, name)


def test_a_name_shared_through_an_alias_by_another_kind_of_referent_stays_apart(
    target: str,
) -> None:
    from storyline.corpus import ingest

    walkthrough = Path(__file__).resolve().parents[2] / "docs" / "walkthrough"
    ingest(
        [str(walkthrough / "first.jsonl"), str(walkthrough / "second.jsonl")],
        target,
        progress=False,
    )
    agency = corpus_entity(target, "Veloria Civil Protection Agency")
    assert "Veloria" in agency["aliases"]  # what its articles call it
    town = corpus_entity(target, "Veloria")  # its own name comes first
    assert (town["name"], town["type"]) == ("Veloria", "NORP")
    assert town["id"] != agency["id"]


def test_a_merged_or_emptied_story_keeps_its_id_and_says_what_became_of_it(
    store: Store, told: dict[str, Record]
) -> None:
    ingest_all(store, told)
    maria, daniel = story_of(store, "kessler-maria.txt"), story_of(store, "kessler-daniel.txt")
    highest = max(sql.story_ids(store))
    merge_stories(store, [maria, highest] if highest != maria else [highest, daniel])
    gone = highest if highest != maria else daniel
    with pytest.raises(NotFoundError, match=f"story {gone} was merged into story "):
        story(store, gone)
    assert gone not in {s["id"] for s in stories(store)}
    moved = move_article(store, _article(store, "obama-visit.txt"), "new")
    emptied = story_of(store, "obama-visit.txt")
    assert moved == emptied and moved > highest  # a new id, never one given before
    obama = _article(store, "obama-visit.txt")
    back = story_of(store, "kessler-maria.txt")
    move_article(store, obama, back)
    with pytest.raises(NotFoundError, match=f"story {moved} was merged into story {back}"):
        story(store, moved)
    recluster(store)
    assert store.check() == []
    assert not {moved, gone} & set(sql.story_ids(store))  # their ids stay theirs
    with pytest.raises(NotFoundError, match=f"story {gone} was merged into story "):
        story(store, gone)


PIER = (
    "DUBLIN - Seán O'Brien, the harbour master, said on Monday that the new pier would open in"
    ' May. "We have waited ten years for this," O\'Brien told reporters. The boxer Dwayne "The'
    ' Rook" Pike, who grew up by the docks, cut the ribbon at the ceremony, and Pike said the'
    " town had changed beyond recognition."
)


@pytest.mark.parametrize(
    ("asked", "found"),
    [
        ("Sean O'Brien", "Seán O'Brien"),  # without its accent
        ("Dwayne Pike", 'Dwayne "The Rook" Pike'),  # without the nickname
        ("Seán O'Brien", "Seán O'Brien"),
    ],
)
def test_a_name_written_otherwise_is_found(store: Store, asked: str, found: str) -> None:
    assert put(store, "pier.txt", analyze_text(PIER, title="Dublin pier opens")) == "stored"
    assert corpus_entity(store, asked)["name"] == found


def test_a_name_without_the_accents_of_each_of_its_words_is_found(store: Store) -> None:
    text = "The activist José Núñez was freed from Osk prison on Monday, his lawyer said."
    assert put(store, "nunez.txt", analyze_text(text)) == "stored"
    for typed in ("Jose Nunez", "jose núñez", "Nunez"):
        assert corpus_entity(store, typed)["name"] == "José Núñez"


def test_a_role_written_in_two_cases_is_one_role(store: Store) -> None:
    told_first = (
        "Fire chief Tomas Reyes said the warehouse blaze in Osk was under control on Monday."
        " Crews from three towns fought the fire overnight."
    )
    told_again = (
        "The warehouse blaze in Osk was out by noon on Monday, said Tomas Reyes, the fire"
        " chief. Crews from three towns fought the fire overnight, he said."
    )
    for name, text in (("fire-1.txt", told_first), ("fire-2.txt", told_again)):
        assert put(store, name, analyze_text(text, title="Osk warehouse fire")) == "stored"
    assert corpus_entity(store, "Tomas Reyes")["roles"] == [
        {"text": "Fire chief", "articles": [1, 2]}
    ]
    (only,) = sql.story_ids(store)
    (reyes,) = [e for e in story(store, only)["entities"] if e["name"] == "Tomas Reyes"]
    assert reyes["roles"] == ["Fire chief"]


def test_the_entity_list_finds_a_name_with_either_apostrophe(store: Store) -> None:
    assert put(store, "pier.txt", analyze_text(PIER, title="Dublin pier opens")) == "stored"
    for typed in ("O'Brien", "O’Brien"):
        assert [e["name"] for e in entities(store, text=typed)] == ["Seán O'Brien"]


def test_a_recluster_of_a_store_without_articles(store: Store) -> None:
    assert recluster(store) == {"articles": 0, "stories": 0}


def _article(store: Store, name: str) -> int:
    (row,) = store.query("SELECT article_id FROM documents WHERE key = ?", (f"test:{name}",))
    return int(row["article_id"])


def test_story_commands(
    target: str, told: dict[str, Record], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from storyline.corpus.store import open_store

    with open_store(target, "create") as store:
        ingest_all(store, told)
        sid = story_of(store, "veloria-quake.txt")
    assert main(["stories", "--db", target, "-f", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert set(listed[0]) == {
        "id", "title", "article_count", "sources", "first_date", "last_date", "entities", "articles",
    }  # fmt: skip
    assert main(["story", str(sid), "--db", target, "--explain"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("# Earthquake kills 12 in Veloria")
    assert "| deaths" not in page and "**yes**" in page and "## Why these articles" in page
    chart = tmp_path / "t.svg"
    assert main(["timeline", "--story", str(sid), "--db", target, "--chart", str(chart)]) == 0
    assert "article" in capsys.readouterr().out
    whole = timeline(target, story=sid)
    assert main(["timeline", "--story", str(sid), "--db", target, "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == whole
    assert main(["timeline", "--story", str(sid), "--db", target, "-f", "json", "-n", "2"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == whole[:2]
    assert err == f"the first 2 of {len(whole)} items; without -n, all\n"
    svg = chart.read_text()
    assert svg.startswith("<svg") and "Articles per day" in svg and "<script" not in svg
    assert main(["entity", "Kessler", "--db", target]) == 2
    assert "fits several corpus entities" in capsys.readouterr().err
    assert main(["story", "999", "--db", target]) == 2
    assert "no story with id 999" in capsys.readouterr().err


def _dated(record: Record, date: str) -> Record:
    return replace(record, metadata=replace(record.metadata, date=date))


def test_a_story_a_recluster_leaves_without_articles_keeps_its_id(
    store: Store, told: dict[str, Record]
) -> None:
    # Ingested out of date order, the report of the 12th opens a story of its own (ten
    # days after the first); in date order it comes after the 6th's and joins them.
    for name, date in (("veloria-toll.txt", "2025-03-02"), ("veloria-quake.txt", "2025-03-12"),
                       ("veloria-wire.txt", "2025-03-06")):  # fmt: skip
        put(store, name, _dated(told[name], date))
    assert sorted(partition(store).values()) == [[1, 3], [2]]
    add_watch(store, "later", story=2)
    recluster(store)
    assert partition(store) == {1: [1, 2, 3]}
    with pytest.raises(NotFoundError, match="story 2 was merged into story 1"):
        story(store, 2)
    assert [w["criteria"] for w in watches(store)] == [{"story": 1}]
    put(store, "krastova-quake.txt", told["krastova-quake.txt"])
    assert story_of(store, "krastova-quake.txt") == 3  # 2 is never given again
    assert store.check() == []


SCHOOLS = """Veloria schools stay shut as engineers check for quake damage

Engineers began inspecting every school in Veloria on Tuesday, and classes will not \
resume until each building is declared safe, the Veloria Civil Protection Agency said. \
Strong aftershocks rattled the town overnight, and hundreds of survivors are still \
sleeping in tents. Mayor Tomas Ferrante said the town would rebuild, and that the \
search of the rubble would end within days.
"""


def test_a_moved_article_stays_apart_through_a_recluster(
    store: Store, told: dict[str, Record]
) -> None:
    ingest_all(store, told, ["veloria-quake.txt", "veloria-toll.txt"])
    quake = story_of(store, "veloria-quake.txt")
    assert story_of(store, "veloria-toll.txt") == quake
    moved = move_article(store, _article(store, "veloria-toll.txt"), "new")
    # A report ingested after the move joins the toll's story, but it is dated the day
    # before the toll's: in the replay its turn comes first, when only the quake's
    # story exists, so it joins that one, and the toll still goes apart.
    schools = _dated(analyze_text(SCHOOLS), "2025-03-04")
    assert put(store, "schools.txt", schools) == "stored"
    assert story_of(store, "schools.txt") == moved
    recluster(store)
    assert story_of(store, "schools.txt") == story_of(store, "veloria-quake.txt") == quake
    assert story_of(store, "veloria-toll.txt") == moved
    assert story(store, moved)["article_count"] == 1


def test_an_article_moved_into_a_story_stays_with_its_articles(
    store: Store, told: dict[str, Record]
) -> None:
    ingest_all(store, told)
    krastova = story_of(store, "krastova-quake.txt")
    veloria = story_of(store, "veloria-quake.txt")
    add_watch(store, "krastova", story=krastova)
    move_article(store, _article(store, "krastova-quake.txt"), veloria)
    # The story it left has no article: it is merged into the one it went to, and its
    # watch follows, as after a merge.
    with pytest.raises(NotFoundError, match=f"story {krastova} was merged into story {veloria}"):
        story(store, krastova)
    assert [w["criteria"] for w in watches(store)] == [{"story": veloria}]
    recluster(store)
    assert story_of(store, "krastova-quake.txt") == story_of(store, "veloria-quake.txt") == veloria
    assert story_of(store, "veloria-toll.txt") == veloria
    with pytest.raises(NotFoundError, match=f"story {krastova} was merged into story {veloria}"):
        story(store, krastova)


def test_an_article_moved_to_a_story_of_its_own_stays_apart_from_those_it_left(
    store: Store, told: dict[str, Record]
) -> None:
    ingest_all(store, told)
    veloria = story_of(store, "veloria-quake.txt")
    assert story_of(store, "veloria-wire.txt") == story_of(store, "veloria-toll.txt") == veloria
    quake = _article(store, "veloria-quake.txt")
    moved = move_article(store, quake, "new")
    # The quake report is the story's first in date order: in the replay it opens its
    # story again, and the two it left stay together, apart from it.
    recluster(store)
    assert story_of(store, "veloria-quake.txt") == moved
    assert story_of(store, "veloria-wire.txt") == story_of(store, "veloria-toll.txt") == veloria
    assert story(store, moved)["article_count"] == 1
    with pytest.raises(ArgumentError, match=f"article {quake} is in story {moved} already"):
        move_article(store, quake, moved)


def test_explain_after_a_merge_says_a_person_placed_the_articles(
    store: Store, told: dict[str, Record]
) -> None:
    ingest_all(store, told)
    maria, daniel = story_of(store, "kessler-maria.txt"), story_of(store, "kessler-daniel.txt")
    before = {e["article_id"]: e for e in story(store, daniel, explain=True)["explain"]}
    (weighed,) = before.values()
    assert weighed["decision"] == "opened" and weighed["runner_up"]["story"] == maria
    keep = merge_stories(store, [maria, daniel])
    shown = {e["article_id"]: e for e in story(store, keep, explain=True)["explain"]}
    assert {e["decision"] for e in shown.values()} == {"manual"}
    # the story it was weighed against is its own now: no runner-up
    assert shown[weighed["article_id"]]["runner_up"] is None
    assert shown[weighed["article_id"]]["signals"] == weighed["signals"]


def test_a_copy_dated_before_its_original_becomes_the_original_at_ingest(
    store: Store, told: dict[str, Record]
) -> None:
    ingest_all(store, told)
    quake = told["veloria-quake.txt"]
    edited = quake.text.replace("as far away as", "even in", 1)
    early = _dated(analyze_text(edited, title=quake.metadata.title), "2025-03-01")
    assert put(store, "veloria-early.txt", early) == "near"
    original, copy = _article(store, "veloria-quake.txt"), _article(store, "veloria-early.txt")
    veloria = story_of(store, "veloria-quake.txt")
    # As the duplicate group has it: the earliest dated is the original.
    assert (_placed(store)[copy], _placed(store)[original]) == ((veloria, None), (veloria, copy))
    (group,) = [g for g in duplicates(store) if len(g["members"]) == 2]
    assert group["original_article"] == copy
    shown = story(store, veloria)
    assert shown["first_date"] == "2025-03-01"
    (first,) = [a for a in shown["articles"] if a["id"] == copy]
    assert [c["source"] for c in first["copies"]] == ["North Herald"]
    placed = _placed(store)
    recluster(store)
    assert _placed(store) == placed


def test_a_story_of_one_article_takes_the_dates_of_the_copy_that_came_first(
    store: Store, told: dict[str, Record]
) -> None:
    ingest_all(store, told, ["krastova-quake.txt"])
    krastova = story_of(store, "krastova-quake.txt")
    quake = told["krastova-quake.txt"]
    edited = quake.text.replace("over the weekend", "on Saturday and Sunday", 1)
    assert edited != quake.text
    early = _dated(analyze_text(edited, title=quake.metadata.title), "2025-06-19")
    assert put(store, "krastova-early.txt", early) == "near"
    shown = story(store, krastova)
    # the copy is the story's only original: its date is the story's, the later one's not
    assert (shown["first_date"], shown["last_date"]) == ("2025-06-19", "2025-06-19")
    recluster(store)
    assert (
        story(store, krastova)["first_date"]
        == story(store, krastova)["last_date"]
        == ("2025-06-19")
    )


def test_a_near_copy_moved_away_is_counted_as_an_original(
    store: Store, told: dict[str, Record]
) -> None:
    _with_a_near_copy(store, told)
    move_article(store, _article(store, "veloria-copy.txt"), "new")
    assert store.check() == []  # its terms in the frequencies, as every original's


def test_a_place_s_name_stays_the_place_s_when_a_person_has_it_as_a_surname(
    store: Store,
) -> None:
    place = "Jordan closed its border crossing with Syria on Monday, officials in Amman said."
    person = "The basketball star Michael Jordan opened a clinic in Charlotte on Friday."
    put(store, "jordan.txt", analyze_text(place))
    put(store, "michael-jordan.txt", analyze_text(person))
    assert (corpus_entity(store, "Jordan")["name"], corpus_entity(store, "Jordan")["type"]) == (
        "Jordan",
        "GPE",
    )


def test_a_story_s_sources_count_exact_and_near_copies_alike(
    store: Store, told: dict[str, Record]
) -> None:
    ingest_all(store, told)
    veloria = story_of(store, "veloria-quake.txt")
    assert story(store, veloria)["sources"] == ["Coast Wire", "North Herald"]
    record = told["veloria-quake.txt"]
    item = Item(key="test:veloria-harbour.txt", source="Harbour Times")
    assert write(store, item, Prepared.of(record, "Harbour Times"), 0.8) == "duplicate"
    assert story(store, veloria)["sources"] == ["Coast Wire", "Harbour Times", "North Herald"]


def test_library_calls_check_their_arguments(store: Store, told: dict[str, Record]) -> None:
    ingest_all(store, told)
    with pytest.raises(NotFoundError, match=f"no story with id {2**70}"):
        story(store, 2**70)
    with pytest.raises(NotFoundError, match=f"no story with id {2**70}"):
        timeline(store, story=2**70)
    with pytest.raises(NotFoundError, match=f"no article with id {2**70}"):
        move_article(store, 2**70, "new")
    with pytest.raises(ArgumentError, match="story: '1' is not an id"):
        add_watch(store, "one", story="1")  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match="since: 'garbage' is not a date"):
        digest(store, since="garbage")
    with pytest.raises(ArgumentError, match="leave it out to digest every watch"):
        digest(store, watch="")


def test_a_digest_since_a_day_counts_an_article_dated_by_its_month(
    store: Store, told: dict[str, Record]
) -> None:
    put(store, "kessler-maria.txt", _dated(told["kessler-maria.txt"], "2025-04"))
    (section,) = digest(store, since="2025-04-10")["watches"]
    assert section["articles"] == 1
    (section,) = digest(store, since="2025-05-01")["watches"]
    assert section["articles"] == 0


def _toll_moved_with_copies(
    store: Store, told: dict[str, Record], *dates: str
) -> tuple[int, int, list[int]]:
    """The quake and its toll report, the toll moved to a story of its own, then copies of
    the toll, each lightly edited from the one before and dated as given: the toll's id,
    its story's, and the copies' ids."""
    ingest_all(store, told, ["veloria-quake.txt", "veloria-toll.txt"])
    toll = _article(store, "veloria-toll.txt")
    moved = move_article(store, toll, "new")
    text, title = told["veloria-toll.txt"].text, told["veloria-toll.txt"].metadata.title
    copies = []
    for i, (date, words) in enumerate(zip(dates, ("evening", "night"), strict=False)):
        edited = text.replace("on Wednesday", f"on Wednesday {words}", 1)
        copy = _dated(analyze_text(edited, title=title), date)
        assert put(store, f"toll-copy-{i}.txt", copy) == "near"
        copies.append(_article(store, f"toll-copy-{i}.txt"))
        text = edited  # the next is edited from this one
    return toll, moved, copies


def _placed(store: Store) -> dict[int, tuple[int, int | None]]:
    return {
        int(m["article_id"]): (int(m["story_id"]), m["copy_of"]) for m in sql.memberships(store)
    }


def test_copies_of_placed_articles_are_folded_and_not_counted_through_a_recluster(
    store: Store, told: dict[str, Record]
) -> None:
    toll, moved, copies = _toll_moved_with_copies(store, told, "2025-03-05", "2025-03-06")
    # the second is nearest to the first copy, a copy of a copy: both under the original
    assert [_placed(store)[c] for c in copies] == [(moved, toll), (moved, toll)]
    assert sql.frequencies(store, [])[""] == 2
    recluster(store)
    assert [_placed(store)[c] for c in copies] == [(moved, toll), (moved, toll)]
    assert sql.frequencies(store, [])[""] == 2
    assert story(store, moved)["article_count"] == 1
    assert story_of(store, "veloria-quake.txt") != moved


def test_a_copy_dated_before_the_article_a_person_moved_goes_with_it(
    store: Store, told: dict[str, Record]
) -> None:
    # stored after the move, dated the day before the toll: its turn comes first
    toll, moved, (copy,) = _toll_moved_with_copies(store, told, "2025-03-04")
    recluster(store)
    placed = _placed(store)
    assert (placed[copy], placed[toll]) == ((moved, None), (moved, copy))  # first dated first
    assert story(store, moved)["article_count"] == 1
    assert sql.frequencies(store, [])[""] == 2  # the quake and the toll: the copy not counted
    recluster(store)  # and again: the same
    assert _placed(store) == placed
