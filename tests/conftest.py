"""Shared fixtures: the language model once per session, the shared data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from spacy.language import Language

from storyline import nlp as nlp_module
from storyline.settings import Settings

DATA = Path(
    os.environ.get("STORYLINE_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")
)
SEED = DATA / "seed" / "000_af0b9cd941955a96.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/*.json from the current records instead of comparing",
    )


@pytest.fixture(scope="session")
def nlp() -> Language:
    return nlp_module.load()


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def seed_record():  # type: ignore[no-untyped-def]
    """The analysed seed article; skips when ../shared/data is absent."""
    if not SEED.exists():
        pytest.skip("shared seed article not available")
    from storyline import analyze

    return analyze(SEED)


class Site:
    """A local HTTP server on 127.0.0.1: ``site.add(path, body, content_type)``."""

    def __init__(self) -> None:
        import http.server
        import threading

        self.pages: dict[str, tuple[int, str, bytes]] = {}
        pages = self.pages

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                status, ctype, body = pages.get(self.path, (404, "text/plain", b"not found"))
                if status in (301, 302):
                    self.send_response(status)
                    self.send_header("Location", body.decode())
                    self.end_headers()
                    return
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def add(
        self,
        path: str,
        body: bytes | str,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
    ) -> str:
        data = body.encode() if isinstance(body, str) else body
        self.pages[path] = (status, content_type, data)
        return self.base + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():  # type: ignore[no-untyped-def]
    server = Site()
    yield server
    server.close()
