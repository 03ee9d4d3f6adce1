"""Every page and its JSON twin, in process: the same library calls, filters, cursors, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from storyline import corpus
from storyline.cli import main
from storyline.corpus import Filters

pytestmark = pytest.mark.anyio


def article_id(db: Path, source: str) -> int:
    rows = corpus.articles(str(db), Filters(source=source))["items"]
    assert len(rows) == 1, source
    return int(rows[0]["id"])


async def walk(client: httpx.AsyncClient, path: str, **params: Any) -> list[list[Any]]:
    """Every page of a list twin, following ``next``; the items of each page."""
    pages = []
    cursor = None
    while True:
        answer = await client.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        pages.append(body["items"])
        cursor = body["next"]
        if cursor is None:
            return pages


@pytest.mark.parametrize(
    ("page", "twin"),
    [
        ("/", "/index.json"),
        ("/articles", "/articles.json"),
        ("/search?q=bridge", "/search.json?q=bridge"),
        ("/quotes?speaker=Oduya", "/quotes.json?speaker=Oduya"),
    ],
)
async def test_each_page_and_its_twin(client: httpx.AsyncClient, page: str, twin: str) -> None:
    html = await client.get(page)
    data = await client.get(twin)
    assert html.status_code == data.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert data.headers["content-type"] == "application/json"
    # The page links to its own twin.
    assert f'href="{twin.replace("&", "&amp;")}"' in html.text


async def test_the_overview_shows_the_latest_stories(
    client: httpx.AsyncClient, web_db: Path
) -> None:
    overview = (await client.get("/index.json")).json()
    latest = corpus.stories(str(web_db), 5)
    assert latest and overview["stories"] == latest
    page = (await client.get("/")).text
    assert "<h2>Latest stories</h2>" in page
    assert f'href="/stories/{latest[0]["id"]}"' in page


async def test_article_twin_is_what_show_prints(
    client: httpx.AsyncClient, web_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number = article_id(web_db, "prisoner-release.txt")
    answer = await client.get(f"/articles/{number}.json")
    assert main(["show", str(number), "--db", str(web_db), "-f", "json"]) == 0
    assert answer.json() == json.loads(capsys.readouterr().out)
    page = (await client.get(f"/articles/{number}")).text
    assert "Chile frees 31 detained fishermen" in page
    # A quote is followed by a link to its speaker's entity page.
    forteza = answer.json()["entity_ids"]
    record = answer.json()["record"]
    speaker = next(q["speaker"] for q in record["quotes"] if q["speaker_name"] == "Daniela Forteza")
    assert f'<a class="speaker" href="/entities/{forteza[speaker]}"' in page


async def test_the_entity_page_is_the_corpus_entity(
    client: httpx.AsyncClient, web_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number = article_id(web_db, "prisoner-release.txt")
    view = (await client.get(f"/articles/{number}.json")).json()
    forteza = next(e for e in view["record"]["entities"] if e["name"] == "Daniela Forteza")
    entity_id = view["entity_ids"][forteza["id"]]
    body = (await client.get(f"/entities/{entity_id}.json")).json()
    assert main(["entity", str(entity_id), "--db", str(web_db), "-f", "json"]) == 0
    assert body == json.loads(capsys.readouterr().out)
    assert body["name"] == "Daniela Forteza"
    assert [a["id"] for a in body["articles_list"]] == [number]
    spoken = {q["text"] for q in view["record"]["quotes"] if q["speaker"] == forteza["id"]}
    assert spoken and {q["text"] for q in body["quotes_by"]} == spoken
    assert "Julio Arancibia" in {o["name"] for o in body["cooccurring"]}
    html = (await client.get(f"/entities/{entity_id}")).text
    assert "Quotes by Daniela Forteza" in html
    # Her one article is undated, so the page draws no articles-per-month chart.
    assert view["article"]["date"] is None and "<svg" not in html


async def test_story_pages_are_the_story_functions(
    client: httpx.AsyncClient, web_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = (await client.get("/stories.json")).json()
    unfiltered = {"source": None, "since": None, "until": None, "entity": None, "type": None}
    assert listed == {"items": corpus.stories(str(web_db), 50), "next": None, "filters": unfiltered}
    bridge = article_id(web_db, "bridge-reopens.txt")
    story = (await client.get(f"/articles/{bridge}.json")).json()["story"]
    assert story is not None
    body = (await client.get(f"/stories/{story['id']}.json")).json()
    assert main(["story", str(story["id"]), "--db", str(web_db), "-f", "json"]) == 0
    assert body == json.loads(capsys.readouterr().out)
    # The bridge article and its near copy are one article of the story: the copy, dated
    # the day before, as its original (as the duplicate group has it), the bridge
    # article folded under it.
    (near,) = [a for a in body["articles"] if a["id"] == article_id(web_db, "bridge-near.txt")]
    assert bridge not in {a["id"] for a in body["articles"]}
    assert [c["source"] for c in near["copies"]] == ["bridge-reopens.txt"]
    html = (await client.get(f"/stories/{story['id']}")).text
    assert "Riverside bridge reopens after two-year repair" in html
    assert html.count("<h2>Timeline</h2>") == 1 and f"<title>{body['title']} ·" in html
    assert 'href="/stories"' in (await client.get("/")).text  # the nav shows stories now


async def test_search_twin_is_the_cli_search(client: httpx.AsyncClient, web_db: Path) -> None:
    body = (await client.get("/search.json", params={"q": "said", "limit": 5})).json()
    assert body["items"] == corpus.search(str(web_db), "said", limit=5)
    assert body["query"] == "said"
    sources = {f["value"]: f["count"] for f in body["facets"]["source"]}
    total = sum(len(p) for p in await walk(client, "/search.json", q="said", limit=3))
    assert sum(sources.values()) == total


async def test_a_facet_narrows_the_result(client: httpx.AsyncClient) -> None:
    body = (await client.get("/search.json", params={"q": "said"})).json()
    entity = body["facets"]["entity"][0]
    narrowed = await client.get("/search.json", params={"q": "said", "entity": entity["value"]})
    items = narrowed.json()["items"]
    assert len(items) == entity["count"]
    for item in items:
        record = (await client.get(f"/articles/{item['id']}.json")).json()["record"]
        assert entity["name"] in {e["name"] for e in record["entities"]}


async def test_search_csv_export(client: httpx.AsyncClient) -> None:
    answer = await client.get("/search.csv", params={"q": "bridge"})
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    json_items = (await client.get("/search.json", params={"q": "bridge", "limit": 100})).json()
    assert [int(r["id"]) for r in rows] == [i["id"] for i in json_items["items"]]


@pytest.mark.parametrize(
    "path", ["/articles.json", "/quotes.json", "/search.json?q=said", "/stories.json"]
)
async def test_cursor_pages_cover_the_list_once(client: httpx.AsyncClient, path: str) -> None:
    base, _, query = path.partition("?")
    params = dict(p.split("=") for p in query.split("&")) if query else {}
    whole = (await client.get(base, params={**params, "limit": 1000})).json()["items"]
    pages = await walk(client, base, **params, limit=2)
    assert len(pages) == (len(whole) + 1) // 2
    assert [i["id"] for p in pages for i in p] == [i["id"] for i in whole]


async def test_stories_are_narrowed_by_their_member_articles(client: httpx.AsyncClient) -> None:
    every = (await client.get("/stories.json", params={"limit": 1000})).json()["items"]
    assert len(every) >= 3
    kind = (await client.get("/stories.json", params={"type": "retreat"})).json()["items"]
    assert kind and len(kind) < len(every)
    for story in kind:
        found = False
        for article in story["articles"]:
            record = (await client.get(f"/articles/{article['id']}.json")).json()["record"]
            found = found or "RETREAT" in {e["type"] for e in record["events"]}
        assert found, story["title"]
    later = (await client.get("/stories.json", params={"since": "2100-01-01"})).json()
    assert later["items"] == [] and later["next"] is None


async def test_articles_newest_first_and_filtered(client: httpx.AsyncClient) -> None:
    items = (await client.get("/articles.json")).json()["items"]
    dated = [i["date"] for i in items if i["date"]]
    assert dated == sorted(dated, reverse=True)
    undated = [i["date"] is None for i in items]
    assert undated == sorted(undated)  # the undated articles come after every dated one
    since = (await client.get("/articles.json", params={"since": "2025-01-10"})).json()["items"]
    assert since and all(i["date"] >= "2025-01-10" for i in since)
    until = (await client.get("/articles.json", params={"until": "2025-01-09"})).json()["items"]
    assert until and all(i["date"] <= "2025-01-09" for i in until)
    assert {i["id"] for i in since}.isdisjoint(i["id"] for i in until)
    kind = (await client.get("/articles.json", params={"type": "retreat"})).json()["items"]
    assert "Chile frees 31 detained fishermen after Peruvian talks" in {i["title"] for i in kind}
    for item in kind:
        record = (await client.get(f"/articles/{item['id']}.json")).json()["record"]
        assert "RETREAT" in {e["type"] for e in record["events"]}


@pytest.mark.parametrize(
    ("path", "status", "kind"),
    [
        ("/articles/999999.json", 404, "not_found"),
        ("/entities/999999.json", 404, "not_found"),
        ("/stories/999999.json", 404, "not_found"),
        ("/no/such/page.json", 404, "not_found"),
        ("/articles.json?cursor=not-a-cursor", 400, "bad_argument"),
        ("/articles.json?since=2025-02-30", 400, "bad_argument"),
        ("/articles.json?limit=0", 400, "bad_argument"),
        ("/articles.json?limit=1001", 400, "bad_argument"),
        ("/articles.json?entity=abc", 400, "bad_argument"),
        ("/search.json?q=said&cursor=WyIyMDI1IiwyXQ", 400, "bad_argument"),  # an articles cursor
    ],
)
async def test_errors_have_one_shape(
    client: httpx.AsyncClient, path: str, status: int, kind: str
) -> None:
    answer = await client.get(path)
    assert answer.status_code == status
    error = answer.json()["error"]
    assert (error["type"], error["status"]) == (kind, status)
    assert error["message"] and "Traceback" not in answer.text


async def test_an_error_page_for_people(client: httpx.AsyncClient) -> None:
    answer = await client.get("/articles/999999")
    assert answer.status_code == 404
    assert "no article with id 999999" in answer.text
    assert answer.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("path", ["/", "/articles.json", "/nope", "/static/style.css"])
async def test_safety_headers_on_every_answer(client: httpx.AsyncClient, path: str) -> None:
    headers = (await client.get(path)).headers
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "default-src 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


async def test_hostile_text_is_shown_as_text(client: httpx.AsyncClient, web_db: Path) -> None:
    number = article_id(web_db, "harbour-board.txt")
    page = (await client.get(f"/articles/{number}")).text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script" not in page.lower()
    assert "<img" not in page.lower() and "<b onmouseover" not in page
    # The page's own markup has no inline handlers either.
    assert "onerror=" not in page.replace("onerror=alert(1)&gt;", "")


async def test_openapi_lists_the_twins_and_the_api(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]
    assert {
        "/index.json",
        "/articles.json",
        "/articles/{article_id}.json",
        "/search.json",
        "/entities/{entity_id}.json",
        "/quotes.json",
        "/stories.json",
        "/stories/{story_id}.json",
        "/api/analyze",
        "/api/articles",
    } <= set(paths)
    assert "/articles" not in paths  # pages are not API routes
    # The filters, declared once, are read by every list and its CSV twin.
    filters = ["source", "since", "until", "entity", "type"]
    assert {
        path: [p["name"] for p in paths[path]["get"]["parameters"]]
        for path in ("/articles.json", "/search.json", "/search.csv", "/stories.json")
    } == {
        "/articles.json": ["cursor", "limit", *filters],
        "/search.json": ["q", "cursor", "limit", *filters],
        "/search.csv": ["q", "cursor", "limit", *filters],
        "/stories.json": ["cursor", "limit", *filters],
    }
    assert (await client.get("/docs")).status_code == 404  # no docs page with inline script
