"""Finding quantities in a parsed text: numbers with their currency or unit, qualifier,
range or alternatives, and the direction of a change.

The scan works on tokens, left to right; each quantity found is a ``Quantity``
(token offsets) that ``figures`` turns into a ``Figure`` with its concept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from storyline.analyze.document import doc_index
from storyline.analyze.figures.lexicon import lexicon
from storyline.analyze.figures.not_figures import ORDINAL_TOKEN, in_name, not_a_figure
from storyline.analyze.figures.numbers import Number, currency_code, number_starts, read_number
from storyline.analyze.figures.units import Unit, currency_before, kind_of, unit_after, with_per
from storyline.analyze.syntax import is_dash


@dataclass(slots=True)
class Quantity:
    """A quantity found at token offsets ``[start, end)``."""

    start: int
    end: int
    core: int  # first token of the number itself (after qualifier and currency)
    value: float | None
    low: float | None = None
    high: float | None = None
    alternatives: tuple[float, ...] = ()
    unit: str | None = None
    kind: str = "cardinal"
    qualifier: str = "="
    direction: str | None = None
    restates: bool = False  # the previous quantity in other units ("62 mph (100 km/h)")
    verbless: tuple[int, int] | None = None  # subject tokens of a clause without its verb
    tokens: list[int] = field(default_factory=list)  # number tokens, for the parse


def scan(doc: Doc, blocked: set[int]) -> list[Quantity]:
    """Every quantity in ``doc`` outside the ``blocked`` tokens (dates, times), in text order."""
    out: list[Quantity] = []
    free = 0  # the first token that no quantity found holds
    for i in number_starts(doc):
        if i < free or i in blocked:
            continue
        q = _quantity_at(doc, i, blocked) or _ordinal_at(doc, i)
        if q is None:
            continue
        previous = out[-1] if out else None
        _context(doc, q, previous)
        if previous is not None and _conversion(doc, previous, q):
            q.restates = True
            if q.qualifier == "=" and not q.direction:
                q.qualifier, q.direction = previous.qualifier, previous.direction
        out.append(q)
        free = max(q.end, i + 1)
    return out


def _quantity_at(doc: Doc, i: int, blocked: set[int]) -> Quantity | None:
    num = read_number(doc, i)
    if num is None or not_a_figure(doc, num):
        return None
    q, end = _single(doc, num)
    if q.unit is None and not num.scaled and in_name(doc, num):
        return None
    # "1,500-1,600", "1,500 to 1,600", "between 4 and 9", "1,500 or 1,600"
    if end < len(doc) and not num.vague:
        second = _second(doc, q, num, end, blocked)
        if second is not None:
            return second
    return q


def _single(doc: Doc, num: Number) -> tuple[Quantity, int]:
    start = num.start
    code = currency_code(num.currency) if num.currency else None
    if num.currency in ("US", "A") and start > 0 and doc[start - 1].text == "$":
        start -= 1  # "$US55,931,000" split as "$", "US55,931,000"
    if code is None and num.suffix in lexicon().currency_symbols:
        code, num.suffix = lexicon().currency_symbols[num.suffix], ""  # "1,200€"
    if code is None:
        before = currency_before(doc, num.start)
        if before is not None:
            code, start = before
    unit: Unit | None = None
    if code is not None:
        unit = unit_after(doc, num.end, "", scaled=num.scaled)
        if unit is not None and unit.kind != "money":
            unit = None  # "$5 a day" is read by with_per below; other words are not units
        unit = with_per(doc, unit or Unit(code, "money", num.end))
    else:
        unit = unit_after(doc, num.end, num.suffix, scaled=num.scaled)
    if unit is None and num.vague and num.end + 1 < len(doc) and doc[num.end].lower_ == "of":
        unit = unit_after(doc, num.end + 1, "", scaled=True)  # "hundreds of miles"
    if unit is None and not num.fraction:
        unit = _head_unit(doc, num)  # "463 passing yards"
    if start > 0 and doc[start - 1].lower_ == "minus" and num.value > 0:
        start -= 1
        num.value = -num.value
    end = unit.end if unit else num.end
    q = Quantity(start, end, start, num.value, tokens=list(range(num.start, num.end)))
    if num.approximate:
        q.qualifier = "~"
    if num.signed == "+" and unit is not None and unit.kind == "percent":
        q.direction = q.qualifier = "up"  # "DAX +0.4%"
    if num.fraction:
        q.kind = "fraction"
    if num.high is not None:
        q.value, q.low, q.high = None, num.value, num.high
    if unit:
        q.unit, q.kind = unit.unit, unit.kind
    return q, end


def _head_unit(doc: Doc, num: Number) -> Unit | None:
    """A unit the number modifies across an adjective: "463 passing yards", "40 earlier years"."""
    tok = doc[num.end - 1]
    head = tok.head
    if tok.dep_ not in ("nummod", "compound") or not num.end < head.i <= num.end + 2:
        return None
    between = doc[num.end : head.i]
    if head.pos_ != "NOUN" or any(t.pos_ not in ("ADJ", "VERB", "NOUN") for t in between):
        return None  # "463 passing yards", but not "three or four years"
    unit = unit_after(doc, head.i, "", scaled=num.scaled)
    return unit if unit is not None and unit.end == head.i + 1 else None


def _second(doc: Doc, q: Quantity, num: Number, end: int, blocked: set[int]) -> Quantity | None:
    """Join a second number into a range or alternatives, when the two fit together."""
    joiner = doc[end].lower_
    between = num.start > 0 and doc[q.start - 1].lower_ == "between"
    if joiner == "out" and end + 1 < len(doc) and doc[end + 1].lower_ == "of":
        joiner, end = "out of", end + 1
    if joiner in ("out of", "in") and q.unit is None:
        return _ratio(doc, q, num, end)
    if (
        not is_dash(joiner, hyphen=True)
        and joiner not in ("to", "or")
        and not (joiner == "and" and between)
    ):
        if q.start > 0 and doc[q.start - 1].lower_ == "from":
            return _from_to(doc, q, end, blocked)
        return None
    k = end + 1
    sign = currency_before(doc, k + 1) if k + 1 < len(doc) else None
    if sign is not None:
        k = sign[1] + 1  # "between $44 and $49": past the second sign
    if k >= len(doc) or k in blocked:
        return None
    num2 = read_number(doc, k)
    if num2 is None or num2.vague or num2.high is not None or not_a_figure(doc, num2):
        return None
    q2, end2 = _single(doc, num2)
    unit = _common_unit(q.unit, q2.unit)
    if unit == "":
        return None  # "rose 5% to $84" is a change and a level, not a range
    before = doc[q.start - 1].lower_ if q.start > 0 else ""
    lex = lexicon()
    shares = before in lex.change_for_shares and q.unit in ("percent", "point")
    if joiner == "to" and q.unit and (before in lex.change_words or before == "by" or shares):
        # "grew by $27.9 billion to $356.4 billion", "lost 1.5% to 33,000": an amount,
        # then a level
        return None
    v1, v2 = q.value, q2.value
    if v1 is None or v2 is None:
        return None
    factor = v2 / _unscaled(doc, num2) if num2.scaled else 1.0
    if num2.scaled and not num.scaled and v1 * factor <= v2:
        v1 *= factor  # "1.6 to 1.8 million": the multiplier belongs to both
    merged = Quantity(q.start, end2, q.core, None, tokens=q.tokens + q2.tokens)
    merged.qualifier = q.qualifier if q.qualifier != "=" else q2.qualifier
    merged.unit = unit
    merged.kind = kind_of(merged.unit) if merged.unit else "cardinal"
    if q2.kind == "age":
        merged.kind = "age"
    if is_dash(joiner, hyphen=True) and v1 >= v2:
        return None  # "4-4", "3-1": a score, not a range
    if joiner == "or":
        merged.alternatives = (v1, v2)
    merged.low, merged.high = min(v1, v2), max(v1, v2)
    if joiner == "to" and q.start > 0 and doc[q.start - 1].lower_ == "from" and v1 != v2:
        merged.direction = "up" if v2 > v1 else "down"
    return merged


def _ratio(doc: Doc, q: Quantity, num: Number, end: int) -> Quantity | None:
    """ "one in three Germans", "12 out of 31 men": a fraction."""
    if end + 1 >= len(doc):
        return None
    num2 = read_number(doc, end + 1)
    if num2 is None or num2.vague or num.value <= 0 or num2.value <= num.value:
        return None
    if num2.end < len(doc) and doc[num2.end].pos_ not in ("NOUN", "PROPN", "ADJ", "PUNCT"):
        return None
    ratio = Quantity(q.start, num2.end, q.core, num.value / num2.value, kind="fraction")
    ratio.tokens = q.tokens + list(range(num2.start, num2.end))
    ratio.qualifier = q.qualifier
    return ratio


def _from_to(doc: Doc, q: Quantity, end: int, blocked: set[int]) -> Quantity | None:
    """ "from $51,820 at 9.15am this morning to $50,370": a move from one level to another."""
    for k in range(end, min(end + 7, len(doc) - 1)):
        tok = doc[k]
        if tok.lower_ == "to":
            start = k + 1
            if start < len(doc) and currency_before(doc, start + 1) is not None:
                start += 1
            num2 = read_number(doc, start) if start not in blocked else None
            if num2 is None or num2.vague:
                return None
            q2, end2 = _single(doc, num2)
            unit = _common_unit(q.unit, q2.unit)
            if unit == "" or q.value is None or q2.value is None:
                return None
            moved = Quantity(q.start, end2, q.core, None, tokens=q.tokens + q2.tokens)
            moved.low, moved.high = min(q.value, q2.value), max(q.value, q2.value)
            moved.unit, moved.kind = unit, kind_of(unit)
            if q.value != q2.value:
                moved.direction = "up" if q2.value > q.value else "down"
            return moved
        stop = tok.is_punct or tok.pos_ in ("VERB", "AUX", "CCONJ")
        if stop or (k not in blocked and read_number(doc, k) is not None):
            return None
    return None


def _common_unit(a: str | None, b: str | None) -> str | None:
    """The unit two joined numbers share, None if neither has one, "" if they differ."""
    if a is None or b is None or a == b:
        return a or b
    if b.startswith(a + " per "):
        return b  # "between $44 and $49 per share"
    if a.startswith(b + " per "):
        return a
    return ""


def _unscaled(doc: Doc, num: Number) -> float:
    m = re.match(r"[^\d.]*([\d,]*\.?\d+)", doc[num.start].text)
    return float(m.group(1).replace(",", "")) if m else 1.0


def _ordinal_at(doc: Doc, i: int) -> Quantity | None:
    """Ordinals that count: "the third release", "a 10th term" (not "first", not dates)."""
    tok = doc[i]
    m = ORDINAL_TOKEN.match(tok.text)
    value = int(m.group(1)) if m else lexicon().ordinals.get(tok.lower_)
    if not value or value < 2 or tok.head.i <= i or tok.head.pos_ != "NOUN":
        return None
    if tok.dep_ not in ("amod", "nummod") or tok.head.lower_ in ("century", "centuries", "half"):
        return None
    return Quantity(i, i + 1, i, float(value), kind="ordinal", tokens=[i])


def _context(doc: Doc, q: Quantity, previous: Quantity | None) -> None:
    """Qualifier before or after, and the direction of a change ("rose by", "fell to")."""
    lex = lexicon()
    if q.kind == "ordinal":
        return
    # The phrases are joined from the lower-cased column: slicing the ``Doc`` makes a span
    # and a token for every word tried.
    lowers = doc_index(doc).column(LOWER)
    # qualifier: "about 2%", "more than four decades", "only about 2%"
    s = q.start
    for skip in (0, 1):
        found = False
        for n in (3, 2, 1):
            if s - skip - n < 0:
                continue
            phrase = " ".join(lowers[s - skip - n : s - skip])
            if phrase in lex.qualifiers:
                q.qualifier = lex.qualifiers[phrase]
                q.start = s - skip - n
                found = True
                break
        if found or s - 1 < 0 or lowers[s - 1] not in ("only", "just", "still", "already", "now"):
            break
    for n in (2, 1):
        phrase = " ".join(lowers[q.end : q.end + n])
        if q.end + n <= len(lowers) and phrase in lex.suffix_qualifiers:
            q.qualifier = lex.suffix_qualifiers[phrase]
            q.end += n
            break
    # change: "rose by 5%", "up 23 cents", "fell to 2.7 million", "a rise of 5%", "5% higher"
    p = q.start - 1
    word = lowers[p] if p >= 0 else ""
    k = p - 1
    if k >= 1 and doc[k].pos_ == "ADV" and _change_of(doc[k - 1]):
        k -= 1  # "rose sharply by", "rise only to"
    before = _change_of(doc[k]) if k >= 0 else None
    direction: str | None = None
    amount = True
    if word == "by" and before:
        direction = before
    elif word == "of" and k >= 0 and doc[k].pos_ == "NOUN":
        direction = lex.change_nouns.get(doc[k].lemma_.lower())  # "a rise of 5%"
    elif word == "by" and k >= 0 and doc[k].lower_ in lex.change_for_shares:
        direction = lex.change_for_shares[doc[k].lower_]
    elif p >= 0 and _change_of(doc[p]):
        direction = _change_of(doc[p])
    elif word in lex.change_for_shares and (q.kind == "percent" or q.unit == "point"):
        direction = lex.change_for_shares[word]  # "lost 2.7%", "added 30 points"
    elif word == "to":
        amount = False
        direction = before
        if direction is None and previous is not None and previous.end == p:
            direction = previous.direction  # "rose 5% to $84"
    elif word == "from":
        amount = False
        direction = q.direction if before else None  # "fell from 6.3% to 6.1%"
        q.direction = None
    if direction is None and word != "from" and q.end < len(doc):
        after = doc[q.end].lower_
        if after in lex.change_after and doc[q.end].pos_ in ("ADJ", "ADV", "NOUN"):
            direction = lex.change_after[after]
    q.verbless = _gapped_subject(doc, q.start, q.end)
    earlier = previous if direction is None and previous is not None else None
    if earlier and earlier.direction and q.verbless is not None:
        # "rose 5% and operating profit 8%": the left-out verb's change, as an
        # amount or a level as the first figure was
        direction = earlier.direction
        amount = earlier.qualifier == earlier.direction
    if direction:
        q.direction = direction
        if amount and q.qualifier == "=":
            q.qualifier = direction


_GAP_SEPARATORS = frozenset((",", "and", "while", "but", "whereas", ";"))
# How far the checks of a left-out verb look: a subject of a few words, a clause of a few
# dozen. Farther is not that construction, and looking farther for every figure of a long
# run of numbers (a table pasted as text) would cost the square of its length.
_GAP_WORDS = 10
_GAP_REACH = 40


def _gapped_subject(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token span of the subject of a clause whose verb is left out: "Revenue rose
    5% and operating profit 8%", "the DAX fell 1.2%, the CAC 40 0.9%", for the
    figure on tokens ``start:end``. Between the conjunction and the figure only a
    name or noun phrase (no possessive: "Acme's 500 stores" is a phrase of its
    own); the figure modifies no noun after it and no verb follows it in its
    clause; the sentence before the conjunction has a verb and a number."""
    k = start - 1
    while k >= 0 and doc[k].lower_ not in _GAP_SEPARATORS:
        t = doc[k]
        if t.pos_ not in ("NOUN", "PROPN", "ADJ", "DET", "NUM") or t.is_punct:
            return None
        if start - k > _GAP_WORDS:
            return None
        k -= 1
    words = [t for t in doc[k + 1 : start] if t.pos_ != "DET"]
    if k <= 0 or not words or not any(t.pos_ in ("NOUN", "PROPN") for t in words):
        return None
    root = doc[start:end].root
    if root.dep_ in ("nummod", "compound", "amod", "nmod", "poss") and root.head.i >= end:
        return None  # "the bank's 2% target": the figure belongs to a noun after it
    for t in doc[end : end + _GAP_REACH]:
        if t.lower_ in _GAP_SEPARATORS or t.is_sent_start or t.is_sent_end:
            break
        if t.pos_ in ("VERB", "AUX"):
            return None  # "… and Friday's 3% drop was the worst": a clause with its verb
    else:
        if end + _GAP_REACH < len(doc):
            return None  # no end of the clause in sight
    first = k  # the start of the sentence, within reach
    while first > 0 and k - first < _GAP_REACH and not doc[first].is_sent_start:
        first -= 1
    before = doc[first:k]
    verbs = any(t.pos_ in ("VERB", "AUX") for t in before)
    if not verbs or not any(t.like_num for t in before):
        return None
    return words[0].i, words[-1].i + 1


def _change_of(tok: Token) -> str | None:
    """The direction a word of change gives ("rose", "plummeting", "up"), or None."""
    lex = lexicon()
    if tok.lower_ in ("up", "down") and tok.dep_ == "prt":
        return None  # "gave up 463 yards"
    found = lex.change_words.get(tok.lower_)
    if found is None and tok.pos_ == "VERB":
        found = lex.change_words.get(tok.lemma_.lower())  # "plummeting" -> "plummet"
    return found


def _conversion(doc: Doc, previous: Quantity, q: Quantity) -> bool:
    """Whether ``q`` restates ``previous`` in other units: "62 mph (100 km/h)", "250 hp (184 kW / 253 PS)"."""
    between = doc[previous.end : q.start]  # read up to its first other word, not whole
    return (
        len(between) > 0 and all(t.text in ("(", "/") for t in between) and q.unit != previous.unit
    )
