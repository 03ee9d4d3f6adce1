"""Plain-text measures and structure: words in any script, a headline-like first line,
and a dateline."""

from __future__ import annotations

import re

# Han characters and kana (with the iteration mark 々): Chinese and Japanese write them
# without spaces between words. The search index reads the same runs as character pairs
# (corpus/store/bigrams.py).
NO_SPACES = "\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# One such character, then any more: re finds where a pattern may match with a quick
# scan when it opens with a character set, not with a repeat, and most text has no run.
_RUN = re.compile(f"[{NO_SPACES}][{NO_SPACES}]*")
_WORDLIKE = re.compile(r"\w")
# A run written without spaces counts one word for this many characters: segmented
# Chinese news text averages about 1.6 characters a word (most words are one or two
# characters long), and Japanese, its particles written in kana, about as many.
CHARS_PER_WORD = 1.6

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


def count_words(text: str, up_to: int | None = None) -> int:
    """The words of ``text``: what spaces separate, and one word for every
    ``CHARS_PER_WORD`` characters of Chinese or Japanese.

    With ``up_to``, a text of more words counts ``up_to``: a decision that needs only
    so many words does not split a long text into all of its own.
    """
    chars = 0 if text.isascii() else sum(map(len, _RUN.findall(text)))  # runs are not ASCII
    if not chars:
        if up_to is None:
            return len(text.split())
        return min(len(text.split(None, up_to)), up_to)  # the rest is one part, if any
    # The rest, without the runs: words in other scripts, digits ("2025年"); not punctuation.
    rest = [w for w in _RUN.sub(" ", text).split() if _WORDLIKE.search(w)]
    words = len(rest) + round(chars / CHARS_PER_WORD)
    return words if up_to is None else min(words, up_to)


def looks_like_title(line: str) -> bool:
    """A short line without closing sentence punctuation reads as a headline."""
    return 2 <= count_words(line) <= _MAX_TITLE_WORDS and not re.search(r"[.,;:。，；：]$", line)


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """``("MINSK", "rest")`` for "MINSK – rest"; ``(None, paragraph)`` if none."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None, paragraph
    return match.group("dateline").strip(), paragraph[match.end() :]
