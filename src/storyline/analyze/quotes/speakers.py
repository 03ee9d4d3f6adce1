"""Speakers: every way of reading a source as an entity, each a candidate.

The entities stage owns coreference: its mentions include pronouns and
descriptions ("she", "the envoy"), so a source is looked up in the
``MentionIndex``, and a pronoun is the entity the pronoun resolver chose (or
nobody, when it chose no one). What the text around a source adds are more
candidates, not decisions: a description the entities stage left alone names
the people or organisation ``described`` finds for it, a document speaks for
whoever issued it, and a source nobody resolves stays as written. Each
reading carries a feature (``named``, ``pronoun``, ``description_role`` …)
that the chooser weighs with the way the source was found, so the same table
decides between readings and between ways. One fact only the quote knows
becomes a feature too: a quote rarely calls its own speaker by name, so a
pronoun read as a person the quote names is marked ``named_inside``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from storyline.analyze.document import doc_index
from storyline.analyze.entities.lexicon import lexicon, norm
from storyline.analyze.mentions import MentionIndex
from storyline.analyze.quotes.candidate import Candidate, Found, Speaker
from storyline.analyze.quotes.described import (
    described_person,
    description,
    gender_word,
    issued,
    organisation,
)
from storyline.models import Entity, Mention

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_LOOKBACK = 1500  # characters searched back for a description's person or organisation

Reading = tuple[Entity | None, str]  # the entity a source names (None: as written), and how


class Speakers:
    """Reads the sources of one document's attributions as entities."""

    def __init__(self, doc: Doc, entities: Sequence[Entity]) -> None:
        self._doc = doc
        self._text = doc_index(doc).text  # Doc.text is rebuilt from the tokens on every access
        self._index = MentionIndex(entities)
        self._organisations = sorted(
            ((m, e) for e in entities if e.type == "ORG" for m in e.mentions if not m.pronoun),
            key=lambda p: p[0].start,
        )
        self._organisation_starts = [m.start for m, _ in self._organisations]
        self._persons = sorted(
            ((m, e) for e in entities if e.type == "PERSON" for m in e.mentions if not m.pronoun),
            key=lambda p: p[0].start,
        )

    def expand(
        self, candidate: Candidate, earlier: Sequence[tuple[Found, Speaker]] = ()
    ) -> list[Candidate]:
        """``candidate`` once for every entity its source may name, each with the
        feature saying how; a candidate whose speaker is known already (the
        previous quote's) stays as it is. ``earlier`` are the attributions
        before it with their chosen speakers: a document speaks for the one
        that issued it."""
        if candidate.speaker is not None:
            return [candidate]
        found = candidate.found
        if found.source is None:
            return [replace(candidate, speaker=Speaker(None, None, None))]
        out = []
        for entity, how in self.readings(found, earlier):
            speaker = self._speaker(found, entity)
            out.append(replace(candidate, features=(*candidate.features, how), speaker=speaker))
        return out

    def readings(
        self, found: Found, earlier: Sequence[tuple[Found, Speaker]] = ()
    ) -> list[Reading]:
        """Every entity ``found``'s source may name, with the feature saying how;
        the source as written (``None``) when no reading names anyone, and for a
        pronoun or a description, whose reading is a guess."""
        assert found.source is not None
        as_written = self._text[found.source[0] : found.source[1]]
        pronoun = as_written.lower() in _PERSON_PRONOUNS
        hit = self._index.at(*found.name) if found.name is not None else None
        if hit is None:
            hit = self._index.at(*found.source)
            if hit is not None and not _covers(hit[0], found.source):
                hit = None  # a name inside an apposition ("aide to Mr. Ochoa") is not the speaker
        kind, head = ("", "") if pronoun else description(self._doc, found.source)
        if hit is not None and kind == "person" and hit[1].type == "NORP":
            hit = None  # "the Nebraska Republican" is a person, not the party
        out: list[Reading] = []
        if hit is not None and pronoun:
            inside = _named_last_inside(hit[1], found) or self._called(hit[1], found.content)
            out.append((hit[1], "named_inside" if inside else "pronoun"))
        elif hit is not None:
            out.append((hit[1], "named"))
        if kind == "document":
            named = [(f, s) for f, s in earlier if s.entity is not None]
            n = issued(self._doc, [f for f, _ in named], head)
            if n is not None:
                out.append((self._index.entity(named[n][1].entity), "document"))
        elif kind == "person":
            people = self._candidates(found.source[0], gender_word(head), found.content)
            later = self._later(found)
            for (_m, entity), how in described_person(self._doc, people, found.source, head, later):
                out.append((entity, how))
        elif kind == "organisation":
            start = found.source[0]
            # Those that start in the window: a slice of the sorted list, not a scan of it.
            starts = self._organisation_starts
            orgs = self._organisations[
                bisect_left(starts, start - _LOOKBACK) : bisect_left(starts, start)
            ]
            out += [(e, how) for (_m, e), how in organisation(self._doc, orgs, head)]
        if pronoun or kind or not out:
            out.append((None, "pronoun_unresolved" if pronoun else self._unresolved(found)))
        return out

    def _unresolved(self, found: Found) -> str:
        """A name the entities stage did not list ("unresolved_name") is likelier a
        speaker than a phrase that names no one ("Seven things")."""
        assert found.source is not None
        span = self._doc.char_span(*found.source, alignment_mode="expand")
        named = span is not None and any(t.pos_ == "PROPN" for t in span)
        return "unresolved_name" if named else "unresolved"

    def _speaker(self, found: Found, entity: Entity | None) -> Speaker:
        assert found.source is not None
        if entity is None:
            span = found.name or found.source
            return Speaker(None, self._text[span[0] : span[1]], self._role(found, None))
        return Speaker(entity.id, entity.name, self._role(found, entity))

    def _candidates(
        self, offset: int, pronoun: str, content: tuple[int, int]
    ) -> list[tuple[Mention, Entity]]:
        """The persons named before ``offset`` (nearest last) that fit ``pronoun``;
        not one the quote itself names ("“Harmon never …,” she said")."""
        named_inside = {
            e.id
            for m, e in self._persons
            if content[0] <= m.start < content[1] or self._called(e, content)
        }
        return [
            (m, e)
            for m, e in self._persons
            if offset - _LOOKBACK <= m.start
            and m.end <= offset
            and e.id not in named_inside
            and _compatible(e, pronoun)
        ]

    def _later(self, found: Found) -> list[tuple[Mention, Entity]]:
        """The persons named after ``found``'s source in its paragraph, outside the quote."""
        assert found.source is not None
        start = found.source[1]
        end = self._text.find("\n\n", start)
        end = len(self._text) if end < 0 else end
        return [
            (m, e)
            for m, e in self._persons
            if start <= m.start < end and not found.content[0] <= m.start < found.content[1]
        ]

    def _called(self, entity: Entity, content: tuple[int, int]) -> bool:
        """The quote calls the person by a word of their name ("“Anna kept it
        running,” she said"), a mention the entities stage may not list."""
        words = {w for w in entity.name.split() if len(w) > 2 and w[:1].isupper()}
        inside = self._text[content[0] : content[1]]
        return any(re.search(rf"\b{re.escape(w)}\b", inside) for w in words)

    def _role(self, found: Found, entity: Entity | None) -> str | None:
        """The role the source phrase gives ("UN mediator", an apposition), else the entity's."""
        assert found.source is not None
        start, end = found.source
        if found.name is not None and start <= found.name[0] and found.name[1] <= end:
            doc = self._doc
            before = [
                t
                for t in doc.char_span(start, found.name[0], alignment_mode="expand") or ()
                if t.idx + len(t) <= found.name[0] and t.dep_ != "det" and not t.is_punct
            ]
            if before:
                return self._text[before[0].idx : before[-1].idx + len(before[-1])]
            name = doc.char_span(*found.name, alignment_mode="expand")
            for child in name.root.children if name is not None else ():
                if child.dep_ == "appos" and child.idx < end:
                    words = [t for t in child.subtree if t.idx < end and not t.is_punct]
                    while words and words[0].dep_ == "det":
                        words.pop(0)
                    if words:
                        return self._text[words[0].idx : words[-1].idx + len(words[-1])]
        if entity is not None and entity.roles:
            return entity.roles[0].text
        return None


