"""Fast token look-ups for the entity stage's passes over a whole document.

Creating a spaCy ``Token`` for every position is the main cost of a pass, so
each pass first finds its few candidate positions from arrays of hashes and
offsets, then looks only at those tokens.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from storyline.analyze.document import doc_index


def positions(doc: Doc, words: Iterable[str], *, lower: bool = True) -> list[int]:
    """Indices of the tokens spelling one of ``words`` (lower-cased unless ``lower=False``)."""
    return doc_index(doc).spelling(words, lower=lower)


def capitalised(doc: Doc, text: str) -> list[int]:
    """Indices of the tokens whose first character is an upper-case letter.

    ``text`` is ``doc.text``, which spaCy rebuilds from the tokens on every access.
    """
    return [i for i, start in enumerate(doc_index(doc).token_starts) if text[start].isupper()]
