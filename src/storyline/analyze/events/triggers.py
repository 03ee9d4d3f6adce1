"""Event triggers: the verbs, verb phrases and event nouns of a sentence.

A trigger pairs the words that name the act with the token whose syntax
gives the roles (its anchor): the verb itself, the light verb of "held talks"
or "grant tariff relief", or the event noun of "the release of 37 fishermen".
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from storyline.analyze.document import doc_index
from storyline.analyze.events.lexicon import Entry, Lexicon, stems_of
from storyline.analyze.syntax import UNDERGOERS, counted, particles, passive_agent

# Ending a fight is a ceasefire, ending a protest or a sanction a concession; ending aid,
# cooperation or support reduces relations (the manual's 3.10: "withdrawal of military aid
# or other assistance is coded as SANCTION").
STOPPED = {
    "AID": Entry("SANCTION", "withdraw"),
    "COOPERATE": Entry("SANCTION", "discontinue"),
    "SUPPORT": Entry("SANCTION", "discontinue"),
    "ASSAULT": Entry("RETREAT", "ceasefire"),
    "PROTEST": Entry("CONCEDE"),
    "SANCTION": Entry("CONCEDE"),
    "COERCE": Entry("CONCEDE"),
    "MOBILIZE": Entry("RETREAT", "withdraw"),
    "THREATEN": Entry("CONCEDE"),
}


@dataclass(frozen=True, slots=True)
class Trigger:
    """Where an act is named and which token carries its roles."""

    anchor: Token  # verb, light verb, or event noun
    first: int  # token indices of the trigger words, inclusive
    last: int
    entry: Entry
    nominal: bool  # roles come from the noun phrase ("the release of ... by ...")
    noun: Token | None = None  # the event noun of a light verb or a nominal trigger

    @property
    def start(self) -> int:
        return int(self.anchor.doc[self.first].idx)

    @property
    def end(self) -> int:
        last = self.anchor.doc[self.last]
        return int(last.idx + len(last.text))

    @property
    def text(self) -> str:
        return doc_index(self.anchor.doc).text[self.start : self.end]


def is_verb(token: Token) -> bool:
    return token.pos_ == "VERB" or (token.tag_.startswith("VB") and token.pos_ != "AUX")


def object_of(verb: Token) -> Token | None:
    """The verb's object: its direct object, or its subject when passive."""
    for child in verb.children:
        if child.dep_ in UNDERGOERS:
            return child
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "into"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def find_triggers(sent: SpacySpan, lex: Lexicon) -> list[Trigger]:
    """Every trigger in ``sent``, verbs first, then nouns no verb has taken."""
    found: list[Trigger] = []
    claimed: set[int] = set()
    # Only verbs and nouns can trigger, and only those whose words the lexicon holds: the
    # others are answered from the index's columns, since reading a token is slow.
    doc = sent.doc
    index = doc_index(doc)
    lowers, lemmas = index.column(LOWER), index.column(LEMMA)
    auxiliaries = set(index.tokens_where(("AUX",), within=sent))
    for i in index.tokens_where(("VERB",), tag_prefixes=("VB",), within=sent):
        if i in auxiliaries:
            continue  # not a verb (``is_verb``)
        if lex.verb_words.isdisjoint(stems_of(lemmas[i].lower(), lowers[i])):
            continue  # most verbs: neither the verb nor its object can name an act
        trigger = _verb_trigger(doc[i], lex)
        if trigger is not None:
            found.append(trigger)
            if trigger.noun is not None:
                claimed.add(trigger.noun.i)
    for i in index.tokens_where(("NOUN",), within=sent):
        if i in claimed:
            continue
        if lemmas[i].lower() not in lex.noun_heads and lowers[i] not in lex.noun_heads:
            continue  # most nouns: ``Lexicon.noun`` finds no entry under them
        token = doc[i]
        if token.dep_ == "compound" and token.head.lemma_.lower() not in lex.generic_heads:
            continue  # "aid groups" names groups; "mediation effort" names an act
        hit = lex.noun(token)
        if hit is not None:
            entry, first = hit
            stop = _stopped_by(token, lex)
            if stop is not None and entry.type in STOPPED:
                # "an end to the fighting": the act named is its ending.
                found.append(Trigger(stop, stop.i, token.i, STOPPED[entry.type], True, stop))
                claimed.add(stop.i)
                continue
            if token.dep_ == "compound":
                # "mediation efforts by the US": the head noun carries the roles.
                head = token.head
                found.append(Trigger(head, first, head.i, entry, nominal=True, noun=head))
                continue
            found.append(Trigger(token, first, token.i, entry, nominal=True, noun=token))
    return sorted(found, key=lambda t: t.first)


