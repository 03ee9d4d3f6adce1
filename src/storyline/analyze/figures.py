"""Figures, time expressions and the checks between figures (first version)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from storyline.models import Check, Entity, Figure, TimeExpression


def figures(doc: Doc, entities: Sequence[Entity], date: str | None) -> tuple[Figure, ...]:
    """Every quantity in ``doc`` with what it counts."""
    return ()


def time_expressions(doc: Doc, date: str | None) -> tuple[TimeExpression, ...]:
    """Dates and years, normalised against the article date ``date`` where known."""
    return ()


def checks(figures: Sequence[Figure], text: str) -> tuple[Check, ...]:
    """Consistency checks between the figures of one article."""
    return ()
