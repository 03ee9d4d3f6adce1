"""Units around a number: currency before it ("$", "USD", "HK$"), units after it.

Units are returned in their normal form (``percent``, ``USD``, ``km``, ``year``...)
with the figure kind they imply (percent, money, duration, age, quantity).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from storyline.analyze.document import doc_index
from storyline.analyze.figures.lexicon import lexicon, singular

PERCENT_UNITS = ("percent", "percentage point", "basis point")
CURRENCY_CODES_MINOR = ("cent", "penny")


@dataclass(frozen=True, slots=True)
class Unit:
    unit: str
    kind: str
    end: int  # token index after the unit


def kind_of(unit: str | None) -> str:
    """The figure kind a normal-form unit implies."""
    lex = lexicon()
    if unit is None:
        return "cardinal"
    base = unit.split(" per ")[0]
    if base in PERCENT_UNITS:
        return "percent"
    if (
        base in lex.currency_codes
        or base in CURRENCY_CODES_MINOR
        or base in lex.currency_names.values()
    ):
        return "money"
    if base in lex.duration_units:
        return "duration"
    return "quantity"


def currency_before(doc: Doc, i: int) -> tuple[str, int] | None:
    """A currency sign or code ending right before token ``i``: (code, first token)."""
    if i == 0:
        return None
    lex = lexicon()
    prev = doc[i - 1].text
    # "HK$5" and also "HK $5"
    if prev == "$" and i >= 2 and doc[i - 2].text in ("US", "A", "C", "HK", "NZ", "S", "R"):
        return lex.currency_symbols.get(doc[i - 2].text + "$", "USD"), i - 2
    if prev in lex.currency_symbols:
        return lex.currency_symbols[prev], i - 1
    if prev.upper() in lex.currency_codes and prev.isupper():
        return prev.upper(), i - 1
    return None


_GLUED_TEMPERATURE = {"C": "celsius", "F": "fahrenheit"}


def unit_after(doc: Doc, j: int, suffix: str, *, scaled: bool) -> Unit | None:
    """The unit starting at token ``j`` (or glued as ``suffix``), in normal form."""
    if suffix:
        # "41C", "104F": a capital C or F glued to digits is a temperature in news copy
        unit = _lookup(suffix) or _lookup(suffix.lower()) or _GLUED_TEMPERATURE.get(suffix)
        if unit is None:
            return None
        return with_per(doc, Unit(unit, kind_of(unit), j))
    if j >= len(doc):
        return None
    # "35-year-old", "a 10-minute walk"
    if doc[j].text == "-" and j + 1 < len(doc):
        unit = _lookup(singular(doc[j + 1].text))
        if unit is None:
            return None
        if j + 3 < len(doc) and doc[j + 2].text == "-" and doc[j + 3].lower_ == "old":
            return Unit(unit, "age", j + 4)
        return Unit(unit, kind_of(unit), j + 2)
    best: Unit | None = None
    index = doc_index(doc)
    glued = not doc[j - 1].whitespace_
    # The words j, j+1 ... up to four of them, until a punctuation mark that is no unit's.
    for last in range(j, min(j + 4, len(doc))):
        token = doc[last]
        if token.is_punct and token.text not in ("/", "%", "°", "-"):
            break
        text = index.text[index.token_starts[j] : index.token_ends[last]].strip()
        unit = _match(text, glued=glued, scaled=scaled)
        if unit:
            best = Unit(unit, kind_of(unit), last + 1)
    if best is None:
        return None
    if best.unit == "lb" and scaled:
        best = Unit("GBP", "money", best.end)  # "5 million pounds" is money, not weight
    if best.unit == "degree" and best.end < len(doc):
        scale = {
            "c": "celsius",
            "f": "fahrenheit",
            "celsius": "celsius",
            "fahrenheit": "fahrenheit",
        }
        nxt = doc[best.end].lower_
        if nxt in scale:
            best = Unit(scale[nxt], "quantity", best.end + 1)
    return with_per(doc, best)


def _match(text: str, *, glued: bool, scaled: bool) -> str | None:
    lex = lexicon()
    if text in lex.units and not text.islower():
        return lex.units[text]  # case tells "Nm" (newton metres) from "nm" (nanometres)
    if text in lex.currency_codes or text in lex.currency_symbols:
        return lex.currency_symbols.get(text, text)  # "1,200 €", "110 JPY"
    if text in ("W", "V", "kW", "MW", "GW"):
        return lex.units[text.lower()]
    if len(text) == 1 and text.isupper() and text not in ("L", "W", "V"):
        # "41C" glued is a temperature; "41 C" or a name's letter is no unit
        return _GLUED_TEMPERATURE.get(text) if glued else None
    low = text.lower()
    words = low.split()
    sing = " ".join(singular(w) for w in words)
    if sing in lex.currency_names:
        return lex.currency_names[sing]
    short = low in lex.ambiguous_short_units or sing in lex.ambiguous_short_units
    if short and (not glued or low in ("in", "s", "h")):
        return None
    if low == "pounds" or sing == "pound":
        return "GBP" if scaled else "lb"
    return _lookup(text) or _lookup(low) or _lookup(sing)


def _lookup(text: str) -> str | None:
    """The normal form of a unit written exactly as ``text``, or of "°C", "KM/H" in any case."""
    lex = lexicon()
    if text in lex.units:
        return lex.units[text]
    return lex.units.get(text.lower()) if text.lower() in ("°c", "°f", "km/h", "m/s") else None


def with_per(doc: Doc, unit: Unit) -> Unit:
    """ "$58 per barrel", "5 cents a share", "10 km/h" (already whole)."""
    lex = lexicon()
    j = unit.end
    if j + 1 >= len(doc) or doc[j].lower_ not in ("per", "a", "an", "/"):
        return unit
    if doc[j].lower_ in ("a", "an") and unit.kind not in ("money", "quantity"):
        return unit
    for n in (2, 1):
        words = doc[j + 1 : j + 1 + n]
        if len(words) < n:
            continue
        noun = " ".join(singular(t.text) for t in words)
        if noun not in lex.per_nouns and noun not in lex.units:
            continue
        after = doc[j + 1 + n].lower_ if j + 1 + n < len(doc) else ""
        if after in ("earlier", "ago", "later", "before", "after", "on"):
            return unit  # "$5.94 billion a year earlier" is a level, not a rate
        base = lex.units.get(noun, noun)
        if unit.unit in ("mile", "km") and base == "hour":
            return Unit("mph" if unit.unit == "mile" else "km/h", "quantity", j + 1 + n)
        return Unit(f"{unit.unit} per {base}", unit.kind, j + 1 + n)
    return unit
