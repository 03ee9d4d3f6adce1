"""Parse helpers: a cue token to the spans an attribution needs, by general rules.

- the cue is the verb group (``syntax.verb_group``): auxiliaries, negation and
  adverbs between the subject and the verb, the verb, its particle ("pointed out");
- the source is the subject's whole noun phrase (``syntax.noun_phrase``), with determiners, titles
  and appositions ("Tomás Rueda, a former adviser"), edge punctuation trimmed;
- an indirect content is the complement clause with its "that", without
  the sentence's closing punctuation.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from storyline.analyze.document import doc_index
from storyline.analyze.lexicons import QUOTATION_MARKS
from storyline.analyze.quotes.candidate import Found
from storyline.analyze.syntax import (
    RELATIVE,
    SubjectRule,
    agent,
    antecedent,
    contiguous,
    noun_phrase,
    verb_group,
)

# Edge punctuation trimmed from a name, but not brackets or quotation marks.
_KEPT_CLOSING = QUOTATION_MARKS | {")", "%", "‰"}  # a percent sign ends its figure
_KEPT_OPENING = QUOTATION_MARKS | {"("}
# Who says a cue: the agent of a passive cue ("was told by X"); a governing passive verb
# passes on its surface subject ("X was joined by Y and joked"); "upon saying", "before
# saying" are the governor's, "praised X for saying" is not; never the subject of the
# clause the cue's own clause reports.
SPEAKER = SubjectRule(
    climb=frozenset({"conj", "xcomp", "advcl", "acomp"}),
    depth=6,
    nearest=True,
    by_agent="verb",
    passive=lambda verb: _passive_cue(verb),
    gerund_preps=frozenset({"upon", "before", "after", "by", "while", "when", "without", "in"}),
    participle_reporter=True,
)


def from_subject(
    kind: str,
    content: tuple[int, int],
    verb: Token,
    subj: Token,
    bounds: tuple[int, int] | None,
    confidence: float,
) -> Found:
    """An attribution whose source is ``subj`` and whose cue is ``verb``'s group."""
    source, name = speaker_spans(subj, bounds)
    return Found(kind, content, verb_group(verb), source, name, confidence, verb.i)


def speaker_spans(
    subj: Token, bounds: tuple[int, int] | None
) -> tuple[tuple[int, int], tuple[int, int]]:
    """The source phrase of a speaking subject ``subj`` and the name inside it, without a
    cue: ``from_subject`` adds the verb's group, other callers their own cue or none."""
    source = (
        (subj.idx, subj.idx + len(subj)) if subj.lower_ in RELATIVE else noun_phrase(subj, bounds)
    )
    target = antecedent(subj)  # "X, who said …": X is the speaker
    if target.pos_ == "NOUN":
        # "one resident, Carla Mendes, said": the name in apposition names the speaker
        names = [c for c in target.rights if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if names:
            target = names[0]
    return source, name_span(target)


def _passive_cue(verb: Token) -> bool:
    """A cue whose source is its by-agent, or none: a passive without a subject of its own
    ("was told by X"); the parse hangs a stray "by" on an active verb too."""
    if any(c.dep_ in ("nsubj", "csubj") for c in verb.children):
        return False
    return any(c.dep_ == "nsubjpass" for c in verb.children) or agent(verb) is not None


def name_span(head: Token) -> tuple[int, int]:
    """The name inside a speaker phrase: the named entity at its head, else its proper nouns."""
    doc = head.doc
    ent = doc_index(doc).entity_at[head.i]
    if ent is not None:
        # An entity the tagger ran over a comma ("the Tribune, Okafor"): the part with the head.
        lo, hi = ent.start, ent.end
        while lo < head.i and any(t.text == "," for t in doc[lo : head.i]):
            lo += 1
        while hi > head.i + 1 and any(t.text == "," for t in doc[head.i + 1 : hi]):
            hi -= 1
        span = doc[lo:hi]
        while len(span) > 1 and span[0].pos_ == "DET":
            span = span[1:]
        return span.start_char, span.end_char
    if head.pos_ != "PROPN":
        return head.idx, head.idx + len(head)
    lo = head.i
    while (
        lo - 1 >= head.sent.start and doc[lo - 1].pos_ == "PROPN" and doc[lo - 1].head.i == head.i
    ):
        lo -= 1
    return doc[lo].idx, head.idx + len(head)


def clause(head: Token, sentence: SpacySpan) -> tuple[int, int]:
    """Character span of a content clause, without closing punctuation."""
    tokens = [t for t in head.subtree if sentence.start <= t.i < sentence.end]
    tokens = contiguous(tokens, head)
    while len(tokens) > 1 and (tokens[-1].is_punct and tokens[-1].text not in _KEPT_CLOSING):
        tokens.pop()
    while len(tokens) > 1 and tokens[0].is_punct and tokens[0].text not in _KEPT_OPENING:
        tokens.pop(0)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])