def for_relief(anchor: Token, lex: Lexicon) -> bool:
    """Whether forces are moved to bring aid: "deployed troops to help with flood relief".

    The manual codes mobilizing police or military forces for disaster relief as
    AID (3.14): the purpose clause or phrase of the move names an act of aid.
    """
    for child in anchor.children:
        if child.dep_ not in ("advcl", "xcomp", "prep", "acl"):
            continue
        for token in child.subtree:
            entry = lex.verbs.get(token.lemma_.lower()) if is_verb(token) else None
            hit = lex.noun(token) if token.pos_ == "NOUN" else None
            if (entry is not None and entry.type == "AID") or (hit and hit[0].type == "AID"):
                return True
    return False


def _stopped_by(noun: Token, lex: Lexicon) -> Token | None:
    """The noun that ends an act: "end" in "an end to the fighting", "halt" in "a halt of"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("to", "of") or prep.head.i == prep.i:
        return None
    stop = prep.head
    return stop if stop.pos_ == "NOUN" and stop.lemma_.lower() in lex.stop_nouns else None


def _verb_trigger(verb: Token, lex: Lexicon) -> Trigger | None:
    """The trigger a verb whose ``stems`` the lexicon's ``verb_words`` hold names, if any."""
    lemma = verb.lemma_.lower()
    if lex.modal(verb) is not None and any(c.dep_ == "xcomp" for c in verb.children):
        return None  # "seeks to restore links": the plan frames another act
    obj = object_of(verb)
    if obj is None and lemma in lex.light_verbs:
        obj = _prep_noun(verb)
    noun_hit = None
    if obj is not None:
        noun_hit = lex.noun(obj)
        if noun_hit is None and obj.lemma_.lower() in lex.generic_heads:
            # "launched a mediation effort": the act is the effort's modifier.
            for mod in obj.lefts:
                if mod.dep_ == "compound" and noun_hit is None:
                    noun_hit = lex.noun(mod)
                    obj = mod if noun_hit is not None else obj
    # "took to the streets": a verb, a preposition and its noun name the act together.
    idiom = lex.idiom(verb)
    entry = idiom[0] if idiom is not None else lex.verb(verb)
    if entry is None and noun_hit is None:
        return None  # most verbs: neither the verb nor its object names an act
    last = _phrase_end(verb, lex)
    stop = lemma in lex.stop_verbs or f"{lemma} {_particle(verb)}" in lex.stop_verbs
    if noun_hit is not None and obj is not None:
        noun_entry, first = noun_hit
        if lemma in lex.statement_verbs and noun_entry.type == "PROTEST":
            # "lodged a protest with Albania": a diplomatic protest is an accusation.
            return Trigger(verb, verb.i, obj.i, Entry("ACCUSE", "disapprove"), False, obj)
        if stop and noun_entry.type in STOPPED:
            return Trigger(verb, verb.i, verb.i, STOPPED[noun_entry.type], False, obj)
        if lemma in lex.declare_verbs and noun_entry.type == "RETREAT":
            # A declared ceasefire or withdrawal is a promise, not the act.
            return Trigger(verb, first, obj.i, Entry("CONCEDE"), False, obj)
        if (
            entry is not None
            and entry.type == "SUPPORT"
            and obj.lemma_.lower() in lex.agreement_nouns
        ):
            # "approved the trade agreement": approving or ratifying a pact supports it (3.3).
            return Trigger(verb, verb.i, verb.i, entry, False, obj)
        if lemma in lex.light_verbs:
            # "held talks", "grant tariff relief": the verb and its noun name the act.
            start = (
                verb.i if 0 < first - verb.i <= 4 and not _argument_between(verb, first) else first
            )
            return Trigger(verb, start, obj.i, noun_entry, False, obj)
    if entry is None:
        return None
    words = (*(_object_words(obj) if obj is not None else ()), *_complement_words(verb))
    if not _fits(verb, obj, entry, words):
        return None
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if entry.type == "CONSULT" and passive and passive_agent(verb) is None:
        return None  # "was met with criticism" is no meeting; "was received by the king" is
    sense = entry.for_object(words)
    absorbs = noun_hit is not None and (
        sense is not entry
        or sense.type == noun_hit[0].type
        or sense.frame is not None
        or (sense.type == "CONCEDE" and noun_hit[0].type in ("SANCTION", "COERCE"))
        or (sense.type == "SUPPORT" and noun_hit[0].type == "AGREE")
    )
    noun = idiom[1] if idiom is not None else obj if absorbs else None
    trigger = Trigger(verb, verb.i, last, sense, False, noun)
    if sense.mode is None and entry.mode is not None and sense.type == entry.type:
        trigger = replace(trigger, entry=replace(sense, mode=entry.mode))
    return trigger


