"""Corpus fixtures: a fresh store on each backend, and our fixture articles analysed once.

PostgreSQL tests run when STORYLINE_TEST_PG names a database (``.ci/run`` starts
one); each test gets that database with an empty schema.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from storyline.corpus.ingest import write
from storyline.corpus.rows import Prepared
from storyline.corpus.store import Store, open_store
from storyline.corpus.store import stories as sql
from storyline.ingest.items import Item
from storyline.models import RawDocument, Record
from storyline.pipeline import Failure, analyze_many

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).resolve().parents[2] / "src" / "storyline" / "samples"
PG_URL = os.environ.get("STORYLINE_TEST_PG")

BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not PG_URL, reason="STORYLINE_TEST_PG is not set"),
        ],
    ),
]


def reset_postgres(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET client_min_messages TO warning")
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")


@pytest.fixture(params=BACKENDS)
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store's address: a SQLite file, or the test PostgreSQL database."""
    if request.param == "postgres":
        assert PG_URL
        reset_postgres(PG_URL)
        return PG_URL
    return str(tmp_path / "corpus.db")


@pytest.fixture
def store(target: str) -> Iterator[Store]:
    with open_store(target, "create") as opened:
        yield opened


def fixture_paths() -> list[Path]:
    return sorted(FIXTURES.glob("*.txt")) + sorted(FIXTURES.glob("*.html"))


def near_copy(text: str) -> str:
    """A lightly edited copy, as a syndication partner might run it."""
    return (
        text.replace("48 million euros", "48m euros")
        .replace("at dawn", "at first light")
        .replace("The regional transport agency", "The transport agency")
    )


@pytest.fixture(scope="session")
def records(nlp: object) -> dict[str, Record]:
    """Our fixture articles analysed once, by file name, plus planted copies.

    ``bridge-near.txt`` is a near-duplicate of ``bridge-reopens.txt`` dated a day
    earlier; ``wheat-copy.txt`` is an exact copy of ``wheat-exports.txt``.
    """
    raws = [RawDocument(data=p.read_bytes(), source=p.name) for p in fixture_paths()]
    bridge = (FIXTURES / "bridge-reopens.txt").read_text(encoding="utf-8")
    raws.append(
        RawDocument(near_copy(bridge).encode(), source="bridge-near.txt", date="2025-01-09")
    )
    raws = [replace(r, date="2025-01-10") if r.source == "bridge-reopens.txt" else r for r in raws]
    raws.append(
        replace(raws[[r.source for r in raws].index("wheat-exports.txt")], source="wheat-copy.txt")
    )
    out = {}
    for raw, result in zip(raws, analyze_many(raws), strict=True):
        assert not isinstance(result, Failure), result
        out[raw.source] = result
    return out


def put(store: Store, name: str, record: Record, threshold: float = 0.8) -> str:
    """Write one analysed record as the ingest does; returns its outcome."""
    return write(store, Item(key=f"test:{name}", source=name), Prepared.of(record, name), threshold)


@pytest.fixture
def filled(store: Store, records: dict[str, Record]) -> Store:
    """A store holding every fixture article and the planted copies, in that order."""
    for name, record in records.items():
        put(store, name, record)
    return store


STORIES = Path(__file__).parent / "stories"
# The articles of the story tests, written for them: name -> (date, outlet).
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
        RawDocument(data=(STORIES / name).read_bytes(), source=name, date=date)
        for name, (date, _) in ARTICLES.items()
    ]
    out = {}
    for raw, result in zip(raws, analyze_many(raws), strict=True):
        assert not isinstance(result, Failure), result
        out[raw.source] = result
    return out


def ingest_all(store: Store, told: dict[str, Record], order: list[str] | None = None) -> None:
    """Write the articles as the ingest does, in date order unless told otherwise."""
    for name in order or sorted(told, key=lambda n: (ARTICLES[n][0], n)):
        source = ARTICLES[name][1]
        write(store, Item(key=f"test:{name}", source=source), Prepared.of(told[name], source), 0.8)


def story(store: Store, name: str) -> int:
    (row,) = store.query(
        "SELECT a.id FROM articles a JOIN documents d ON d.article_id = a.id WHERE d.key = ?",
        (f"test:{name}",),
    )
    found = sql.story_of(store, int(row["id"]))
    assert found is not None
    return found


# An article written for the timeline tests, stamped with a time of day and a zone: its
# events' dates come from their own times, from another time of their sentence (a day
# beside a clock time, a week beside a time that names none, a month), or from the article.
MARDEN_DATE = "2025-03-18T23:30:00-05:00"  # a Tuesday
MARDEN = (
    "Police raided the offices of the Marden Rights Centre on Monday, the group said.\n\n"
    "Officers arrested two staff members at 15:00 on Thursday, according to the centre's"
    ' director, Ilse Varga. "They took our computers and our files," Varga said.\n\n'
    "Police arrested the two at the centre's offices last week after a raid. The detainees"
    " joined a hunger strike that began in February 2025, their lawyer said.\n\n"
    "About 40 people protested outside the police headquarters in Marden."
)


@pytest.fixture(scope="session")
def marden(nlp: object) -> Record:
    """The Marden article analysed once."""
    title = "Police raid offices of Marden rights group"
    raw = RawDocument(MARDEN.encode(), source="marden.txt", title=title, date=MARDEN_DATE)
    result = next(analyze_many([raw]))
    assert not isinstance(result, Failure), result
    return result
