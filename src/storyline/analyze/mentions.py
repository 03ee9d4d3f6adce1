"""Look up which entity a stretch of text refers to."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from storyline.models import Entity, Mention


class MentionIndex:
    """Entity mentions sorted by offset, for span -> entity look-ups."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        pairs = sorted(((m, e) for e in entities for m in e.mentions), key=lambda p: p[0].start)
        self._starts = [m.start for m, _ in pairs]
        self._pairs = pairs
        self._by_id = {e.id: e for e in entities}

    def entity(self, entity_id: str | None) -> Entity | None:
        return self._by_id.get(entity_id) if entity_id else None

    def mentions_in(self, start: int, end: int) -> list[tuple[Mention, Entity]]:
        """Mentions lying wholly inside ``[start, end)``, in text order."""
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self._pairs) and self._pairs[i][0].start < end:
            mention, entity = self._pairs[i]
            if mention.end <= end:
                out.append((mention, entity))
            i += 1
        return out

    def at(self, start: int, end: int) -> tuple[Mention, Entity] | None:
        """The mention overlapping ``[start, end)`` that covers most of it, if any.

        On a tie the tighter mention wins: the token "Peruvian" in "the
        Peruvian president" is the country, the whole phrase the person.
        """
        i = bisect.bisect_left(self._starts, end) - 1
        best: tuple[Mention, Entity] | None = None
        best_rank = (0, 0)
        # Mentions are short; scanning back a few positions finds every overlap.
        for mention, entity in self._pairs[max(0, i - 8) : i + 1]:
            overlap = min(end, mention.end) - max(start, mention.start)
            rank = (overlap, -(mention.end - mention.start))
            if overlap > 0 and rank > best_rank:
                best, best_rank = (mention, entity), rank
        return best