def _compatible(entity: Entity, pronoun: str) -> bool:
    """No sign of the other gender: pronouns already resolved to it, a title or
    a given name."""
    if pronoun not in _PERSON_PRONOUNS:
        return True
    female = pronoun in ("she", "her")
    given = lexicon().given_names.get(norm(entity.name.split()[0])) if entity.name else None
    if given is not None and (given == "female") != female:
        return False
    names = [m.text for m in entity.mentions] + list(entity.aliases)
    words = {n.split()[0].lower() for n in names if n.split()}
    other = (
        {"he", "him", "his", "mr.", "mr"}
        if female
        else {"she", "her", "hers", "ms.", "mrs.", "ms", "mrs"}
    )
    return not words & other


def _named_last_inside(entity: Entity, found: Found) -> bool:
    """The last name of ``entity`` before the source lies inside the quote itself:
    a speaker rarely names themselves, so that name is not what the pronoun means."""
    assert found.source is not None
    names = [m for m in entity.mentions if not m.pronoun and m.start < found.source[0]]
    if not names:
        return False
    last = max(names, key=lambda m: m.start)
    return found.content[0] <= last.start < found.content[1]


def _covers(mention: Mention, span: tuple[int, int]) -> bool:
    """The mention starts the phrase or is most of it."""
    length = span[1] - span[0]
    return mention.start <= span[0] + 4 or (mention.end - mention.start) >= 0.5 * length
