"""Requests a server meets on the internet: odd ids and cursors, control characters, HEAD,
a wrong method, a broken store; and text that looks like markup, marks or formulas."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import shutil
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from storyline.corpus.store import open_store
from storyline.models import Record
from storyline.pipeline import analyze_text
from storyline.web.charts import dates_chart, month_chart
from tests.corpus.conftest import put

from .conftest import serving

pytestmark = pytest.mark.anyio

TOO_BIG = 2**63  # one past the largest id either backend holds

BRACKETS = """TARVIK - The town council voted on Monday to rebuild the flood wall along \
the river, the mayor, Ana Borelli, said.

The old wall [built in 1961, according to the town archive] failed in two places last \
spring, and a report on it was marked [citation needed] by its own authors.

"We will not wait for another spring," Borelli told reporters after the vote.
"""

FORMULA_TITLE = '=HYPERLINK("http://evil.example/","Click") Tarvik ferry'
FORMULA_BODY = """TARVIK - The Tarvik ferry will run every hour from June, the harbour \
office said on Tuesday, after a new boat joined the line.

The office said 40 crew members had been hired for the summer season.
"""


def cursor_of(key: list[object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


@pytest.fixture(scope="module")
def odd_db(tmp_path_factory: pytest.TempPathFactory, web_db: Path, nlp: object) -> Path:
    """The web store with two articles of our own: one with brackets in its text, one
    whose title opens like a spreadsheet formula."""
    path = tmp_path_factory.mktemp("odd") / "corpus.db"
    shutil.copy(web_db, path)
    records: dict[str, Record] = {
        "flood-wall.txt": analyze_text(BRACKETS, title="Tarvik council rebuilds flood wall"),
        "+ferry-wire": analyze_text(FORMULA_BODY, title=FORMULA_TITLE),
    }
    with open_store(path, "write") as store:
        for name, record in records.items():
            put(store, name, record)
    return path


@pytest.fixture
async def odd(odd_db: Path) -> AsyncIterator[httpx.AsyncClient]:
    async with serving(odd_db) as client:
        yield client


@pytest.mark.parametrize(
    "path",
    [
        f"/articles/{TOO_BIG}.json",
        f"/entities/{TOO_BIG}.json",
        f"/stories/{TOO_BIG}",
        f"/articles.json?entity={TOO_BIG}",
        f"/articles.json?cursor={cursor_of(['2025', TOO_BIG])}",
        f"/search.json?q=said&cursor={cursor_of([1.0, TOO_BIG])}",
        f"/search.json?q=said&cursor={cursor_of([float('inf'), 2])}",
        "/search.json?q=%00",
        "/search?q=bridge%00",
        "/quotes.json?speaker=%00",
        "/search.csv?q=%C2%85",
    ],
)
async def test_out_of_range_or_control_characters_are_bad_requests(
    odd: httpx.AsyncClient, path: str
) -> None:
    answer = await odd.get(path)
    assert answer.status_code == 400, answer.text
    if not path.startswith(("/search?", "/stories/")):
        assert answer.json()["error"]["type"] == "bad_argument"
    assert "Traceback" not in answer.text and "corpus.db" not in answer.text


async def test_head_answers_as_get_without_a_body(odd: httpx.AsyncClient) -> None:
    for path in ("/", "/index.json", "/articles?limit=2", "/stories.json"):
        got, head = await odd.get(path), await odd.head(path)
        assert (head.status_code, head.content) == (200, b""), path
        assert head.headers["content-type"] == got.headers["content-type"]
        assert head.headers["content-length"] == str(len(got.content))
    assert (await odd.head("/articles/999999.json")).status_code == 404


async def test_a_wrong_method_says_which_are_allowed(odd: httpx.AsyncClient) -> None:
    answer = await odd.get("/api/analyze")
    assert answer.status_code == 405
    assert answer.headers["allow"] == "POST"
    assert answer.json()["error"]["status"] == 405


async def test_a_broken_store_answers_500_without_naming_its_file(
    odd_db: Path, tmp_path: Path
) -> None:
    path = Path(shutil.copy(odd_db, tmp_path / "private-name.db"))
    with sqlite3.connect(path) as db:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        (root,) = db.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'articles'"
        ).fetchone()
    with path.open("r+b") as f:  # the articles table's first page, overwritten
        f.seek((root - 1) * page_size)
        f.write(b"\xff" * page_size)
    async with serving(path) as client:
        answer = await client.get("/articles.json")
    assert answer.status_code == 500
    error = answer.json()["error"]
    assert error["type"] == "store"
    assert "private-name" not in answer.text and str(tmp_path) not in answer.text


async def test_snippets_mark_the_matched_words_and_keep_the_texts_brackets(
    odd: httpx.AsyncClient,
) -> None:
    (item,) = (await odd.get("/search.json", params={"q": "citation"})).json()["items"]
    snippet, spans = item["snippet"], item["highlights"]
    assert "[citation needed]" in snippet
    assert [snippet[start:end] for start, end in spans] == ["citation"]
    page = (await odd.get("/search", params={"q": "citation"})).text
    assert re.search(r"\[<mark>citation</mark> needed\]", page)
    assert page.count("<mark>") == 1


async def test_csv_cells_that_open_as_formulas_stay_text(odd: httpx.AsyncClient) -> None:
    answer = await odd.get("/search.csv", params={"q": "hyperlink"})
    (row,) = list(csv.DictReader(io.StringIO(answer.text)))
    assert row["title"] == "'" + FORMULA_TITLE
    assert row["source"] == "'+ferry-wire"
    (item,) = (await odd.get("/search.json", params={"q": "hyperlink"})).json()["items"]
    assert item["title"] == FORMULA_TITLE  # JSON keeps the text as it is


async def test_the_export_links_are_of_the_page_shown(odd: httpx.AsyncClient) -> None:
    first = (await odd.get("/search.json", params={"q": "said", "limit": 2})).json()
    page = (await odd.get("/search", params={"q": "said", "cursor": first["next"]})).text
    links = re.findall(r'href="(/search\.(?:csv|json)\?[^"]*)"', page)
    assert links and all(f"cursor={first['next']}" in link for link in links)
    csv_link = next(link for link in links if link.startswith("/search.csv"))
    assert "limit=20" in csv_link


async def test_an_article_dated_badly_before_dates_were_checked_leaves_pages_whole(
    odd_db: Path, tmp_path: Path
) -> None:
    path = Path(shutil.copy(odd_db, tmp_path / "corpus.db"))
    with sqlite3.connect(path) as db:
        (story, article) = db.execute(
            "SELECT story_id, MIN(article_id) FROM story_articles GROUP BY story_id"
            " ORDER BY COUNT(*) DESC LIMIT 1"
        ).fetchone()
        db.execute("UPDATE articles SET date = 'yesterday' WHERE id = ?", (article,))
        (entity,) = db.execute(
            "SELECT MIN(corpus_id) FROM entities WHERE article_id = ?", (article,)
        ).fetchone()
    async with serving(path) as client:
        for url in ("/", f"/stories/{story}", f"/entities/{entity}", f"/articles/{article}"):
            answer = await client.get(url)
            assert answer.status_code == 200, (url, answer.text)


def test_charts_leave_out_what_is_not_a_date() -> None:
    months = month_chart(
        "Articles",
        "Articles",
        [
            {"month": "yesterd", "count": 1},
            {"month": "2025-13", "count": 1},
            {"month": "2025-03", "count": 2},
            {"month": "2025-05", "count": 1},
        ],
    )
    assert months is not None
    assert months.description == (
        "Articles per month from 2025-03 to 2025-05; the most, 2, in 2025-03."
    )
    days = dates_chart("Dates", "Articles", ["yesterday", "2025-02-30", "2025-03-02", "2025-03-04"])
    assert days is not None
    assert (
        days.description
        == "Articles per day from 2025-03-02 to 2025-03-04; the most, 1, in 2025-03-02."
    )
    month = dates_chart("Dates", "Articles", ["yesterday", "2025-02-30"])  # its month is real
    assert month is not None
    assert (
        month.description == "Articles per month from 2025-02 to 2025-02; the most, 1, in 2025-02."
    )
    assert dates_chart("Dates", "Articles", ["yesterday", "2025-13"]) is None


async def test_openapi_declares_the_errors_the_server_gives(odd: httpx.AsyncClient) -> None:
    spec = (await odd.get("/openapi.json")).json()
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    assert spec["components"]["schemas"]["Error"]["required"] == ["error"]
    answers = {
        (path, method): sorted(operation["responses"])
        for path, methods in spec["paths"].items()
        for method, operation in methods.items()
    }
    assert answers[("/articles.json", "get")] == ["200", "400", "500", "503"]
    assert answers[("/articles/{article_id}.json", "get")] == ["200", "400", "404", "500", "503"]
    assert answers[("/api/articles", "post")] == [
        "200",
        "201",
        "400",
        "401",
        "403",
        "413",
        "422",
        "500",
        "502",
        "503",
    ]
    described = spec["paths"]["/api/articles"]["post"]["responses"]
    assert described["500"]["description"] == "the store failed to write the article"
    assert described["503"]["description"] == (
        "busy: too many analyses running or waiting (see Retry-After); or the store is unavailable"
    )


async def test_an_error_page_keeps_the_sections_and_offers_no_twin(odd: httpx.AsyncClient) -> None:
    page = (await odd.get("/articles/999999")).text
    assert '<a href="/stories">Stories</a>' in page
    assert "This page as JSON" not in page


async def test_the_overviews_latest_articles_are_the_first_page_of_the_list(
    odd: httpx.AsyncClient,
) -> None:
    latest = (await odd.get("/index.json")).json()["latest"]
    listed = (await odd.get("/articles.json", params={"limit": 10})).json()["items"]
    assert latest == listed and "sort_date" not in latest[0]
