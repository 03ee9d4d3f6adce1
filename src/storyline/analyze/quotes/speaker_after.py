"""Speakers named after a bare quote: the sentence that follows it says who spoke.

News often opens with the words and names their speaker next. A sentence
that points back at the quote (a demonstrative subject, "So said …", a noun
for the words as subject of "came from" or "was") names its speaker: the
first person in it (``pointed_back``). Weaker: a quote opening its paragraph,
followed in the same paragraph by a sentence whose main verb is a verb of
speech with a named subject, is that person's (``next_subject``), as news
style introduces a speaker right after their opening words.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.analyze.lexicons import QUOTATION_MARKS as MARKS
from storyline.analyze.quotes.candidate import Found
from storyline.analyze.quotes.cues import Lexicon
from storyline.analyze.quotes.frames import frame, token_at_or_after
from storyline.analyze.quotes.layout import person_like
from storyline.analyze.quotes.spans import name_span
from storyline.analyze.syntax import noun_phrase as phrase
from storyline.analyze.syntax import subject_before

_DEMONSTRATIVES = frozenset({"that", "this", "those"})
_POINTING = frozenset({"the", "that", "this", "those", "these"})
# A name the tagger typed as one of these is no speaker ("from Republicans").
_NOT_NAMES = frozenset({"NORP", "LAW", "EVENT", "PRODUCT", "WORK_OF_ART", "LANGUAGE"})


def following(doc: Doc, text: str, end: int, limit: int, *, across: bool = True) -> list[Token]:
    """The sentence after a quote ending at ``end``: in its paragraph, or, when
    the quote closes its paragraph and ``across`` is set, the first sentence of
    the next one."""
    i = token_at_or_after(doc, end)
    while i < len(doc) and (doc[i].is_space or doc[i].text in MARKS):
        i += 1
    if i >= len(doc) or doc[i].idx >= limit:
        return []
    gap = text[end : doc[i].idx]
    if gap.count("\n\n") > 1 or (not across and "\n" in gap):
        return []
    return frame(doc, text, doc[i].idx, limit, backwards=False)


def pointed_back(
    doc: Doc, tokens: list[Token], content: tuple[int, int], lex: Lexicon
) -> Found | None:
    """The first person named in a sentence that points back at the quote before it."""
    if not tokens or not _points_back(tokens, lex):
        return None
    people = [t for t in tokens if t.ent_type_ == "PERSON"]
    if not people:  # a name the tagger typed as an organisation or not at all
        people = [
            t
            for t in tokens
            if t.pos_ == "PROPN" and person_like(t) and t.ent_type_ not in _NOT_NAMES
        ]
    if not people:
        return None
    head = _head(people[0])
    bounds = (tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
    return Found("direct", content, None, phrase(head, bounds), name_span(head), 0.5)


def next_subject(
    doc: Doc, tokens: list[Token], content: tuple[int, int], lex: Lexicon
) -> Found | None:
    """The named person who speaks in the sentence after a quote: the subject
    of its main verb, a verb of speech ("Hale … said he ran outside"; not a
    verb of thought: "Petrov hears that slogan everywhere")."""
    roots = [
        t
        for t in tokens
        if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in lex.speech
    ]
    if len(roots) != 1:
        return None
    subj = subject_before(roots[0], tokens[0].i)
    if subj is None:
        return None
    if subj.pos_ != "PROPN" or subj.ent_type_ not in ("PERSON", "") or not person_like(subj):
        return None
    bounds = (tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
    return Found("direct", content, None, phrase(subj, bounds), name_span(subj), 0.4)


def _points_back(tokens: list[Token], lex: Lexicon) -> bool:
    """Whether a sentence is about the words before it: "That was how …",
    "That was X's message", "So said …", "The warning came from …", "Those
    were the words of …", "… repeated that line", "liked to say that"."""
    first = tokens[0]
    head = first.head
    doc = first.doc
    if first.lower_ in _DEMONSTRATIVES and first.dep_ == "nsubj" and head.lemma_ == "be":
        # "That was how …", "That was X's message", "That was the line of …";
        # not "That was before …", "That was three years ago", "That was not enough".
        after = doc[head.i + 1] if head.i + 1 < len(doc) else head
        if after.lower_ in ("how", "what") or after.pos_ in ("DET", "PROPN", "PRON"):
            return True
    if first.lower_ == "so" and len(tokens) > 1 and lex.verb(tokens[1]):
        return True
    # "The warning came from X", "The reply was X's": a word for what was said.
    said = head.lemma_.lower() in lex.said_nouns | lex.quoted_words and head.head.lemma_ in (
        "come",
        "be",
    )
    if said and first.lower_ == "the" and head.i == first.i + 1 and head.dep_ == "nsubj":
        return True
    for t in tokens:
        words = t.pos_ == "NOUN" and t.lemma_.lower() in lex.quoted_words
        if words and any(c.dep_ == "det" and c.lower_ in _POINTING for c in t.children):
            return True
        if t.lower_ == "that" and t.dep_ == "dobj" and lex.verb(t.head):
            return True
    return False


def _head(token: Token) -> Token:
    """The last word of the name ``token`` is part of (the head of a compound name)."""
    while token.dep_ == "compound" and token.head.pos_ == "PROPN" and token.head.i > token.i:
        token = token.head
    return token
