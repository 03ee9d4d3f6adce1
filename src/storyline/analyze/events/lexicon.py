"""The PLOVER trigger lexicon: lemmas and phrases mapped to event type and mode.

The data lives in ``storyline/data/plover_<lang>.json``; this module loads it
once and answers look-ups for verbs, verb phrases and event nouns. The
lexicon decides types; the parse (see ``roles``) decides roles.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from spacy.tokens import Token

from storyline.analyze.entities.lexicon import lexicon as entities_lexicon
from storyline.analyze.lexicons import reporting_verbs
from storyline.models import EVENT_TYPES

# Classes of the trigger lexicon whose words name people: "captives", "forces"...
ACTOR_CLASSES = ("captives", "forces", "diplomats", "observers", "individuals", "police")
MIN_ENDING = 6  # "workers" ends "dockworkers"; "man" would end "German"
# The dependents of a verb that may complete a phrasal verb ("call off", "set up").
_PARTNERS = frozenset(("prt", "prep", "dobj", "acomp", "oprd", "advmod", "dative"))
TYPES = EVENT_TYPES


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon sense: its PLOVER type and mode, and how it behaves."""

    type: str
    mode: str | None = None
    # promise, request, threaten, refuse, deny: the verb takes another act as complement
    frame: str | None = None
    swap: bool = False  # the subject is the recipient ("X hosted Y": Y is the actor)
    # senses selected by the verb's object, or by the noun's modifier ("joint exercise")
    objects: Mapping[str, Entry] = field(default_factory=dict)
    # a verb that is an event only with one of these objects ("sign a treaty", not "sign a letter")
    only: frozenset[str] = frozenset()
    negated: str | None = None  # type when negated: "will not accept" is a rejection
    # done by agreeing to it: "agreed to forgive the debt" is the forgiveness (manual 3.6)
    performed: bool = False

    def for_object(self, lemmas: tuple[str, ...]) -> Entry:
        """This entry, or the sense its object selects ("withdraw troops" vs "withdraw envoys")."""
        for lemma in lemmas:
            if lemma in self.objects:
                return self.objects[lemma]
        return self


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: Mapping[str, Entry]
    phrasal: Mapping[str, Entry]
    nouns: Mapping[str, Entry]
    noun_heads: frozenset[str]  # the words a noun key can be found under: see ``_heads``
    light_verbs: frozenset[str]
    # Every word a verb trigger can start with: see ``_verb_words``.
    verb_words: frozenset[str]
    declare_verbs: frozenset[str]
    statement_verbs: frozenset[str]
    generic_heads: frozenset[str]
    people_verbs: frozenset[str]  # verbs whose object is always a person: "abduct", "arrest"
    equipment: frozenset[str]  # military equipment, which acts as its crews: "jets", "tanks"
    inhabited: frozenset[str]  # places people live in or travel together: "village", "convoy"
    goal_types: frozenset[str]  # types whose recipient is whom the act reaches: AID, REQUEST
    patient_types: frozenset[str]  # types whose recipient is who undergoes it: COERCE, ASSAULT
    agreeing_verbs: frozenset[str]  # AGREE's own verbs: "agree", "offer"
    agreement_nouns: frozenset[str]  # what parties agree on or offer: "deal", "offer"
    obligation_auxiliaries: frozenset[str]
    wish_verbs: frozenset[str]  # "X wants Y to act": a demand on Y
    stop_verbs: frozenset[str]
    stop_nouns: frozenset[str]  # nouns that end an act: "an end to the fighting"
    modal_verbs: Mapping[str, str]
    future_auxiliaries: frozenset[str]
    possible_auxiliaries: frozenset[str]
    speech_verbs: frozenset[str]
    mode_words: Mapping[str, Mapping[str, frozenset[str]]]
    longest_noun: int
    actor_nouns: frozenset[str]  # nouns for people and groups: "protesters", "minister"
    actor_endings: tuple[str, ...]  # the longer of them, which also end compounds: "dockworkers"
    quads: Mapping[str, str]  # type -> quad class ("verbal cooperation")
    intensities: Mapping[tuple[str, str | None], float]  # (type, mode or None) -> PLOVER score
    # context -> its single words, and its phrases of several words each space-padded (" a b ")
    contexts: Mapping[str, tuple[frozenset[str], tuple[str, ...]]]
    context_words: Mapping[str, frozenset[str]]  # a context's single word -> the contexts
    # a phrase's first word -> (context, space-padded phrase) pairs, one per phrase
    context_phrases: Mapping[str, tuple[tuple[str, str], ...]]
    # who recodes what: (actor nouns, act key -> entry); keys are a lemma, "TYPE mode" or "TYPE"
    actor_acts: tuple[tuple[frozenset[str], Mapping[str, Entry]], ...]

    def verb(self, token: Token) -> Entry | None:
        """The entry for a verb token, trying its particle or preposition first.

        The verb's forms are tried after its lemma, because the lemmatizer errs on
        some ("cordoned" -> "cordone").
        """
        partners = [c.lower_ for c in token.children if c.dep_ in _PARTNERS]
        # A resultative the parser hangs on the object after it: "set free the soldiers".
        after = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if after is not None and after.dep_ == "amod":
            partners.append(after.lower_)
        for lemma in stems(token):
            for word in partners:
                entry = self.phrasal.get(f"{lemma} {word}")
                if entry is not None:
                    return entry
            entry = self.verbs.get(lemma)
            if entry is not None:
                return entry
        return None

    def idiom(self, token: Token) -> tuple[Entry, Token] | None:
        """The entry for a verb with a preposition and its noun ("took to the streets",
        "took him into custody"), and that noun."""
        phrases = [
            (f"{prep.lower_} {word}", noun)
            for prep in token.children
            if prep.dep_ == "prep"
            for noun in prep.children
            if noun.dep_ == "pobj"
            for word in (noun.lemma_.lower(), noun.lower_)
        ]
        for lemma in stems(token) if phrases else ():
            for phrase, noun in phrases:
                entry = self.phrasal.get(f"{lemma} {phrase}")
                if entry is not None:
                    return entry, noun
        return None

    def by_actor(
        self, entry: Entry, lemma: str, actor: Token, act: Entry | None = None
    ) -> Entry | None:
        """What ``entry`` becomes when ``actor`` (a phrase's head) does it, if its group recodes it.

        Keys are tried from the most to the least specific: the trigger's lemma, the
        type with the act it frames ("REQUEST for RETREAT ceasefire"), the type and
        mode, the type.
        """
        words = {actor.lower_, actor.lemma_.lower(), f"={actor.ent_type_}"}
        framed = f"{entry.type} for {act.type} {act.mode}" if act is not None else ""
        for nouns, acts in self.actor_acts:
            if words & nouns:
                for key in (lemma, framed, f"{entry.type} {entry.mode}", entry.type):
                    if key in acts:
                        return acts[key]
        return None

    def modal(self, token: Token) -> str | None:
        """The modality a plan word gives ("planned"), read from its lemma or its form."""
        return next((self.modal_verbs[s] for s in stems(token) if s in self.modal_verbs), None)

    def noun(self, token: Token) -> tuple[Entry, int] | None:
        """The entry for an event noun and the index of its first word (compounds count)."""
        lemma, lower = token.lemma_.lower(), token.lower_
        if lemma not in self.noun_heads and lower not in self.noun_heads:
            return None
        mods = [
            t
            for t in token.lefts
            if t.dep_ in ("compound", "amod", "nmod") and t.i >= token.i - self.longest_noun
        ]
        mod_lemmas = [t.lemma_.lower() for t in mods]
        mod_lowers = [t.lower_ for t in mods]
        # Longest match first: "hunger strike" before "strike".
        for k in range(len(mods), -1, -1):
            used = mods[len(mods) - k :]
            if used and used[0].i + len(used) != token.i:
                continue  # the words must be contiguous
            for head in (lemma, lower):
                for words in (mod_lemmas[len(mods) - k :], mod_lowers[len(mods) - k :]):
                    entry = self.nouns.get(" ".join([*words, head]))
                    if entry is not None:
                        # Its modifiers select a sense, as a verb's object does: "joint
                        # naval exercises" are cooperation, "naval exercises" a show of force.
                        sense = entry.for_object(tuple(mod_lowers))
                        return sense, (used[0].i if used else token.i)
        # "state of emergency": a noun and its of-phrase.
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    entry = self.nouns.get(f"{lemma} of {obj.lemma_.lower()}")
                    if entry is not None:
                        return entry, token.i
        return None


