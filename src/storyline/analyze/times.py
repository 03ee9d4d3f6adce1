"""Time expressions: dates, months, years, decades, clock times and relative dates.

Each is normalised to ISO 8601 where it can be: against the article date when
one is known ("yesterday", "last year", "on Monday", "October 17"), on its
own otherwise ("October 17, 2021", "2021"). Durations ("11 years", "four
decades") are figures, not time expressions, and are left to the figures.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterator

from spacy.tokens import Doc

from storyline.analyze.document import doc_index
from storyline.analyze.figures.units import unit_after
from storyline.extract.dates import MONTHS
from storyline.models import TimeExpression

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_MONTH = rf"(?:{_FULL}|{_ABBR})"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d|21\d\d)"
_UNITS = r"(?:day|week|month|year|decade)s?"
_COUNT = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|many)"
_WEEKDAY_NAMES = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_WD = rf"(?:{_WEEKDAY_NAMES})"
_YEAR_TOKEN = re.compile(rf"{_YEAR}(?:['’′]s)?")
# Every place a year token may start: each match is the year's first digit, so none hides
# another, and the engine seeks the digit instead of trying a lookahead at every character.
_YEAR_AHEAD = re.compile(r"1(?=[5-9]\d\d)|2(?=[01]\d\d)")

# Each kind's pattern, and a probe: a pattern every match of the kind's holds a match of. A text
# is scanned for a kind only if its probe is found. A probe opens on a set of characters, which
# the engine seeks directly, or on a literal one, rarer, with what comes before it looked behind
# for; a kind's pattern opens on a word boundary, tried at every character.
_MONTH_START = re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
# Only the first letter is given in both cases: "i" and "s" match more letters without case
# than their two cases ("ı", "ſ"), so the rest keeps the flag.
_RELATIVE_DAY = re.compile(r"[tTyY](?i:oday|esterday|omorrow|onight)")
PATTERNS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    ("iso", re.compile(rf"\b{_YEAR}-[01]\d-[0-3]\d\b"), re.compile(r"-[01]\d-")),
    (
        "numeric",
        re.compile(rf"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>{_YEAR}|\d\d)\b"),
        re.compile(r"/(?<=\d/)[0-3]?\d/"),
    ),
    (
        "mdy",
        re.compile(
            rf"\b(?:{_WD},?\s+)?(?P<m>{_MONTH})\s+(?P<d>{_DAY})\b(?:,?\s+(?P<y>{_YEAR})\b)?"
        ),
        _MONTH_START,
    ),
    (
        "dmy",
        re.compile(
            rf"\b(?:{_WD},?\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR})\b)?"
        ),
        _MONTH_START,
    ),
    ("my", re.compile(rf"\b(?P<m>{_FULL}|{_ABBR})(?:\s+of)?,?\s+(?P<y>{_YEAR})\b"), _MONTH_START),
    (
        "decade",
        re.compile(r"\b(?:the\s+)?(?:early\s+|late\s+|mid-)?(?P<y>1[89]\d0|20\d0)s\b"),
        re.compile(r"0s(?<=1[89]\d0s|20\d0s)"),
    ),
    (
        "clock",
        re.compile(
            r"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s?(?P<ap>[ap]\.\s?m\.|[ap]m\b)", re.I
        ),
        re.compile(r"\d\s?[aApP](?:\.\s?[mM]\.|[mM]\b)"),
    ),
    (
        "clock",
        re.compile(r"\b(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)\b"),
        re.compile(r":(?<=\d:)[0-5]\d"),
    ),
    (
        "ago",
        re.compile(rf"\b(?P<n>{_COUNT})\s+(?P<u>{_UNITS})\s+ago\b", re.I),
        re.compile(r"\sago\b", re.I),
    ),
    (
        "rel",
        re.compile(r"\b(?:today|yesterday|tomorrow|tonight)\b", re.I),
        _RELATIVE_DAY,
    ),
    (
        "near",
        re.compile(
            r"\b(?:(?:earlier|later)\s+this|last|this|next)\s+(?P<u>week|month|year|weekend)\b",
            re.I,
        ),
        re.compile(r"\s(?i:week|month|year)"),
    ),
    (
        "weekday",
        re.compile(rf"\b(?:(?P<q>last|next|this)\s+)?(?P<w>{_WD})\b"),
        re.compile("(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"),
    ),
    (
        "month",
        re.compile(
            rf"\b(?:(?:in|since|until|by|from|last|next|this|early|late|mid-|through|during)\s+)(?P<m>{_FULL})\b(?!\s+\d)"
        ),
        re.compile(rf"\s(?:{_FULL})"),
    ),
)
# Where a kind's match may start, for the kinds whose probe most texts hold. Every pattern
# opens on a word boundary before a word character, so a match starts a word; these find a
# superset of the places each kind can start (a weekday, a month, a day's digits…), made of
# word characters only, so no place a match starts hides inside another's word. The pattern
# is tried only there: opening on ``\b``, it would be tried at every character.
_WEEKDAY_START = re.compile(_WEEKDAY_NAMES)  # not in a group: the engine seeks the names
_STARTS: dict[str, tuple[re.Pattern[str], ...]] = {
    "mdy": (_WEEKDAY_START, _MONTH_START),
    "dmy": (_WEEKDAY_START, re.compile("[0-9]+")),
    "my": (_MONTH_START,),
    "weekday": (_WEEKDAY_START, re.compile("last|next|this")),
    "rel": (_RELATIVE_DAY,),
    # Without case, "e", "l", "n", "t" and "y" match only their two cases: the first letter
    # is given in both, so that the engine seeks it.
    "near": (re.compile(r"[eElLnNtT](?i:arlier|ater|ast|ext|his)"),),
}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10}  # fmt: skip


def time_expressions(doc: Doc, date: str | None) -> tuple[TimeExpression, ...]:
    """Dates and years in ``doc``, normalised against the article date ``date`` (ISO) if known."""
    base = _parse_date(date)
    found: list[TimeExpression] = []
    taken = _Taken()
    index = doc_index(doc)
    text = index.text
    for kind, pattern, probe in PATTERNS:
        if probe.search(text) is None:
            continue  # every match holds one of the probe's: the scan would find nothing
        starts = _STARTS.get(kind)
        for m in pattern.finditer(text) if starts is None else _matches(pattern, starts, text):
            if taken.overlaps(m.start(), m.end()):
                continue
            if kind == "mdy" and m["m"] == "May" and not m["y"] and not _day_ok(m["d"]):
                continue
            value, relative = _normalise(kind, m, base)
            found.append(TimeExpression(m.group(0), m.start(), m.end(), value, relative))
            taken.add(m.start(), m.end())
    # Only the tokens that start where a year does are read: reading every token is slow.
    for ahead in _YEAR_AHEAD.finditer(text):
        i = index.token_starting_at(ahead.start())
        if i is None or not is_year(doc, i):
            continue
        tok = doc[i]
        if not taken.overlaps(tok.idx, tok.idx + len(tok)):
            year = tok.text[:4]
            found.append(TimeExpression(year, tok.idx, tok.idx + 4, year))
    return tuple(sorted(found, key=lambda t: t.start))


class _Taken:
    """The spans of the expressions found so far: disjoint and not empty, so sorted by their
    start they are sorted by their end too, and whether a new span overlaps one is a binary
    search, not a look at each (a long text names thousands of dates)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Whether characters ``start``–``end`` overlap a span taken."""
        before = bisect_left(self.starts, end)  # the spans that start before ``end``
        return before > 0 and self.ends[before - 1] > start

    def add(self, start: int, end: int) -> None:
        at = bisect_left(self.starts, start)
        self.starts.insert(at, start)
        self.ends.insert(at, end)


def _matches(
    pattern: re.Pattern[str], starts: tuple[re.Pattern[str], ...], text: str
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, the pattern tried only where one of ``starts`` matches.

    The leftmost match not before the last one's end, as ``finditer`` finds it: no match is
    empty, and one tried at a position reads the text before it (``\\b``, lookbehinds).
    """
    end = 0
    for position in sorted(m.start() for start in starts for m in start.finditer(text)):
        if position >= end and (found := pattern.match(text, position)) is not None:
            end = found.end()
            yield found


