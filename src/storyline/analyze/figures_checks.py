"""Checks between the figures of one article (filled in below)."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.models import Check, Figure


def checks(figures: Sequence[Figure], text: str) -> tuple[Check, ...]:
    return ()
