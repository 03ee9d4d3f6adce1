"""Readers that turn a source (file, stdin, URL) into a RawDocument."""

from storyline.ingest.sources import is_url, read_source

__all__ = ["is_url", "read_source"]
