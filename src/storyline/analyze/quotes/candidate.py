"""The attribution candidate: one quote's spans before its speaker becomes an entity.

Every way of finding a quote (a reporting clause, a colon, a credit, the
sentences around it, the parse of indirect speech) yields ``Found`` values;
the later steps only read them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Found:
    """One attribution before speaker resolution; spans are character offsets."""

    kind: str
    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None  # the speaker as written
    name: tuple[int, int] | None  # the part of the source naming the speaker
    confidence: float
    cue_token: int | None = None  # token index of the cue word


@dataclass(frozen=True, slots=True)
class Candidate:
    """A speaker proposed for a direct quote by one way of finding it (``way``,
    a key of the chooser's weight table), with the features that adjust its score."""

    found: Found
    way: str
    features: tuple[str, ...] = ()
