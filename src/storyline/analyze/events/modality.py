"""Negation, modality and the manual's rules for acts that are not (yet) done.

A plan, a promise, a threat, a call or a denial is not the act. Verbs that
take another act as complement (promise, call for, threaten, refuse, deny)
are the event, and the act they are about sets their mode. Acts only planned
or announced for the future are recoded by the PLOVER manual: future
cooperation (CONSULT, SUPPORT, COOPERATE, AID) is AGREE, a future RETREAT is
CONCEDE, while a future CONCEDE stays CONCEDE. A verb of commitment (agree,
promise, offer) is itself the AGREE act, whatever cooperation it commits to,
save a concession, which stays CONCEDE. An attempt to use force (tried to kill,
tried to arrest) is the act itself; an attempt at anything else is read as a plan.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.analyze.events.lexicon import Entry, Lexicon
from storyline.analyze.events.triggers import Trigger
from storyline.analyze.syntax import NOMINAL_SUBJECTS

COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
YIELDING = frozenset({"AGREE", "RETREAT", "CONCEDE"})
HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
ATTEMPTED = frozenset({"ASSAULT", "COERCE"})  # acts whose attempt is itself the act
# Nouns of these types frame the act they name ("the call to release them").
NOUN_FRAMES = {"REQUEST": "request", "THREATEN": "threaten", "REJECT": "refuse", "AGREE": "promise"}
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "conj"})
MODAL_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl"})
CONTENT_PREPS = frozenset({"for", "on", "upon", "of", "to", "about", "against", "with"})
TERRITORY = frozenset({"invade", "occupy", "seize", "capture", "annex", "invasion", "occupation"})
CONDITIONS = frozenset({"if", "unless"})
REPORTED_HEADS = frozenset({"according"})


def frame_of(trigger: Trigger) -> str | None:
    """The kind of frame a trigger is, if it takes an act as its complement."""
    if trigger.entry.frame is not None:
        return trigger.entry.frame
    if trigger.nominal:
        return NOUN_FRAMES.get(trigger.entry.type)
    return None


def complement(frame: Trigger, triggers: list[Trigger]) -> Trigger | None:
    """The trigger that names the act ``frame`` is about: the nearest one below it."""
    best: tuple[int, Trigger] | None = None
    for other in triggers:
        if other is frame or other.anchor.i == frame.anchor.i:
            continue
        depth = _path(other.anchor, frame.anchor, triggers)
        if depth is not None and (best is None or depth < best[0]):
            best = (depth, other)
    return best[1] if best else None


def _path(token: Token, top: Token, triggers: list[Trigger]) -> int | None:
    anchors = {t.anchor.i for t in triggers}
    depth = 0
    while token.i != top.i:
        if token.dep_ not in COMPLEMENT_DEPS or token.head.i == token.i:
            return None
        if token.dep_ == "prep" and token.lower_ not in CONTENT_PREPS:
            return None  # "demanded their return since their arrest": a time, not the content
        if token.dep_ == "conj" and depth == 0:
            return None  # "agreed and met": two acts, not one inside the other
        token = token.head
        depth += 1
        if token.i != top.i and token.i in anchors:
            return None  # another trigger lies between: it is the nearer frame
        if depth > 5:
            return None
    return depth


def compose(
    frame: str, base: Entry, act: Entry, act_word: str, *, agreement: bool = False
) -> Entry:
    """The coded event for a frame verb whose complement is ``act``.

    ``agreement`` marks a frame that agrees or offers ("agreed to", "offered to"),
    which the manual's AGREE covers whatever it commits to (see ``agreed``).
    """
    if frame == "promise":
        # The manual: a promise of future concessions is CONCEDE, but agreeing, offering or
        # promising to act (a retreat too) is AGREE; only a retreat announced in the future
        # tense, with no such verb, is CONCEDE (see ``recode``). A concession only
        # promised is CONCEDE; one agreed to or offered is the agreement.
        if act.performed:
            return Entry(act.type, act.mode)  # "agreed to forgive the debt" forgives it
        if act.type == "CONCEDE" and not agreement:
            return Entry("CONCEDE")
        if act.type in HOSTILE or act.type == "THREATEN":
            return Entry("THREATEN", _threat_mode(act, act_word))
        return Entry("AGREE")
    if frame == "request":
        return Entry(base.type, _wish_mode(act))
    if frame == "refuse":
        return Entry("REJECT", _wish_mode(act))
    if frame == "threaten":
        return Entry("THREATEN", _threat_mode(act, act_word))
    return Entry(base.type, base.mode)  # deny


def agreed(trigger: Trigger, lex: Lexicon) -> bool:
    """Whether a promise frame is an agreement or an offer rather than a bare promise.

    The manual's AGREE is "agree to, offer, promise ... commitment to cooperate",
    while CONCEDE covers "the promise of future concessions". A concession that is
    agreed to, accepted or offered ("agreed to lift the curfew", "a deal to lift
    the blockade") is read as the agreement, the verbs and nouns AGREE is named
    by; one that is only promised or pledged stays CONCEDE.
    """
    anchor = trigger.anchor
    words = {anchor.lower_, anchor.lemma_.lower()}
    if trigger.nominal:
        return bool(words & lex.agreement_nouns)
    return bool(words & lex.agreeing_verbs)


def _wish_mode(act: Entry) -> str | None:
    """REQUEST and REJECT modes: what is asked for or refused."""
    if act.type == "AGREE":
        return None  # a pact or a proposal: its content decides, and it is not named
    if act.mode == "resign":
        return "change"  # the manual's 3.8: calls for dismissal of officials
    if act.type in ("RETREAT", "CONCEDE"):
        return "yield"
    if act.type == "CONSULT":
        return "meet"
    if act.type in ("AID", "COOPERATE", "SUPPORT"):
        return "assist"
    return "change"


def _threat_mode(act: Entry, word: str) -> str | None:
    if act.type == "ASSAULT":
        return "territory" if word in TERRITORY else "violence"
    if act.type == "MOBILIZE":
        return "violence"
    if act.type == "SANCTION":
        return "expel" if act.mode == "expel" else "relations"
    if act.type == "COERCE":
        return {"arrest": "arrest", "deport": "expel"}.get(act.mode or "", "restrict")
    if act.type in ("REJECT", "RETREAT"):
        return "relations"
    if act.type == "PROTEST":
        return "restrict"
    return act.mode if act.type == "THREATEN" else None


def negated(anchor: Token, lex: Lexicon) -> bool:
    """True when the act is denied in the text: "did not release", "no agreement"."""
    for child in anchor.children:
        if child.dep_ == "neg" or child.lower_ in ("never", "no"):
            return True
    token = anchor
    while token.dep_ in ("xcomp", "pobj", "prep") and token.head.i != token.i:
        token = token.head
        if lex.modal(token) == "failed":
            return True
        if token.pos_ in ("VERB", "AUX", "ADJ") and any(c.dep_ == "neg" for c in token.children):
            return True
    return False


def modality(anchor: Token, lex: Lexicon) -> str:
    """asserted, attempted, future, planned, possible or hypothetical, read from the verb chain."""
    token = anchor
    for _ in range(8):
        for child in token.children:
            word = child.lower_
            if child.dep_ == "aux" and word in lex.future_auxiliaries:
                return "future"
            if child.dep_ == "aux" and word in lex.possible_auxiliaries:
                return "possible"
            if child.dep_ == "mark" and word in CONDITIONS and token.dep_ == "advcl":
                return "hypothetical"
        # "is going to", "is due to", "is set to"
        if token.dep_ == "xcomp" and token.head.lower_ == "going":
            return "future"
        head = token.head
        if head.i == token.i or token.dep_ not in MODAL_DEPS:
            break
        if token.dep_ == "ccomp" and head.lemma_.lower() in lex.speech_verbs:
            break  # the speech verb's tense says nothing about the act
        value = lex.modal(head)
        if value is not None and value != "failed":
            return value
        token = head
    return "asserted"


def recode(entry: Entry, mood: str, word: str, conditional: bool = False) -> Entry:
    """The manual's recoding of acts that are planned or announced for the future.

    Future cooperation is AGREE, a future retreat CONCEDE; a future hostile
    act is a THREATEN (the manual's ASSAULT + hypothetical), and so is a
    future act made conditional ("will withdraw unless ..."). Forces made
    ready to attack are MOBILIZE. Willingness or readiness to retreat or
    concede ("is willing to release", "ready to compromise") is the AGREE the manual defines
    as "indicate willingness ... to cooperate", not an announced retreat.
    """
    if mood == "prepared" and entry.type == "ASSAULT":
        return Entry("MOBILIZE", "troops")
    if mood == "attempted":
        # An attempt to kill or to arrest is already the use of force (3.16 counts
        # attempted assassinations as assaults); an attempt at anything else shows
        # only the will to do it, as a plan does.
        if entry.type in ATTEMPTED:
            return entry
        mood = "planned"
    if mood not in ("future", "planned", "prepared", "willing"):
        return entry
    if conditional or entry.type in HOSTILE or entry.type == "PROTEST":
        return Entry("THREATEN", _threat_mode(entry, word))
    if entry.type in COOPERATIVE or (mood in ("willing", "prepared") and entry.type in YIELDING):
        return Entry("AGREE")
    if entry.type == "RETREAT":
        return Entry("CONCEDE")
    return entry


def conditional(anchor: Token) -> bool:
    """True for "will withdraw unless ...": an act promised only under a condition."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
        for c in anchor.children
    )


def obligation(anchor: Token, lex: Lexicon) -> Token | None:
    """The verb whose subject demands the act of another: "X said Y must act", "X wants Y
    to act". A wish for another's act is a demand on them, as an obligation stated is."""
    head = anchor.head
    own = any(c.dep_ in NOMINAL_SUBJECTS for c in anchor.children)
    if anchor.dep_ in ("ccomp", "xcomp") and head.lemma_.lower() in lex.wish_verbs and own:
        return head
    if anchor.dep_ != "ccomp" or head.lemma_.lower() not in lex.speech_verbs:
        return None
    for child in anchor.children:
        if child.dep_ == "aux" and child.lower_ in lex.obligation_auxiliaries:
            return head
    return None


def declined(entry: Entry, mood: str) -> bool:
    """Whether a negated act is a refusal: a cooperative act its actor says it will not do.

    "will not open the border", "would not allow convoys in" state an intention,
    which the manual codes as REJECT ("all rejections and refusals"); a past
    act that did not happen ("has not opened") is no event, only negated.
    """
    planned = mood in ("future", "planned", "willing")
    return planned and (entry.type in COOPERATIVE or entry.type in YIELDING)


def refused(entry: Entry, act: Entry | None) -> Entry:
    """A negated acceptance is a rejection: "will not accept refugees"."""
    return Entry(entry.negated or "REJECT", _wish_mode(act or entry))


def reported(anchor: Token, lex: Lexicon) -> bool:
    """True when the act is told through someone's words: "X said Y attacked"."""
    token = anchor
    for _ in range(10):
        head = token.head
        if head.i == token.i:
            return False
        if token.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in lex.speech_verbs:
            return True
        token = head
    return any(t.lower_ in REPORTED_HEADS and t.head.i == anchor.sent.root.i for t in anchor.sent)
