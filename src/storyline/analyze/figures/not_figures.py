"""Numbers that are not figures: the digits of a label, a name or an address, and "one".

A figure counts or measures something; a number that only tells one thing from another
counts nothing, whatever its size. English marks such numbers by the words around them: a
label noun before the number ("No.", "category", "article", "flight"), a capitalised name
the number finishes (a product, an aircraft model), a street word after it, or "one" used
as a pronoun ("one of them", "the one who"). These words are lexicon entries in
``data/figures.json``, so a new kind of label is a new entry, not new code.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from storyline.analyze.figures.lexicon import lexicon, names_a_thing
from storyline.analyze.figures.numbers import Number
from storyline.analyze.syntax import is_dash

ONE_IDIOMS = frozenset(["day", "time", "point", "way", "thing", "side", "another", "other"])
# Words that make "one-…" an idiom rather than a count.
ONE_HYPHENED = frozenset(("off", "time", "on", "way", "sided", "stop", "size", "liner", "man"))
ORDINAL_TOKEN = re.compile(r"^(\d+)(st|nd|rd|th)$", re.I)


def not_a_figure(doc: Doc, num: Number) -> bool:
    """Labels that hold numbers ("No. 5", "category 4", "318 Calloway Road", "F-35"), a pronoun "one"."""
    lex = lexicon()
    tok = doc[num.start]
    prev = doc[num.start - 1] if num.start > 0 else None
    if (
        num.words
        and tok.lower_ == "one"
        and num.end == num.start + 1
        and not _counts_one(doc, num.start)
    ):
        return True
    if num.words:
        return False
    if prev is not None and prev.lower_ in lex.label_words:
        return True
    if (
        prev is not None
        and prev.text == "."
        and num.start > 1
        and doc[num.start - 2].lower_ == "no"
    ):
        return True  # "No. 5" split as "No", "."
    if _score(doc, num):
        return True
    if prev is not None and prev.text in ("-", "/") and not prev.whitespace_ and num.start > 1:
        return bool(doc[num.start - 2].is_upper)  # "F-35", "A/3"
    last = doc[num.end - 1]
    if num.end < len(doc) and not last.whitespace_ and not num.scaled:
        glued = doc[num.end].text
        if names_a_thing(glued):
            return True  # "5G", "3D": a name glued to its number
    for names, t in enumerate(doc[num.end : num.end + 4], start=1):
        if t.pos_ != "PROPN" and not ORDINAL_TOKEN.match(t.text):
            break  # "27 Condor Ridge Road", "14 W 63rd St"
        if t.lower_.rstrip(".") in lex.street_words and names > 1:
            return True  # an address
    return False


def in_name(doc: Doc, num: Number) -> bool:
    """ "Galaxy S9", "Pac 10", "DAX 40", "a 747 freighter": a bare number inside a name."""
    if num.words:
        return False
    last = doc[num.end - 1]
    nxt = doc[num.end] if num.end < len(doc) else None
    if (
        nxt is not None
        and nxt.pos_ == "PROPN"
        and nxt.text[:1].isupper()
        and last.head.pos_ == "PROPN"
    ):
        return nxt.ent_type_ not in ("NORP", "GPE")  # "767 Freighter"; not "31 Peruvian fishermen"
    if num.start == 0:
        return False
    prev = doc[num.start - 1]
    if prev.pos_ != "PROPN" or not any(c.isupper() for c in prev.text):
        return False
    if _is_currency_text(prev.text):
        return False
    nxt = doc[num.end] if num.end < len(doc) else None
    # "Peru 37 journalists" is not a name; "Big 12 teams" reads either way and stays a figure
    return not (nxt is not None and nxt.pos_ == "NOUN" and doc[num.end - 1].head.i == nxt.i)


def _is_currency_text(text: str) -> bool:
    lex = lexicon()
    return text in lex.currency_symbols or text in lex.currency_codes


def _counts_one(doc: Doc, i: int) -> bool:
    """ "one solution", "one of the best" count; "no one", "each one", "one day" do not."""
    prev = doc[i - 1].lower_ if i > 0 else ""
    if prev in (
        "no",
        "each",
        "the",
        "this",
        "that",
        "every",
        "any",
        "which",
        "another",
        "only",
        "last",
    ):
        return False
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is None:
        return False
    if nxt.lower_ == "of":
        return True
    if nxt.text == "-" and i + 2 < len(doc) and doc[i + 2].lower_ in ONE_HYPHENED:
        return False  # "a one-off payment", "a one-time fee", "one-on-one talks"
    if (
        nxt.lower_ in ("in", "out")
        and i + 2 < len(doc)
        and (doc[i + 2].like_num or doc[i + 2].lower_ == "of")
    ):
        return True  # "one in three", "one out of three"
    head = doc[i].head
    return doc[i].dep_ == "nummod" and head.pos_ == "NOUN" and head.lower_ not in ONE_IDIOMS


def _score(doc: Doc, num: Number) -> bool:
    """ "4-4", "3-1": a score, where the second number is not above the first."""
    pairs = []
    if num.end + 1 < len(doc) and is_dash(doc[num.end].text, hyphen=True):
        pairs.append((doc[num.start], doc[num.end + 1], doc[num.end]))
    if num.start > 1 and is_dash(doc[num.start - 1].text, hyphen=True):
        pairs.append((doc[num.start - 2], doc[num.start], doc[num.start - 1]))
    for first, second, dash in pairs:
        glued = not first.whitespace_ and not dash.whitespace_
        if (
            glued
            and first.text.isdigit()
            and second.text.isdigit()
            and int(second.text) <= int(first.text)
        ):
            return True
    return False
