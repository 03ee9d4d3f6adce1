"""``Corpus``: one open store and the corpus queries as its methods.

Each method is the library function of the same name (in ``storyline.corpus``) called
on this store, so a program gets exactly what the command line prints with ``-f json``
and the web app sends from its ``.json`` routes. A corpus opened to ``read`` refuses
the methods that write (ingest, watches, digest) before touching the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.corpus.browse import articles as article_page
from storyline.corpus.entity import entities as entity_list
from storyline.corpus.entity import entity as entity_view
from storyline.corpus.ingest import Summary
from storyline.corpus.ingest import ingest as ingest_sources
from storyline.corpus.query import search as search_articles
from storyline.corpus.query import show
from storyline.corpus.store import Mode, Row, Store, open_store
from storyline.corpus.store.browse import Filters
from storyline.corpus.story import stories as story_list
from storyline.corpus.story import story as story_view
from storyline.corpus.timeline import timeline as timeline_of
from storyline.corpus.watches import add_watch, digest, remove_watch
from storyline.corpus.watches import watches as watch_list
from storyline.errors import ReadOnlyStoreError
from storyline.settings import Settings


class Corpus:
    """A corpus store opened to ``read``, ``write`` or ``create`` (see ``open_store``).

    Use it as a context manager, or call ``close`` when done::

        with Corpus("news.db") as corpus:
            for item in corpus.stories():
                print(item["id"], item["title"])
    """

    def __init__(self, target: str | Path, mode: Mode = "read") -> None:
        self.mode = mode
        self.store: Store = open_store(target, mode)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _writing(self, what: str) -> Store:
        if self.mode == "read":
            raise ReadOnlyStoreError(
                f"{self.store.name}: opened to read; {what} needs Corpus(..., mode='write')"
            )
        return self.store

    # --- writing ----------------------------------------------------------------------

    def ingest(
        self,
        sources: Sequence[str],
        settings: Settings | None = None,
        *,
        kind: str | None = None,
        progress: bool = False,
        keep_non_articles: bool = False,
    ) -> Summary:
        """Analyse and store every document behind ``sources`` (as ``storyline ingest``)."""
        return ingest_sources(
            sources,
            self._writing("ingest"),
            settings,
            kind=kind,
            progress=progress,
            keep_non_articles=keep_non_articles,
        )

    def add_watch(
        self,
        name: str,
        story: int | None = None,
        query: str | None = None,
        entity: str | None = None,
        event_type: str | None = None,
    ) -> dict[str, Any]:
        """Store a watch on a story, words, an entity or an event type (AND-ed)."""
        return add_watch(self._writing("add_watch"), name, story, query, entity, event_type)

    def remove_watch(self, name: str) -> None:
        remove_watch(self._writing("remove_watch"), name)

    def digest(self, since: str | None = None, watch: str | None = None) -> dict[str, Any]:
        """What is new per watch; without ``since``, since each watch's previous digest."""
        return digest(self._writing("digest"), since, watch)

    # --- reading ----------------------------------------------------------------------

    def search(self, text: str, limit: int = 20) -> list[Row]:
        """Articles containing every word of ``text``, best first, with snippets."""
        return search_articles(self.store, text, limit)

    def articles(
        self, filters: Filters | None = None, cursor: str | None = None, limit: int = 20
    ) -> Row:
        """A page of articles, newest first: ``{"items", "next"}``."""
        return article_page(self.store, filters, cursor, limit)

    def article(self, article_id: int) -> dict[str, Any]:
        """One article with its record, copies, story and entity ids (as ``storyline show``)."""
        return show(self.store, article_id)

    def entities(
        self, type: str | None = None, limit: int = 100, text: str | None = None
    ) -> list[dict[str, Any]]:
        """Corpus entities, most widely reported first."""
        return entity_list(self.store, type, limit, text)

    def entity(self, name: str) -> dict[str, Any]:
        """One corpus entity, by id or name."""
        return entity_view(self.store, name)

    def stories(self, limit: int = 50) -> list[dict[str, Any]]:
        """Stories, newest activity first."""
        return story_list(self.store, limit)

    def story(self, story_id: int, explain: bool = False) -> dict[str, Any]:
        """One story with its articles, entities, figures, quotes, events and timeline."""
        return story_view(self.store, story_id, explain)

    def timeline(self, story: int | None = None, entity: str | None = None) -> list[dict[str, Any]]:
        """The timeline of one story, or of one corpus entity (by name or id)."""
        return timeline_of(self.store, story=story, entity=entity)

    def watches(self) -> list[dict[str, Any]]:
        return watch_list(self.store)
