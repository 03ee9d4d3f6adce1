"""An article's text cut into marked pieces for the page: quotes, entity mentions, figures.

The record's facts carry character offsets; this lays them over the text as a
two-level tree per paragraph (quotes outside, mentions and figures inside) that a
template renders with escaping. A span that would cross another is left unmarked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Piece:
    """Text, or a marked span: ``kind`` is text, quote, mention or figure."""

    kind: str
    text: str = ""
    ref: str | None = None  # what the mark links to: an entity page, a figure, a speaker
    label: str | None = None  # a short description for the mark's tooltip
    children: list[Piece] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    kind: str
    ref: str | None
    label: str | None


def _disjoint(spans: list[_Span]) -> list[_Span]:
    """Spans in text order with every one that overlaps an earlier (or longer) one left out."""
    out: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if span.end > span.start and (not out or span.start >= out[-1].end):
            out.append(span)
    return out


def _flat(text: str, start: int, end: int, spans: list[_Span]) -> list[Piece]:
    pieces: list[Piece] = []
    at = start
    for span in spans:
        if span.start < start or span.end > end:
            continue
        if span.start > at:
            pieces.append(Piece("text", text[at : span.start]))
        pieces.append(Piece(span.kind, text[span.start : span.end], span.ref, span.label))
        at = span.end
    if at < end:
        pieces.append(Piece("text", text[at:end]))
    return pieces


def _inner(record: Mapping[str, Any], entity_ids: Mapping[str, int]) -> list[_Span]:
    spans = []
    for entity in record.get("entities") or []:
        row = entity_ids.get(entity["id"])
        ref = f"/entities/{row}" if row is not None else None
        label = f"{entity['name']} ({entity['type']})"
        spans += [
            _Span(m["start"], m["end"], "mention", ref, label) for m in entity.get("mentions") or []
        ]
    for figure in record.get("figures") or []:
        label = figure.get("concept") or figure.get("unit") or "figure"
        spans.append(_Span(figure["start"], figure["end"], "figure", f"#{figure['id']}", label))
    return _disjoint(spans)


def _quotes(record: Mapping[str, Any], entity_ids: Mapping[str, int]) -> list[_Span]:
    spans = []
    for quote in record.get("quotes") or []:
        row = entity_ids.get(quote.get("speaker") or "")
        ref = f"/entities/{row}" if row is not None else None
        spans.append(
            _Span(quote["start"], quote["end"], "quote", ref, quote.get("speaker_name") or None)
        )
    return _disjoint(spans)


def marked(record: Mapping[str, Any], entity_ids: Mapping[str, int]) -> list[list[Piece]]:
    """Each paragraph of ``record`` as pieces; ``entity_ids`` maps entity ids to page ids."""
    text: str = record["text"]
    inner = _inner(record, entity_ids)
    quotes = _quotes(record, entity_ids)
    # A mention or figure that crosses a quote's edge stays plain text.
    inner = [
        s
        for s in inner
        if all(
            s.end <= q.start or q.end <= s.start or q.start <= s.start < s.end <= q.end
            for q in quotes
        )
    ]
    paragraphs = record.get("paragraphs") or [{"start": 0, "end": len(text)}]
    out = []
    for paragraph in paragraphs:
        start, end = paragraph["start"], paragraph["end"]
        pieces: list[Piece] = []
        at = start
        for quote in quotes:
            qs, qe = max(quote.start, start), min(quote.end, end)
            if qs >= qe:
                continue
            pieces += _flat(text, at, qs, inner)
            pieces.append(Piece("quote", "", quote.ref, quote.label, _flat(text, qs, qe, inner)))
            at = qe
        pieces += _flat(text, at, end, inner)
        out.append(pieces)
    return out
