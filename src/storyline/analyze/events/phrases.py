"""Actor phrases: the noun phrase that names an actor, and the entity it is linked to.

A role's head token becomes an ``Actor``: the noun phrase around it (its
modifiers, an of-phrase that says whose it is, a name in apposition), linked to
the entity the entities stage found at the head, or to the one name among its
modifiers ("Hungarian officials"). A phrase that names no one at its head is
read for the party it names inside ("the camp for Congolese refugees"); a person
by office keeps the of-phrase that says whose office ("the mayor of Lyon"). A
relative pronoun stands for the noun its clause modifies, and a pronoun subject
of a reported clause for the speaker ("Syria says it will withdraw").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from storyline.analyze.document import doc_index
from storyline.analyze.entities.lexicon import lexicon as entities_lexicon
from storyline.analyze.events.lexicon import load
from storyline.analyze.mentions import MentionIndex
from storyline.analyze.syntax import antecedent, counted
from storyline.models import Actor, Mention

NOUNS = ("NOUN", "PROPN")
ACTOR_ENT_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
PLACE_PREPS = frozenset(
    {"in", "at", "near", "over", "inside", "across", "throughout", "within", "through", "outside"}
    | {"around", "along", "beyond", "off"}
)
NOT_ACTORS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})
CLAUSES = frozenset({"relcl", "advcl", "acl", "ccomp", "xcomp", "conj", "cc", "appos", "punct"})


def named_within(token: Token) -> Token:
    """The named party inside a phrase that names none at its head.

    "restore links with the Andes", "the camp for Congolese refugees", "demands
    from UNITA": the party the act is directed at is the one named.
    """
    if _named(token) or (_office(token) and any(_of_party(c) for c in token.children)):
        return token  # "the mayor of Lyon": the person, whose office the of-phrase names
    queue = [c for c in token.children if _inward(c)]
    while queue:
        current = queue.pop(0)
        if _named(current):
            # A nationality adjective stands with its noun: "Congolese refugees".
            if current.dep_ in ("amod", "compound") and current.head.pos_ == "NOUN":
                return current.head
            return current
        queue += [c for c in current.children if _inward(c)]
    return token


def party(token: Token) -> bool:
    """A phrase that names someone or a group: "to Haiti", "for the refugees", not "for
    humanitarian reasons"."""
    return strong(token) or people(counted(token))


def people(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in load().actor_nouns


def _office(token: Token) -> bool:
    """A noun for a person by their office or role: "mayor", "leader", "envoy"."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in entities_lexicon().roles


def _of_party(prep: Token) -> bool:
    """An of-phrase naming whom its noun belongs to: "of Lyon", "of the rebels", "of three
    Palestinians"; not the charge of "convicted the governor of bribery"."""
    if prep.dep_ != "prep" or prep.lower_ != "of":
        return False
    objects = [t for t in prep.children if t.dep_ == "pobj"]
    return any(people(counted(t)) or strong(t) for t in objects)


def _inward(token: Token) -> bool:
    """Part of the phrase's own description, not a clause or a place ("a deal in Ukraine")."""
    if token.dep_ in CLAUSES:
        return False
    if token.dep_ != "prep" or token.lower_ not in PLACE_PREPS:
        return True
    return not any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in token.children)


def _named(token: Token) -> bool:
    return token.ent_type_ in ACTOR_ENT_TYPES or (token.pos_ == "PROPN" and not token.ent_type_)


def prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            out += [t for t in child.children if t.dep_ == "pobj"]
    return out


def strong(token: Token) -> bool:
    """A noun phrase that names someone: a proper name, a nationality, a title."""
    return any(_named(t) for t in _phrase(token))


def _phrase(token: Token) -> list[Token]:
    """A noun phrase without the clauses hanging off it."""
    out = [token]
    for child in token.children:
        if child.dep_ not in CLAUSES:
            out += _phrase(child)
    return out


def actors_of(head: Token, index: MentionIndex) -> tuple[Actor, ...]:
    """The actors a noun phrase names, one per conjunct."""
    return tuple(actors([head], index, set()))


