"""Reading one number at a token position: digits, words, multipliers, vague plurals.

"1,500", "2.5 million", "$3bn" (the digits of a glued token), "thirty-seven",
"one hundred and twenty", "a dozen", "hundreds of", "tens of thousands".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy
from spacy.attrs import LOWER, SHAPE
from spacy.strings import get_string_id
from spacy.tokens import Doc

from storyline.analyze.document import among, doc_index, hashes
from storyline.analyze.figures.lexicon import lexicon, names_a_thing

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
# "$5", "HK$5", "$US5" and "$A5" (Australian usage), "USD10m", "RM23.50"
CURRENCY_GLUE = r"(?:[A-Z]{1,3})?[$€£¥₹₽₩₪₱₦₺₴](?:US|A)?|[A-Z]{3}(?=\d)|RM|Rs\.?|US|A"
# One token holding a number, perhaps glued to a currency sign, a second number
# ("1,500–1,600") and a suffix ("3bn", "5km", "20th"), perhaps with the sentence's
# full stop the tokenizer left on it ("$5M.").
DIGIT_TOKEN = re.compile(
    rf"^(?P<tilde>~)?(?P<minus>minus-)?(?P<cur>{CURRENCY_GLUE})?(?P<sign>[-−+]?)(?P<num>{_NUM})"
    rf"(?:(?P<dash>[-–—])(?P<num2>{_NUM})|[/⁄](?P<den>\d+))?(?P<suffix>[A-Za-z%°µμ²³/″′]+[23]?|[€£¥₹])?(?:(?<=[A-Za-z])\.)?$"
)
ORDINAL_SUFFIX = ("st", "nd", "rd", "th")
FRACTION_DENOMINATORS = frozenset([2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 32, 64, 100, 128, 1000])
VAGUE_PLURALS = {"dozens": 12.0, "tens": 10.0, "scores": 20.0}


@dataclass(slots=True)
class Number:
    """A number read from ``doc[start:end]``."""

    start: int
    end: int
    value: float
    high: float | None = None  # a range inside the number itself ("hundreds of", "1.0-1.5")
    currency: str | None = None  # glued sign ("HK$3bn")
    suffix: str = ""  # glued letters that are not a multiplier ("5km" -> "km")
    words: bool = False  # written in words
    approximate: bool = False  # "~25"
    signed: str = ""  # an explicit "+" or "-" ("DAX +0.4%")
    fraction: bool = False  # "two-thirds", "half of"
    vague: bool = False  # "hundreds of"
    scaled: bool = False  # carries a multiplier ("2.5 million", "3bn")


def to_float(text: str) -> float:
    return float(text.replace(",", ""))


def read_number(doc: Doc, i: int) -> Number | None:
    """The number starting at token ``i``, or None."""
    tok = doc[i]
    m = DIGIT_TOKEN.match(tok.text)
    if m:
        return _digits(doc, i, m)
    return _fraction(doc, i) or _words(doc, i)


def number_starts(doc: Doc) -> list[int]:
    """The tokens where a number or an ordinal may start, in order: those holding a digit
    and the words of numbers, fractions and ordinals. Chosen from the attribute arrays in
    one call, since reading every token is slow; the readers then look at these alone."""
    if not len(doc):
        return []
    index = doc_index(doc)
    lower, shape = index.ids(LOWER), index.ids(SHAPE)
    strings = doc.vocab.strings
    # A token's shape writes each digit as "d" (and a token of 100 characters as "LONG").
    digits = [h for h in set(shape.tolist()) if "d" in strings[h] or strings[h] == "LONG"]
    chosen = among(lower, _number_words()) | among(shape, hashes(digits))
    return list(numpy.flatnonzero(chosen).tolist())


@functools.cache
def _number_words() -> numpy.ndarray:
    """The hashes of the lower-cased words that ``read_number`` or an ordinal may start on."""
    lex = lexicon()
    plurals = (f"{w}s" for w in lex.scale_words)
    words = {*lex.number_words, *lex.scale_words, *plurals, *VAGUE_PLURALS, *lex.ordinals}
    words |= {"a", "an", "one", "half"}
    return hashes(get_string_id(w) for w in words)


def _digits(doc: Doc, i: int, m: re.Match[str]) -> Number | None:
    lex = lexicon()
    suffix = m["suffix"] or ""
    if suffix.lower() in ORDINAL_SUFFIX or (suffix == "s" and not m["dash"]):
        return None  # "20th", "1990s": ordinals and decades are read elsewhere
    if names_a_thing(suffix) and not m["cur"]:
        return None  # "5G", "3D": a name, not a number with a unit
    if m["cur"] in ("US", "A") and (i == 0 or doc[i - 1].text != "$"):
        return None  # "A380" is a name; "$" "US55" is a sum
    if m["cur"] and currency_code(m["cur"]) is None:
        return None  # "ABC123" is a name, not a sum
    if m["den"]:
        numerator, denominator = to_float(m["num"]), to_float(m["den"])
        if numerator >= denominator or denominator not in FRACTION_DENOMINATORS:
            return None  # "24/7" and "9/11" are not fractions
        return Number(i, i + 1, numerator / denominator, fraction=True)
    negative = m["sign"] in ("-", "−") or bool(m["minus"])
    number = Number(i, i + 1, (-1.0 if negative else 1.0) * to_float(m["num"]), currency=m["cur"])
    number.approximate = bool(m["tilde"])
    number.signed = m["sign"] or ("-" if m["minus"] else "")
    if m["num2"]:
        number.high = to_float(m["num2"])
        if number.high <= number.value:
            return None  # "2-1" is a score
    factor = lex.multiplier_suffixes.get(suffix.lower())
    # upper-case "M" and "B" are always multipliers; lower-case "m" may be metres
    if (factor and suffix not in ("m", "b")) or (suffix in ("m", "b") and _million_m(doc, i, m)):
        number.scaled = True
    else:
        number.suffix, factor = suffix, None
    end = i + 1
    if factor is None and not suffix and end < len(doc):
        factor, end = _scale_after(doc, end, number)
    if factor:
        number.value *= factor
        if number.high is not None:
            number.high *= factor
        number.scaled = True
    number.end = end
    return number


def _million_m(doc: Doc, i: int, m: re.Match[str]) -> bool:
    """Whether a glued "m" means million ("£10m") rather than metres ("the 100m final")."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    money = bool(m["cur"]) or (i > 0 and _is_currency(doc[i - 1].text))
    return money or (nxt is not None and (nxt.tag_ == "NNS" or nxt.lower_ == "of"))


