"""Where and when an event happened, the figures it involves, the quote it is in.

An event's clause is the subtree of its anchor without the clauses of other
events nested in it, so "freed 37 fishermen after Peru asked..." gives
the 37 to the freeing and not to the request. Relative times ("a day after
Chile closed...", "on the eve of the vote") point to the other event
and are resolved to a date when either side has one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from storyline.analyze.document import doc_index, sentence_of
from storyline.analyze.offsets import Located
from storyline.models import Actor, Figure, Quote, Span, TimeExpression

PLACE_PREPS = frozenset(
    {"in", "at", "near", "over", "inside", "across", "into", "outside", "throughout", "within"}
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ORDER_MARKS = {"after": 1, "before": -1, "following": 1}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
UNIT_DAYS = {"day": 1, "week": 7}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True, slots=True)
class Relation:
    """This event happened ``days`` after (negative: before) the event at ``other``."""

    other: Token
    start: int
    end: int
    days: int | None


def clause(anchor: Token, nested: Sequence[Token]) -> list[tuple[int, int]]:
    """Character ranges of the anchor's clause, minus clauses of nested events."""
    subtree = list(anchor.subtree)  # walked once: spaCy builds it token by token
    tokens = {t.i for t in subtree}
    for other in nested:
        if other.i != anchor.i and other.i in tokens:
            tokens -= {t.i for t in other.subtree}
    for token in subtree:
        if token.dep_ in ("relcl", "appos") and token.i != anchor.i:
            tokens -= {t.i for t in token.subtree}  # what a relative clause says of an actor
    index = doc_index(anchor.doc)
    ranges: list[tuple[int, int]] = []
    for i in sorted(tokens):
        start, end = index.token_starts[i], index.token_ends[i]
        if ranges and start <= ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((start, end))
    return ranges


def inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


def attached_figures(ranges: list[tuple[int, int]], figures: Located[Figure]) -> tuple[str, ...]:
    near = figures.inside(ranges[0][0], ranges[-1][1]) if ranges else []
    return tuple(f.id for f in near if inside(ranges, f.start, f.end))


def quote_of(start: int, quotes: Located[Quote]) -> Quote | None:
    return next(iter(quotes.holding(start)), None)


def place(
    anchors: Sequence[Token], ranges: list[tuple[int, int]], actors: Sequence[Actor]
) -> Span | None:
    """A named place in an "in/at/near/over ..." phrase of the event's clause.

    Places in a phrase of the trigger itself come first; then any in the
    clause, since the parser often hangs "in Paris" on the nearest noun.
    """
    sent = sentence_of(anchors[0])
    found = []
    for ent in doc_index(sent.doc).entities_in(sent.start, sent.end):
        prep = ent.root.head
        if ent.label_ not in PLACE_LABELS or prep.dep_ != "prep":
            continue
        if prep.lower_ not in PLACE_PREPS or not inside(ranges, ent.start_char, ent.end_char):
            continue
        if any(a.start < ent.end_char and ent.start_char < a.end for a in actors):
            continue
        direct = any(prep.head.i == anchor.i for anchor in anchors)
        found.append((not direct, ent.start_char, ent))
    if not found:
        return None
    ent = min(found, key=lambda f: (f[0], f[1]))[2]
    return Span(int(ent.start_char), int(ent.end_char), ent.text)


def relation(anchor: Token) -> Relation | None:
    """The other event this one is timed against: "a day after X", "on the eve of X"."""
    for child in anchor.children:
        if child.dep_ == "advcl":
            mark = next((m for m in child.children if m.dep_ == "mark"), None)
            if mark is not None and mark.lower_ in ORDER_MARKS:
                return _relation(anchor, child, mark, ORDER_MARKS[mark.lower_])
        if child.dep_ in ("prep", "conj") and child.lower_ in ORDER_MARKS:
            obj = next((t for t in child.children if t.dep_ == "pobj"), None)
            if obj is not None:
                return _relation(anchor, obj, child, ORDER_MARKS[child.lower_])
        if child.dep_ in ("prep", "conj") and child.lower_ == "on":
            eve = next((t for t in child.children if t.lemma_.lower() == "eve"), None)
            of = next((t for t in eve.children if t.lower_ == "of"), None) if eve else None
            obj = next((t for t in of.children if t.dep_ == "pobj"), None) if of else None
            if obj is not None and of is not None:
                return Relation(obj, int(child.idx), int(of.idx + len(of.text)), -1)
    return None


def _relation(anchor: Token, other: Token, mark: Token, sign: int) -> Relation:
    amount = next(
        (c for c in anchor.children if c.dep_ == "npadvmod" and c.i < mark.i), None
    ) or next((c for c in mark.children if c.dep_ == "npadvmod"), None)
    start = int(mark.idx)
    days = None
    if amount is not None:
        start = int(amount.left_edge.idx)
        unit = UNIT_DAYS.get(amount.lemma_.lower())
        count = _count(amount)
        if unit is not None and count is not None:
            days = sign * unit * count
    return Relation(other, start, int(mark.idx + len(mark.text)), days)


def _count(amount: Token) -> int | None:
    for child in amount.lefts:
        if child.lower_ in NUMBER_WORDS:
            return NUMBER_WORDS[child.lower_]
        if child.like_num and child.text.isdigit():
            return int(child.text)
    return None


def shift(value: str | None, days: int | None) -> str | None:
    """An ISO date moved by ``days``; None when either is unknown."""
    if value is None or days is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()


def absolute_time(
    ranges: list[tuple[int, int]],
    anchor: Token,
    times: Located[TimeExpression],
    date: str | None,
    used: tuple[int, int] | None,
) -> TimeExpression | None:
    """The date the event's clause gives, from the times stage or the parser's dates."""

    def free(start: int, end: int) -> bool:
        return inside(ranges, start, end) and not (used and used[0] <= start < used[1])

    near = times.inside(ranges[0][0], ranges[-1][1]) if ranges else []
    candidates = [t for t in near if free(t.start, t.end)]
    if candidates:
        return min(candidates, key=lambda t: abs(t.start - anchor.idx))
    sent = sentence_of(anchor)
    for ent in doc_index(sent.doc).entities_in(sent.start, sent.end):
        if ent.label_ == "DATE" and free(ent.start_char, ent.end_char):
            value = resolve(ent.text, date)
            relative = value is not None and not re.search(r"\d{4}", ent.text)
            return TimeExpression(ent.text, int(ent.start_char), int(ent.end_char), value, relative)
    return None


def resolve(text: str, date: str | None) -> str | None:
    """A date expression as ISO, against the article date where it is relative."""
    words = text.lower().split()
    year = re.fullmatch(r"(?:in )?((?:19|20)\d\d)", text.lower().strip())
    if year:
        return year.group(1)
    if not date or not re.match(r"\d{4}-\d{2}-\d{2}", date):
        return None
    today = dt.date.fromisoformat(date[:10])
    if "today" in words or "tonight" in words:
        return today.isoformat()
    if "yesterday" in words:
        return (today - dt.timedelta(days=1)).isoformat()
    if "tomorrow" in words:
        return (today + dt.timedelta(days=1)).isoformat()
    for n, name in enumerate(WEEKDAYS):
        if name in words:
            back = (today.weekday() - n) % 7
            if "next" in words:
                return (today + dt.timedelta(days=(n - today.weekday()) % 7 or 7)).isoformat()
            return (today - dt.timedelta(days=back)).isoformat()
    return None
