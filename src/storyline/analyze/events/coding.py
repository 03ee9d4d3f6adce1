"""PLOVER events: who did what to whom, where, when, with which figures.

The recipe, per sentence:

1. find triggers: verbs, verb phrases and event nouns in the lexicon
   (``triggers``; the lexicon decides types);
2. fold each act that is only requested, promised, threatened, refused or
   denied into the verb that frames it (``modality``);
3. read source and target actors from the parse and link them to entities
   (``roles``);
4. mark negation and modality and apply the manual's recoding of future acts;
5. attach time, place, figures and the enclosing quote (``context``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from storyline.analyze.document import doc_index, sentence_of
from storyline.analyze.events import context, plover
from storyline.analyze.events.actors import (
    Candidate,
    accepted,
    candidates,
    choose,
    inhabited,
    named_instead,
    stands_for_place,
)
from storyline.analyze.events.lexicon import Entry, Lexicon, load
from storyline.analyze.events.modality import (
    agreed,
    complement,
    compose,
    conditional,
    declined,
    frame_of,
    modality,
    negated,
    obligation,
    recode,
    refused,
    reported,
)
from storyline.analyze.events.phrases import actors_of
from storyline.analyze.events.roles import roles
from storyline.analyze.events.triggers import Trigger, for_relief
from storyline.analyze.events.triggers import find_triggers as _find_triggers
from storyline.analyze.mentions import MentionIndex
from storyline.analyze.offsets import Located
from storyline.analyze.syntax import NOMINAL_SUBJECTS, counted
from storyline.models import Actor, Entity, Event, Figure, Quote, Span, TimeExpression


@dataclass(slots=True)
class _Draft:
    trigger: Trigger
    entry: Entry
    sources: tuple[Actor, ...]
    targets: tuple[Actor, ...]
    mood: str
    negated: bool
    reported: bool
    act: str | None = None
    inner: list[Token] = field(default_factory=list)  # anchors of folded complements

    @property
    def tokens(self) -> list[Token]:
        noun = [self.trigger.noun] if self.trigger.noun is not None else []
        return [self.trigger.anchor, *noun, *self.inner]


@dataclass(frozen=True, slots=True, eq=False)
class _Neighbours:
    """The drafts of one sentence and the PLOVER contexts it names, shared by its events."""

    drafts: list[_Draft]
    contexts: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Found:
    """What earlier stages found, indexed by offset for each event's look-ups."""

    quotes: Located[Quote]
    figures: Located[Figure]
    times: Located[TimeExpression]


def events(
    doc: Doc,
    entities: Sequence[Entity],
    quotes: Sequence[Quote],
    figures: Sequence[Figure],
    times: Sequence[TimeExpression],
    date: str | None,
) -> tuple[Event, ...]:
    """Events in ``doc`` coded in PLOVER, with actors, place, time and figures."""
    lex = load()
    index = MentionIndex(entities)
    found = _Found(Located(quotes), Located(figures), Located(times))
    groups = [
        _Neighbours(in_sentence, plover.named_contexts(sent, lex))
        for sent in doc_index(doc).sentences
        if (in_sentence := _sentence(sent, lex, index))
    ]
    neighbours = {id(d): group for group in groups for d in group.drafts}
    drafts = sorted((d for group in groups for d in group.drafts), key=lambda d: d.trigger.start)
    ids = {id(d): f"V{n}" for n, d in enumerate(drafts, start=1)}
    by_token = {t.i: d for d in drafts for t in d.tokens}
    built: dict[int, Event] = {}
    pending: list[tuple[_Draft, context.Relation]] = []
    for draft in drafts:
        event, rel = _event(ids[id(draft)], draft, neighbours[id(draft)], found, date, lex)
        built[id(draft)] = event
        if rel is not None:
            pending.append((draft, rel))
    for draft, rel in pending:
        other = by_token.get(rel.other.i)
        if other is None or other is draft:
            continue
        event = built[id(draft)]
        when = event.time
        value = when.value if when and not when.relative else None
        other_time = built[id(other)].time
        mine = context.shift(other_time.value if other_time else None, rel.days)
        text = doc_index(doc).text[rel.start : rel.end]
        time = TimeExpression(text, rel.start, rel.end, value or mine, relative=True)
        built[id(draft)] = replace(event, time=time, relative_to=ids[id(other)])
    return tuple(built[id(d)] for d in drafts)


def main_event(found: Sequence[Event], doc: Doc) -> Event | None:
    """The sentence's main event: the trigger nearest the root of the parse.

    Ties go to verbs over nouns, then to the earlier trigger. Used where one
    event per sentence is wanted (headline coding, benchmarks).
    """
    best: tuple[int, int, int, Event] | None = None
    for event in found:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        key = (_depth(root), 0 if root.pos_ in ("VERB", "AUX") else 1, event.trigger.start)
        if best is None or key < best[:3]:
            best = (*key, event)
    return best[3] if best else None


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


