"""An input document named by a stable key, read only when it is analysed.

Readers for many-document inputs (folders, JSON Lines, WARC, feeds, URL lists)
yield Items. The key identifies the document across runs, so an interrupted
ingest resumes by skipping keys already stored; the source is read lazily, in
whichever process analyses it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from storyline.errors import EmptyInputError, InputError
from storyline.ingest.sources import read_source
from storyline.models import RawDocument
from storyline.settings import Settings


@dataclass(frozen=True, slots=True)
class Item:
    key: str  # stable identity: an absolute path, a URL, a WARC record id, file#line
    source: str | RawDocument  # a path or URL still to read, or the bytes already read
    title: str | None = None  # known from the container (feed item, JSON Lines)
    date: str | None = None
    error: str | None = None  # a broken entry: reported as a failure, never analysed
    empty: bool = False  # the error is that the input holds no article
    where: str | None = None  # its place in a many-document file ("news.jsonl:12")

    @property
    def name(self) -> str:
        """The document's source: its outlet, path or URL."""
        return self.source.source if isinstance(self.source, RawDocument) else self.source

    @property
    def label(self) -> str:
        """How reports name this document: its source, after its place in its file
        when it has one ("news.jsonl:12 (Coast Wire)"), so two of one outlet differ."""
        name = self.name
        return f"{self.where} ({name})" if self.where and self.where != name else name

    def read(self, settings: Settings) -> RawDocument:
        """The document's bytes, with the container's title and date laid over."""
        if self.error is not None:
            raise (EmptyInputError if self.empty else InputError)(self.error)
        raw = (
            self.source
            if isinstance(self.source, RawDocument)
            else read_source(self.source, settings)
        )
        return replace(raw, title=self.title or raw.title, date=self.date or raw.date)
