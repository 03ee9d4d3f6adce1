"""Who did it and to whom: source and target actors read from the parse.

Verbs give their subject as source and their object (or the object of "to",
"against", "on", "with"...) as target; passives swap the two; a verb without
a subject borrows it from the verb it depends on ("urged Ortega to
pardon": Ortega pardons). Event nouns read their possessor, "by" and
"involving" phrases as sources and their "of", "on", "for" phrases as targets.
A passive's by-phrase is its source wherever the parser hangs it; a demand made
in a that-clause is made of the clause's subject. Who undergoes an act the
manual codes by its patient (an arrest, a deportation) is its recipient before
the place it is sent to; an act that reaches someone (aid, a request) has the
one reached. The heads become actor phrases in ``phrases``.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.analyze.events.lexicon import load
from storyline.analyze.events.phrases import (
    ACTOR_ENT_TYPES,
    actors,
    named_within,
    party,
    people,
    prep_objects,
    strong,
)
from storyline.analyze.events.triggers import Trigger
from storyline.analyze.lexicons import reporting_verbs
from storyline.analyze.mentions import MentionIndex
from storyline.analyze.syntax import (
    NOMINAL_SUBJECTS,
    SubjectRule,
    antecedent,
    clause_subject,
    counted,
    passive_agent,
    passive_voice,
)
from storyline.models import Actor

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
PARTICIPANT_VERBS = frozenset({"involve", "include", "feature", "bring"})
# "urged X to act", "called on X to act": the object, not the subject, acts.
OBJECT_CONTROL = frozenset(
    {
        "urge",
        "ask",
        "order",
        "force",
        "persuade",
        "allow",
        "let",
        "permit",
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
        lex = load()
        kind = trigger.entry.type
        reach = "goal" if kind in lex.goal_types else "patient" if kind in lex.patient_types else ""
        sources, targets = _verb_roles(trigger.anchor, trigger.noun, reach)
        if not targets and trigger.entry.frame == "request":
            targets = _addressed(trigger.anchor)
    if trigger.entry.swap:
        sources, targets = targets, sources
    src = actors(sources, index, skip)
    tgt = [a for a in actors(targets, index, skip) if a not in src]
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


def _addressed(verb: Token) -> list[Token]:
    """Who a demand is made of when it names no one: the subject of its that-clause
    ("demanded that the army leave": the army is asked to leave)."""
    for clause in verb.children:
        if clause.dep_ == "ccomp" and clause.i > verb.i:
            return [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")][:1]
    return []


# Who acts: the agent of a passive, never its undergoer, wherever the parser hangs its
# by-phrase; a participle or relative clause is done by the noun it modifies ("troops
# firing on the crowd"); "urged Ortega to pardon": Ortega pardons; "thanked Garcia for
# offering": Garcia offers; a conjunct or a complement of a passive shares its subject ("was
# welcomed by the crowd and thanked them": the one welcomed thanks); a reporter goes on
# speaking ("said the deal would hold, adding ...").
ACTOR = SubjectRule(
    climb=frozenset({"xcomp", "conj", "advcl", "pcomp", "ccomp", "acl"}),
    depth=6,
    by_agent="every",
    shared=frozenset({"conj", "xcomp"}),
    participle_reporter=True,
    reporter_participles=reporting_verbs(),
    passive=lambda verb: passive(verb) or passive_voice(verb),
    doer=passive_agent,
    modified="participle",
    object_control=OBJECT_CONTROL,
    gerund_preps=None,
    gerund_objects=frozenset({"for", "of"}),
    verbs_only=True,
)


def _verb_roles(verb: Token, noun: Token | None, reach: str) -> tuple[list[Token], list[Token]]:
    """Source and target heads of a verb. ``reach`` is "goal" when the recipient is whom the
    act reaches ("aid was sent to Haiti"), not what it moves; "patient" when it is who
    undergoes the act ("deported the imam to Algeria"), not where it sends them."""
    source = clause_subject(verb, ACTOR)
    targets: list[Token] = []
    if passive(verb):
        undergoer = patient(verb)
        reached = [t for t in prep_objects(verb, GOAL_PREPS) if t.i > verb.i and party(t)]
        reached = reached if reach == "goal" else []
        if reached:
            targets.append(reached[0])
        elif undergoer is not None and not _same(undergoer, noun):
            targets.append(undergoer)
    else:
        # A phrase fronted before its verb is a circumstance ("In talks with Rome, Paris
        # agreed ..."): English puts the recipient after the verb of an active clause.
        candidates = [t for t in prep_objects(verb, TARGET_PREPS) if t.i > verb.i]
        candidates += [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
        if verb.lemma_.lower() in OBJECT_CONTROL:
            # "let the observers enter", parsed as a clause: who is let in is the recipient.
            clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
            candidates += [s for c in clauses for s in c.children if s.dep_ == "nsubj"]
        direct = [c for c in verb.children if c.dep_ == "dobj" and not _same(c, noun)]
        named = [c for c in direct if strong(c)] + [c for c in candidates if strong(c)]
        # Who undergoes an arrest or an attack comes before where it sends them.
        undergo = [c for c in direct if people(counted(c))] if reach == "patient" else []
        # Whom aid reaches comes before what it moves: "delivered medicine to the town".
        goal = [t for t in prep_objects(verb, GOAL_PREPS) if t.i > verb.i and _reached(t)]
        goal = goal if reach == "goal" else []
        targets += undergo[:1] or named[:1] or goal[:1] or (direct + candidates)[:1]
        if not targets:
            reduced = [c for c in verb.children if _reduced_relative(c)]
            targets += [p for p in map(patient, reduced) if p is not None][:1]
    if noun is not None and not any(strong(t) for t in targets):
        # "held talks with X", "rejected an Indian proposal": the event noun names the party.
        phrases = prep_objects(noun, NOUN_TARGET_PREPS)
        named = [t for t in phrases if strong(t)]
        # "launched strikes on rebel positions": the noun's phrase names whom it hits.
        targets = named[:1] or ([noun] if strong(noun) else targets) or phrases[:1]
    return ([source] if source is not None else []), [named_within(t) for t in targets]


def _reached(token: Token) -> bool:
    """Someone aid can reach: a party, or a place people live in ("the besieged town")."""
    return party(token) or token.lower_ in load().inhabited


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
    doer = passive_agent(noun)
    sources += ([doer] if doer is not None else []) + prep_objects(noun, NOUN_SOURCE_PREPS)
    if noun.dep_ == "nsubj" and noun.head.pos_ == "VERB":
        # "Fighting broke out between X and Y": the parties of an act that happens are its own.
        sources += prep_objects(noun.head, NOUN_SOURCE_PREPS)
    targets += [t for t in prep_objects(noun, NOUN_TARGET_PREPS) if t not in sources]
    return sources, [named_within(t) for t in targets[:1]]
