"""The article's content words: lemmas with their counts, in the body and the headline.

Stories are built from these across a corpus (TF-IDF over lemmas), so the store
never analyses text. A content word is a noun, proper noun, verb, adjective or
adverb that is not a stop word; names keep their own words ("obama"), lower-cased.
The headline is not parsed: its words take the lemma the body gives the same form,
else their lower-cased form.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.attrs import LEMMA, LOWER
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from storyline.analyze.document import doc_index
from storyline.models import Term

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV"})
MIN_LENGTH = 2  # a lemma of one letter carries no topic
_WORD = re.compile(r"[^\W\d_][\w'-]*")


def _lemma(text: str) -> str:
    return text.lower().strip("'-")


def terms(doc: Doc, title: str | None) -> tuple[Term, ...]:
    """Content-word lemmas of ``doc`` and ``title``, most frequent first."""
    body: Counter[str] = Counter()
    forms: dict[str, str] = {}
    index = doc_index(doc)
    words = index.tokens_where(CONTENT_POS, words_only=True)
    names = set(index.tokens_where(("PROPN",)))
    for i, lower, lemma in zip(
        words, index.strings(words, LOWER), index.strings(words, LEMMA), strict=True
    ):
        lemma = _lemma(lower if i in names else lemma)  # a name's lemma is its own form
        if len(lemma) < MIN_LENGTH or lemma in STOP_WORDS:
            continue
        body[lemma] += 1
        forms.setdefault(lower, lemma)
    head: Counter[str] = Counter()
    for word in _WORD.findall(title or ""):
        lemma = forms.get(word.lower(), _lemma(word))
        if len(lemma) >= MIN_LENGTH and lemma not in STOP_WORDS:
            head[lemma] += 1
    return tuple(
        Term(lemma, body[lemma], head[lemma])
        for lemma in sorted(body.keys() | head.keys(), key=lambda w: (-body[w] - head[w], w))
    )