def _argument_between(verb: Token, first: int) -> bool:
    """Whether a verb's own argument stands between it and its event noun: the recipient
    of "gave Malawi a loan" is no word of the act."""
    between = verb.doc[verb.i + 1 : first]
    return any(t.head.i == verb.i and t.dep_ in ("dative", "dobj", "nsubj") for t in between)


def _particle(verb: Token) -> str:
    return next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")


def _prep_noun(verb: Token) -> Token | None:
    """The noun of "engaged in ethnic cleansing", "went on strike"."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "on", "into"):
            return next((t for t in child.children if t.dep_ == "pobj"), None)
    return None


def _fits(verb: Token, obj: Token | None, entry: Entry, words: tuple[str, ...]) -> bool:
    """Whether a verb with a narrow sense has the object (or complement) that sense needs."""
    if not entry.only:
        return True
    named = obj is not None and obj.pos_ == "PROPN" and verb.dep_ != "auxpass"
    return (named and "@actor" in entry.only) or bool(set(words) & entry.only)


def _complement_words(verb: Token) -> tuple[str, ...]:
    """The lemmas of the acts a verb lets, makes or keeps someone do ("let them enter",
    "allowed observers to visit", "barred him from running"), with the words of who does
    them ("let the observers enter"), and of what one leaves ("withdrew from the talks").
    Such a verb's sense is chosen by them, as another verb's is by its object."""
    words: list[str] = []
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ == "VERB":
            words.append(child.lemma_.lower())
            for doer in (c for c in child.children if c.dep_ == "nsubj"):
                words += _object_words(doer)
        elif child.dep_ == "prep" and child.lower_ == "from":
            words += [t.lemma_.lower() for t in child.children if t.dep_ in ("pcomp", "pobj")]
    return tuple(words)


def _object_words(obj: Token) -> tuple[str, ...]:
    """The object's words and its modifiers'; a partitive or a number counts the noun of its
    of-phrase ("mobilised thousands of supporters": supporters)."""
    words: list[str] = []
    for noun in dict.fromkeys((obj, counted(obj))):
        words += [noun.lower_, noun.lemma_.lower()]
        words += [t.lower_ for t in noun.lefts if t.dep_ in ("compound", "amod")]
    return tuple(words)


def _phrase_end(verb: Token, lex: Lexicon) -> int:
    """Index of the particle of "shot down" when it follows the verb directly."""
    prt = particles(verb)[:1]
    if prt and f"{verb.lemma_.lower()} {prt[0].lower_}" in lex.phrasal:
        return int(prt[0].i)
    return int(verb.i)
