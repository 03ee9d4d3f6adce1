"""Whom a figure is told of: the subject of its clause, read from the parse.

The subject ("Arancibia, who was sentenced to nine years", "the survey" in
"The survey found 58% support the plan") is looked up among the entities to
fill ``about``; the record shows it with its short complement ("profits at
the retailer").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.analyze.figures.concept import (
    TOLD_OF,
    Offsets,
    bracketed,
    nominal,
    phrases,
    root_of,
    verbless,
)
from storyline.analyze.figures.quantities import Quantity
from storyline.analyze.syntax import CLAUSE_SUBJECTS, clause_subject


def subject(doc: Doc, q: Quantity) -> tuple[Offsets, Offsets] | None:
    """The clause subject the quantity is told of, or None, as two character
    spans: the head phrase ("profits", for finding the entity) and the phrase
    with its short complement ("profits at the retailer", for the record)."""
    told = verbless(doc, q)
    if told is not None:
        return told, told
    root = root_of(doc, q)
    inside = set(range(q.start, q.end))
    found = bracketed(doc, q)
    if found is None:
        found = clause_subject(root, TOLD_OF)
        if found is None or found.i in inside or _within(root, found) or not nominal(found):
            found = _beside(root, inside)
    if found is None and q.kind in ("percent", "money", "quantity"):
        found = _sentence_subject(root, inside)  # "The survey found 58% support the plan"
    if found is None:
        return None
    return phrases(found, inside)


def _sentence_subject(token: Token, inside: set[int]) -> Token | None:
    """The named subject of the sentence's main verb, when the figure's own clause
    has none but the figure itself."""
    main = token.sent.root
    subjects = [c for c in main.children if c.dep_ in CLAUSE_SUBJECTS and c.i not in inside]
    if subjects and subjects[0].pos_ in ("NOUN", "PROPN") and nominal(subjects[0]):
        return subjects[0]
    return None


def _beside(root: Token, inside: set[int]) -> Token | None:
    """A name the quantity stands beside without a verb: "Maddon, 66,", "DAX +0.4%"."""
    if root.dep_ in ("appos", "npadvmod") and root.head.pos_ in ("PROPN", "NOUN"):
        return root.head if root.head.i not in inside else None
    names = [c for c in root.lefts if c.dep_ in ("compound", "nmod", "nsubj") and c.pos_ == "PROPN"]
    return names[-1] if names and names[-1].i not in inside else None


def _within(token: Token, noun: Token) -> bool:
    """Whether ``token`` is part of the noun phrase of ``noun`` (its clauses aside)."""
    while token.i != noun.i:
        if token.dep_ in ("relcl", "acl") or token.head.i == token.i:
            return False
        token = token.head
    return True
