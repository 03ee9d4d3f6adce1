"""Which actors an event keeps: the parse's when the manual accepts them, else the best named one.

The manual's actor and recipient are entities: people, groups, organisations,
countries. The parse (``roles``) reads them from grammar, but a verb's object
is often a thing ("rejected the proposal"), a clause, or a relative pronoun,
and a role is often left empty ("the talks in Oslo collapsed after Norway
walked out"). So a role the parse filled is kept when it names an actor: an
entity, a pronoun linked to one, or a noun for people or a group; anything else
is dropped. A role left empty is filled by the best of the sentence's named
actors and nouns for people, scored on features with weights kept in one table, and taken only
above a threshold (the recipient is optional for most types).

The features hold for English generally: a recipient is governed by the
trigger (its object, the object of its preposition) and follows it (a name
before the act is taken as its recipient only when the verb is passive), a
source precedes it and is a subject; a name after "in", "at" or "near" is where the
event happened, and the actor only where no other candidate is named.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from storyline.analyze.document import doc_index, sentence_of
from storyline.analyze.events.lexicon import Lexicon
from storyline.analyze.events.phrases import PLACE_PREPS, noun_phrase_actors
from storyline.analyze.events.triggers import Trigger
from storyline.analyze.mentions import MentionIndex
from storyline.analyze.syntax import RELATIVE, SUBJECTS, UNDERGOERS, counted
from storyline.models import Actor

ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACES = frozenset({"GPE", "LOC", "FAC"})
PERSONAL = frozenset(
    {"he", "she", "they", "them", "him", "her", "his", "their", "we", "us", "our", "i", "me", "you"}
)
# A path from a candidate up to the trigger that crosses one of these leaves its phrase.
CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "csubj", "parataxis", "acl", "conj"})
FEATURES = ("named", "governed", "side", "distance", "place", "subject")
WEIGHTS = {
    "source": dict(zip(FEATURES, (0.5, 0.5, 1.0, -0.02, -3.0, 1.0), strict=True)),
    # A country or city where an act is done stands for its people or government when no
    # one else is named near it: demoted, not excluded.
    "target": dict(zip(FEATURES, (0.5, 1.5, 1.0, -0.02, -0.5, -1.0), strict=True)),
}
# A name must lie on the role's side of the trigger (or in its phrase); a common noun for
# people, or a place, also close to it.
THRESHOLD = 0.9


@dataclass(slots=True, eq=False)
class Candidate:
    """A candidate actor's head, and whether it is named."""

    head: Token
    named: bool
    found: tuple[Actor, ...] | None = None  # ``actors``', once read

    def actors(self, index: MentionIndex, lex: Lexicon) -> tuple[Actor, ...]:
        """The actors the head's phrase gives (``_phrase_actors``): read once for all the
        roles of the sentence's events."""
        if self.found is None:
            self.found = _phrase_actors(self.head, index, lex)
        return self.found


@dataclass(frozen=True, slots=True)
class Choice:
    actor: Actor
    score: float
    margin: float  # over the next best candidate: how sure the choice is


def accepted(
    actors: Sequence[Actor],
    trigger: Trigger,
    index: MentionIndex,
    lex: Lexicon,
    *,
    doer: bool = False,
) -> tuple[Actor, ...]:
    """The actors the manual would accept as an actor (``doer``) or recipient.

    A phrase headed by a thing that only a name modifies ("the Ukrainian
    border") is narrowed to the name; a thing ("the agreement gives ..."), a
    clause or a bare relative pronoun is dropped. The object of a verb that
    only people undergo ("abducted 30 schoolgirls", "arrested the
    cameraman") is a person whatever its noun; military equipment that acts
    ("Israeli jets bombed ...") is its crews, as the manual's MIL sector counts it.
    """
    sent = sentence_of(trigger.anchor)
    out: list[Actor] = []
    for actor in actors:
        span = sent.doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        linked = actor.entity is not None
        crews = doer and head.lemma_.lower() in lex.equipment
        if crews or _is_actor(head, lex, linked, len(span) == 1) or _undergoer(head, trigger, lex):
            out.append(actor)
        elif actor.entity is not None:
            named = index.mentions_in(actor.start, actor.end)
            mention = next((m for m, e in named if e.id == actor.entity), None)
            if mention is not None:
                out.append(Actor(mention.text, mention.start, mention.end, actor.entity))
    return tuple(dict.fromkeys(out))


def inhabited(actors: Sequence[Actor], trigger: Trigger, lex: Lexicon) -> tuple[Actor, ...]:
    """The recipients of an attack or a coercion that name where its victims are ("shelled a
    village", "attacked an aid convoy"), or of aid, where those it reaches are ("delivered
    medicine to the town"): kept when the sentence names no one else."""
    if trigger.entry.type not in lex.patient_types | lex.goal_types:
        return ()
    doc = trigger.anchor.doc
    spans = [(a, doc.char_span(a.start, a.end, alignment_mode="expand")) for a in actors]
    return tuple(a for a, span in spans if span is not None and span.root.lower_ in lex.inhabited)


