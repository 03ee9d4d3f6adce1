"""The attribution candidate: one quote's spans, and the speaker a way proposes for it.

Every way of finding a quote (a reporting clause, a colon, a credit, the
sentences around it, the parse of indirect speech) yields ``Found`` values;
every way of reading their source as an entity (a name, a pronoun the
entities stage resolved, a description, a document) turns one into
``Candidate`` values with a ``Speaker``; the chooser ranks those.
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
class Speaker:
    """Who a source is: an entity when one is known, the name as written, the role."""

    entity: str | None
    name: str | None
    role: str | None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A speaker proposed for a quote by one way of finding it (``way``, a key of
    the chooser's weight table), with the features that adjust its score; the
    ``speaker`` is set once its source is read as an entity."""

    found: Found
    way: str
    features: tuple[str, ...] = ()
    speaker: Speaker | None = None
