"""PLOVER events (first version: none found yet)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from storyline.models import Entity, Event, Figure, Quote, TimeExpression


def events(
    doc: Doc,
    entities: Sequence[Entity],
    quotes: Sequence[Quote],
    figures: Sequence[Figure],
    times: Sequence[TimeExpression],
    date: str | None,
) -> tuple[Event, ...]:
    """Events in ``doc`` coded in PLOVER, with actors, place, time and figures."""
    return ()
