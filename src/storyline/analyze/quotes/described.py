"""Speakers given by a description rather than a name or a pronoun.

The entities stage links a description only when exactly one entity holds
its role, so the quotes stage looks further for a description that is a
quote's source, since a writer who describes a speaker has named them
nearby. Each reading is a candidate the chooser weighs, named for how it was
found:

- a person: the nearest person holding that role, or of that age; "the
  latter", the person named last; the one person the last two paragraphs
  name; at the start of a story, the holder of the role named next in the
  paragraph. A person the text introduced without a name ("a senior aide …
  the aide") is read as no one.
- an organisation: the nearest whose name has the head word, and the
  nearest that is the subject of its clause.
- a document (``documents`` in the cue lexicon): whoever issued it, the
  speaker of the last attribution whose sentence names such a document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from storyline.analyze.document import doc_index
from storyline.analyze.entities.lexicon import lexicon
from storyline.analyze.quotes.candidate import Found
from storyline.analyze.quotes.cues import lexicon as cue_lexicon
from storyline.analyze.syntax import SUBJECTS
from storyline.models import Entity, Mention

Named = tuple[Mention, Entity]

_AGED = re.compile(r"(\d+)-year-old$")
_UNNAMED_REACH = 600  # characters searched back for "a senior aide"


def description(doc: Doc, source: tuple[int, int]) -> tuple[str, str]:
    """What a definite description as a source describes, and its head word:
    ("person", "pitcher"), ("person", "year-old"), ("organisation", "union"),
    ("document", "statement"); ("", "") for anything else."""
    span = doc.char_span(*source, alignment_mode="expand")
    if span is None or span[0].lower_ != "the" or len(span) > 6:
        return "", ""
    if _AGED.search(span.text):
        return "person", "year-old"
    root = span.root
    word = root.lemma_.lower()
    lex = lexicon()
    if root.lower_ == "latter" or (root.pos_ == "PROPN" and root.lower_ in lex.roles):
        return "person", root.lower_  # "the latter", "the Nebraska Republican"
    if root.pos_ != "NOUN":
        return "", ""
    if word in cue_lexicon().documents:
        return "document", word
    if word in lex.roles or word in lex.gender_roles:
        # "a senior aide … “…,” the aide said": someone the text never names.
        before = doc_index(doc).text[max(0, source[0] - _UNNAMED_REACH) : source[0]]
        unnamed = rf"\b(?:an?|one)\s(?:[\w-]+\s){{0,3}}{re.escape(root.lower_)}\b"
        return ("", "") if re.search(unnamed, before, re.I) else ("person", word)
    return ("organisation", word) if word in lex.org_heads else ("", "")


def gender_word(head: str) -> str:
    """The pronoun a gendered role noun agrees with ("spokeswoman": she), else ""."""
    gender = lexicon().gender_roles.get(head)
    return {"male": "he", "female": "she"}.get(gender or "", "")


def described_person(
    doc: Doc,
    candidates: Sequence[Named],
    source: tuple[int, int],
    head: str,
    later: Sequence[Named] = (),
) -> list[tuple[Named, str]]:
    """The persons a description may name, among the ``candidates`` before it
    (nearest last), each with how: the last holder of the role or age
    (``description_role``), the person named last for "the latter"
    (``description_latter``), the only person of the last two paragraphs
    (``description_recent``). With no one before it, an opening description
    names the first of the people ``later`` in its paragraph who holds the
    role (``description_later``)."""
    if not candidates:
        opening = next(((m, e) for m, e in later if head in _role_words(e)), None)
        return [] if opening is None else [(opening, "description_later")]
    if head == "latter":
        return [(candidates[-1], "description_latter")]
    text = doc_index(doc).text
    if head == "year-old":
        span = doc.char_span(*source, alignment_mode="expand")
        found = _AGED.search(span.text) if span is not None else None
        age = found.group(1) if found else ""
        holders = [
            (m, e)
            for m, e in candidates
            if re.match(rf",?\s*(?:aged\s)?{age}\b", text[m.end :])
            or re.search(rf"\b{age}-year-old\s+$", text[max(0, m.start - 20) : m.start])
        ]
    else:
        holders = [(m, e) for m, e in candidates if head in _role_words(e)]
    out = [(holders[-1], "description_role")] if holders else []
    paragraphs = text.rfind("\n\n", 0, text.rfind("\n\n", 0, source[0]))
    recent = [(m, e) for m, e in candidates if m.start > paragraphs]
    if len({e.id for _, e in recent}) == 1:
        out.append((recent[-1], "description_recent"))
    return out


def organisation(doc: Doc, candidates: Sequence[Named], head: str) -> list[tuple[Named, str]]:
    """The organisations "the <head>" may refer back to, among the ``candidates``
    before it (nearest last), each with how: the nearest whose name has the head
    word (``organisation_named``), the nearest that is the subject of its clause
    (``organisation_subject``)."""
    out = []
    named = [(m, e) for m, e in candidates if head in e.name.lower().split()]
    if named:
        out.append((named[-1], "organisation_named"))
    for mention, entity in reversed(candidates):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and span.root.dep_ in SUBJECTS:
            out.append(((mention, entity), "organisation_subject"))
            break
    return out


def issued(doc: Doc, earlier: Sequence[Found], head: str) -> int | None:
    """Which of the ``earlier`` attributions issued the document "the <head>":
    the last whose sentence names such a document ("said in a statement")."""
    for n in range(len(earlier) - 1, -1, -1):
        cue = earlier[n].cue_token
        if cue is not None and any(t.lemma_.lower() == head for t in doc[cue].sent):
            return n
    return None


def _role_words(entity: Entity) -> set[str]:
    """The head words of an entity's roles, abbreviations spelled out ("Sen." is a senator)."""
    lex = lexicon()
    words = set()
    for role in entity.roles:
        parts = role.text.split(" of ")[0].lower().split()
        if parts:
            words.add(lex.abbreviations.get(parts[-1], parts[-1]))
    return words


def person_noun(token: Token) -> bool:
    """A noun naming what a person is ("the spokesman", "the former pitcher")."""
    roles = lexicon().roles
    return token.pos_ == "NOUN" and (token.lemma_.lower() in roles or token.lower_ in roles)
