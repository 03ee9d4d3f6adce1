"""Word lists that more than one stage reads, each kept once in ``data/``.

- The verbs that report speech or thought, the speech and thought verbs of
  the cue lexicon ``data/cues_en.json``: the quotes stage's cues, the pronoun
  resolver's "Syria says it will", the events stage's "X said Y must act"
  all ask the same question of a verb, so they read the same list.
- The quotation marks, ``data/quotation_marks.json``: each opening mark with
  the marks that may close it, and which open a double quote. The quotes
  stage finds quoted passages with them once per document; the other stages
  read those passages from the document index, or test a token against
  ``QUOTATION_MARKS``.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any


def _data(name: str) -> Any:
    return json.loads(resources.files("storyline").joinpath(f"data/{name}").read_text("utf-8"))


@functools.cache
def cue_words() -> dict[str, Any]:
    """The cue lexicon as shipped (``data/cues_en.json``)."""
    raw: dict[str, Any] = _data("cues_en.json")
    return raw


@functools.cache
def reporting_verbs() -> frozenset[str]:
    """Lemmas of the verbs of speech and thought ("say", "warn", "believe")."""
    raw = cue_words()
    return frozenset(w.lower() for w in raw["speech_verbs"] + raw["thought_verbs"])


_MARKS = _data("quotation_marks.json")
CLOSERS: dict[str, str] = dict(_MARKS["closers"])  # opening mark -> the marks that close it
DOUBLE = frozenset(_MARKS["double"])  # the marks that open a double quote
# Every quotation mark character (the two-character '' and `` are made of these).
QUOTATION_MARKS = frozenset("".join(CLOSERS) + "".join(CLOSERS.values()))
# The characters of the double marks: never an apostrophe ("growers' union").
DOUBLE_QUOTATION_MARKS = frozenset(c for m in DOUBLE for c in m + CLOSERS[m] if c not in "'`")
