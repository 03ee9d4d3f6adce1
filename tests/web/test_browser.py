"""A real browser: Debian's Chromium, headless, driven by Playwright against uvicorn on loopback.

It opens the front page, searches, opens an article, follows a quote to its speaker's
page, analyses the shipped sample through the form, and opens the hostile article:
its ``<script>`` and ``onerror=`` payloads must show as text and no dialog may open.
Screenshots of each page go to a folder the test prints (``STORYLINE_SCREENSHOTS``,
else a temporary one). Skips when Chromium or Playwright is absent.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline import corpus
from storyline.corpus import Filters
from storyline.web import WebConfig, create_app
from tests.corpus.conftest import SAMPLES

from .conftest import XSS_TITLE

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)", allow_module_level=True)
playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright Python package is not installed"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """uvicorn on 127.0.0.1 serving a copy of the web store; yields its base URL."""
    import uvicorn

    db = tmp_path_factory.mktemp("browser") / "corpus.db"
    shutil.copy(web_db, db)
    port = free_port()
    app = create_app(WebConfig(db=str(db)))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=30)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config) -> Path:
    folder = Path(os.environ.get("STORYLINE_SCREENSHOTS") or tmp_path_factory.mktemp("screens"))
    folder.mkdir(parents=True, exist_ok=True)
    reporter = pytestconfig.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"browser screenshots: {folder}")
    return folder


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A Chromium context with a fresh profile."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    with playwright_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A tab that records dialogs and Content Security Policy complaints."""
    tab = browser.new_page()
    tab.set_viewport_size({"width": 1200, "height": 900})
    tab.dialogs = []
    tab.complaints = []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    tab.on(
        "console",
        lambda m: tab.complaints.append(m.text) if "Content Security Policy" in m.text else None,
    )
    yield tab
    assert tab.complaints == []
    tab.close()


def test_read_the_corpus_in_a_browser(server: str, page: Any, shots: Path) -> None:
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "The corpus at a glance"
    assert "articles" in page.locator(".counts").inner_text()
    page.screenshot(path=shots / "index.png", full_page=True)

    page.fill("#q", "fishermen")
    page.click(".big-search button")
    page.wait_for_url("**/search?q=fishermen")
    result = page.locator("ol.results h2 a").first
    assert result.inner_text() == "Chile frees 31 detained fishermen after Peruvian talks"
    assert page.locator("ol.results mark").count() >= 1
    page.screenshot(path=shots / "search.png", full_page=True)

    result.click()
    page.wait_for_url("**/articles/*")
    assert (
        page.locator("h1").inner_text() == "Chile frees 31 detained fishermen after Peruvian talks"
    )
    page.screenshot(path=shots / "article.png", full_page=True)

    speaker = page.locator(".text a.speaker", has_text="Daniela Forteza").first
    speaker.click()
    page.wait_for_url("**/entities/*")
    assert page.locator("h1").inner_text() == "Daniela Forteza"
    assert page.locator("text=Quotes by Daniela Forteza").count() == 1
    page.screenshot(path=shots / "entity.png", full_page=True)

    page.goto(server + "/quotes?speaker=Forteza")
    assert page.locator(".quotes li").count() >= 1
    page.screenshot(path=shots / "quotes.png", full_page=True)

    page.goto(server + "/articles")
    page.screenshot(path=shots / "articles.png", full_page=True)
    assert page.dialogs == []


def test_open_a_story(server: str, page: Any, shots: Path) -> None:
    page.goto(server + "/")
    page.click("nav >> text=Stories")
    page.wait_for_url("**/stories")
    page.screenshot(path=shots / "stories.png", full_page=True)
    page.click("ol.stories a >> text=Chile frees 31 detained fishermen after Peruvian talks")
    page.wait_for_url("**/stories/*")
    assert (
        page.locator("h1").inner_text() == "Chile frees 31 detained fishermen after Peruvian talks"
    )
    assert page.locator("text=Key entities").count() == 1
    page.screenshot(path=shots / "story.png", full_page=True)
    # The story links back to its article, whose page names the story.
    page.click("main section a >> text=Chile frees 31 detained fishermen after Peruvian talks")
    page.wait_for_url("**/articles/*")
    assert "story:" in page.locator("article .meta").first.inner_text()


def test_analyse_the_sample_through_the_form(server: str, page: Any, shots: Path) -> None:
    page.goto(server + "/analyze")
    page.screenshot(path=shots / "analyze-form.png", full_page=True)
    page.set_input_files("#file", str(SAMPLES / "prisoner-release.txt"))
    page.click("form.analyze button")
    page.wait_for_load_state()
    assert (
        page.locator("h1").inner_text() == "Chile frees 31 detained fishermen after Peruvian talks"
    )
    assert "Analysed, not stored." in page.locator("article .meta").first.inner_text()
    assert page.locator(".text .quote").count() >= 3
    page.screenshot(path=shots / "analyze-result.png", full_page=True)


def test_hostile_article_shows_its_payloads_as_text(
    server: str, page: Any, shots: Path, web_db: Path
) -> None:
    (row,) = corpus.articles(str(web_db), Filters(source="harbour-board.txt"))["items"]
    page.goto(f"{server}/articles/{row['id']}")
    page.wait_for_timeout(500)  # time for any injected script to run, were there one
    assert page.locator("h1").inner_text() == XSS_TITLE
    body = page.locator(".text").inner_text()
    assert "<img src=x onerror=alert(1)>" in body and "<script>alert(2)</script>" in body
    assert page.dialogs == []
    assert page.locator("main img, main script").count() == 0
    page.screenshot(path=shots / "hostile-article.png", full_page=True)


def test_pages_fit_a_phone(server: str, browser: Any, shots: Path, web_db: Path) -> None:
    phone = browser.new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    try:
        (row,) = corpus.articles(str(web_db), Filters(source="prisoner-release.txt"))["items"]
        for name, path in (
            ("phone-article", f"/articles/{row['id']}"),
            ("phone-search", "/search?q=said"),
        ):
            phone.goto(server + path)
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{path} is {width}px wide on a 390px screen"
            phone.screenshot(path=shots / f"{name}.png", full_page=True)
    finally:
        phone.close()
