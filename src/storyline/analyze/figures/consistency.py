"""Checks between the figures of one article, each with a verdict and a plain explanation.

- share: a percentage against the counts it is a share of ("31 freed"; "about 2%"
  of "1,500 or 1,600" detained journalists -> 1.9-2.1%);
- restatement: one quantity given in two places (same thing counted, same verb or noun)
  with the same or a different value;
- total: parts that should add up to a stated total ("Of the 31 men freed, 12 ... and 19 ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.analyze.figures.concept import COMPLEMENTS
from storyline.analyze.figures.lexicon import singular
from storyline.models import Check, Figure

COUNTS = ("cardinal",)
TOTAL_BEFORE = re.compile(
    r"(?:\b(?:of|out of|all|total of|totall?ing|in total|among)\s+(?:the\s+|all\s+|its\s+|their\s+)?)$",
    re.I,
)
INCLUDING = re.compile(r"\b(?:including|includ(?:es|ed)|among them|such as)\b", re.I)
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_WINDOW = 400  # characters searched back for a sentence end at first: longer than most sentences


def checks(figures: Sequence[Figure], text: str) -> tuple[Check, ...]:
    """Share, restatement and total checks between ``figures`` of ``text``."""
    out: list[Check] = []
    out += _shares(figures, text)
    out += _restatements(figures, text)
    out += _totals(figures, text)
    return tuple(out)


# --- values -------------------------------------------------------------------


def bounds(f: Figure) -> tuple[float, float]:
    """The interval a figure states, widened for approximations and rounding."""
    values = list(f.alternatives) or [v for v in (f.value, f.low, f.high) if v is not None]
    low, high = min(values), max(values)
    step = _precision(f.text)
    if f.qualifier == "~":
        slack = max(step, 0.1 * high)
        return low - slack, high + slack
    if f.qualifier == ">":
        return low, float("inf")
    if f.qualifier == "<":
        return float("-inf"), high
    return low - step / 2, high + step / 2


def _precision(text: str) -> float:
    """One unit of the last written digit: "2%" -> 1, "1.9%" -> 0.1, "1,500" -> 1."""
    numbers = re.findall(r"\d[\d,]*(?:\.(\d+))?", text)
    if not numbers:
        return 1.0
    decimals = max(len(d) for d in numbers)
    return 10.0**-decimals


def _values(f: Figure) -> list[float]:
    return list(f.alternatives) or [v for v in (f.value, f.low, f.high) if v is not None]


def _show(f: Figure) -> str:
    return f"“{f.text}” ({f.id})"


def _head(f: Figure) -> str | None:
    """The concept's head noun: after any owner, before any complement
    ("Bank of Lima's profit" -> profit, "shares of Norvalis" -> share)."""
    if not f.concept:
        return None
    words = re.split(r"['’]s\s+", f.concept)[-1].split()
    cut = next((n for n, w in enumerate(words) if n and w.lower() in COMPLEMENTS), len(words))
    return singular(words[cut - 1])


def _words(f: Figure) -> set[str]:
    return {singular(w) for w in (f.concept or "").lower().split()}


def _whole(f: Figure, text: str) -> bool:
    """ "all 1,600 reporters", "a total of 31": the whole, not a part told elsewhere."""
    return bool(
        re.search(
            r"\b(?:all|total of|whole)\s+(?:the\s+)?$", text[max(0, f.start - 16) : f.start], re.I
        )
    )


def _is_total(f: Figure, text: str) -> bool:
    before = text[max(0, f.start - 24) : f.start]
    return bool(TOTAL_BEFORE.search(before))


# --- share --------------------------------------------------------------------


def _shares(figures: Sequence[Figure], text: str) -> list[Check]:
    out = []
    for pct in figures:
        if pct.kind != "percent" or pct.unit != "percent" or pct.direction or _head(pct) is None:
            continue
        counts = [f for f in figures if f.kind in COUNTS and _head(f) == _head(pct)]
        if len(counts) < 2:
            continue
        whole_value = max(max(_values(f)) for f in counts)
        wholes = [f for f in counts if max(_values(f)) >= whole_value / 2 and _values(f)]
        low_whole = min(min(_values(f)) for f in wholes)
        parts = [f for f in counts if max(_values(f)) < low_whole]
        if not parts:
            continue
        part = parts[0]  # the first count told of: the article's headline number
        whole_low = min(min(_values(f)) for f in wholes)
        whole_high = max(max(_values(f)) for f in wholes)
        stated = bounds(pct)
        expected = _share(part, whole_low, whole_high)
        consistent = _overlap(expected, stated)
        # another candidate part that would change the verdict leaves the check open
        rival = next(
            (
                f
                for f in _distinct(parts)[1:]
                if _overlap(_share(f, whole_low, whole_high), stated) != consistent
            ),
            None,
        )
        whole_text = " / ".join(_show(f) for f in _distinct(wholes))
        span = (
            f"{expected[0]:.1f}%"
            if abs(expected[1] - expected[0]) < 0.05
            else f"{expected[0]:.1f}–{expected[1]:.1f}%"
        )
        verdict = "consistent" if consistent else "inconsistent"
        if not consistent and any(_vague(f) for f in [part, *wholes]):
            verdict = "unclear"  # "out of millions": too loose to call the share wrong
        explanation = (
            f"{_show(pct)} of {pct.concept}: {_show(part)} out of {whole_text} is {span}, "
            f"{'within' if consistent else 'outside'} what “{pct.text}” allows "
            f"({max(stated[0], 0):.1f}–{stated[1]:.1f}%)."
        )
        ids = (pct.id, part.id, *(f.id for f in _distinct(wholes)))
        if rival is not None:
            verdict = "unclear"
            low, high = _share(rival, whole_low, whole_high)
            explanation += (
                f" But the part may be {_show(rival)} instead, which gives {low:.1f}–{high:.1f}%."
            )
            ids = (*ids, rival.id)
        out.append(Check("share", verdict, explanation, ids))
    return out


def _vague(f: Figure) -> bool:
    """A figure spanning a factor of five or more ("hundreds", "millions")."""
    return (
        not f.alternatives
        and f.low is not None
        and f.high is not None
        and f.high >= 5 * max(f.low, 1e-9)
    )


def _share(part: Figure, whole_low: float, whole_high: float) -> tuple[float, float]:
    """The percentage range ``part`` makes of a whole between ``whole_low`` and ``whole_high``."""
    return 100 * min(_values(part)) / whole_high, 100 * max(_values(part)) / whole_low


def _distinct(figures: Sequence[Figure]) -> list[Figure]:
    """One figure per distinct set of values, the first told."""
    seen: dict[tuple[float, ...], Figure] = {}
    for f in figures:
        seen.setdefault(tuple(sorted(set(_values(f)))), f)
    return list(seen.values())


# --- restatement --------------------------------------------------------------


def _restatements(figures: Sequence[Figure], text: str) -> list[Check]:
    """Figures that count the same thing through the same verb or noun, compared.

    Two figures are taken for one quantity only when nothing tells them apart: the
    same thing counted, the same verb or noun, neither of them "all" of it, and no
    different owner ("Chile released 31", "Peru released 20") or different time
    ("in 2019", "in 2020") in their sentences, and not listed side by side in one sentence.
    """
    groups: dict[tuple[str, str, str, str, bool], list[Figure]] = {}
    for f in figures:
        head = _head(f)
        if head is None or f.frame is None or f.kind == "ordinal" or f.direction:
            continue
        if max(_values(f)) <= 2 and f.kind == "cardinal":
            continue  # "one tweet", "two fronts": too common to be worth a check
        key = (f.kind, f.unit or "", head, f.frame, _whole(f, text))
        groups.setdefault(key, []).append(f)
    out = []
    for (_, _, _, frame, _), group in groups.items():
        first = group[0]
        same = [f for f in group[1:] if _same_quantity(first, f, text)]
        if not same:
            continue
        differ = [f for f in same if not _overlap(bounds(first), bounds(f))]
        if differ:
            other = differ[0]
            explanation = (
                f"The number of {first.concept} ({frame}) is given as {_show(first)} at character "
                f"{first.start} and as {_show(other)} at character {other.start}."
            )
            # different numbers are one quantity told twice only when told of the same owner
            if _same_owner(first, other):
                ids = (first.id, *(f.id for f in differ))
                out.append(Check("restatement", "inconsistent", explanation, ids))
        else:
            places = ", ".join(str(f.start) for f in [first, *same])
            explanation = (
                f"The number of {first.concept} ({frame}) is given {len(same) + 1} times "
                f"(characters {places}), the same each time: {_show(first)}."
            )
            out.append(
                Check("restatement", "consistent", explanation, (first.id, *(f.id for f in same)))
            )
    return out


PRONOUNS = frozenset(
    ["it", "they", "he", "she", "we", "i", "you", "this", "that", "there", "which", "who"]
)
TIME_WORDS = re.compile(
    r"\b(?:1[5-9]\d\d|20\d\d|January|February|March|April|June|July|August|September|October|"
    r"November|December|yesterday|today|last (?:year|month|week)|this (?:year|month|week))\b"
)


def _same_owner(a: Figure, b: Figure) -> bool:
    """Both figures are told of the same entity or the same name ("Chile"), not merely of
    the same kind of thing ("top male executives" in two sectors)."""
    if a.about and a.about == b.about:
        return True
    owners = [f.subject.text for f in (a, b) if f.subject]
    named = all(w[:1].isupper() for w in owners[0].split()) if owners else False
    return len(owners) == 2 and owners[0].lower() == owners[1].lower() and named


def _same_quantity(a: Figure, b: Figure, text: str) -> bool:
    if _sentence(text, a.start) == _sentence(text, b.start):
        return False  # figures listed together in one sentence are different quantities
    if not (_words(a) <= _words(b) or _words(b) <= _words(a)):
        return False  # "foreign investors" and "domestic investors"
    if a.about and b.about and a.about != b.about:
        return False
    owners = [
        f.subject.text.lower()
        for f in (a, b)
        if f.subject and f.subject.text.lower() not in PRONOUNS
    ]
    if len(owners) == 2 and owners[0] != owners[1] and not (a.about and a.about == b.about):
        return False
    times = [set(TIME_WORDS.findall(_sentence(text, f.start))) for f in (a, b)]
    return not (times[0] and times[1] and times[0] != times[1])


def _sentence(text: str, position: int) -> str:
    return text[_sentence_start(text, position) : _sentence_end(text, position)]


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding ``position`` starts: after the last sentence end before it.

    Searched backwards in growing windows, so the cost is the sentence's length, not the
    text's before it (which made the checks quadratic in a long article).
    """
    size = _WINDOW
    while True:
        start = max(0, position - size)
        ends = [m.end() for m in SENTENCE_END.finditer(text, start, position)]
        if ends or start == 0:
            return ends[-1] if ends else 0
        size *= 4


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


