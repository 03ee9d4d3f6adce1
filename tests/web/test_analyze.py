"""Analysis over HTTP: inputs, limits, the busy answer, the ingest token, and SSRF refusals.

URL tests never reach a network: the resolver maps test names to addresses and the
transport serves pages from memory, failing the test on any request to an address
the server must refuse.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from storyline import corpus
from storyline.ingest.url import FetchPolicy, refusal
from tests.corpus.conftest import SAMPLES

from .conftest import serving

pytestmark = pytest.mark.anyio

TOKEN = "s3cret-token-for-tests"
PUBLIC = "93.184.216.34"  # a public address, only ever reached through the test transport
PAGE = (SAMPLES / "harbour-strike.html").read_bytes()
NAMES = {
    "news.example": [PUBLIC],
    "hop.example": [PUBLIC],
    "sneaky.example": ["127.0.0.1"],
    "mixed.example": [PUBLIC, "10.0.0.7"],
}


class Network:
    """The resolver and transport of a pretend internet; records every request sent."""

    def __init__(self) -> None:
        self.sent: list[httpx.Request] = []

    def resolve(self, host: str, port: int) -> list[str]:
        if host not in NAMES:
            pytest.fail(f"the fetch tried to resolve an unknown name {host!r}")
        return NAMES[host]

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request)
        host = request.url.host
        if refusal(host) is not None:
            pytest.fail(f"the fetch tried to connect to a refused address {host}")
        if request.headers["host"] == "hop.example":
            return httpx.Response(302, headers={"Location": "http://127.0.0.1:8080/admin"})
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=PAGE)

    def policy(self, allow_private: bool = False) -> FetchPolicy:
        return FetchPolicy(allow_private, self.resolve, httpx.MockTransport(self.handle))


@pytest.fixture
def network() -> Network:
    return Network()


async def test_analyze_text_returns_the_record(client: httpx.AsyncClient) -> None:
    text = (SAMPLES / "prisoner-release.txt").read_text(encoding="utf-8")
    answer = await client.post("/api/analyze", json={"text": text})
    assert answer.status_code == 200
    record = answer.json()
    assert record["metadata"]["title"] == "Chile frees 31 detained fishermen after Peruvian talks"
    assert "Daniela Forteza" in {e["name"] for e in record["entities"]}


async def test_analyze_an_uploaded_file(client: httpx.AsyncClient) -> None:
    files = {"file": ("harbour-strike.html", PAGE, "text/html")}
    answer = await client.post("/api/analyze", files=files)
    assert answer.status_code == 200
    assert answer.json()["metadata"]["input_format"] == "html"


@pytest.mark.parametrize(
    ("body", "status", "kind"),
    [
        ({"text": "   "}, 400, "empty_input"),
        ({}, 400, "empty_input"),
        ({"text": 12}, 400, "bad_argument"),
        ({"html": "<html><body><nav>Home</nav></body></html>"}, 422, "no_article"),
    ],
)
async def test_bad_input(
    client: httpx.AsyncClient, body: dict[str, object], status: int, kind: str
) -> None:
    answer = await client.post("/api/analyze", json=body)
    assert answer.status_code == status
    assert answer.json()["error"]["type"] == kind


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "the body is not valid JSON"),
        ('{"text": "Mayor Ana Borelli said \\ud800 the bridge would open."}', "text: a lone"),
        ('{"text": "The bridge opens.", "title": "\\udfff"}', "title: a lone surrogate"),
    ],
)
async def test_json_that_is_not_text_is_a_bad_request(
    client: httpx.AsyncClient, body: str, message: str
) -> None:
    answer = await client.post(
        "/api/analyze", content=body, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"]["type"] == "bad_argument"
    assert answer.json()["error"]["message"].startswith(message)


async def test_a_body_over_the_limit_is_refused(web_db: Path) -> None:
    async with serving(web_db, max_upload=1000) as client:
        answer = await client.post("/api/analyze", json={"text": "word " * 400})
        assert answer.status_code == 413
        assert answer.json()["error"]["type"] == "too_large"

        async def chunks() -> AsyncIterator[bytes]:
            for _ in range(5):
                yield b"x" * 400

        streamed = await client.post(
            "/api/analyze", content=chunks(), headers={"content-type": "application/json"}
        )
        assert streamed.status_code == 413


async def test_busy_past_the_queue_with_retry_after(web_db: Path) -> None:
    text = (SAMPLES / "prisoner-release.txt").read_text(encoding="utf-8")
    async with serving(web_db, analyses=1, queue=0, retry_after=9) as client:
        first, second = await asyncio.gather(
            client.post("/api/analyze", json={"text": text}),
            client.post("/api/analyze", json={"text": text}),
        )
    assert sorted([first.status_code, second.status_code]) == [200, 503]
    busy = first if first.status_code == 503 else second
    assert busy.headers["retry-after"] == "9"
    assert busy.json()["error"]["type"] == "busy"


async def test_ingest_is_off_by_default(client: httpx.AsyncClient) -> None:
    answer = await client.post(
        "/api/articles", json={"text": "x"}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert answer.status_code == 403
    assert answer.json()["error"]["type"] == "disabled"


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Basic {TOKEN}", "Bearer "])
async def test_ingest_needs_the_token(writable_db: Path, header: str | None) -> None:
    async with serving(writable_db, allow_ingest=True, token=TOKEN) as client:
        headers = {"Authorization": header} if header else {}
        answer = await client.post("/api/articles", json={"text": "x"}, headers=headers)
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == "Bearer"
    assert answer.json()["error"]["type"] == "unauthorized"


async def test_ingest_with_the_token_stores_the_article(writable_db: Path) -> None:
    before = corpus.overview(str(writable_db))["counts"]["articles"]
    text = (SAMPLES / "prisoner-release.txt").read_text(encoding="utf-8")
    text = text.replace("Chile frees 31", "Chile frees 31 (updated)") + (
        "\n\nThe seized boats were towed back to the port of Ilo on Friday.\n"
    )
    async with serving(writable_db, allow_ingest=True, token=TOKEN) as client:
        answer = await client.post(
            "/api/articles", json={"text": text}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert answer.status_code == 201, answer.text
        stored = answer.json()
        assert stored["outcome"] in ("stored", "near")
        page = await client.get(f"/articles/{stored['id']}.json")
        assert "Chile frees 31 (updated)" in page.json()["article"]["title"]
        again = await client.post(
            "/api/articles", json={"text": text}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert again.json() == {**stored, "outcome": "already"}
        assert again.status_code == 200  # nothing was created
    assert corpus.overview(str(writable_db))["counts"]["articles"] == before + 1


async def test_a_store_that_refuses_the_article_gives_its_error_not_a_trace(
    writable_db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with contextlib.closing(sqlite3.connect(writable_db)) as db, db:
        db.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON articles"
            " BEGIN SELECT RAISE(ABORT, 'no more articles'); END"
        )
    text = (SAMPLES / "prisoner-release.txt").read_text(encoding="utf-8") + "\n\nA new line.\n"
    async with serving(writable_db, allow_ingest=True, token=TOKEN) as client:
        answer = await client.post(
            "/api/articles", json={"text": text}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
    assert answer.status_code == 500
    error = answer.json()["error"]
    assert (error["type"], error["status"]) == ("store", 500)
    assert error["message"] == "the store could not answer; the server's log has the details"
    assert [r.getMessage() for r in caplog.records if r.name == "storyline.web"] == [
        f"store error on /api/articles: {writable_db}: no more articles"
    ]


async def test_the_same_bytes_under_another_name_are_the_article_stored_before(
    writable_db: Path,
) -> None:
    text = (SAMPLES / "prisoner-release.txt").read_text(encoding="utf-8") + "\n\nOne more line.\n"
    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with serving(writable_db, allow_ingest=True, token=TOKEN) as client:
        first = await client.post(
            "/api/articles", files={"file": ("a.txt", text.encode())}, headers=headers
        )
        again = await client.post(
            "/api/articles", files={"file": ("b.txt", text.encode())}, headers=headers
        )
    assert first.status_code == 201, first.text
    assert again.status_code == 200, again.text
    assert again.json() == {**first.json(), "outcome": "already"}


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.1.2.3:8080/admin",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://sneaky.example/",  # resolves to loopback
        "http://mixed.example/",  # one of its addresses is private
        "http://hop.example/",  # redirects to loopback
        "file:///etc/passwd",
        "ftp://news.example/file",
        "gopher://news.example/",
    ],
)
async def test_fetching_refuses_private_addresses_and_other_schemes(
    web_db: Path, network: Network, url: str
) -> None:
    async with serving(web_db, fetch=network.policy()) as client:
        answer = await client.post("/api/analyze", json={"url": url})
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"]["type"] == "forbidden_url"
    # Only the public first hop of the redirect was ever requested.
    assert [r.url.host for r in network.sent] == ([PUBLIC] if "hop" in url else [])


async def test_fetching_a_public_page_goes_to_the_checked_address(
    web_db: Path, network: Network
) -> None:
    async with serving(web_db, fetch=network.policy()) as client:
        answer = await client.post("/api/analyze", json={"url": "https://news.example/strike"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["metadata"]["url"] == "https://news.example/strike"
    (request,) = network.sent
    assert request.url.host == PUBLIC and request.headers["host"] == "news.example"
    assert request.extensions["sni_hostname"] == "news.example"


async def test_a_title_given_with_a_url_is_the_records_title(
    web_db: Path, network: Network
) -> None:
    async with serving(web_db, fetch=network.policy()) as client:
        answer = await client.post(
            "/api/analyze", json={"url": "https://news.example/strike", "title": "Dockers strike"}
        )
    assert answer.status_code == 200, answer.text
    assert answer.json()["metadata"]["title"] == "Dockers strike"


async def test_allow_private_fetch_lets_loopback_through(web_db: Path, network: Network) -> None:
    async with serving(
        web_db,
        fetch=FetchPolicy(
            True,
            network.resolve,
            httpx.MockTransport(
                lambda request: httpx.Response(
                    200, headers={"Content-Type": "text/html"}, content=PAGE
                )
            ),
        ),
    ) as client:
        answer = await client.post("/api/analyze", json={"url": "http://127.0.0.1:9/strike"})
    assert answer.status_code == 200, answer.text


async def test_the_form_analyses_without_storing(client: httpx.AsyncClient, web_db: Path) -> None:
    before = corpus.overview(str(web_db))["counts"]["articles"]
    text = (SAMPLES / "prisoner-release.txt").read_text(encoding="utf-8")
    answer = await client.post("/analyze", data={"text": text, "title": ""})
    assert answer.status_code == 200
    assert "Analysed, not stored." in answer.text
    assert "Daniela Forteza" in answer.text
    assert corpus.overview(str(web_db))["counts"]["articles"] == before
    empty = await client.post("/analyze", data={"text": " "})
    assert empty.status_code == 400 and "give text, html, a url or a file" in empty.text
