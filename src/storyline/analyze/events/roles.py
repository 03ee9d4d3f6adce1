"""Who did it and to whom: source and target actors read from the parse.

Verbs give their subject as source and their object (or the object of "to",
"against", "on", "with"...) as target; passives swap the two; a verb without
a subject borrows it from the verb it depends on ("urged Ortega to
pardon": Ortega pardons). Event nouns read their possessor, "by" and
"involving" phrases as sources and their "of", "on", "for" phrases as targets.
Each actor is linked to the entity the entities stage found at its head.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from storyline.analyze.events.lexicon import load
from storyline.analyze.events.triggers import Trigger
from storyline.analyze.mentions import MentionIndex
from storyline.analyze.syntax import (
    NOMINAL_SUBJECTS,
    SubjectRule,
    antecedent,
    clause_subject,
    passive_voice,
)
from storyline.models import Actor, Mention

TARGET_PREPS = (
    *("to", "against", "on", "upon", "with", "toward", "towards", "into", "for", "from", "at"),
)
GOAL_PREPS = ("to", "for")  # "sent to Haiti", "earmarked for refugees"
NOUN_TARGET_PREPS = ("of", "on", "upon", "against", "for", "with", "to", "toward", "towards")
NOUN_SOURCE_PREPS = ("between", "among")
# Nouns whose possessor undergoes the act: "their release", "his arrest".
PATIENT_NOUNS = frozenset(
    {
        "release",
        "arrest",
        "detention",
        "deportation",
        "extradition",
        "kidnapping",
        "abduction",
        "assassination",
        "execution",
        "expulsion",
        "conviction",
        "pardon",
        "acquittal",
        "torture",
    }
)
NOUNS = ("NOUN", "PROPN")
PARTICIPANT_VERBS = frozenset({"involve", "include", "feature", "bring"})
ACTOR_ENT_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
PLACE_PREPS = frozenset(
    {"in", "at", "near", "over", "inside", "across", "throughout", "within", "through", "outside"}
    | {"around", "along", "beyond", "off"}
)
NOT_ACTORS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})
CLAUSES = frozenset({"relcl", "advcl", "acl", "ccomp", "xcomp", "conj", "cc", "appos", "punct"})
# "urged X to act", "called on X to act": the object, not the subject, acts.
OBJECT_CONTROL = frozenset(
    {
        "urge",
        "ask",
        "order",
        "force",
        "persuade",
        "allow",
        "invite",
        "tell",
        "press",
        "call",
        "appeal",
        "encourage",
        "instruct",
        "compel",
        "request",
        "implore",
        "beg",
    }
)


def roles(trigger: Trigger, index: MentionIndex) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    """Source and target actors of ``trigger``."""
    skip = set(range(trigger.first, trigger.last + 1))
    if trigger.nominal:
        sources, targets = _noun_roles(trigger.anchor, skip)
    else:
        goal = trigger.entry.type in load().goal_types
        sources, targets = _verb_roles(trigger.anchor, trigger.noun, goal)
    if trigger.entry.swap:
        sources, targets = targets, sources
    src = _actors(sources, index, skip)
    tgt = [a for a in _actors(targets, index, skip) if a not in src]
    return tuple(src), tuple(tgt)


def passive(verb: Token) -> bool:
    """A passive verb, a passive participle ("fishermen detained"), or one misread as a clause."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    return (verb.dep_ == "acl" and verb.tag_ == "VBN") or _reduced_relative(verb)


def _reduced_relative(verb: Token) -> bool:
    """ "released 31 fishermen detained off the coast", parsed as a clause "fishermen detained"."""
    if verb.dep_ != "ccomp" or verb.tag_ not in ("VBN", "VBD"):
        return False
    if any(c.dep_ in ("aux", "auxpass", "mark") for c in verb.children):
        return False
    head = verb.head
    if head.lemma_.lower() in load().speech_verbs or head.pos_ != "VERB":
        return False
    return not any(c.dep_ == "dobj" for c in head.children)


def patient(verb: Token) -> Token | None:
    """Who undergoes a passive act that names no subject of its own."""
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return child
    if verb.dep_ == "acl":
        return verb.head
    if _reduced_relative(verb):
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        # "would continue to be patrolled": the subject of "continue" is patrolled.
        head = verb.head
        return next((c for c in head.children if c.dep_ in NOMINAL_SUBJECTS), None)
    return None


# Who acts: the agent of a passive, never its undergoer; a participle or relative clause
# is done by the noun it modifies ("troops firing on the crowd"); "urged Ortega to pardon":
# Ortega pardons; "thanked Garcia for offering": Garcia offers.
ACTOR = SubjectRule(
    climb=frozenset({"xcomp", "conj", "advcl", "pcomp", "ccomp", "acl"}),
    depth=6,
    by_agent="every",
    passive=lambda verb: passive(verb) or passive_voice(verb),
    modified="participle",
    object_control=OBJECT_CONTROL,
    gerund_preps=None,
    gerund_objects=frozenset({"for", "of"}),
    verbs_only=True,
)


