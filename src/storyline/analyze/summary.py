"""A short extractive summary: the sentences that carry the most salient entities.

Lead sentences get a bonus (news puts the essentials first); a sentence is
scored by the salience of the entities it mentions and by its content words'
frequency in the article, and near-copies of a chosen sentence are skipped.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Span

from storyline.analyze.document import doc_index
from storyline.analyze.offsets import Located
from storyline.models import Entity, SummarySentence


class _Mentioned(NamedTuple):
    start: int
    end: int
    entity: str  # its id


def summary(doc: Doc, entities: Sequence[Entity], count: int) -> tuple[SummarySentence, ...]:
    """The ``count`` best sentences of ``doc``, in text order."""
    index = doc_index(doc)
    sentences = [s for s in index.sentences if index.alphabetic(s) >= 6]
    if not sentences:
        return ()
    content = index.tokens_where(words_only=True)
    lemma = dict(zip(content, (w.lower() for w in index.strings(content, LEMMA)), strict=True))
    freq = Counter(lemma.values())
    weight = {e.id: math.log1p(e.mention_count) for e in entities}
    mentions = Located([_Mentioned(m.start, m.end, e.id) for e in entities for m in e.mentions])
    scored: list[tuple[float, Span, set[str]]] = []
    for rank, sent in enumerate(sentences):
        words = [lemma[i] for i in index.tokens_where(words_only=True, within=sent)]
        lexical = sum(math.log1p(freq[w]) for w in words) / (len(words) + 5)
        ids = {m.entity for m in mentions.inside(sent.start_char, sent.end_char)}
        salience = sum(weight[i] for i in ids)
        lead = 1.5 if rank == 0 else 1.0 / (1 + 0.15 * rank)
        scored.append((lexical * (1 + 0.3 * salience) * lead, sent, set(words)))
    chosen: list[tuple[float, Span, set[str]]] = []
    for item in sorted(scored, key=lambda x: -x[0]):
        vocab = item[2]
        if any(len(vocab & c[2]) > 0.7 * max(1, len(vocab)) for c in chosen):
            continue
        chosen.append(item)
        if len(chosen) == count:
            break
    picked = sorted(chosen, key=lambda x: x[1].start_char)
    # The sentence's text is cut from the article's: ``Span.text`` joins its tokens anew.
    texts = [index.span_text(sent.start, sent.end) for _, sent, _ in picked]
    return tuple(
        SummarySentence(
            text=text.strip(),
            start=sent.start_char,
            end=sent.start_char + len(text.rstrip()),
            score=round(score, 3),
        )
        for (score, sent, _), text in zip(picked, texts, strict=True)
    )
