"""The per-document index: what every stage reads of one parsed article, built once.

spaCy computes ``Doc.text``, ``Doc.ents``, ``Doc.sents`` and ``Span.ents`` afresh on each
access, each in time linear in the article (``Span.ents`` walks every entity of the document).
Read inside a loop over quotes or events, they made the analysis quadratic in the article's
length. The index holds each of them once: the text, the sentences with their first tokens
sorted for ``bisect``, the entities with an array from each token to the entity holding it, the
character offset of each token (read in one call, not token by token), and the quoted passages.

The pipeline builds the index before the first stage (``doc_index(doc)``); every later call with
the same ``Doc`` returns the same index, so a helper that holds only a token reaches it through
``doc_index(token.doc)`` without rebuilding anything.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import IDX, IS_ALPHA, IS_STOP, LEMMA, LENGTH, LOWER, ORTH, POS, SHAPE, TAG
from spacy.strings import get_string_id
from spacy.symbols import IDS
from spacy.tokens import Doc, Span, Token

if TYPE_CHECKING:
    from storyline.analyze.quotes.marks import QuoteSpan

_KEY = "storyline.document"  # where the index is kept in ``Doc.user_data``
_ATTRS = [IDX, POS, TAG, LOWER, IS_ALPHA, IS_STOP, LEMMA, LENGTH, ORTH, SHAPE]  # the columns


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
    token_starts: list[int]  # token index -> its character offset, ascending
    token_ends: list[int]  # token index -> the character offset where its text ends
    attrs: numpy.ndarray  # token index -> its attributes, in the order of ``_ATTRS``
    alphabetic_before: list[int]  # token index -> how many alphabetic tokens precede it
    selections: dict[tuple[object, ...], tuple[int, ...]]  # ``tokens_where``'s, by question
    columns: dict[int, list[str]]  # ``column``'s, by attribute
    quotes: tuple[QuoteSpan, ...]  # the top-level quoted passages of the text

    def sentence(self, i: int) -> Span:
        """The sentence holding token ``i``."""
        return self.sentences[bisect_right(self.sentence_starts, i) - 1]

    def entities_in(self, start: int, end: int) -> list[Span]:
        """The entities wholly inside tokens ``start``–``end``, as ``Span.ents`` gives them."""
        first = bisect_left(self.entity_starts, start)
        last = bisect_right(self.entity_starts, end - 1)
        return [ent for ent in self.entities[first:last] if ent.end <= end]

    def token_starting_at(self, char: int) -> int | None:
        """The index of the token that starts at character ``char``, if one does."""
        i = bisect_left(self.token_starts, char)
        return i if i < len(self.token_starts) and self.token_starts[i] == char else None

    def alphabetic(self, span: Span) -> int:
        """How many tokens of ``span`` are alphabetic."""
        return self.alphabetic_before[span.end] - self.alphabetic_before[span.start]

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens ``start``–``end``, as ``Doc[start:end].text`` gives it."""
        return self.text[self.token_starts[start] : self.token_ends[end - 1]] if start < end else ""

    def strings(self, tokens: Sequence[int], attr: int) -> list[str]:
        """The ``LOWER`` or ``LEMMA`` strings of ``tokens``, read from the attribute arrays."""
        column = self.column(attr)
        return [column[i] for i in tokens]

    def spelling(self, words: Iterable[str], *, lower: bool = True) -> list[int]:
        """The tokens, ascending, that spell one of ``words`` (lower-cased unless ``lower=False``)."""
        wanted = {get_string_id(w) for w in words}  # hashes only: the vocabulary is not grown
        ids = self.ids(LOWER if lower else ORTH)
        return numpy.flatnonzero(among(ids, hashes(wanted))).tolist()

    def ids(self, attr: int) -> numpy.ndarray:
        """Every token's ``attr``, one of ``_ATTRS``: a string's hash (``LOWER``, ``SHAPE``…)
        or a flag (``IS_ALPHA``)."""
        column: numpy.ndarray = self.attrs[:, _ATTRS.index(attr)]
        return column

    def column(self, attr: int) -> list[str]:
        """The ``LOWER`` or ``LEMMA`` string of every token, in order.

        Read once for the document: the vocabulary decodes a string each time it is asked,
        so each distinct one is decoded once here.
        """
        found = self.columns.get(attr)
        if found is None:
            ids = self.ids(attr).tolist()
            store = self.doc.vocab.strings
            decoded = {key: store[key] for key in set(ids)}
            found = self.columns[attr] = [decoded[key] for key in ids]
        return found

    def tokens_where(
        self,
        pos: Collection[str] = (),
        tag_prefixes: tuple[str, ...] = (),
        lower: Collection[str] = (),
        *,
        words_only: bool = False,
        within: Span | None = None,
    ) -> tuple[int, ...]:
        """The tokens, ascending, whose part of speech is one of ``pos``, fine tag starts with
        one of ``tag_prefixes`` or lower-cased form is one of ``lower`` (every token when all
        three are empty); with ``words_only``, only the alphabetic ones that are not stop words;
        with ``within``, only those of that span.

        Chosen from the attribute arrays, read once, and kept for the next question of the
        same kind: reading each token's attributes is slow.
        """
        key = (tuple(pos), tag_prefixes, tuple(lower), words_only)
        chosen = self.selections.get(key)
        if chosen is None:
            chosen = self.selections[key] = self._select(*key)
        if within is None:
            return chosen
        return chosen[bisect_left(chosen, within.start) : bisect_left(chosen, within.end)]

    def _select(
        self,
        pos: tuple[str, ...],
        tag_prefixes: tuple[str, ...],
        lower: tuple[str, ...],
        words_only: bool,
    ) -> tuple[int, ...]:
        pos_ids, tag_ids, lower_ids, alpha, stop = map(
            self.ids, (POS, TAG, LOWER, IS_ALPHA, IS_STOP)
        )
        chosen = numpy.zeros(len(self.token_starts), dtype=bool)
        if not (pos or tag_prefixes or lower):
            chosen[:] = True
        strings = self.doc.vocab.strings
        used = set(tag_ids.tolist()) if tag_prefixes else set()  # the document's tags
        tags = [t for t in used if strings[t].startswith(tag_prefixes)]
        for column, ids in (
            (pos_ids, [IDS[p] for p in pos]),
            (tag_ids, tags),
            (lower_ids, [get_string_id(w) for w in lower]),
        ):
            # One comparison a value: for the few values asked, faster than ``numpy.isin``.
            for value in ids:
                chosen |= column == value
        if words_only:
            chosen &= (alpha == 1) & (stop == 0)
        return tuple(numpy.flatnonzero(chosen).tolist())