# --- total --------------------------------------------------------------------


def _totals(figures: Sequence[Figure], text: str) -> list[Check]:
    """A total introduced with "of the", "out of", "a total of", and its parts in the same sentence."""
    out = []
    for total in figures:
        if total.kind not in COUNTS or total.value is None or not _is_total(total, text):
            continue
        end = _sentence_end(text, total.end)
        parts = [
            f
            for f in figures
            if f.start >= total.end
            and f.end <= end
            and f.kind == total.kind
            and f.unit == total.unit
            and f.value is not None
            and f.value < total.value
        ]
        including = bool(parts) and bool(INCLUDING.search(text[total.end : parts[0].start]))
        if not including:
            # "288 candidates run for 125 seats, with 37 ...": a part counts what the total counts
            parts = [f for f in parts if _head(f) is None or _head(f) == _head(total)]
        frames = {f.frame for f in parts if f.frame is not None}
        if len(parts) < 2 or len(frames) > 1:
            continue  # "286 have degrees, 202 are under 45": traits that overlap, not parts
        low = sum(bounds(p)[0] for p in parts)
        high = sum(bounds(p)[1] for p in parts)
        stated = bounds(total)
        if including:
            ok = low <= stated[1]
            rule = "at most"
        else:
            ok = low <= stated[1] and stated[0] <= high
            rule = "equal to"
        summed = " + ".join(f"{p.value:,.10g}" for p in parts if p.value is not None)
        total_sum = sum(p.value for p in parts if p.value is not None)
        explanation = (
            f"The parts {summed} = {total_sum:,.10g} should be {rule} the total {_show(total)}: "
            f"{'they are' if ok else 'they are not'}."
        )
        ids = (total.id, *(p.id for p in parts))
        out.append(Check("total", "consistent" if ok else "inconsistent", explanation, ids))
    return out


def _sentence_end(text: str, position: int) -> int:
    m = SENTENCE_END.search(text, position)
    return m.end() if m else len(text)
