"""Publication dates given with a document (JSON Lines, a feed, a caller), made ISO 8601.

The record's ``metadata.date`` is an ISO date (``2025-05-03``), a month (``2025-05``),
a year, or an ISO date and time. A date in the form of e-mail and RSS headers
(``Sat, 03 May 2025 10:00:00 GMT``) or written with an English month name
(``January 12, 2025``, ``12 Jan. 2025``) becomes its ISO day. Anything else is no
date: ``yesterday``, ``2025-02-30``, ``0000``, a week (``2025-W18``), and numeric days
such as ``01/02/2025``, which read as January 2 in one country and February 1 in
another. It is left out, and the record's quality flags say so.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

_PARTIAL = re.compile(r"([0-9]{4})(?:-([0-9]{2}))?")
# An ISO 8601 week, alone or with a time (2025-W18, 2025-W18T10:00), not a day of it (2025-W18-3)
_WEEK = re.compile(r"[0-9]{4}-?W[0-9]{2}(?![-0-9])", re.IGNORECASE)
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = "(?P<month>[A-Za-z]{3,9})\\.?"
_NAMED = [  # "January 12, 2025" and "12 January 2025", a weekday before either or not
    re.compile(
        rf"(?:[A-Za-z]+,?\s+)?{_MONTH}\s+(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>[0-9]{{4}})"
    ),
    re.compile(
        rf"(?:[A-Za-z]+,?\s+)?(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>[0-9]{{4}})"
    ),
]


def iso_date(value: str | None) -> str | None:
    """``value`` as an ISO 8601 date (or month, year, date and time), else None."""
    text = (value or "").strip()
    if not text:
        return None
    if m := _PARTIAL.fullmatch(text):
        # Year 0 is no year: "0000" is what a system writes for a date it does not have.
        return text if int(m[1]) >= 1 and (m[2] is None or 1 <= int(m[2]) <= 12) else None
    if text[:4].isascii() and text[:4].isdigit():
        if _WEEK.match(text):
            return None  # a week is a period: its Monday would be a day nobody gave
        try:
            stamp = dt.datetime.fromisoformat(text)
        except ValueError:
            return None
        # "20250503" and "2025-05-03" alike become 2025-05-03; a time is kept, in full.
        return stamp.date().isoformat() if len(text) <= 10 else stamp.isoformat()
    for pattern in _NAMED:
        if (m := pattern.fullmatch(text)) and (month := MONTHS.get(m["month"].lower())):
            try:
                return dt.date(int(m["year"]), month, int(m["day"])).isoformat()
            except ValueError:
                return None
    try:
        stamp = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return stamp.date().isoformat()
