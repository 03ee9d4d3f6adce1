"""Quotation marks: where quoted passages begin and end in plain text.

Handles straight ("…", '…', ''…''), curly (“…”, ‘…’), guillemets («…», ‹…›)
and low-high („…“, ‚…‘) marks. Quotes nest (single inside double), and news
style reopens the mark on each paragraph of a long quote while closing only the
last: such a quote is one passage over several paragraphs. Apostrophes
(don't, Forteza’s, '90s) are told apart from single quote marks by the letters
around them. Unbalanced marks never raise: an unclosed quote runs to the end
of its paragraph and is flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.analyze.lexicons import CLOSERS, DOUBLE, QUOTATION_MARKS

# Two-character marks first: '' is one mark, not two apostrophes.
_MARK = re.compile(
    "|".join(re.escape(m) for m in sorted(CLOSERS, key=len, reverse=True) if len(m) > 1)
    + "|["
    + re.escape("".join(sorted(m for m in QUOTATION_MARKS if m != "`")))
    + "]"
)
_WORD = re.compile(r"\w")
_ELISION = re.compile(r"(?:\d\ds?|em|til|cause|n)\b", re.I)  # '90s, 'em, rock 'n' roll


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quoted passage: ``start``/``end`` include the outer marks."""

    start: int
    end: int
    inner_start: int  # the quoted words' start, after the opening mark and any space
    inner_end: int  # their end, before any space and the closing mark (or paragraph end)
    unbalanced: bool = False
    paragraphs: int = 1
    double: bool = True  # opened with a double mark


@dataclass(slots=True)
class _Open:
    mark: str
    start: int


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of text between line breaks."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def find_quotes(text: str) -> list[QuoteSpan]:
    """Top-level quoted passages of ``text`` in order; nested quotes stay inside."""
    out: list[QuoteSpan] = []
    paragraphs = paragraph_spans(text)
    carried: _Open | None = None  # a quote left open at the end of the previous paragraph
    carried_count = 0
    for n, (p_start, p_end) in enumerate(paragraphs):
        stack: list[_Open] = []
        for m in _MARK.finditer(text, p_start, p_end):
            mark, pos = m.group(), m.start()
            if carried is not None and not stack:
                # The reopening mark of a continued quote; anything else ends the carry.
                opener_like = _can_open(text, pos, mark, p_start)
                if (
                    opener_like
                    and text[p_start:pos].strip() == ""
                    and _same_family(carried.mark, mark)
                ):
                    stack.append(carried)
                    carried_count += 1
                    carried = None
                    continue
                out.append(_unclosed(text, carried, paragraphs[n - 1][1], carried_count))
                carried = None
            _step(text, stack, mark, pos, p_start, out, carried_count)
            if not stack:
                carried_count = 0
        if carried is not None:  # the paragraph did not reopen the quote
            out.append(_unclosed(text, carried, paragraphs[n - 1][1], carried_count))
            carried = None
            carried_count = 0
        if stack:
            outer = stack[0]
            nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            if nxt is not None and _reopens(text, nxt, outer.mark):
                carried = outer
            else:
                out.append(_unclosed(text, outer, p_end, carried_count))
                carried_count = 0
    if carried is not None:
        out.append(_unclosed(text, carried, paragraphs[-1][1], carried_count))
    # Marks with no word between them ("" or a run of marks) quote nothing.
    return sorted(
        (q for q in out if _WORD.search(text, q.inner_start, q.inner_end)), key=lambda q: q.start
    )


def _step(
    text: str,
    stack: list[_Open],
    mark: str,
    pos: int,
    p_start: int,
    out: list[QuoteSpan],
    carried: int,
) -> None:
    """Feed one mark to the paragraph's stack of open quotes."""
    # A mistyped closer: “…,“ followed by a space closes like ”.
    if mark == "“" and stack and stack[-1].mark == "“" and _typo_closer(text, pos):
        mark = "”"
    # A mark closing an open quote (innermost first; a stray inner opener is dropped).
    if stack and _can_close(text, pos, mark):
        for depth in range(len(stack) - 1, -1, -1):
            if mark in CLOSERS[stack[depth].mark] or (
                mark == "''" and stack[depth].mark in ('"', "''", "``")
            ):
                opened = stack[depth]
                del stack[depth:]
                if not stack:
                    inner_start, inner_end = _trimmed(text, opened.start + len(opened.mark), pos)
                    out.append(
                        QuoteSpan(
                            start=opened.start,
                            end=pos + len(mark),
                            inner_start=inner_start,
                            inner_end=inner_end,
                            paragraphs=carried + 1,
                            double=opened.mark in DOUBLE,
                        )
                    )
                return
            if stack[depth].mark in DOUBLE:
                break  # a closer never reaches past an open double quote
    if _can_open(text, pos, mark, p_start):
        stack.append(_Open(mark, pos))


def _can_open(text: str, pos: int, mark: str, p_start: int) -> bool:
    if mark not in CLOSERS:
        return False
    after = text[pos + len(mark) : pos + len(mark) + 1]
    if not after or after == "\n":
        return False
    if after.isspace():
        # Only marks that cannot close may open before a space: « Bonjour », “ spaced ”.
        return mark in ("“", "„", "«", "‹")
    before = text[pos - 1] if pos > p_start else " "
    if mark in ("'", "‘") and _ELISION.match(text, pos + 1):
        return False
    if mark in ("'", '"', "''", "‘"):
        # Straight marks and ‘ open only at a word's start: not "don't" nor 5'9".
        return not _WORD.match(before) and before not in ".,;!?"
    return True


def _can_close(text: str, pos: int, mark: str) -> bool:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + len(mark) : pos + len(mark) + 1]
    if before.isspace():
        # A typed space before a closing mark happens; a straight mark with
        # spaces on both sides cannot open, so it closes.
        return mark in ("”", "»", "›") or (mark in ('"', "''") and (after == "" or after.isspace()))
    if mark in ("'", "’"):
        # An apostrophe sits between letters (don't, Forteza’s); a closer does not.
        return not (_WORD.match(after) and _WORD.match(before))
    return True


def _typo_closer(text: str, pos: int) -> bool:
    before = text[pos - 1 : pos]
    after = text[pos + 1 : pos + 2]
    return before in (",", ".", "!", "?") and (after == "" or after.isspace())


def _same_family(a: str, b: str) -> bool:
    return (a in DOUBLE) == (b in DOUBLE)


def _reopens(text: str, paragraph: tuple[int, int], mark: str) -> bool:
    """The paragraph starts with an opener of ``mark``'s family: the quote goes on."""
    body = text[paragraph[0] : paragraph[1]].lstrip()
    m = _MARK.match(body)
    return m is not None and _same_family(mark, m.group()) and len(body) > len(m.group())


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _unclosed(text: str, opened: _Open, end: int, carried: int) -> QuoteSpan:
    inner_start, inner_end = _trimmed(text, opened.start + len(opened.mark), end)
    return QuoteSpan(
        start=opened.start,
        end=max(inner_end, opened.start + len(opened.mark)),
        inner_start=inner_start,
        inner_end=inner_end,
        unbalanced=True,
        paragraphs=carried + 1,
        double=opened.mark in DOUBLE,
    )
