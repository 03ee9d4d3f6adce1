"""Parse helpers every stage reads a clause with: its subject, a noun phrase, a verb group.

The quotes, figures and events stages all ask the same questions of spaCy's dependency
parse (Universal-Dependencies-style English labels), and answer them here once:

- the subject dependencies (``nsubj``, ``nsubjpass``, ``csubj``), and ``expl`` where a clause
  counts its "there" ("There were 31 ...") as the subject;
- a clause without a subject of its own takes its governor's ("X welcomed it but warned
  ..."): one walk up the parse, ``clause_subject``, with a ``SubjectRule`` for what each
  stage counts (a passive's agent or its surface subject, "there", the noun a participle
  modifies, the object of "urged X to ...") and which clauses it climbs through;
- a relative pronoun ("who", "which", "that", "whom", "whose") as a subject stands for the noun
  its relative clause modifies, so it is followed to that noun rather than kept;
- a noun phrase is its head's subtree without participial modifiers, cut at a line break or a
  dash (a dateline or an aside never belongs to the phrase), edge punctuation trimmed;
- a verb group is the verb with its auxiliaries, negation and adverbs after the subject, and
  its particle ("has also said", "pointed out"): the parser attaches all of them to the verb;
- a partitive head ("thousands of farmers", "a group of students") counts the noun of its
  of-phrase, which says who the phrase names;
- a dash is any character of Unicode's dash punctuation class, or a doubled hyphen.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Token

from storyline.analyze.document import doc_index

NOMINAL_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
SUBJECTS = NOMINAL_SUBJECTS | {"csubj"}
CLAUSE_SUBJECTS = SUBJECTS | {"expl"}  # "There were 31 ...": the clause's subject is "there"
# What a verb acts on: its object, or the surface subject of a passive ("X was freed").
UNDERGOERS = frozenset({"dobj", "nsubjpass"})
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
# Dependencies through which a clause without a subject of its own takes its governor's.
CLIMB = frozenset({"xcomp", "conj", "advcl", "ccomp"})
# Heads that count or group what their of-phrase names: "thousands of farmers".
PARTITIVES = frozenset(
    {"thousand", "hundred", "dozen", "score", "million", "ten", "group", "number", "crowd", "band"}
    | {"handful", "some", "many", "most", "all", "several", "member", "none", "few", "majority"}
)
_TRIM = ",;:—–―-"
_HYPHENS = frozenset("-‐‑")


def passive_voice(verb: Token) -> bool:
    """A passive verb: its surface subject undergoes the act ("X was joined"), or a
    by-phrase names who does it ("joined by Y")."""
    return any(c.dep_ in ("nsubjpass", "agent") for c in verb.children)


def agent(verb: Token) -> Token | None:
    """Who does a passive act: the noun of its by-phrase ("was told by X")."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return None if by is None else next((t for t in by.children if t.dep_ == "pobj"), None)


def passive_agent(head: Token) -> Token | None:
    """Who does a passive act or an event noun: its by-phrase, also where the parser hung
    that phrase on the noun of the head's own preposition ("charged with fraud by
    prosecutors", "the arrest of the leader by police"): "fraud by prosecutors" and
    "leader by police" are no phrases of English."""
    found = _by_phrase(head)
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ != "by":
            for obj in (t for t in prep.children if t.dep_ == "pobj"):
                found = found or _by_phrase(obj)
    return found