def noun_phrase_actors(token: Token, index: MentionIndex) -> tuple[Actor, ...]:
    """The actors of the noun phrase a name stands in: "Israeli" in "Israeli soldiers"."""
    while token.dep_ in ("compound", "amod", "nmod", "flat") and token.head.pos_ in NOUNS:
        token = token.head
    return actors_of(token, index)


def _reported_speaker(pronoun: Token, index: MentionIndex) -> Token:
    """The speaker a pronoun stands for in "Syria says it will withdraw"."""
    if pronoun.pos_ != "PRON" or index.at(pronoun.idx, pronoun.idx + len(pronoun.text)):
        return pronoun
    if pronoun.lower_ not in ("it", "they", "he", "she"):
        return pronoun
    clause = pronoun.head
    lex = load()
    said = clause.head.lemma_.lower()
    asked = said in lex.verbs and lex.verbs[said].frame == "request"  # "demanded that they"
    if clause.dep_ == "ccomp" and said in lex.speech_verbs and not asked:
        speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        if speaker is not None and speaker.pos_ in ("NOUN", "PROPN"):
            return speaker
    return pronoun


def actors(heads: Iterable[Token], index: MentionIndex, skip: set[int]) -> list[Actor]:
    out: list[Actor] = []
    for head in heads:
        for token in [_reported_speaker(antecedent(head), index), *head.conjuncts]:
            if token.i in skip or token.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"):
                continue
            if token.lower_ in ("'s", "’s") or _not_actor(token):
                continue  # "let's", "on Tuesday": no actor to name
            for actor in _actor(token, index):
                if actor not in out:
                    out.append(actor)
    return out


def _not_actor(token: Token) -> bool:
    """A time, amount or number, unless a noun for people heads it: the recognizer reads
    "300 migrants" whole as a quantity."""
    if token.ent_type_ not in NOT_ACTORS:
        return False
    return token.pos_ != "NOUN" or token.lemma_.lower() not in load().actor_nouns


def _actor(head: Token, index: MentionIndex) -> list[Actor]:
    doc = head.doc
    left = head.left_edge.i
    # A conjunct's left edge may reach back across "and" to the first conjunct.
    for t in doc[left : head.i]:
        if t.dep_ in ("cc", "conj") and t.head.i > head.i:
            left = t.i + 1
    while left < head.i and doc[left].dep_ in ("det", "punct", "cc", "case"):
        left += 1
    right = head.i
    for child in head.rights:
        if _of_party(child) and len(list(child.subtree)) <= 6:
            right = child.right_edge.i  # "the mayor of Lyon", not "the governor of bribery"
        elif child.dep_ in ("compound", "flat"):
            right = max(right, child.i)
    span = doc[left : right + 1]
    start, end = int(span.start_char), int(span.end_char)
    found = index.at(int(head.idx), int(head.idx + len(head.text)))
    if found is None:
        # "her counterpart, Julio Arancibia": the apposition names the actor.
        for appos in (c for c in head.rights if c.dep_ == "appos"):
            named = index.at(int(appos.idx), int(appos.idx + len(appos.text)))
            if found is None and named is not None:
                found = named
                span = doc[left : appos.right_edge.i + 1]  # "her counterpart, Julio Arancibia"
                end = int(span.end_char)
    text = doc_index(doc).text[start:end]  # the span's text, not rebuilt from its tokens
    if found is not None:
        return [Actor(text=text, start=start, end=end, entity=found[1].id)]
    # Only modifiers name the actor: "Hungarian and Romanian officials", not "her counterpart".
    modifiers = [
        (t.idx, t.idx + len(t.text))
        for t in span
        if t.i != head.i and t.dep_ in ("amod", "compound", "nmod", "conj")
    ]
    inside = [
        (m, e)
        for m, e in index.mentions_in(start, end)
        if any(first <= m.start < last for first, last in modifiers)
    ]
    entities = list(dict.fromkeys(e.id for _, e in inside))
    if len(entities) == 1:
        return [Actor(text=text, start=start, end=end, entity=entities[0])]
    if len(entities) > 1:
        # "Hungarian and Romanian officials": one actor per named member.
        firsts: dict[str, Mention] = {}
        for mention, entity in inside:
            firsts.setdefault(entity.id, mention)
        return [Actor(m.text, m.start, m.end, eid) for eid, m in firsts.items()]
    return [Actor(text=text, start=start, end=end)]