def _undergoer(head: Token, trigger: Trigger, lex: Lexicon) -> bool:
    """The object (or passive subject) of a verb whose object is always a person."""
    verb = trigger.anchor
    if trigger.nominal or verb.lemma_.lower() not in lex.people_verbs:
        return False
    objects = {c.i for c in verb.children if c.dep_ in UNDERGOERS}
    return head.i in objects and head.pos_ in ("NOUN", "PROPN") and head.lower_ not in RELATIVE


def _is_actor(head: Token, lex: Lexicon, linked: bool, alone: bool) -> bool:
    word = head.lower_
    if alone and word in RELATIVE:
        return False
    if head.pos_ == "PRON":
        return linked or word in PERSONAL
    return _names_people(head, lex) or _belongs_to_people(head, lex)


def _belongs_to_people(head: Token, lex: Lexicon) -> bool:
    """A thing a noun for people owns by compound: "an army convoy", "the police station".

    The manual's sectors count a group's equipment and premises as the group
    (military: "all state-military personnel/equipment"); an act named by the
    head ("the prisoner exchange") stays an act.
    """
    if head.pos_ != "NOUN" or lex.noun(head) is not None:
        return False
    return any(
        c.dep_ == "compound" and c.pos_ == "NOUN" and _names_people(c, lex) for c in head.lefts
    )


def _names_people(head: Token, lex: Lexicon) -> bool:
    if head.pos_ == "PROPN" or head.ent_type_ in ACTOR_TYPES:
        return True
    if head.lemma_.lower() in lex.actor_nouns or head.lower_.endswith(lex.actor_endings):
        return True
    people = counted(head)
    return people is not head and _names_people(people, lex)


def choose(
    role: str,
    trigger: Trigger,
    others: Sequence[Actor],
    people: Sequence[Candidate],
    index: MentionIndex,
    lex: Lexicon,
) -> Choice | None:
    """The best of the sentence's ``people`` (see ``candidates``) for an empty ``role``, if
    one scores enough."""
    weights = WEIGHTS[role]
    scored: list[tuple[float, Actor]] = []
    seen: set[tuple[int, int]] = set()
    for person in people:
        head, named = person.head, person.named
        if trigger.first <= head.i <= trigger.last or _apposed(head, others):
            continue
        if role == "target" and not _object_side(head, trigger):
            continue
        if role == "source" and _undergoes(head, trigger):
            continue
        for actor in person.actors(index, lex):
            key = (actor.start, actor.end)
            if key in seen or any(_overlap(actor, o) for o in others):
                continue
            if trigger.start < actor.end and actor.start < trigger.end:
                continue
            seen.add(key)
            scored.append((_score(head, trigger, role, weights, named), actor))
    if not scored:
        return None
    scored.sort(key=lambda p: -p[0])
    best, actor = scored[0]
    if best < THRESHOLD:
        return None
    runner = scored[1][0] if len(scored) > 1 else THRESHOLD
    return Choice(actor, round(best, 2), round(best - runner, 2))


def named_instead(
    trigger: Trigger,
    targets: Sequence[Actor],
    others: Sequence[Actor],
    people: Sequence[Candidate],
    index: MentionIndex,
    lex: Lexicon,
) -> Actor | None:
    """A name in the recipient's own phrase to stand for a recipient the parse left unnamed.

    "The army shelled villagers near Bor, a Dinka town" keeps "villagers"; "the
    envoy met officials from the Malian government" takes "Malian government":
    the manual wants the named entity where the sentence has one. Places do not
    replace people here, and a name in another clause is not this act's.
    """
    if not targets or any(_named(a, sentence_of(trigger.anchor)) for a in targets):
        return None
    best: tuple[float, Actor] | None = None
    for person in people:
        head, named = person.head, person.named
        if not named or _place(head) or _in_place_phrase(head) or not _governed(head, trigger):
            continue
        if not _object_side(head, trigger) or not _qualifies(head, targets):
            continue
        for actor in person.actors(index, lex):
            if any(_overlap(actor, o) for o in others):
                continue
            score = _score(head, trigger, "target", WEIGHTS["target"], named)
            if best is None or score > best[0]:
                best = (score, actor)
    return best[1] if best is not None else None


def _qualifies(head: Token, targets: Sequence[Actor]) -> bool:
    """Whether a name lies in a recipient's own phrase, saying who they are ("officials from
    the Malian government"), not in a phrase of the verb's ("migrants off Libya")."""
    doc = head.doc
    for actor in targets:
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is not None and span.root.left_edge.i <= head.i <= span.root.right_edge.i:
            return True
    return False


def _named(actor: Actor, sent: SpacySpan) -> bool:
    if actor.entity is not None:
        return True
    span = sent.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span is not None and any(t.pos_ == "PROPN" for t in span)