def _sentence(sent: SpacySpan, lex: Lexicon, index: MentionIndex) -> list[_Draft]:
    triggers = _find_triggers(sent, lex)
    folded: dict[int, Trigger] = {}  # frame anchor -> complement
    taken: set[int] = set()
    for trigger in triggers:
        if frame_of(trigger) is None:
            continue
        inner = complement(trigger, triggers)
        if inner is not None and id(inner) not in taken:
            folded[id(trigger)] = inner
            taken.add(id(inner))
    people = candidates(sent, index, lex) if triggers else []
    out = []
    for trigger in triggers:
        if id(trigger) in taken:
            continue
        out.append(_draft(trigger, folded.get(id(trigger)), lex, index, people))
    return out


def _draft(
    trigger: Trigger,
    inner: Trigger | None,
    lex: Lexicon,
    index: MentionIndex,
    people: Sequence[Candidate],
) -> _Draft:
    sources, targets = roles(trigger, index)
    mood = modality(trigger.anchor, lex)
    entry, act = trigger.entry, None
    frame = frame_of(trigger)
    is_negated = negated(trigger.anchor, lex)
    speaker = obligation(trigger.anchor, lex)
    if is_negated and (trigger.entry.negated or declined(trigger.entry, mood)):
        entry = refused(trigger.entry, inner.entry if inner is not None else None)
        act, is_negated = trigger.entry.type, False
    elif speaker is not None:
        # "Russia said Sudan must return the helicopter": Russia demands, Sudan is asked.
        entry = compose("request", Entry("REQUEST"), trigger.entry, trigger.anchor.lemma_.lower())
        act, targets = trigger.entry.type, sources
        sources = actors_of(speaker, index)
    elif inner is None and frame is not None and trigger.noun is not None and not trigger.nominal:
        # "sought refuge", "called for a ceasefire": the frame's object names the act.
        hit = lex.noun(trigger.noun)
        if hit is not None:
            word = trigger.noun.lemma_.lower()
            entry = compose(frame, trigger.entry, hit[0], word, agreement=agreed(trigger, lex))
            act = hit[0].type
    elif inner is not None and frame is not None:
        word = inner.anchor.lemma_.lower()
        entry = compose(frame, trigger.entry, inner.entry, word, agreement=agreed(trigger, lex))
        act = inner.entry.type
        inner_sources, inner_targets = roles(inner, index)
        if frame == "request":
            # The one asked to act is the target: "urged the EU to maintain sanctions".
            asked = tuple(a for a in inner_sources if a not in sources)
            targets = targets or asked or inner_targets
        else:
            targets = targets or inner_targets
            sources = sources or inner_sources
    else:
        light = trigger.anchor.lemma_.lower() not in lex.verbs
        modal = lex.modal(trigger.anchor) is not None
        if trigger.noun is not None and light and modal and not trigger.nominal:
            mood = "planned"  # "seeking a peace deal"
        if _own_plan(trigger, mood):
            word = trigger.anchor.lemma_.lower()
            recoded = recode(entry, mood, word, conditional(trigger.anchor))
            if recoded is not entry:
                entry, act = recoded, entry.type
    mood = "planned" if mood in ("prepared", "willing") else mood
    named = sources
    sources, targets = _kept(trigger, sources, targets, lex, index, people)
    # Who acts recodes the act. A noun says who does it only in its own phrase ("a strike
    # by dockers"); a name chosen from elsewhere in the sentence is too weak for it.
    if entry.type == "MOBILIZE" and for_relief(trigger.anchor, lex):
        entry, act = Entry("AID"), entry.type
    framed = inner.entry if inner is not None else None
    by_doer = _by_actor(entry, trigger, named if trigger.nominal else sources, lex, framed)
    if by_doer is not None:
        entry, act = by_doer, act or entry.type
    draft = _Draft(
        trigger=trigger,
        entry=entry,
        sources=sources,
        targets=targets,
        mood=mood,
        negated=is_negated,
        reported=reported(trigger.anchor, lex),
        act=act,
        inner=[inner.anchor] if inner is not None else [],
    )
    # The manual: weapons, ships or vehicles moved are MOBILIZE "weapons", not "troops".
    if draft.entry.mode is None or draft.entry.type == "MOBILIZE":
        mode = _mode_from_words(draft, lex)
        if mode is not None:
            draft.entry = Entry(draft.entry.type, mode)
    return draft


def _kept(
    trigger: Trigger,
    sources: tuple[Actor, ...],
    targets: tuple[Actor, ...],
    lex: Lexicon,
    index: MentionIndex,
    people: Sequence[Candidate],
) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    """The parse's actors the manual accepts; an empty role takes the best of ``people``."""
    sent = sentence_of(trigger.anchor)
    moved: tuple[Actor, ...] = ()
    if trigger.entry.type == "MOBILIZE" and not trigger.nominal:
        # The manual: the recipient is whom forces are mobilized against, not the forces.
        objects = {c.i for c in trigger.anchor.children if c.dep_ == "dobj"}
        moved = tuple(t for t in targets if _head(sent, t) in objects)
        targets = tuple(t for t in targets if t not in moved)
    places = inhabited(targets, trigger, lex)
    sources, targets = (
        accepted(sources, trigger, index, lex, doer=True),
        accepted(targets, trigger, index, lex),
    )
    if not sources:
        chosen = choose("source", trigger, targets, people, index, lex)
        sources = (chosen.actor,) if chosen is not None else ()
    if not targets:
        chosen = choose("target", trigger, (*sources, *moved), people, index, lex)
        targets = (chosen.actor,) if chosen is not None else places
    named = named_instead(trigger, targets, (*sources, *moved), people, index, lex)
    targets = (named,) if named is not None else targets
    return sources, targets


