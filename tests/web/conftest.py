"""Web fixtures: a store of our fixture articles, the samples and a hostile article; apps on it."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from storyline import analyze
from storyline.corpus.store import open_store
from storyline.models import Record
from storyline.pipeline import analyze_text
from storyline.web import WebConfig, create_app
from tests.corpus.conftest import SAMPLES, put, records  # noqa: F401  (records is a fixture)

# An article whose title and body carry script payloads: a page must show them as text.
XSS_TITLE = '<script>alert("title")</script> Harbour board <b onmouseover=alert(3)>votes</b>'
XSS_BODY = """VALENCIA - The harbour board voted 7 to 2 on Tuesday to end night shifts at the \
container terminal, the board's chair, Marta Ibarra, said.

Residents who spoke at the meeting pasted <img src=x onerror=alert(1)> and \
<script>alert(2)</script> into the online comment form, Ibarra said, and the board's web team \
removed them.

"We will listen to every resident, but we will not run the port by comment box," Ibarra told \
reporters.
"""


@pytest.fixture(scope="session")
def xss_record(nlp: object) -> Record:
    return analyze_text(XSS_BODY, title=XSS_TITLE)


@pytest.fixture(scope="session")
def sample_record(nlp: object) -> Record:
    return analyze(SAMPLES / "prisoner-release.txt")


@pytest.fixture(scope="session")
def web_db(
    tmp_path_factory: pytest.TempPathFactory,
    records: dict[str, Record],  # noqa: F811
    sample_record: Record,
    xss_record: Record,
) -> Path:
    """A SQLite store: the corpus fixtures with their copies, the sample, the hostile article."""
    path = tmp_path_factory.mktemp("web") / "corpus.db"
    with open_store(path, "create") as store:
        for name, record in records.items():
            put(store, name, record)
        put(store, "prisoner-release.txt", sample_record)
        put(store, "harbour-board.txt", xss_record)
    return path


@pytest.fixture
def writable_db(web_db: Path, tmp_path: Path) -> Path:
    """A copy of the web store that a test may write to."""
    copy = tmp_path / "corpus.db"
    shutil.copy(web_db, copy)
    return copy


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@contextlib.asynccontextmanager
async def serving(db: Path, **options: Any) -> AsyncIterator[httpx.AsyncClient]:
    """An in-process client of the app over ``db`` (httpx's ASGI transport: no socket)."""
    app = create_app(WebConfig(db=str(db), **options))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c,
    ):
        yield c


@pytest.fixture
async def client(web_db: Path) -> AsyncIterator[httpx.AsyncClient]:
    async with serving(web_db) as c:
        yield c
