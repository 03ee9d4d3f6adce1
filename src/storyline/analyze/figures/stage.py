"""The figures stage: every quantity with its unit, what it counts and whom it is about.

``figures`` reads every quantity with its unit, qualifier, range or alternatives, what it
counts and whom it is about. Numbers inside time expressions (``analyze/times.py``) are not
figures. The work is split by reason to change: ``numbers`` reads one number (digits, words,
multipliers), ``units`` its currency or unit, ``not_figures`` rejects numbers that are names,
labels or addresses, ``quantities`` joins them into quantities (ranges, alternatives,
qualifiers, changes), ``concept`` and ``subject`` read the parse for what is counted and whom
it is told of, and ``consistency`` checks figures against each other. The vocabulary lives in
``storyline/data/figures.json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from storyline.analyze.document import doc_index
from storyline.analyze.figures.concept import concept, frame
from storyline.analyze.figures.quantities import Quantity, scan
from storyline.analyze.figures.subject import subject
from storyline.analyze.mentions import MentionIndex
from storyline.analyze.times import time_expressions
from storyline.models import Entity, Figure, Span, TimeExpression


def figures(
    doc: Doc,
    entities: Sequence[Entity],
    date: str | None,
    times: Sequence[TimeExpression] | None = None,
) -> tuple[Figure, ...]:
    """Every quantity in ``doc`` with what it counts, ids "F1", "F2"... in text order.

    Numbers inside time expressions are not figures; pass ``times`` when the
    caller has them already, else they are found here.
    """
    blocked = _time_tokens(doc, time_expressions(doc, date) if times is None else times)
    index = MentionIndex(entities)
    text = doc_index(doc).text
    out: list[Figure] = []
    for n, q in enumerate(scan(doc, blocked), start=1):
        figure = _figure(doc, text, q, n, index)
        if q.restates and out:
            # "6.4 million crowns (US $0.6 million)": the same quantity, told of the same thing
            first = out[-1]
            figure = replace(figure, concept=first.concept, concept_span=first.concept_span)
            figure = replace(figure, subject=first.subject, about=first.about, frame=first.frame)
        out.append(figure)
    return tuple(out)


def _time_tokens(doc: Doc, times: Sequence[TimeExpression]) -> set[int]:
    blocked: set[int] = set()
    for t in times:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None:
            blocked.update(range(span.start, span.end))
    return blocked


def _figure(doc: Doc, text: str, q: Quantity, n: int, index: MentionIndex) -> Figure:
    start, end = doc[q.start].idx, doc[q.end - 1].idx + len(doc[q.end - 1].text)
    if text[end - 1] == "." and text[end - 2 : end - 1].isalpha():
        end -= 1  # "$5M." tokenised as one word: the full stop is the sentence's
    what = concept(doc, q)
    spans = subject(doc, q)
    who, said = spans if spans else (None, None)  # the head phrase finds the entity
    about = None
    if who is not None:
        # the head word decides: "the Spanish shipping association Anesco" is Anesco, not Spain
        head_start = max(who[0], text.rfind(" ", who[0], who[1]) + 1)
        hit = index.at(head_start, who[1]) or index.at(*who)
        about = hit[1].id if hit else None
    if about is None and what is not None:
        inner = index.mentions_in(*what)
        about = inner[0][1].id if inner else None
    return Figure(
        id=f"F{n}",
        text=text[start:end],
        start=start,
        end=end,
        value=q.value,
        low=q.low,
        high=q.high,
        alternatives=q.alternatives,
        unit=q.unit,
        kind=q.kind,
        concept=text[what[0] : what[1]] if what else None,
        concept_span=Span(what[0], what[1], text[what[0] : what[1]]) if what else None,
        qualifier=q.qualifier,
        about=about,
        subject=Span(said[0], said[1], text[said[0] : said[1]]) if said else None,
        direction=q.direction,
        frame=frame(doc, q),
    )