def currency_code(text: str) -> str | None:
    """ISO code of a currency sign or code glued to a number ("HK$", "$US", "USD", "RM")."""
    lex = lexicon()
    text = text.rstrip(".") if text.startswith("Rs") else text
    if text in lex.currency_symbols:
        return lex.currency_symbols[text]
    if text.lstrip("$") in ("US", "A"):
        return "USD" if text.lstrip("$") == "US" else "AUD"
    if text in lex.currency_codes:
        return text
    if text.rstrip("$") + "$" in lex.currency_symbols:
        return lex.currency_symbols[text.rstrip("$") + "$"]
    return lex.currency_symbols.get(text[-1:])


def _is_currency(text: str) -> bool:
    lex = lexicon()
    return text in lex.currency_symbols or text in lex.currency_codes


def _scale_after(doc: Doc, j: int, number: Number) -> tuple[float | None, int]:
    """A multiplier word or a detached suffix after digits: "2.5 million", "10.5 m"."""
    lex = lexicon()
    tok = doc[j]
    low = tok.lower_.rstrip(".")  # "$5.4m." at the end of a sentence
    if low in lex.scale_words:
        factor = lex.scale_words[low]
        j += 1
        while (
            j < len(doc)
            and doc[j].lower_ in lex.scale_words
            and lex.scale_words[doc[j].lower_] > factor
        ):
            factor *= lex.scale_words[doc[j].lower_]  # "3 hundred million"
            j += 1
        return factor, j
    attached = not doc[j - 1].whitespace_
    if attached and low in lex.multiplier_suffixes:
        if tok.text.startswith("m") and not (
            number.currency or (j > 1 and _is_currency(doc[j - 2].text))
        ):
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            if nxt is None or not (nxt.tag_ == "NNS" or nxt.lower_ == "of"):
                return None, j
        return lex.multiplier_suffixes[low], j + 1
    return None, j


