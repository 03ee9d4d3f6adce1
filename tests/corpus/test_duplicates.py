"""Duplicate groups on planted copies: exact copies skipped, near copies grouped."""

from __future__ import annotations

import pytest

from storyline.corpus import dedup, duplicates, reused_paragraphs
from storyline.corpus.store import Store
from storyline.models import Record

from .conftest import near_copy, put

BRIDGE = (
    "The Calder Street bridge reopened to traffic on Monday after a repair that took two years"
    " and cost 48 million euros, the city council said. Mayor Elena Brusca cut the ribbon at dawn."
)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Chile frees 31 fishermen.", "chile  FREES 31 fishermen", True),
        ("Chile frees 31 fishermen.", "Chile frees 13 fishermen.", False),
        ("Line one.\n\nLine two.", "Line one. Line two.", True),
    ],
)
def test_content_hash_ignores_case_spacing_and_punctuation(a: str, b: str, same: bool) -> None:
    assert (dedup.content_hash(a) == dedup.content_hash(b)) is same


@pytest.mark.parametrize(
    ("edited", "near"),
    [
        (near_copy(BRIDGE), True),
        (BRIDGE + " Traffic was light.", True),
        ("Health officials began a measles vaccination campaign in four provinces.", False),
    ],
)
def test_minhash_similarity_separates_copies_from_other_articles(edited: str, near: bool) -> None:
    score = dedup.similarity(dedup.signature(BRIDGE), dedup.signature(edited))
    assert (score >= 0.6) is near


def test_similar_signatures_share_a_band() -> None:
    bands = dedup.LAYOUT
    a = bands.buckets(dedup.signature(BRIDGE))
    b = bands.buckets(dedup.signature(BRIDGE + " Traffic was light."))
    assert set(a) & set(b)
    assert len(a) == bands.bands
    assert bands.bands * bands.rows <= dedup.NUM_PERM


def test_planted_copies_form_groups(filled: Store) -> None:
    groups = {tuple(sorted(m["source"] for m in g["members"])): g for g in duplicates(filled)}
    assert set(groups) == {
        ("bridge-near.txt", "bridge-reopens.txt"),
        ("wheat-copy.txt", "wheat-exports.txt"),
    }
    bridge = groups[("bridge-near.txt", "bridge-reopens.txt")]
    # The near copy is stored; the exact copy is logged but not stored again.
    assert {m["status"] for m in bridge["members"]} == {"stored"}
    wheat = groups[("wheat-copy.txt", "wheat-exports.txt")]
    assert sorted(m["status"] for m in wheat["members"]) == ["duplicate", "stored"]
    assert len({m["article_id"] for m in wheat["members"]}) == 1
    assert filled.check() == []


def test_the_earliest_copy_is_the_original(filled: Store) -> None:
    (bridge,) = [g for g in duplicates(filled) if "bridge" in g["source"]]
    # bridge-reopens.txt was stored first, but the near copy is dated a day earlier.
    assert bridge["source"] == "bridge-near.txt"
    original = [m for m in bridge["members"] if m["original"]]
    assert [m["date"] for m in original] == ["2025-01-09"]


def test_outcomes_of_each_planted_copy(store: Store, records: dict[str, Record]) -> None:
    outcomes = {name: put(store, name, record) for name, record in records.items()}
    assert outcomes["bridge-near.txt"] == "near"
    assert outcomes["wheat-copy.txt"] == "duplicate"
    assert {outcomes[n] for n in records if n not in ("bridge-near.txt", "wheat-copy.txt")} == {
        "stored"
    }


def test_a_higher_threshold_keeps_edited_copies_apart(
    store: Store, records: dict[str, Record]
) -> None:
    assert put(store, "a", records["bridge-reopens.txt"], threshold=0.99) == "stored"
    assert put(store, "b", records["bridge-near.txt"], threshold=0.99) == "stored"
    assert duplicates(store) == []


def test_reused_paragraphs_are_listed(filled: Store) -> None:
    reused = reused_paragraphs(filled)
    texts = [r["text"] for r in reused]
    assert any(t.startswith("Engineers replaced 112 steel cables") for t in texts)
    for entry in reused:
        assert len(entry["articles"]) >= 2