def stems(token: Token) -> list[str]:
    """The lemma, then the word and the stems its ending suggests ("hoping" -> "hop", "hope")."""
    return stems_of(token.lemma_.lower(), token.lower_)


def stems_of(lemma: str, word: str) -> list[str]:
    """``stems`` of a token read as strings: its lower-cased lemma and its lower-cased form."""
    out = [lemma, word]
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            out += [stem, stem + "e", stem[:-1]]
    return out


def _entry(raw: Mapping[str, Any], classes: Mapping[str, list[str]]) -> Entry:
    objects: dict[str, Entry] = {}
    for key, sub in raw.get("objects", {}).items():
        sense = _entry(sub, classes)
        for word in classes[key[1:]] if key.startswith("@") else [key]:
            objects[word] = sense
    only: set[str] = set()
    for key in raw.get("only", []):
        only.update(classes[key[1:]] if key.startswith("@") and key != "@actor" else [key])
    return Entry(
        type=raw["type"],
        mode=raw.get("mode"),
        frame=raw.get("frame"),
        swap=bool(raw.get("swap", False)),
        objects=objects,
        only=frozenset(only),
        negated=raw.get("negated"),
        performed=bool(raw.get("performed", False)),
    )


@functools.cache
def load(language: str = "en") -> Lexicon:
    """The lexicon for ``language``, read once from the package data."""
    path = resources.files("storyline") / "data" / f"plover_{language}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    classes: dict[str, list[str]] = data.get("classes", {})

    def section(name: str) -> dict[str, Entry]:
        return {k: _entry(v, classes) for k, v in data[name].items()}

    nouns = section("nouns")
    contexts = {name: _context(words) for name, words in data["contexts"].items()}
    return Lexicon(
        verbs=section("verbs"),
        phrasal=section("phrasal"),
        nouns=nouns,
        noun_heads=_heads(nouns),
        light_verbs=frozenset(data["light_verbs"]),
        verb_words=_verb_words(data),
        declare_verbs=frozenset(data["declare_verbs"]),
        statement_verbs=frozenset(data["statement_verbs"]),
        generic_heads=frozenset(data["generic_heads"]),
        people_verbs=frozenset(data["people_verbs"]),
        equipment=frozenset(data["equipment"]),
        inhabited=frozenset(data["inhabited"]),
        goal_types=frozenset(data["goal_types"]),
        patient_types=frozenset(data["patient_types"]),
        agreeing_verbs=frozenset(data["agreeing_verbs"]),
        agreement_nouns=frozenset([*classes["agreements"], *data["agreeing_nouns"]]),
        obligation_auxiliaries=frozenset(data["obligation_auxiliaries"]),
        wish_verbs=frozenset(data["wish_verbs"]),
        stop_verbs=frozenset(data["stop_verbs"]),
        stop_nouns=frozenset(data["stop_nouns"]),
        modal_verbs=dict(data["modal_verbs"]),
        future_auxiliaries=frozenset(data["future_auxiliaries"]),
        possible_auxiliaries=frozenset(data["possible_auxiliaries"]),
        speech_verbs=reporting_verbs(),  # one list for every stage: the cue lexicon's
        mode_words={
            kind: {mode: frozenset(words) for mode, words in modes.items()}
            for kind, modes in data["mode_words"].items()
        },
        longest_noun=max(len(k.split()) for k in nouns) - 1,
        actor_nouns=(people := _actor_nouns(data, classes)),
        actor_endings=_endings(people, nouns),
        quads={kind: info["quad"] for kind, info in data["types"].items()},
        intensities=_intensities(data["types"]),
        actor_acts=tuple(
            (
                _words(group["actors"], classes),
                {k: _entry(v, classes) for k, v in group["acts"].items()},
            )
            for group in data["actor_acts"]
        ),
        contexts=contexts,
        context_words=_by_word(contexts),
        context_phrases=_by_first_word(contexts),
    )


