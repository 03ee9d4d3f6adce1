"""The attribution cue lexicon shipped as ``data/cues_en.json``.

Cue words are lemmas: verbs of speech and thought, cue nouns ("statement",
"hope"), prepositional cues ("according to"), and the verb classes that
decide what a verb's complement is (a clause, a noun phrase, an infinitive,
or a listener).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Token


@dataclass(frozen=True, slots=True)
class Lexicon:
    speech: frozenset[str]
    thought: frozenset[str]
    objects: frozenset[str]
    infinitive: frozenset[str]
    addressee: frozenset[str]
    light: frozenset[str]
    nouns: frozenset[str]
    prepositional: tuple[tuple[str, ...], ...]
    phrasal: frozenset[tuple[str, str]]

    def verb(self, token: Token) -> bool:
        """A verb of speech or thought ("said", "believes", "fired back")."""
        if token.pos_ not in ("VERB", "AUX"):
            return False
        lemma = token.lemma_.lower()
        if lemma in self.speech or lemma in self.thought:
            return True
        return any(
            (lemma, c.lower_) in self.phrasal for c in token.children if c.dep_ in ("prt", "dobj")
        )


@functools.cache
def lexicon() -> Lexicon:
    """The shipped English cue lexicon."""
    raw = json.loads(resources.files("storyline").joinpath("data/cues_en.json").read_text("utf-8"))

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in raw[key])

    return Lexicon(
        speech=words("speech_verbs"),
        thought=words("thought_verbs"),
        objects=words("object_verbs"),
        infinitive=words("infinitive_verbs"),
        addressee=words("addressee_verbs"),
        light=words("light_verbs"),
        nouns=words("nouns"),
        prepositional=tuple(tuple(p) for p in raw["prepositional"]),
        phrasal=frozenset((verb, particle) for verb, particle in raw["phrasal_verbs"]),
    )