def _in_place_phrase(token: Token) -> bool:
    """Anywhere under "in", "near", "at"...: "rebels near the Sudanese border"."""
    return any(a.dep_ == "prep" and a.lower_ in PLACE_PREPS for a in token.ancestors)


def candidates(sent: SpacySpan, index: MentionIndex, lex: Lexicon) -> list[Candidate]:
    """Heads of the sentence's named actors, then of its nouns for people or groups, each
    with whether it is named: read once per sentence for all the roles its events fill."""
    out: list[Candidate] = []
    named: set[int] = set()
    for mention, entity in index.mentions_in(int(sent.start_char), int(sent.end_char)):
        head = _head_at(sent, mention.start, mention.end)
        if head is not None and entity.type in ACTOR_TYPES and not mention.pronoun:
            out.append(Candidate(head, True))
            named.update(range(head.left_edge.i, head.right_edge.i + 1))
    doc = sent.doc
    for i in doc_index(doc).tokens_where(("NOUN",), within=sent):
        if i not in named and _names_people(doc[i], lex):
            out.append(Candidate(doc[i], False))
    return out


def _apposed(head: Token, others: Sequence[Actor]) -> bool:
    """A name in apposition to an actor already chosen is that actor, not another; so is a
    name inside such an apposition ("UN" in "Ban Ki-moon, the UN secretary-general")."""
    while head.dep_ in ("compound", "amod", "nmod", "flat") and head.head.i != head.i:
        head = head.head
    if head.dep_ != "appos":
        return False
    noun = head.head
    return any(o.start <= noun.idx < o.end for o in others)


def _phrase_actors(head: Token, index: MentionIndex, lex: Lexicon) -> tuple[Actor, ...]:
    """The noun phrase a name stands in when it names people ("Israeli soldiers"), else the name
    alone ("Ukrainian" in "the Ukrainian border")."""
    phrase = noun_phrase_actors(head, index)
    if all(_is_actor_phrase(a, head, lex) for a in phrase):
        return phrase
    found = index.at(int(head.idx), int(head.idx + len(head.text)))
    if found is None:
        return ()
    mention, entity = found
    return (Actor(mention.text, mention.start, mention.end, entity.id),)


def _is_actor_phrase(actor: Actor, head: Token, lex: Lexicon) -> bool:
    span = head.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span is not None and (span.root.i == head.i or _names_people(span.root, lex))


def _score(
    head: Token, trigger: Trigger, role: str, weights: dict[str, float], named: bool
) -> float:
    before = head.i < trigger.first
    features = {
        "named": float(named),
        "governed": float(_governed(head, trigger)),
        "side": float(before if role == "source" else not before),
        "distance": float(min(abs(head.i - trigger.anchor.i), 25)),
        "place": float(_place(head)),
        "subject": float(head.dep_ in SUBJECTS),
    }
    return sum(weights[name] * value for name, value in features.items())


def _object_side(token: Token, trigger: Trigger) -> bool:
    """Whether a candidate recipient stands where English puts one: after the act's words,
    or before a passive verb, whose subject undergoes it."""
    if token.i > trigger.last:
        return True
    anchor = trigger.anchor
    return not trigger.nominal and any(c.dep_ in ("nsubjpass", "auxpass") for c in anchor.children)


def _undergoes(token: Token, trigger: Trigger) -> bool:
    """Whether a candidate lies in a passive verb's subject: who undergoes the act ("doctors
    were sent"), never its doer."""
    if trigger.nominal:
        return False
    patients = [c for c in trigger.anchor.children if c.dep_ == "nsubjpass"]
    return any(p.left_edge.i <= token.i <= p.right_edge.i for p in patients)


def _governed(token: Token, trigger: Trigger) -> bool:
    """Inside the trigger's own phrase: reached from the trigger without crossing a clause.

    A phrase fronted before its verb ("At talks with Rome, ...") sets the scene: it is
    not the verb's own phrase.
    """
    tops = {trigger.anchor.i} | ({trigger.noun.i} if trigger.noun is not None else set())
    steps = 0
    while token.i not in tops and steps < 12:
        if token.dep_ in CLAUSE_DEPS or token.head.i == token.i:
            return False
        fronted = token.dep_ == "prep" and token.i < token.head.i and not trigger.nominal
        if fronted and token.head.i == trigger.anchor.i:
            return False
        token = token.head
        steps += 1
    return token.i in tops


def stands_for_place(actor: Actor, sent: SpacySpan) -> bool:
    """Whether an actor is a named place the event happened in, standing for its people."""
    span = sent.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span is not None and _place(span.root)


def _place(token: Token) -> bool:
    """A named place after "in", "at", "near"...: where the event happened ("fired at
    protesters" names people, not a place)."""
    if token.ent_type_ not in PLACES:
        return False
    while token.dep_ in ("compound", "amod", "nmod", "poss", "conj"):
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPS


def _head_at(sent: SpacySpan, start: int, end: int) -> Token | None:
    span = sent.doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None else None


def _overlap(a: Actor, b: Actor) -> bool:
    return a.start < b.end and b.start < a.end
