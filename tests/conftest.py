"""Shared fixtures: the language model once per session, the shared data folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from storyline import nlp as nlp_module
from storyline.settings import Settings
from tests.local_site import Site

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


@pytest.fixture
def site() -> Iterator[Site]:
    """A local HTTP server for the test: ``site.add(path, body, content_type)`` gives its URL."""
    server = Site()
    yield server
    server.close()
