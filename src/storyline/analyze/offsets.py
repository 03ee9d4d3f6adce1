"""Records found at character offsets (figures, times, quotes), looked up by position.

A stage that asks, for each of its findings, which figures lie in a clause or which quote
holds a word would scan every record of the article each time: the square of the article's
length in all. ``Located`` sorts the records by start once and answers each question from
the few records near the position, in the order the records were given.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Generic, Protocol, TypeVar


class _Ranged(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


T = TypeVar("T", bound=_Ranged)


class Located(Generic[T]):
    """``items`` indexed by their ``start``; every answer keeps the items' given order."""

    def __init__(self, items: Sequence[T]) -> None:
        order = sorted(range(len(items)), key=lambda i: items[i].start)
        self._items = items
        self._order = order
        self._starts = [items[i].start for i in order]
        # The longest item bounds how far before a position an item holding it can start.
        self._longest = max((item.end - item.start for item in items), default=0)

    def starting_in(self, start: int, end: int) -> list[T]:
        """The items whose start lies in ``[start, end)``."""
        first = bisect_left(self._starts, start)
        last = bisect_left(self._starts, end, first)
        return [self._items[i] for i in sorted(self._order[first:last])]

    def inside(self, start: int, end: int) -> list[T]:
        """The items lying wholly inside ``[start, end)``."""
        return [item for item in self.starting_in(start, end) if item.end <= end]

    def holding(self, position: int) -> list[T]:
        """The items whose ``[start, end)`` holds ``position``."""
        near = self.starting_in(position - self._longest, position + 1)
        return [item for item in near if position < item.end]

    def overlapping(self, start: int, end: int) -> list[T]:
        """The items sharing at least one character with ``[start, end)``."""
        near = self.starting_in(start - self._longest, end)
        return [item for item in near if start < item.end]
