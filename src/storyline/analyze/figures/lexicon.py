"""The words of figures: number words, multipliers, units, currencies, qualifiers.

Loaded once from ``storyline/data/figures.json`` (shipped as package data), so
the vocabulary can grow without touching the parsing code.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Lexicon:
    number_words: dict[str, float]
    scale_words: dict[str, float]
    multiplier_suffixes: dict[str, float]
    ordinals: dict[str, int]
    currency_symbols: dict[str, str]
    currency_codes: frozenset[str]
    currency_names: dict[str, str]  # singular, lower case -> ISO code ("cent" for minor units)
    units: dict[str, str]  # surface form (singular, lower case) -> normal form
    ambiguous_short_units: frozenset[str]
    duration_units: frozenset[str]
    per_nouns: frozenset[str]
    qualifiers: dict[str, str]
    suffix_qualifiers: dict[str, str]
    change_words: dict[str, str]
    change_nouns: dict[str, str]  # "a rise of 5%": nouns of change taking "of"
    generic_nouns: frozenset[str]
    change_after: dict[str, str]  # "5% higher", "a 5% drop"
    change_for_shares: dict[str, str]  # "lost 2.7%": a change only for shares and points
    fractions: dict[str, int]  # denominator of "two-thirds", "a quarter of"
    label_words: frozenset[str]  # "No. 5", "Category 4"
    street_words: frozenset[str]  # "318 Calloway Road"
    # Verbs that put a count at a level: "the toll rose to 14", "put the toll at 45";
    # the figure counts their subject, or their object.
    level_verbs: frozenset[str]
    count_nouns: frozenset[str]  # "the number of people killed": the figure counts people
    # Verbs that leave what they count in a state: "left 14 people dead", "left 45 ships
    # waiting"; the figure's frame is the state.
    state_verbs: frozenset[str]


@functools.cache
def lexicon() -> Lexicon:
    """The shipped lexicon (read once per process)."""
    raw = json.loads((resources.files("storyline") / "data" / "figures.json").read_text("utf-8"))
    return Lexicon(
        number_words={k: float(v) for k, v in raw["number_words"].items()},
        scale_words={k: float(v) for k, v in raw["scale_words"].items()},
        multiplier_suffixes={k: float(v) for k, v in raw["multiplier_suffixes"].items()},
        ordinals=dict(raw["ordinals"]),
        currency_symbols=dict(raw["currency_symbols"]),
        currency_codes=frozenset(raw["currency_codes"]),
        currency_names=dict(raw["currency_names"]),
        units=dict(raw["units"]),
        ambiguous_short_units=frozenset(raw["ambiguous_short_units"]),
        duration_units=frozenset(raw["duration_units"]),
        per_nouns=frozenset(raw["per_nouns"]),
        qualifiers=dict(raw["qualifiers"]),
        suffix_qualifiers=dict(raw["suffix_qualifiers"]),
        change_words=dict(raw["change_words"]),
        change_nouns=dict(raw["change_nouns"]),
        generic_nouns=frozenset(raw["generic_nouns"]),
        change_after=dict(raw["change_after"]),
        change_for_shares=dict(raw["change_for_shares"]),
        fractions=dict(raw["fractions"]),
        label_words=frozenset(raw["label_words"]),
        street_words=frozenset(raw["street_words"]),
        level_verbs=frozenset(raw["level_verbs"]),
        count_nouns=frozenset(raw["count_nouns"]),
        state_verbs=frozenset(raw["state_verbs"]),
    )


# Capital letters that glued to digits are a multiplier or a unit ("5M", "41C", "60W",
# "2L", "10X"); any other ("5G", "3D", "4K") makes the whole a name.
UNIT_LETTERS = frozenset("MBKCFWVLX")


def names_a_thing(letter: str) -> bool:
    """Whether one capital ``letter`` glued to a number makes a name, not a figure."""
    return len(letter) == 1 and letter.isupper() and letter not in UNIT_LETTERS


# Plurals ``singular`` knows by heart, not by their ending.
_IRREGULAR = MappingProxyType(
    {"feet": "foot", "pence": "pence", "centuries": "century", "millennia": "millennium"}
)


def singular(word: str) -> str:
    """A crude singular for unit and currency look-ups ("miles" -> "mile", "inches" -> "inch")."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) > 4 and w.endswith(("ches", "shes", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w