def _words(doc: Doc, i: int) -> Number | None:
    """Numbers in words: "fifty-two", "one hundred and twenty", "a dozen", "hundreds of"."""
    lex = lexicon()
    low = doc[i].lower_
    if low in VAGUE_PLURALS or (low.endswith("s") and low[:-1] in lex.scale_words):
        return _vague(doc, i)
    start = i
    if low in ("a", "an") and i + 1 < len(doc):
        nxt = doc[i + 1].lower_
        if nxt in ("dozen", "hundred", "thousand", "million", "billion", "trillion"):
            i += 1
            low = nxt
        else:
            return None
    if low not in lex.number_words and (low not in lex.scale_words or start == i):
        return None  # a bare "billion" is the tail of a number rejected before it
    if low == "score":
        return None  # "score" is a noun far more often than twenty
    total, current, j, seen = 0.0, 0.0, i, False
    while j < len(doc):
        w = doc[j].lower_
        if w == "dozen":
            current = max(current, 1.0) * 12  # "two dozen"
        elif w in lex.number_words and w != "score":
            current += lex.number_words[w]
        elif w == "hundred":
            current = max(current, 1.0) * 100
        elif w in lex.scale_words:
            total += max(current, 1.0) * lex.scale_words[w]
            current = 0.0
        elif w in ("-", "and") and seen and j + 1 < len(doc) and _continues(doc, j, w):
            j += 1
            continue
        else:
            break
        seen = True
        j += 1
    value = total + current
    if doc[start].lower_ in ("a", "an") and value == 0:
        return None
    return Number(
        start,
        j,
        value,
        words=True,
        scaled=any(doc[k].lower_ in lex.scale_words for k in range(i, j)),
    )


def _continues(doc: Doc, j: int, joiner: str) -> bool:
    """Whether "-" or "and" at ``j`` joins two parts of one number ("fifty-two", "a hundred and ten")."""
    lex = lexicon()
    prev, nxt = doc[j - 1].lower_, doc[j + 1].lower_
    if joiner == "-":
        return prev in lex.number_words and nxt in lex.number_words and lex.number_words[prev] >= 20
    return prev in ("hundred", "thousand") and nxt in lex.number_words


def _vague(doc: Doc, i: int) -> Number | None:
    """ "hundreds of", "tens of thousands of", "dozens": from the unit up to ten times it."""
    lex = lexicon()
    low = doc[i].lower_
    base = VAGUE_PLURALS.get(low) or lex.scale_words[low[:-1]]
    j = i + 1
    # "tens of thousands", "hundreds of millions"
    if (
        j + 1 < len(doc)
        and doc[j].lower_ == "of"
        and doc[j + 1].lower_.rstrip("s") in lex.scale_words
    ):
        base *= lex.scale_words[doc[j + 1].lower_.rstrip("s")]
        j += 2
    elif low in ("tens", "scores"):
        return None
    if doc[i].pos_ == "VERB":
        return None
    return Number(i, j, base, high=base * 10, words=True, vague=True)


def _fraction(doc: Doc, i: int) -> Number | None:
    """ "two-thirds", "three-quarters", "a third of", "half of"."""
    lex = lexicon()
    low = doc[i].lower_
    if i + 2 < len(doc) and doc[i + 1].text == "-" and low in lex.number_words:
        denominator = lex.fractions.get(doc[i + 2].lower_)
        if denominator and low != "dozen":
            return Number(i, i + 3, lex.number_words[low] / denominator, words=True, fraction=True)
    if low in ("a", "one") and i + 2 < len(doc) and doc[i + 2].lower_ == "of":
        denominator = lex.fractions.get(doc[i + 1].lower_)
        if denominator and doc[i + 1].lower_ != "tenth":
            return Number(i, i + 2, 1 / denominator, words=True, fraction=True)
    if low == "half" and i + 1 < len(doc) and doc[i + 1].lower_ == "of":
        return Number(i, i + 1, 0.5, words=True, fraction=True)
    return None
