"""Every query, as a library function, on both backends."""

from __future__ import annotations

import pytest

from storyline.corpus import entities, events, quotes, search, show
from storyline.corpus.store import Store
from storyline.errors import NotFoundError
from storyline.models import Event, Metadata, Record, Span, TimeExpression

from .conftest import put


@pytest.mark.parametrize(
    ("words", "title_part"),
    [
        ("measles villages", "measles"),
        ("wheat quota", "wheat export quota"),
        ("reading room fire", "historic library"),
        ("bakery customers", "bridge reopens"),
    ],
)
def test_search_finds_the_article(filled: Store, words: str, title_part: str) -> None:
    hits = search(filled, words)
    assert hits and title_part in hits[0]["title"].lower()
    snippet, spans = hits[0]["snippet"], hits[0]["highlights"]
    marked = {snippet[start:end].lower() for start, end in spans}  # the matched words
    assert marked and all(m.startswith(tuple(w[:4] for w in words.split())) for m in marked)
    assert hits == sorted(hits, key=lambda h: -h["score"])


@pytest.mark.parametrize("words", ["zeppelin", "", "   ", '"quoted" (brackets) AND OR'])
def test_search_with_no_match_or_odd_input(filled: Store, words: str) -> None:
    assert search(filled, words) == [] or words.strip()


def test_search_limit(filled: Store) -> None:
    assert len(search(filled, "said", limit=2)) == 2


def test_quotes_by_speaker(filled: Store, records: dict[str, Record]) -> None:
    expected = {
        q.text
        for r in records.values()
        for q in r.quotes
        if q.speaker_name and "oduya" in q.speaker_name.lower()
    }
    rows = quotes(filled, speaker="Oduya")
    assert expected and {r["text"] for r in rows} == expected


@pytest.mark.parametrize("pattern", ["%", "_", "\\", "Odu_a", "O%a", "%%"])
def test_like_wildcards_in_a_speaker_are_plain_characters(filled: Store, pattern: str) -> None:
    assert quotes(filled, limit=1000) and entities(
        filled, limit=1000
    )  # a match-all would find these
    assert quotes(filled, speaker=pattern) == []
    assert entities(filled, text=pattern) == []


def test_quotes_by_words(filled: Store) -> None:
    rows = quotes(filled, text="clinic protected")
    assert rows and all("clinic" in r["text"] for r in rows)


def test_all_quotes(filled: Store, records: dict[str, Record]) -> None:
    stored = [n for n in records if n != "wheat-copy.txt"]  # exact copies are not stored twice
    assert len(quotes(filled, limit=1000)) == sum(len(records[n].quotes) for n in stored)


def test_entities_by_type(filled: Store) -> None:
    people = entities(filled, type="person")
    names = {r["name"] for r in people}
    assert {"Samir Oduya", "Elena Brusca"} <= names
    assert all(r["type"] == "PERSON" for r in people)
    # Elena Brusca is in the bridge article and its near copy.
    assert next(r["articles"] for r in people if r["name"] == "Elena Brusca") == 2


def test_events_by_type_and_date(filled: Store, records: dict[str, Record]) -> None:
    everything = events(filled, limit=1000)
    stored = [n for n in records if n != "wheat-copy.txt"]
    assert len(everything) == sum(len(records[n].events) for n in stored)
    assert everything, "the fixture articles report events"
    kind = everything[0]["type"]
    assert {r["type"] for r in events(filled, type=kind.lower())} == {kind}
    dated = [r["date"] for r in everything if r["date"]]
    assert dated, "the fixture articles have dates"
    assert dated == sorted(dated)
    assert all(r["date"] >= dated[-1] for r in events(filled, since=dated[-1]))


def test_show_an_article(filled: Store, records: dict[str, Record]) -> None:
    (row,) = filled.query("SELECT id FROM articles WHERE source = 'wheat-exports.txt'")
    view = show(filled, row["id"])
    assert view["article"]["title"].startswith("Grain exporters")
    assert Record.from_dict(view["record"]) == records["wheat-exports.txt"]
    assert sorted(d["status"] for d in view["documents"]) == ["duplicate", "stored"]
    assert len(view["duplicates"]) == 2


def test_show_a_missing_article(filled: Store) -> None:
    with pytest.raises(NotFoundError, match="no article"):
        show(filled, 999_999)


def test_events_since_counts_a_partial_date_by_its_period(store: Store) -> None:
    trigger = Span(0, 5, "freed")
    dated = [
        Event(f"V{n}", "RETREAT", trigger, trigger, time=TimeExpression(value, 0, 5, value))
        for n, value in enumerate(("2024", "2025", "2025-03", "2025-02-28", "2025-03-14"), 1)
    ]
    text = "freed, and then some more words of the article about the release that followed."
    put(store, "dated", Record(text=text, metadata=Metadata(title="Dated"), events=tuple(dated)))
    found = [r["date"] for r in events(store, since="2025-03-01")]
    assert found == ["2025", "2025-03", "2025-03-14"]


def test_search_pages_and_facets(filled: Store) -> None:
    from storyline.corpus import search_page

    whole = search_page(filled, "said", limit=100, facets=True)
    assert whole["next"] is None and len(whole["items"]) >= 3
    first = search_page(filled, "said", limit=2)
    rest = search_page(filled, "said", cursor=first["next"], limit=100)
    assert [i["id"] for i in first["items"] + rest["items"]] == [i["id"] for i in whole["items"]]
    assert sum(f["count"] for f in whole["facets"]["source"]) == len(whole["items"])
    assert whole["facets"]["entity"] and all(f["count"] >= 1 for f in whole["facets"]["entity"])


def test_search_ranks_only_the_newest_matches_that_pass_its_filters(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.corpus import search_page
    from storyline.corpus.store import browse
    from storyline.corpus.store.browse import Filters

    every = sorted(i["id"] for i in search_page(filled, "said", limit=100)["items"])
    assert len(every) >= 4
    monkeypatch.setattr(browse, "SEARCH_POOL", 2)
    pooled = search_page(filled, "said", limit=100)["items"]
    assert sorted(i["id"] for i in pooled) == every[-2:]
    # The pool is taken after the filters: the two newest matches of one source.
    source = pooled[0]["source"]
    monkeypatch.setattr(browse, "SEARCH_POOL", 100)
    of_source = sorted(
        i["id"] for i in search_page(filled, "said", Filters(source=source), limit=100)["items"]
    )
    monkeypatch.setattr(browse, "SEARCH_POOL", 1)
    newest = search_page(filled, "said", Filters(source=source), limit=100)["items"]
    assert [i["id"] for i in newest] == of_source[-1:]