def _verb_words(data: Mapping[str, Any]) -> frozenset[str]:
    """The first word of every verb, phrasal verb and verb list of the lexicon.

    A verb none of whose ``stems`` is one of them neither names an act nor
    takes its act from its object, so it is answered without reading its dependents.
    """
    lists = ("light_verbs", "declare_verbs", "statement_verbs", "stop_verbs")
    keys = [*data["verbs"], *data["phrasal"], *(w for name in lists for w in data[name])]
    return frozenset(key.split(" ")[0] for key in keys)


def _heads(nouns: Mapping[str, Entry]) -> frozenset[str]:
    """What a noun token's lemma or form must be for ``Lexicon.noun`` to find it: the end of
    a key ("strike", "hunger strike"), or what comes before "of" in one ("state of emergency").
    Most nouns are none of these, and are then answered without reading their modifiers."""
    words = [key.split(" ") for key in nouns]
    ends = {" ".join(w[i:]) for w in words for i in range(len(w))}
    return frozenset(ends | {" ".join(w[:i]) for w in words for i in range(len(w)) if w[i] == "of"})


def _context(words: list[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    phrases = [w.split() for w in words]
    single = frozenset(p[0] for p in phrases if len(p) == 1)
    return single, tuple(f" {' '.join(p)} " for p in phrases if len(p) > 1)


def _by_word(
    contexts: Mapping[str, tuple[frozenset[str], tuple[str, ...]]],
) -> dict[str, frozenset[str]]:
    names: dict[str, set[str]] = {}
    for name, (words, _) in contexts.items():
        for word in words:
            names.setdefault(word, set()).add(name)
    return {word: frozenset(found) for word, found in names.items()}


def _by_first_word(
    contexts: Mapping[str, tuple[frozenset[str], tuple[str, ...]]],
) -> dict[str, tuple[tuple[str, str], ...]]:
    pairs: dict[str, list[tuple[str, str]]] = {}
    for name, (_, phrases) in contexts.items():
        for phrase in phrases:
            pairs.setdefault(phrase.split()[0], []).append((name, phrase))
    return {word: tuple(found) for word, found in pairs.items()}


def _intensities(types: Mapping[str, Any]) -> dict[tuple[str, str | None], float]:
    out: dict[tuple[str, str | None], float] = {}
    for kind, info in types.items():
        out[(kind, None)] = float(info["intensity"])
        for mode, score in info["mode_intensity"].items():
            out[(kind, mode)] = float(score)
    return out


def _actor_nouns(data: Mapping[str, Any], classes: Mapping[str, list[str]]) -> frozenset[str]:
    """Nouns that name people or groups: the sector words, roles and organisations.

    The lists give plurals ("rebels"); a head is looked up by its lemma, so each
    plural's singular is added ("a rebel"). A word the trigger lexicon codes as an
    act is no actor, though it heads some organisation's name: "the prisoner
    exchange" is an act, "the Stock Exchange" an organisation found as a name.
    """
    people = entities_lexicon()
    groups = [w for name in ACTOR_CLASSES for w in classes.get(name, [])]
    words = [*data["actor_nouns"], *groups, *people.roles, *people.org_heads]
    acts = {key.split()[-1] for key in data["nouns"]} | set(data["generic_heads"])
    return frozenset(w for w in _words(words, classes) if w not in acts)


def _words(words: list[str], classes: Mapping[str, list[str]]) -> frozenset[str]:
    """A word list with its '@class' names expanded and each plural's singular added."""
    out = [w for word in words for w in (classes[word[1:]] if word.startswith("@") else [word])]
    return frozenset(w for word in out for w in (word, singular(word)))


def _endings(people: frozenset[str], nouns: Mapping[str, Entry]) -> tuple[str, ...]:
    """The actor nouns long enough to end a compound ("dockworkers"), save those that also
    end an event noun: "nation" ends "assassination"."""
    acts = [form for key in nouns for form in (key, key + "s")]
    return tuple(
        sorted(w for w in people if len(w) >= MIN_ENDING and not any(a.endswith(w) for a in acts))
    )


def singular(word: str) -> str:
    """The singular of a regular English plural: "militias", "families", "policemen"."""
    if word.endswith("men") and len(word) > 4:
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word