def hashes(values: Iterable[int]) -> numpy.ndarray:
    """String hashes as the sorted array ``among`` takes."""
    return numpy.array(sorted(values), dtype=numpy.uint64)


def among(ids: numpy.ndarray, wanted: numpy.ndarray) -> numpy.ndarray:
    """Which of ``ids`` are in ``wanted`` (sorted, as ``hashes`` gives it), as a mask.

    A binary search of each: for a document's tokens, faster than ``numpy.isin``.
    """
    if not wanted.size:
        return numpy.zeros(len(ids), dtype=bool)
    at = numpy.searchsorted(wanted, ids)
    at[at == len(wanted)] = 0
    found: numpy.ndarray = wanted[at] == ids
    return found


def sentence_of(token: Token) -> Span:
    """The sentence holding ``token``, as ``Token.sent`` gives it, found in the index."""
    return doc_index(token.doc).sentence(token.i)


def doc_index(doc: Doc, text: str | None = None) -> Document:
    """The index of ``doc``, built on the first call and kept with the ``Doc``.

    ``text`` is the text ``doc`` was parsed from, when the caller holds it: ``Doc.text``
    rebuilds it from the tokens, which costs as much as a stage.
    """
    found = doc.user_data.get(_KEY)
    if isinstance(found, Document) and found.doc is doc:
        return found
    built = _build(doc, text if text is not None and _spans(doc, text) else doc.text)
    doc.user_data[_KEY] = built
    return built


def _spans(doc: Doc, text: str) -> bool:
    """Whether ``text`` can be the text of ``doc``: it ends where the last token does, with
    that token's text and whitespace."""
    if not len(doc):
        return text == ""
    last = doc[-1]
    return len(text) == last.idx + len(last.text_with_ws) and text.endswith(last.text_with_ws)


def _build(doc: Doc, text: str) -> Document:
    # Imported here: the quotes stage reads this module, and its package imports the stage.
    from storyline.analyze.quotes.marks import find_quotes

    sentences = tuple(doc.sents) if len(doc) else ()
    entities = tuple(doc.ents)
    entity_at: list[Span | None] = [None] * len(doc)
    attrs = doc.to_array(_ATTRS).reshape(len(doc), len(_ATTRS))
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
        token_starts=attrs[:, 0].tolist(),
        token_ends=(attrs[:, 0] + attrs[:, _ATTRS.index(LENGTH)]).tolist(),
        attrs=attrs,
        alphabetic_before=[0, *numpy.cumsum(attrs[:, 4]).tolist()],
        selections={},
        columns={},
        quotes=tuple(find_quotes(text)),
    )