def _verb_roles(verb: Token, noun: Token | None, goal: bool) -> tuple[list[Token], list[Token]]:
    """Source and target heads of a verb; ``goal`` when the recipient is whom the act
    reaches ("aid was sent to Haiti"), not what it moves."""
    source = clause_subject(verb, ACTOR)
    targets: list[Token] = []
    if passive(verb):
        undergoer = patient(verb)
        reached = [t for t in _prep_objects(verb, GOAL_PREPS) if t.i > verb.i] if goal else []
        if reached:
            targets.append(reached[0])
        elif undergoer is not None and not _same(undergoer, noun):
            targets.append(undergoer)
    else:
        # A phrase fronted before its verb is a circumstance ("In talks with Rome, Paris
        # agreed ..."): English puts the recipient after the verb of an active clause.
        candidates = [t for t in _prep_objects(verb, TARGET_PREPS) if t.i > verb.i]
        candidates += [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
        direct = [c for c in verb.children if c.dep_ == "dobj" and not _same(c, noun)]
        strong = [c for c in direct if _strong(c)] + [c for c in candidates if _strong(c)]
        targets += strong[:1] or (direct + candidates)[:1]
        if not targets:
            reduced = [c for c in verb.children if _reduced_relative(c)]
            targets += [p for p in map(patient, reduced) if p is not None][:1]
    if noun is not None and not any(_strong(t) for t in targets):
        # "held talks with X", "rejected an Indian proposal": the event noun names the party.
        named = [t for t in _prep_objects(noun, NOUN_TARGET_PREPS) if _strong(t)]
        targets = named[:1] or ([noun] if _strong(noun) else targets)
    return ([source] if source is not None else []), [_named_within(t) for t in targets]


def _same(a: Token, b: Token | None) -> bool:
    return b is not None and a.i == b.i


def _noun_roles(noun: Token, skip: set[int]) -> tuple[list[Token], list[Token]]:
    sources: list[Token] = []
    targets: list[Token] = []
    for child in noun.children:
        if child.dep_ == "poss" and noun.lemma_.lower() in PATIENT_NOUNS:
            targets.append(antecedent(child))  # "their release": they are released
        elif child.dep_ == "poss":
            sources.append(antecedent(child))
        elif child.dep_ in ("compound", "amod", "nmod") and child.i not in skip:
            if child.ent_type_ in ACTOR_ENT_TYPES:
                sources.append(child)
        elif child.dep_ == "acl" and child.lemma_.lower() in PARTICIPANT_VERBS:
            sources += [t for t in child.children if t.dep_ == "dobj"]
    sources += _prep_objects(noun, ("by", *NOUN_SOURCE_PREPS))
    targets += [t for t in _prep_objects(noun, NOUN_TARGET_PREPS) if t not in sources]
    return sources, [_named_within(t) for t in targets[:1]]


def _named_within(token: Token) -> Token:
    """The named party inside a phrase that names none at its head.

    "restore links with the Andes", "the camp for Congolese refugees", "demands
    from UNITA": the party the act is directed at is the one named.
    """
    if _named(token):
        return token
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


def _inward(token: Token) -> bool:
    """Part of the phrase's own description, not a clause or a place ("a deal in Ukraine")."""
    if token.dep_ in CLAUSES:
        return False
    if token.dep_ != "prep" or token.lower_ not in PLACE_PREPS:
        return True
    return not any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in token.children)


def _named(token: Token) -> bool:
    return token.ent_type_ in ACTOR_ENT_TYPES or (token.pos_ == "PROPN" and not token.ent_type_)


def _prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            out += [t for t in child.children if t.dep_ == "pobj"]
    return out


def _strong(token: Token) -> bool:
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
    return tuple(_actors([head], index, set()))


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
    if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in load().speech_verbs:
        speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        if speaker is not None and speaker.pos_ in ("NOUN", "PROPN"):
            return speaker
    return pronoun


def _actors(heads: Iterable[Token], index: MentionIndex, skip: set[int]) -> list[Actor]:
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
        of_noun = any(c.dep_ == "pobj" for c in child.children)  # not "of harbouring"
        if (
            child.dep_ == "prep"
            and child.lower_ == "of"
            and of_noun
            and len(list(child.subtree)) <= 6
        ):
            right = child.right_edge.i
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
    if found is not None:
        return [Actor(text=span.text, start=start, end=end, entity=found[1].id)]
    # Only modifiers name the actor: "Hungarian and Romanian officials", not "her counterpart".
    modifiers = [
        t for t in span if t.i != head.i and t.dep_ in ("amod", "compound", "nmod", "conj")
    ]
    inside = [
        (m, e)
        for m, e in index.mentions_in(start, end)
        if any(t.idx <= m.start < t.idx + len(t.text) for t in modifiers)
    ]
    entities = list(dict.fromkeys(e.id for _, e in inside))
    if len(entities) == 1:
        return [Actor(text=span.text, start=start, end=end, entity=entities[0])]
    if len(entities) > 1:
        # "Hungarian and Romanian officials": one actor per named member.
        firsts: dict[str, Mention] = {}
        for mention, entity in inside:
            firsts.setdefault(entity.id, mention)
        return [Actor(m.text, m.start, m.end, eid) for eid, m in firsts.items()]
    return [Actor(text=span.text, start=start, end=end)]
