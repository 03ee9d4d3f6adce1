"""Reporting-clause frames: the tokens beside a quote that may say who spoke.

A frame runs from the quote's mark to a sentence end, a line break or the
next quote that stands alone. When a quote opens its paragraph, the frame may
be the end of the previous paragraph ("Ferreyra continued:") or, for a bare
quote, the sentence just before it ("Valdivia agreed. “…”").
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Token

from storyline.analyze.document import doc_index
from storyline.analyze.syntax import is_dash

ENDS = frozenset({".", "!", "?"})


def frame(doc: Doc, text: str, edge: int, limit: int, *, backwards: bool) -> list[Token]:
    """Tokens of the reporting clause beside a quote: up to a sentence end,
    another quote or a line break. ``text`` is ``doc.text``, read once by the caller."""
    tokens: list[Token] = []
    depth = 0  # brackets: a quote inside "( … )" is reported inside them
    if backwards:
        i = _token_before(doc, edge)
        while i >= 0:
            t = doc[i]
            if t.idx < limit or _ends(doc, t) or "\n" in text[t.idx : edge]:
                break
            depth += (t.text == ")") - (t.text == "(")
            if depth < 0:
                break
            if (
                is_dash(t.text, hyphen=True)
                and (is_dash(t.text) or text[t.idx - 1 : t.idx].isspace())  # not "R-Ky."
                and t.i + 1 < len(doc)
                and doc[t.i + 1].pos_ == "PROPN"
            ):
                break  # "HEADLINE - Name: “…”": the name introduces the quote
            if not t.is_space:
                tokens.insert(0, t)
            i -= 1
    else:
        i = token_at_or_after(doc, edge)
        while i < len(doc):
            t = doc[i]
            if t.idx >= limit or _ends(doc, t) or "\n" in text[edge : t.idx + len(t)]:
                break
            depth += (t.text == "(") - (t.text == ")")
            if depth < 0:
                break
            if not t.is_space:
                tokens.append(t)
            i += 1
    return tokens


def colon_paragraph(doc: Doc, text: str, edge: int, limit: int) -> list[Token]:
    """The end of the previous paragraph when it introduces the quote with a colon."""
    i = _token_before(doc, edge)
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0 or doc[i].text != ":" or doc[i].idx < limit:
        return []
    return frame(doc, text, doc[i].idx + 1, limit, backwards=True)


def previous_sentence(
    doc: Doc, text: str, edge: int, limit: int, *, across: bool = False
) -> list[Token]:
    """The sentence just before a quote in its paragraph ("X agreed. “…”"), or
    ``across`` a paragraph break, the last sentence of the previous paragraph
    when the quote opens its own."""
    i = _token_before(doc, edge)
    while i >= 0 and doc[i].is_space and "\n" not in doc[i].text:
        i -= 1
    if across:
        if i < 0 or not doc[i].is_space or "\n\n" not in text[doc[i].idx : edge]:
            return []
        while i >= 0 and doc[i].is_space and text[doc[i].idx : edge].count("\n\n") <= 1:
            i -= 1
    if i < 1 or doc[i].text not in ENDS or doc[i].idx < limit:
        return []
    return frame(doc, text, doc[i].idx, limit, backwards=True)


def _ends(doc: Doc, t: Token) -> bool:
    """Sentence-final punctuation, not a full stop inside brackets ("(D-Tex.)")."""
    return t.text in ENDS and not (t.i + 1 < len(doc) and doc[t.i + 1].text == ")")


def _token_before(doc: Doc, offset: int) -> int:
    index = doc_index(doc)
    i = token_at_or_after(doc, offset) - 1  # the last token starting before offset
    while i >= 0 and index.token_ends[i] > offset:
        i -= 1  # a token straddling the mark (rare tokenisation) is inside the quote
    return i


def token_at_or_after(doc: Doc, offset: int) -> int:
    return bisect_left(doc_index(doc).token_starts, offset)


def opens_paragraph(text: str, start: int, marks: str = "") -> bool:
    """Nothing but spaces (and any of ``marks``) before ``start`` on its line."""
    line = text.rfind("\n", 0, start) + 1
    return not text[line:start].strip(" \t\xa0" + marks)
