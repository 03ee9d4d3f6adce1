"""The attribution cue lexicon shipped as ``data/cues_en.json``.

Cue words are lemmas: verbs of speech and thought, cue nouns ("statement",
"hope"), prepositional cues ("according to"), and the verb classes that
decide what a verb's complement is (a clause, a noun phrase, an infinitive,
or a listener). Beside them, the nouns the speaker rules read: words for the
quoted words and for what was said ("That was her line", "The warning came
from …"), documents that speak for their issuer ("the statement said"), and
the words of a photo or byline credit, which names no speaker.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Token

from storyline.analyze.lexicons import cue_words


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
    phrasal: Mapping[str, frozenset[str]]  # verb -> the particles or objects it cues with
    quoted_words: frozenset[str]
    said_nouns: frozenset[str]
    documents: frozenset[str]
    credit_words: frozenset[str]
    # Every lemma that can cue a report: a verb of speech or thought, a phrasal one, a noun.
    cue_lemmas: frozenset[str]

    def verb(self, token: Token) -> bool:
        """A verb of speech or thought ("said", "believes", "fired back")."""
        if token.pos_ not in ("VERB", "AUX"):
            return False
        lemma = token.lemma_.lower()
        if lemma in self.speech or lemma in self.thought:
            return True
        words = self.phrasal.get(lemma)
        return words is not None and any(
            c.lower_ in words for c in token.children if c.dep_ in ("prt", "dobj")
        )


@functools.cache
def lexicon() -> Lexicon:
    """The shipped English cue lexicon."""
    raw = cue_words()

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in raw[key])

    phrasal = {
        verb: frozenset(p for v, p in raw["phrasal_verbs"] if v == verb)
        for verb, _ in raw["phrasal_verbs"]
    }
    speech, thought, nouns = words("speech_verbs"), words("thought_verbs"), words("nouns")
    return Lexicon(
        speech=speech,
        thought=thought,
        objects=words("object_verbs"),
        infinitive=words("infinitive_verbs"),
        addressee=words("addressee_verbs"),
        light=words("light_verbs"),
        nouns=nouns,
        prepositional=tuple(tuple(p) for p in raw["prepositional"]),
        phrasal=phrasal,
        quoted_words=words("quoted_words"),
        said_nouns=words("said_nouns"),
        documents=words("documents"),
        credit_words=words("credit_words"),
        cue_lemmas=speech | thought | nouns | frozenset(phrasal),
    )
