"""Running the entities stage on a passage, and reading what it found."""

from __future__ import annotations

from spacy.language import Language

from storyline.analyze.entities import entities
from storyline.models import Entity


def run(nlp: Language, text: str) -> tuple[Entity, ...]:
    found = entities(nlp(text))
    for entity in found:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
    return found


def by_name(found: tuple[Entity, ...], name: str) -> Entity:
    matches = [e for e in found if e.name == name]
    assert len(matches) == 1, [(e.name, e.type) for e in found]
    return matches[0]


def mention_texts(entity: Entity, pronouns: bool = False) -> list[str]:
    return [m.text for m in entity.mentions if m.pronoun == pronouns]
