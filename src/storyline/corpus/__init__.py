"""The corpus: many analysed articles in a store, with duplicates grouped, searched and exported."""

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
    "Store",
    "Summary",
    "duplicates",
    "entities",
    "events",
    "export",
    "ingest",
    "open_store",
    "quotes",
    "reused_paragraphs",
    "search",
    "show",
]