def _by_phrase(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            found = next((t for t in child.children if t.dep_ == "pobj"), None)
            if found is not None:
                return found
    return None


@dataclass(frozen=True, slots=True)
class SubjectRule:
    """How ``clause_subject`` reads a clause; each stage asks a slightly different question.

    Who reports a quote is the agent of a passive cue ("was told by X") and never the
    subject of the clause it reports; who acts in an event is never the undergoer of a
    passive; whom a figure is told of is any grammatical subject, "there" included.
    """

    subjects: frozenset[str] = SUBJECTS  # what counts: passive subjects, "there" ...
    # Dependencies through which a clause without a subject inherits its governor's
    # (None: any).
    climb: frozenset[str] | None = CLIMB
    depth: int = 4  # clauses climbed at most
    find_verb: bool = False  # start from the verb governing ``token`` (a figure inside a phrase)
    # Of two subjects (a misparse, most often of a dateline: "LIMA, Peru — Officials said"),
    # the one nearest before the verb, not the first.
    nearest: bool = False
    # Where a passive's subject is its by-agent ("was told by X"), and a passive without
    # one has none: "none" (the surface subject counts), "verb" (on the verb itself; a
    # governing passive passes on its surface subject: "X was joined by Y and joked"),
    # "every" (on every verb climbed).
    by_agent: Literal["none", "verb", "every"] = "none"
    # Dependencies through which a governing passive passes its surface subject even where
    # agents act ("every"): a conjunct or a complement shares the subject ("X was welcomed
    # by Y and thanked them", "X was forced to resign"), an adverbial participle does not.
    shared: frozenset[str] = frozenset()
    passive: Callable[[Token], bool] = passive_voice
    doer: Callable[[Token], Token | None] = agent  # who does a passive act
    # A clause modifying a noun without a subject of its own is told of that noun:
    # "none", "participle" (a relative clause or an -ing participle: "troops firing on the
    # crowd"), "any" (also "the biggest group freed by ..."; "a plan to cut 500 jobs").
    modified: Literal["none", "participle", "any"] = "none"
    resolve_relative: bool = False  # "who" in a relative clause stands for its noun
    # Verbs whose object, not subject, does what their xcomp says: "urged Ortega to pardon".
    object_control: frozenset[str] = frozenset()
    # Prepositions through which a gerund takes the subject of the clause they hang on
    # ("upon saying"), in one step; None: any preposition.
    gerund_preps: frozenset[str] | None = frozenset()
    # Prepositions after which the governor's object does the gerund: "thanked Garcia for offering".
    gerund_objects: frozenset[str] = frozenset()
    through_preps: bool = False  # climb on past prepositions: "up 42% after plummeting 48%"
    verbs_only: bool = False  # a clause inherits only from a verb
    # A participle after a reported clause belongs to the reporter: "said Clinton will have to
    # choose, saying ...".
    participle_reporter: bool = False
    # Which participles do (lemmas; None: every one): a reporter goes on speaking ("adding
    # that ..."), while "said rebels attacked the town, killing ten" is the rebels' killing.
    reporter_participles: frozenset[str] | None = None


def clause_subject(token: Token, rule: SubjectRule = SubjectRule()) -> Token | None:
    """The subject of the clause ``token`` heads, inherited from the governing clauses
    when it has none of its own, as ``rule`` says."""
    verb = clause_verb(token) if rule.find_verb else token
    came = ""  # the dependency the walk climbed by to reach ``verb``
    for level in range(rule.depth):
        every = rule.by_agent == "every" and came not in rule.shared
        by_agent = every or (rule.by_agent != "none" and level == 0)
        if by_agent and rule.passive(verb):
            return rule.doer(verb)
        # Where the agent acts, a passive's surface subject never does, even beside an
        # active one ("which they had been assured").
        labels = rule.subjects - {"nsubjpass"} if by_agent else rule.subjects
        # The left children first: a verb with a subject before it is settled without
        # reading every word to its right (a list of thousands hangs on one word).
        found = [c for c in verb.lefts if c.dep_ in labels]
        found = found or [c for c in verb.rights if c.dep_ in labels]
        if found:
            before = [c for c in found if c.i < verb.i]
            subj = before[-1] if rule.nearest and before else found[0]
            return _antecedent_or_none(subj) if rule.resolve_relative else subj
        head = verb.head
        if head.i == verb.i:
            return None
        if verb.dep_ in ("acl", "relcl") and rule.modified != "none":
            modifies = rule.modified == "any" or verb.dep_ == "relcl" or verb.tag_ == "VBG"
            return head if modifies else None
        if verb.dep_ == "xcomp" and head.lemma_.lower() in rule.object_control:
            controller = _controller(head)
            if controller is not None:
                return controller
        if verb.dep_ == "pcomp" and _gerund_prep(head, rule):
            governor = head.head
            obj = next((c for c in governor.children if c.dep_ == "dobj"), None)
            if obj is not None and head.lower_ in rule.gerund_objects:
                return obj
            came = "pcomp"
            verb = _past_preps(governor) if rule.through_preps else governor
            continue
        if rule.climb is not None and verb.dep_ not in rule.climb:
            return None
        if rule.verbs_only and head.pos_ not in ("VERB", "AUX"):
            return None
        if rule.participle_reporter and verb.tag_ == "VBG":
            reports = rule.reporter_participles
            if reports is None or verb.lemma_.lower() in reports:
                head = reporting_verb(head)
        came = verb.dep_
        verb = _past_preps(head) if rule.through_preps else head
    return None


def subject_before(verb: Token, start: int) -> Token | None:
    """The subject of ``verb`` nearest before it, passive too ("Dekker was unmoved."), from
    token ``start`` on."""
    subjects = [c for c in verb.lefts if c.dep_ in SUBJECTS and c.i >= start]
    return subjects[-1] if subjects else None


def clause_verb(token: Token) -> Token:
    """The verb whose clause ``token`` is in (itself if a verb), or the sentence's root."""
    verb = token
    for _ in range(12):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT":
            break
        verb = verb.head
    return verb


def antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("Arancibia, who said ..."), else ``token``."""
    if token.lower_ in RELATIVE and token.head.dep_ == "relcl":
        return token.head.head
    return token


def reporting_verb(head: Token) -> Token:
    """The verb reporting the clause ``head`` is in ("said Clinton will have to choose"),
    else ``head``."""
    token = head
    for _ in range(4):
        if token.dep_ == "ccomp" and token.head.i < token.i:
            return token.head
        if token.dep_ not in ("xcomp", "conj", "aux") or token.head is token:
            break
        token = token.head
    return head


def _antecedent_or_none(subj: Token) -> Token | None:
    found = antecedent(subj)
    return None if found.pos_ == "PRON" and found.lower_ in RELATIVE else found


def _controller(verb: Token) -> Token | None:
    """Who is urged, asked or called on: the object, or the object of "on", "upon", "to"."""
    for child in verb.children:
        if child.dep_ == "dobj":
            return child
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "upon", "to"):
            return next((t for t in child.children if t.dep_ == "pobj"), None)
    return None


def _gerund_prep(prep: Token, rule: SubjectRule) -> bool:
    """Whether a gerund under ``prep`` ("upon saying") takes the subject of the clause
    ``prep`` hangs on."""
    if prep.head.i == prep.i:
        return False
    if rule.gerund_preps is None:
        return prep.pos_ == "ADP"
    return prep.dep_ == "prep" and prep.lower_ in rule.gerund_preps


def _past_preps(token: Token) -> Token:
    while token.pos_ == "ADP" and token.head.i != token.i:
        token = token.head
    return token


def counted(head: Token) -> Token:
    """The noun a number or partitive head counts ("thousands of farmers": farmers), else itself."""
    if head.pos_ != "NUM" and head.lemma_.lower() not in PARTITIVES:
        return head
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return head


def verb_group(verb: Token) -> tuple[int, int]:
    """Character span of the verb group around ``verb`` ("has also said", "pointed out", "said:")."""
    first = verb
    for child in verb.lefts:
        if (
            (
                child.dep_ in ("aux", "auxpass", "neg")
                or (child.dep_ == "advmod" and child.pos_ == "ADV" and child.i > _subject_end(verb))
            )
            and child.i >= verb.i - 4
            and not _punct_between(verb.doc, child.i, verb.i)
        ):
            first = min(first, child, key=lambda t: t.i)
    last = [verb, *particles(verb)][-1]
    doc = verb.doc
    if last.i + 1 < len(doc) and doc[last.i + 1].text == ":":
        last = doc[last.i + 1]  # "said:" — the colon introducing the words is part of the cue
    return first.idx, last.idx + len(last)


def particles(verb: Token) -> list[Token]:
    """The particles right after ``verb`` ("pointed out", "shot down"), in order."""
    run: list[Token] = []
    for child in verb.rights:
        if child.dep_ == "prt" and child.i == (run[-1] if run else verb).i + 1:
            run.append(child)
    return run


def _subject_end(verb: Token) -> int:
    subjects = [c for c in verb.lefts if c.dep_ in SUBJECTS]
    return max((s.right_edge.i for s in subjects), default=-1)


def _punct_between(doc: object, a: int, b: int) -> bool:
    return any(t.is_punct for t in doc[a + 1 : b])  # type: ignore[index]


def noun_phrase(head: Token, limit: tuple[int, int] | None = None) -> tuple[int, int]:
    """Character span of ``head``'s noun phrase.

    Participial modifiers are left out ("Inés Valdivia, dressed in a green poncho,");
    edge punctuation is trimmed, except the closing half of a pair the phrase
    opened: a bracket ("Ochoa (Lima)") or the comma closing an apposition
    ("Tomás Rueda, the party treasurer,").
    """
    dropped = {t.i for c in head.children if c.dep_ == "acl" for t in c.subtree}
    tokens = [
        t
        for t in head.subtree
        if t.i not in dropped and (limit is None or limit[0] <= t.idx < limit[1])
    ]
    tokens = contiguous(tokens, head)
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].text in _TRIM):
        last = tokens[-1].text
        inside = [t.text for t in tokens[:-1]]
        if last == ")" and "(" in inside:
            break
        if last == "," and "," in inside and head.i < tokens[-1].i and not dropped:
            break
        tokens.pop()
    while len(tokens) > 1 and (tokens[0].is_punct or tokens[0].text in _TRIM):
        tokens.pop(0)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def contiguous(tokens: list[Token], head: Token) -> list[Token]:
    """The run of consecutive tokens around ``head``: a parse can leave gaps, and
    a phrase never crosses a line break or a dash (a dateline, an aside)."""
    by_i = {t.i for t in tokens}
    index = doc_index(head.doc)
    lo = hi = head.i
    while lo - 1 in by_i and not _barrier(index.span_text(lo - 1, lo)):
        lo -= 1
    while hi + 1 in by_i and not _barrier(index.span_text(hi + 1, hi + 2)):
        hi += 1
    return [t for t in tokens if lo <= t.i <= hi] or [head]


def _barrier(text: str) -> bool:
    """Whether a token's ``text`` ends a phrase: a line break or a dash."""
    return "\n" in text or is_dash(text)


def is_dash(text: str, *, hyphen: bool = False) -> bool:
    """A dash of any kind ("–", "—", the quotation dash "―", "--"); a hyphen
    only when ``hyphen`` is set."""
    if text == "--":
        return True
    if len(text) != 1 or unicodedata.category(text) != "Pd":
        return False
    return hyphen or text not in _HYPHENS