def is_year(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a year ("in 2020", "the 2020 elections"), not a count ("2000 people")."""
    tok = doc[i]
    if not _YEAR_TOKEN.fullmatch(tok.text):
        return False
    if i + 1 < len(doc) and unit_after(doc, i + 1, "", scaled=False) is not None:
        return False  # "a 1340 sq m hall"
    prev = doc[i - 1] if i > 0 else None
    approximate = ("about", "some", "than", "nearly", "almost", "around", "approximately", "least")
    if prev is not None and (prev.tag_ == "$" or prev.lower_ in approximate):
        return False
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is not None and nxt.tag_ == "NNS" and tok.head.i == nxt.i:
        # "2000 people" counts; "the 2020 elections" and "in 2020" date
        return prev is not None and (
            prev.lower_ in ("the", "in", "of", "since", "'s") or prev.tag_ == "POS"
        )
    return nxt is None or nxt.text not in ("%", "percent")


def _day_ok(day: str) -> bool:
    return day.rstrip("stndrh").isdigit()


def _parse_date(date: str | None) -> dt.date | None:
    if not date:
        return None
    try:
        return dt.date.fromisoformat(date[:10])
    except ValueError:
        return None


def _normalise(kind: str, m: re.Match[str], base: dt.date | None) -> tuple[str | None, bool]:
    """ISO value of a match and whether it was relative to the article date."""
    if kind == "iso":
        return m.group(0), False
    if kind == "numeric":
        return None, False  # day and month order is the writer's convention: left as written
    if kind in ("mdy", "dmy", "my"):
        month = MONTHS[m["m"].lower().rstrip(".")]
        day = int(m["d"].rstrip("stndrh")) if kind != "my" else None
        year = int(m["y"]) if m["y"] else _year_for(month, base)
        if day is None:
            return (f"{year:04d}-{month:02d}" if year else None), False
        if year is None:
            return f"--{month:02d}-{day:02d}", False
        return f"{year:04d}-{month:02d}-{day:02d}", m["y"] is None
    if kind == "decade":
        return f"{m['y']}s", False
    if kind == "clock":
        hour = int(m["h"]) % 24
        ap = (m.groupdict().get("ap") or "").lower()
        if ap.startswith("p") and hour < 12:
            hour += 12
        if ap.startswith("a") and hour == 12:
            hour = 0
        return f"{hour:02d}:{m['mi'] or '00'}", False
    if base is None:
        return None, True
    if kind == "ago":
        n_text = m["n"].lower()
        n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS.get(n_text)
        return (_shift(base, m["u"].lower().rstrip("s"), -n) if n else None), True
    if kind == "rel":
        word = m.group(0).lower()
        days = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
        return (base + dt.timedelta(days=days)).isoformat(), True
    if kind == "near":
        words = m.group(0).lower().split()
        step = {"last": -1, "next": 1}.get(words[0], 0)
        unit = m["u"].lower()
        return _shift(base, "week" if unit == "weekend" else unit, step), True
    if kind == "weekday":
        target = WEEKDAYS.index(m["w"].lower())
        delta = (base.weekday() - target) % 7
        if m["q"] and m["q"].lower() == "next":
            return (base + dt.timedelta(days=(target - base.weekday()) % 7 or 7)).isoformat(), True
        return (base - dt.timedelta(days=delta)).isoformat(), True
    if kind == "month":
        month = MONTHS[m["m"].lower()]
        year = _year_for(month, base)
        return f"{year:04d}-{month:02d}", True
    return None, True


def _year_for(month: int, base: dt.date | None) -> int | None:
    """The year of a month named without one: the article's, unless that puts it far ahead."""
    if base is None:
        return None
    return base.year - 1 if month - base.month > 3 else base.year


def _shift(base: dt.date, unit: str, n: int) -> str:
    if unit == "day":
        return (base + dt.timedelta(days=n)).isoformat()
    if unit == "week":
        iso = (base + dt.timedelta(weeks=n)).isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if unit == "month":
        months = base.year * 12 + base.month - 1 + n
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    if unit == "decade":
        return f"{(base.year + 10 * n) // 10 * 10}s"
    return f"{base.year + n:04d}"