def _not_places(sent: SpacySpan, draft: _Draft) -> tuple[Actor, ...]:
    """The actors that are not also where the event happened ("protested in Paris")."""
    return tuple(a for a in (*draft.sources, *draft.targets) if not stands_for_place(a, sent))


def _by_actor(
    entry: Entry,
    trigger: Trigger,
    sources: tuple[Actor, ...],
    lex: Lexicon,
    framed: Entry | None,
) -> Entry | None:
    """The act as its doers make it: "demonstrators blocked the road" obstruct, not coerce.

    Every doer must make it so: fighting between police and protesters is the two
    sides' violence (3.16), not a riot that one of them recodes it to.
    """
    lemma = trigger.anchor.lemma_.lower()
    spans = [trigger.anchor.doc.char_span(a.start, a.end, alignment_mode="expand") for a in sources]
    found = [lex.by_actor(entry, lemma, counted(s.root), framed) for s in spans if s is not None]
    return found[0] if found and all(f == found[0] for f in found) else None


def _head(sent: SpacySpan, actor: Actor) -> int | None:
    span = sent.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return int(span.root.i) if span is not None else None


def _own_plan(trigger: Trigger, mood: str) -> bool:
    """Whether the actor itself plans or announces the act, as the manual's recoding needs.

    A future tense counts; a plan counts when the planner is the actor, i.e.
    the act's verb has no subject of its own ("Garcia plans to visit", not
    "the envoy hopes for the signing"); readiness for an act named by a noun is
    the subject's own ("ready for talks").
    """
    if mood == "future":
        return True
    if trigger.nominal:
        return mood in ("prepared", "willing")
    if mood not in ("planned", "prepared", "willing", "attempted"):
        return False
    return not any(c.dep_ in NOMINAL_SUBJECTS for c in trigger.anchor.children)


def _mode_from_words(draft: _Draft, lex: Lexicon) -> str | None:
    """ASSAULT and MOBILIZE modes from the weapons or forces the clause names."""
    modes = lex.mode_words.get(draft.entry.type)
    if not modes:
        return None
    words: set[str] = set()
    for anchor in draft.tokens:
        for token in anchor.subtree:
            # The victim of an assault is no weapon ("shot down helicopters"); what is
            # mobilized is the object of the verb ("deployed tanks").
            victim = draft.entry.type == "ASSAULT" and any(
                a.start <= token.idx < a.end for a in draft.targets
            )
            if not victim:
                words.update((token.lower_, token.lemma_.lower()))
    return next((mode for mode, cues in modes.items() if words & cues), None)


def _event(
    event_id: str,
    draft: _Draft,
    neighbours: _Neighbours,
    found: _Found,
    date: str | None,
    lex: Lexicon,
) -> tuple[Event, context.Relation | None]:
    trigger = draft.trigger
    anchor = trigger.anchor
    # Another event's clause nests in this one's only within their sentence.
    nested = [d.trigger.anchor for d in neighbours.drafts if d is not draft]
    ranges = context.clause(anchor, nested)
    rel = context.relation(anchor)
    used = (rel.start, rel.end) if rel is not None else None
    quote = context.quote_of(trigger.start, found.quotes)
    sent = sentence_of(anchor)
    written = doc_index(anchor.doc).text[sent.start_char : sent.end_char]
    verbal = not trigger.nominal
    confidence = 0.5 + 0.2 * verbal + 0.15 * bool(draft.sources) + 0.1 * bool(draft.targets)
    event = Event(
        id=event_id,
        type=draft.entry.type,
        mode=draft.entry.mode,
        trigger=Span(trigger.start, trigger.end, trigger.text),
        sentence=Span(sent.start_char, sent.end_char, written),
        sources=draft.sources,
        targets=draft.targets,
        place=context.place(draft.tokens, ranges, _not_places(sent, draft)),
        time=context.absolute_time(ranges, anchor, found.times, date, used),
        figures=context.attached_figures(ranges, found.figures),
        negated=draft.negated,
        modality=draft.mood,
        reported=draft.reported or quote is not None,
        quote=quote.id if quote is not None else None,
        confidence=round(min(confidence, 0.95), 2),
        act=draft.act,
        quad=plover.quad(draft.entry.type, lex),
        intensity=plover.intensity(draft.entry.type, draft.entry.mode, lex),
        context=plover.contexts(neighbours.contexts, draft.entry.mode, lex),
    )
    return event, rel
