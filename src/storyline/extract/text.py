"""Plain-text structure: a headline-like first line, and a dateline."""

from __future__ import annotations

import re

_DATELINE = re.compile(
    r"""^(?P<dateline>
        (?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})          # MINSK, New York, Belarus
        (?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?             # , Belarus
        (?:,?\s+\w{3,9}\.?\s+\d{1,2})?                          # , Nov. 27
        (?:\s+\((?:[A-Z][\w.]*\s?){1,4}\))?                     # (AP)
    )\s*(?:[–—]|\s-\s?|--)\s*(?=[A-Z"“‘])""",
    re.X,
)
_MAX_TITLE_WORDS = 25


def looks_like_title(line: str) -> bool:
    """A short line without closing sentence punctuation reads as a headline."""
    words = line.split()
    return 2 <= len(words) <= _MAX_TITLE_WORDS and not re.search(r"[.,;:]$", line)


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """``("MINSK", "rest")`` for "MINSK – rest"; ``(None, paragraph)`` if none."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None, paragraph
    return match.group("dateline").strip(), paragraph[match.end() :]
