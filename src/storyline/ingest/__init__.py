"""Readers that turn a source (file, stdin, URL) into a RawDocument."""

from storyline.ingest.collect import KINDS, Input, collect
from storyline.ingest.items import Item
from storyline.ingest.sources import is_url, read_source

__all__ = ["KINDS", "Input", "Item", "collect", "is_url", "read_source"]
