"""The dense signal in story assignment, on articles written for the story tests, analysed
with ``Settings.embeddings``; skips when the optional extra is not installed."""

from __future__ import annotations

import json
import math
from dataclasses import replace

import pytest

from storyline.analyze import embedding
from storyline.cli import main
from storyline.corpus import story as story_view
from storyline.corpus.store import Store
from storyline.models import RawDocument, Record
from storyline.pipeline import Failure, analyze_many
from storyline.settings import Settings

from .conftest import ARTICLES, STORIES, ingest_all, story

pytestmark = pytest.mark.skipif(
    not embedding.available(), reason="the optional extra 'embeddings' is not installed"
)
VELORIA = ["veloria-quake.txt", "veloria-wire.txt", "veloria-toll.txt"]


@pytest.fixture(scope="module")
def vectors(nlp: object) -> dict[str, Record]:
    """The three Veloria articles and the Krastova quake, analysed with their vectors."""
    names = [*VELORIA, "krastova-quake.txt"]
    raws = [
        RawDocument(data=(STORIES / n).read_bytes(), source=n, date=ARTICLES[n][0]) for n in names
    ]
    out = {}
    for raw, result in zip(raws, analyze_many(raws, Settings(embeddings=True)), strict=True):
        assert not isinstance(result, Failure), result
        out[raw.source] = result
    return out


def cosine(a: tuple[float, ...], mean: list[float]) -> float:
    return round(max(0.0, sum(x * y for x, y in zip(a, mean, strict=True)))
                 / math.sqrt(sum(y * y for y in mean)), 4)  # fmt: skip


def test_the_dense_signal_scores_an_article_against_the_story_mean(
    store: Store, vectors: dict[str, Record], capsys: pytest.CaptureFixture[str], target: str
) -> None:
    ingest_all(store, vectors)
    sid = story(store, "veloria-quake.txt")
    assert [story(store, n) for n in VELORIA] == [sid] * 3
    assert story(store, "krastova-quake.txt") != sid
    view = story_view(store, sid, explain=True)
    quake, wire, toll = (vectors[n].embedding for n in VELORIA)
    # The wire report meets a story of one member: the mean is the quake report's vector.
    joined = [e for e in view["explain"] if e["decision"] == "joined"]
    assert [e["signals"]["dense"] for e in joined] == [
        cosine(wire, list(quake)),
        cosine(toll, [(q + w) / 2 for q, w in zip(quake, wire, strict=True)]),
    ]
    assert all(e["signals"]["dense"] > 0.6 for e in joined)
    (row,) = store.query("SELECT data FROM stories WHERE id = ?", (sid,))
    profile = json.loads(row["data"])
    assert profile["dense_n"] == 3 and len(profile["dense"]) == 384
    assert main(["story", str(sid), "--db", target, "--explain"]) == 0
    page = capsys.readouterr().out
    assert f"dense {joined[0]['signals']['dense']:.2f}" in page


def test_the_signal_needs_vectors_on_both_sides(store: Store, vectors: dict[str, Record]) -> None:
    """An article without a vector is scored on the other signals alone, and a story
    whose members have none keeps no mean vector."""
    plain = {n: replace(r, embedding=()) for n, r in vectors.items()}
    ingest_all(store, {**plain, "veloria-toll.txt": vectors["veloria-toll.txt"]})
    view = story_view(store, story(store, "veloria-quake.txt"), explain=True)
    assert all("dense" not in e["signals"] for e in view["explain"])
    (row,) = store.query("SELECT data FROM stories WHERE id = ?", (view["id"],))
    profile = json.loads(row["data"])
    assert (profile["dense_n"], profile["dense"]) == (
        1,
        list(vectors["veloria-toll.txt"].embedding),
    )
    (row,) = store.query(
        "SELECT data FROM stories WHERE id = ?", (story(store, "krastova-quake.txt"),)
    )
    assert "dense" not in json.loads(row["data"])
