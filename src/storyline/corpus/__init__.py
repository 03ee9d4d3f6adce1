"""The corpus: many analysed articles in a store, with duplicates grouped, searched and exported."""

from storyline.corpus.browse import Filters, articles, entity, overview, quotes_page, search_page
from storyline.corpus.export import FORMATS, export
from storyline.corpus.ingest import Summary, ingest
from storyline.corpus.query import (
    duplicates,
    entities,
    events,
    quotes,
    reused_paragraphs,
    search,
    show,
)
from storyline.corpus.store import Store, open_store

__all__ = [
    "FORMATS",
    "Filters",
    "Store",
    "Summary",
    "articles",
    "duplicates",
    "entities",
    "entity",
    "events",
    "export",
    "ingest",
    "open_store",
    "overview",
    "quotes",
    "quotes_page",
    "reused_paragraphs",
    "search",
    "search_page",
    "show",
]
