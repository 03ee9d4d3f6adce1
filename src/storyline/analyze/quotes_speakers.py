"""Speakers: from the words naming a source to an entity, a name and a role.

The entities stage owns coreference: its mentions include pronouns and
descriptions ("she", "the envoy"), so a source is first looked up in the
``MentionIndex``. When a personal pronoun is not among the mentions, the
nearest preceding person is taken, preferring one that is the subject of
its clause (subjects carry the topic: in "Forteza plans to visit Arancibia,
whom she called …", "she" is Forteza).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from storyline.analyze.entities_lexicon import lexicon, norm
from storyline.analyze.mentions import MentionIndex
from storyline.analyze.quotes_parse import SUBJECTS, Found
from storyline.models import Entity, Mention

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
# Documents that speak for whoever issued them ("the statement said").
_DOCUMENTS = frozenset({"statement", "release", "post", "tweet", "email", "letter", "memo"})
_AGED = re.compile(r"\d+-year-old$")
_LOOKBACK = 1500  # characters searched back for a pronoun's person


@dataclass(frozen=True, slots=True)
class Speaker:
    entity: str | None
    name: str | None
    role: str | None
    resolved_by_fallback: bool = False


class Speakers:
    """Resolves the sources of one document's attributions."""

    def __init__(self, doc: Doc, entities: Sequence[Entity]) -> None:
        self._doc = doc
        self._text = doc.text  # Doc.text is rebuilt from the tokens on every access
        self._index = MentionIndex(entities)
        self._by_id = {e.id: e for e in entities}
        self._organisations = sorted(
            ((m, e) for e in entities if e.type == "ORG" for m in e.mentions if not m.pronoun),
            key=lambda p: p[0].start,
        )
        self._persons = sorted(
            ((m, e) for e in entities if e.type == "PERSON" for m in e.mentions if not m.pronoun),
            key=lambda p: p[0].start,
        )

    def resolve(self, found: Found, before: tuple[Found, Speaker] | None = None) -> Speaker:
        """The speaker of ``found``; ``before`` is the last attribution before it
        with its speaker, whom a pronoun goes on naming ("…,” Ruiz said. “…,” she added)."""
        if found.source is None:
            return Speaker(None, None, None)
        text = self._text
        as_written = text[found.source[0] : found.source[1]]
        if as_written.lower() in _PERSON_PRONOUNS and before is not None:
            kept = self._continues(found, as_written.lower(), *before)
            if kept is not None:
                return kept
        hit = None
        if found.name is not None:
            hit = self._index.at(*found.name)
        if hit is None:
            hit = self._index.at(*found.source)
            if hit is not None and not _covers(hit[0], found.source):
                hit = None  # a name inside an apposition ("aide to Mr. Ochoa") is not the speaker
        pronoun = as_written.lower() in _PERSON_PRONOUNS
        if (
            hit is not None
            and pronoun
            and (_named_last_inside(hit[1], found) or self._called(hit[1], found.content))
        ):
            hit = None  # "“Tom Ruiz lied to us,” he said": he is not Ruiz
        kind, head = ("", "") if pronoun else self._description(found.source)
        if hit is not None and kind == "person" and hit[1].type == "NORP":
            hit = None  # "the Nebraska Republican" is a person, not the party
        if hit is None and kind == "document" and before is not None and before[1].entity:
            # "… said in a statement. “…,” the statement said": the statement's issuer.
            return replace(before[1], resolved_by_fallback=True)
        fallback = False
        if hit is None and (pronoun or kind == "person"):
            # "“…,” the former pitcher said": a description of a person, like a pronoun.
            key = as_written.lower() if pronoun else _gender_word(head)
            hit = self._antecedent(found.source[0], key, found.content, latest=head == "latter")
            fallback = hit is not None
        elif hit is None and kind == "organisation":
            hit = self._organisation(found.source[0], head)
            fallback = hit is not None
        if hit is None:
            name = text[found.name[0] : found.name[1]] if found.name else as_written
            return Speaker(None, name, self._role(found, None))
        _mention, entity = hit
        return Speaker(entity.id, entity.name, self._role(found, entity), fallback)

    def _description(self, source: tuple[int, int]) -> tuple[str, str]:
        """What a definite description as a source describes and its head noun:
        a person ("the former pitcher", "the 27-year-old", "the latter"), an
        organisation ("the group") or a document ("the statement"); else ("", "")."""
        span = self._doc.char_span(*source, alignment_mode="expand")
        if span is None or span[0].lower_ != "the" or len(span) > 6:
            return "", ""
        if _AGED.search(span.text):
            return "person", "year-old"
        root = span.root
        word = root.lemma_.lower()
        lex = lexicon()
        if root.lower_ in ("latter", "democrat", "republican"):
            return "person", root.lower_
        if root.pos_ != "NOUN":
            return "", ""
        if word in _DOCUMENTS:
            return "document", word
        if word in lex.roles or word in lex.gender_roles:
            # "a senior aide … “…,” the aide said": someone the text never names.
            unnamed = rf"\b(?:an?|one)\s(?:[\w-]+\s){{0,3}}{re.escape(root.lower_)}\b"
            return (
                ("", "") if re.search(unnamed, self._text[: source[0]], re.I) else ("person", word)
            )
        return ("organisation", word) if word in lex.org_heads else ("", "")

    def _organisation(self, offset: int, head: str) -> tuple[Mention, Entity] | None:
        """The organisation "the <head>" refers back to: the nearest earlier one
        whose name has the head word ("the union" of a Harbor Workers Union),
        else the nearest that is the subject of its clause."""
        candidates = [
            (m, e) for m, e in self._organisations if offset - _LOOKBACK <= m.start < offset
        ]
        named = [(m, e) for m, e in candidates if head in e.name.lower().split()]
        if named:
            return named[-1]
        for mention, entity in reversed(candidates):
            span = self._doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in SUBJECTS:
                return mention, entity
        return None

    def _continues(
        self, found: Found, pronoun: str, previous: Found, speaker: Speaker
    ) -> Speaker | None:
        """The previous attribution's speaker, when nobody else is named between
        the two and the pronoun fits them."""
        entity = self._by_id.get(speaker.entity or "")
        if entity is None or entity.type != "PERSON" or not _compatible(entity, pronoun):
            return None
        if found.kind != "direct" or found.source is None or previous.source is None:
            return None
        start, end = previous.content[1], found.source[0]
        if self._text[start:end].count("\n\n") > 1:
            return None
        for mention, other in self._persons:
            inside = found.content[0] <= mention.start < found.content[1]
            if start <= mention.start < end and other.id != entity.id and not inside:
                return None
        return replace(speaker, role=self._role(found, entity))

    def _antecedent(
        self, offset: int, pronoun: str, content: tuple[int, int], *, latest: bool = False
    ) -> tuple[Mention, Entity] | None:
        """The nearest earlier person of a compatible gender, a clause subject first
        unless the ``latest`` is asked for ("the latter"); not one the quote itself
        names ("“Harmon never …,” she said")."""
        named_inside = {
            e.id
            for m, e in self._persons
            if content[0] <= m.start < content[1] or self._called(e, content)
        }
        candidates = [
            (m, e)
            for m, e in self._persons
            if offset - _LOOKBACK <= m.start
            and m.end <= offset
            and e.id not in named_inside
            and _compatible(e, pronoun)
        ]
        for mention, entity in reversed([] if latest else candidates):
            span = self._doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in SUBJECTS:
                return mention, entity
        return candidates[-1] if candidates else None

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


def _gender_word(head: str) -> str:
    """The pronoun a gendered role noun agrees with ("spokeswoman": she)."""
    gender = lexicon().gender_roles.get(head)
    return {"male": "he", "female": "she"}.get(gender or "", "")


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
