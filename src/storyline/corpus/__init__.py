"""The corpus: many analysed articles in a store, with duplicates grouped, corpus entities
linked, stories clustered, searched and exported."""

from storyline.corpus.browse import Filters, articles, overview, quotes_page, search_page
from storyline.corpus.corrections import merge_stories, move_article, recluster
from storyline.corpus.entity import entities
from storyline.corpus.entity import entity as corpus_entity
from storyline.corpus.export import FORMATS, export
from storyline.corpus.ingest import Summary, ingest
from storyline.corpus.library import Corpus
from storyline.corpus.query import (
    duplicates,
    events,
    quotes,
    reused_paragraphs,
    search,
    show,
)
from storyline.corpus.store import Store, open_store
from storyline.corpus.story import stories, stories_page, story
from storyline.corpus.timeline import timeline
from storyline.corpus.watches import add_watch, digest, remove_watch, watches

__all__ = [
    "FORMATS",
    "Corpus",
    "Filters",
    "Store",
    "Summary",
    "add_watch",
    "articles",
    "corpus_entity",
    "digest",
    "duplicates",
    "entities",
    "events",
    "export",
    "ingest",
    "merge_stories",
    "move_article",
    "open_store",
    "overview",
    "quotes",
    "quotes_page",
    "recluster",
    "remove_watch",
    "reused_paragraphs",
    "search",
    "search_page",
    "show",
    "stories",
    "stories_page",
    "story",
    "timeline",
    "watches",
]
