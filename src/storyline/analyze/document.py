"""The per-document index: what every stage reads of one parsed article, built once.

spaCy computes ``Doc.text``, ``Doc.ents``, ``Doc.sents`` and ``Span.ents`` afresh on each
access, each in time linear in the article (``Span.ents`` walks every entity of the document).
Read inside a loop over quotes or events, they made the analysis quadratic in the article's
length. The index holds each of them once: the text, the sentences with their first tokens
sorted for ``bisect``, the entities with an array from each token to the entity holding it, and
the quoted passages.

The pipeline builds the index before the first stage (``doc_index(doc)``); every later call with
the same ``Doc`` returns the same index, so a helper that holds only a token reaches it through
``doc_index(token.doc)`` without rebuilding anything.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

if TYPE_CHECKING:
    from storyline.analyze.quotes.marks import QuoteSpan

_KEY = "storyline.document"  # where the index is kept in ``Doc.user_data``


@dataclass(frozen=True, slots=True, eq=False)
class Document:
    """One parsed article, indexed for the stages: see the module docstring."""

    doc: Doc
    text: str
    sentences: tuple[Span, ...]
    sentence_starts: tuple[int, ...]  # the first token of each sentence, ascending
    entities: tuple[Span, ...]  # Doc.ents, in order
    entity_starts: tuple[int, ...]  # the first token of each entity, ascending
    entity_at: tuple[Span | None, ...]  # token index -> the entity holding that token
    quotes: tuple[QuoteSpan, ...]  # the top-level quoted passages of the text

    def sentence(self, i: int) -> Span:
        """The sentence holding token ``i``."""
        return self.sentences[bisect_right(self.sentence_starts, i) - 1]

    def entities_in(self, start: int, end: int) -> list[Span]:
        """The entities wholly inside tokens ``start``–``end``, as ``Span.ents`` gives them."""
        first = bisect_left(self.entity_starts, start)
        last = bisect_right(self.entity_starts, end - 1)
        return [ent for ent in self.entities[first:last] if ent.end <= end]


def doc_index(doc: Doc) -> Document:
    """The index of ``doc``, built on the first call and kept with the ``Doc``."""
    found = doc.user_data.get(_KEY)
    if isinstance(found, Document) and found.doc is doc:
        return found
    built = _build(doc)
    doc.user_data[_KEY] = built
    return built


def _build(doc: Doc) -> Document:
    # Imported here: the quotes stage reads this module, and its package imports the stage.
    from storyline.analyze.quotes.marks import find_quotes

    text = doc.text
    sentences = tuple(doc.sents) if len(doc) else ()
    entities = tuple(doc.ents)
    entity_at: list[Span | None] = [None] * len(doc)
    for ent in entities:
        for i in range(ent.start, ent.end):
            entity_at[i] = ent
    return Document(
        doc=doc,
        text=text,
        sentences=sentences,
        sentence_starts=tuple(s.start for s in sentences),
        entities=entities,
        entity_starts=tuple(e.start for e in entities),
        entity_at=tuple(entity_at),
        quotes=tuple(find_quotes(text)),
    )
