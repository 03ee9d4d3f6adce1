"""Who said what (first version: none found yet)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from storyline.models import Entity, Quote


def quotes(doc: Doc, entities: Sequence[Entity]) -> tuple[Quote, ...]:
    """Direct, partial and indirect quotes in ``doc`` with their speakers."""
    return ()
