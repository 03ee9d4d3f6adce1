"""Watches and digests: each ingest reports new matches per watch, a digest what is new."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from storyline.cli import main
from storyline.corpus import add_watch, digest, ingest, remove_watch, search, watches
from storyline.corpus.store import open_store
from storyline.errors import ArgumentError, NotFoundError
from storyline.models import Record

from .conftest import PG_URL, STORIES, put, reset_postgres
from .test_cjk_search import CHINESE, ENGLISH, JAPANESE, write_articles


def _files(*names: str) -> list[str]:
    return [str(STORIES / n) for n in names]


def _ids(target: str, name: str) -> int:
    from storyline.corpus.store import open_store

    with open_store(target) as store:
        (row,) = store.query("SELECT article_id FROM documents WHERE key LIKE ?", (f"%{name}",))
    return int(row["article_id"])


def test_ingest_reports_new_matches_and_digest_says_what_is_new(
    target: str, tmp_path: Path
) -> None:
    ingest(_files("veloria-quake.txt", "obama-visit.txt"), target, progress=False)
    add_watch(target, "veloria", entity="Tomas Ferrante")
    add_watch(target, "quakes", query="earthquake magnitude")
    with pytest.raises(ArgumentError, match="needs"):
        add_watch(target, "empty")
    summary = ingest(_files("veloria-toll.txt", "krastova-quake.txt"), target, progress=False)
    toll, krastova = _ids(target, "veloria-toll.txt"), _ids(target, "krastova-quake.txt")
    assert summary.to_dict()["watches"] == [
        {"name": "quakes", "articles": [toll, krastova], "copies": []},
        {"name": "veloria", "articles": [toll], "copies": []},
    ]
    assert "watch veloria: 1 new" in summary.report()
    first = digest(target, watch="veloria")
    (section,) = first["watches"]
    assert section["articles"] == 1  # since the watch was made: the one article after it
    assert [a["id"] for s in section["stories"] for a in s["articles"]] == [toll]
    assert [s["new"] for s in section["stories"]] == [False]  # its story was there before
    assert any(q["speaker"] == "Tomas Ferrante" for q in section["quotes"])
    again = digest(target, watch="veloria")
    assert again["watches"][0]["articles"] == 0  # nothing new since the previous digest
    # Another outlet runs the toll report lightly edited: listed as a copy, not counted,
    # and its quotes, events and figures are the original's, told once already.
    copy = tmp_path / "toll-copy.txt"
    text = (STORIES / "veloria-toll.txt").read_text(encoding="utf-8")
    copy.write_text(text.replace("on Wednesday", "on Wednesday evening", 1), encoding="utf-8")
    copied_in = ingest([str(copy)], target, progress=False)
    assert copied_in.to_dict()["near_duplicates"] == 1
    copied = _ids(target, "toll-copy.txt")
    # The ingest counts it as the digest does: a copy, not a new article.
    assert {"name": "veloria", "articles": [], "copies": [copied]} in copied_in.to_dict()["watches"]
    assert f"watch veloria: 0 new, 1 copy ({copied})" in copied_in.report()
    (section,) = digest(target, watch="veloria")["watches"]
    assert section["articles"] == 0
    assert [(a["id"], a["copy_of"]) for s in section["stories"] for a in s["articles"]] == [
        (copied, toll)
    ]
    assert (section["events"], section["quotes"], section["figures"]) == ([], [], [])
    assert [w["name"] for w in watches(target)] == ["quakes", "veloria"]
    remove_watch(target, "quakes")
    with pytest.raises(NotFoundError):
        remove_watch(target, "quakes")


def test_watch_and_digest_commands(
    target: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ingest(_files("veloria-quake.txt", "veloria-wire.txt"), target, progress=False)
    assert (
        main(
            [
                "watch",
                "add",
                "toll",
                "--query",
                "Veloria",
                "--event-type",
                "assault",
                "--db",
                target,
            ]
        )
        == 0
    )
    assert "watching toll" in capsys.readouterr().out
    assert main(["watch", "add", "nothing", "--db", target]) == 2
    assert "needs --story" in capsys.readouterr().err
    assert main(["watch", "add", "odd", "--event-type", "bogus", "--db", target]) == 2
    assert "'bogus' is not an event type: one of AGREE, CONSULT" in capsys.readouterr().err
    assert main(["ingest", *_files("veloria-toll.txt"), "--db", target, "-q", "-f", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["watches"] == [
        {"name": "toll", "articles": [_ids(target, "veloria-toll.txt")], "copies": []}
    ]
    assert main(["digest", "--since", "2000-01-01", "--db", target, "-f", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["since"] == "2000-01-01" and found["watches"][0]["watch"] == "toll"
    disagree = found["watches"][0]["stories"][0]["disagreements"]
    assert disagree and disagree[0]["disagreement"] is True
    assert main(["digest", "--db", target, "-f", "html"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!doctype html>") and "Watch: toll" in page
    assert main(["watch", "list", "--db", target, "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["criteria"] == {
        "query": "Veloria", "event_type": "ASSAULT",
    }  # fmt: skip
    assert main(["watch", "remove", "toll", "--db", target]) == 0
    assert main(["digest", "--watch", "toll", "--db", target]) == 2
    assert "no watch named 'toll'" in capsys.readouterr().err


# (watch, its words, the titles of the articles it matches): as search finds them.
WORDS = [
    ("harbour", "harbour bridge", [ENGLISH]),
    ("library", "図書館 再開", [JAPANESE]),
    ("quake", "地震", [CHINESE]),
    ("reading", "図書室", []),  # its first pair (図書) is there, the word is not
    ("repairs", "repair bridges", [ENGLISH]),  # stems, as search matches them
    ("rescue", "救援人员 港口", [CHINESE]),  # both words, in one article
    ("split", "地震 bridge", []),  # each word in another article
]


def test_watch_words_match_as_search_finds_them(target: str, tmp_path: Path) -> None:
    open_store(target, "create").close()  # an empty store, watched before any ingest
    for name, words, _ in WORDS:
        add_watch(target, name, query=words)
    summary = ingest([write_articles(tmp_path)], target, progress=False, keep_non_articles=True)
    with open_store(target) as store:
        titles = {int(r["id"]): r["title"] for r in store.query("SELECT id, title FROM articles")}
    assert [
        (w["name"], [titles[a] for a in w["articles"]]) for w in summary.to_dict()["watches"]
    ] == [(name, found) for name, _, found in WORDS]
    for _, words, found in WORDS:
        assert [r["title"] for r in search(target, words)] == found


def test_a_watch_on_a_merged_story_follows_the_story_it_went_into(target: str) -> None:
    from storyline.corpus import merge_stories
    from storyline.corpus.store import stories as stories_sql

    ingest(
        _files("veloria-quake.txt", "krastova-quake.txt", "obama-visit.txt"), target, progress=False
    )
    with open_store(target) as store:
        veloria, krastova = (
            stories_sql.story_of(store, _ids(target, name))
            for name in ("veloria-quake.txt", "krastova-quake.txt")
        )
    assert veloria is not None and krastova is not None and veloria != krastova
    add_watch(target, "krastova", story=krastova)
    with pytest.raises(ArgumentError, match="two different stories"):
        merge_stories(target, [veloria, veloria])
    merge_stories(target, [veloria, krastova])
    (watch,) = [w for w in watches(target) if w["name"] == "krastova"]
    assert watch["criteria"] == {"story": veloria}
    with open_store(target) as store:  # a decision's runner-up names the merged story now
        runners = {r["runner_up"] for r in store.query("SELECT runner_up FROM story_articles")}
    assert krastova not in runners
    summary = ingest(_files("veloria-toll.txt"), target, progress=False)
    assert summary.to_dict()["watches"] == [
        {"name": "krastova", "articles": [_ids(target, "veloria-toll.txt")], "copies": []}
    ]


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="STORYLINE_TEST_PG is not set")
def test_a_digest_waits_for_an_article_being_stored_on_postgresql(
    records: dict[str, Record],
) -> None:
    """On PostgreSQL an ingest's transaction and a digest run at once: the digest waits for
    the article being stored, so it is reported now instead of never (its ingest time is
    before the digest's moment, and the next digest counts only what comes after that)."""
    import psycopg

    assert PG_URL
    reset_postgres(PG_URL)
    with open_store(PG_URL, "create"):
        pass
    add_watch(PG_URL, "wheat", query="wheat")
    answer: list[dict[str, Any]] = []
    with open_store(PG_URL, "write") as writer, writer.transaction():
        put(writer, "wheat-exports.txt", records["wheat-exports.txt"])
        reader = threading.Thread(target=lambda: answer.append(digest(PG_URL, watch="wheat")))
        reader.start()
        with psycopg.connect(PG_URL, autocommit=True) as server:
            for _ in range(200):  # the digest waits for the lock the open transaction holds
                waiting = server.execute(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                ).fetchone()
                if reader.is_alive() and waiting and waiting[0]:
                    break
                time.sleep(0.05)
        assert reader.is_alive() and not answer
    reader.join(timeout=30)
    (section,) = answer[0]["watches"]
    assert section["articles"] == 1
    assert digest(PG_URL, watch="wheat")["watches"][0]["articles"] == 0
