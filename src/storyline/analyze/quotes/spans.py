"""Parse helpers: a cue token to the spans an attribution needs, by general rules.

- the cue is the verb group: auxiliaries, negation and adverbs between the
  subject and the verb, the verb, its particle ("pointed out");
- the source is the subject's whole noun phrase, with determiners, titles
  and appositions ("Tomás Rueda, a former adviser"), edge punctuation trimmed;
- an indirect content is the complement clause with its "that", without
  the sentence's closing punctuation.
"""

from __future__ import annotations

import unicodedata

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from storyline.analyze.document import doc_index
from storyline.analyze.quotes.candidate import Found

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
_TRIM = ",;:—–―-"
_HYPHENS = frozenset("-‐‑")
_ADVERBIAL_PREPS = frozenset({"upon", "before", "after", "by", "while", "when", "without", "in"})


def from_subject(
    kind: str,
    content: tuple[int, int],
    verb: Token,
    subj: Token,
    bounds: tuple[int, int] | None,
    confidence: float,
) -> Found:
    """An attribution whose source is ``subj`` and whose cue is ``verb``'s group."""
    source = (subj.idx, subj.idx + len(subj)) if subj.lower_ in RELATIVE else phrase(subj, bounds)
    target = subj
    if subj.lower_ in RELATIVE and subj.head.dep_ == "relcl":
        target = subj.head.head  # "X, who said …": X is the speaker
    if target.pos_ == "NOUN":
        # "one resident, Carla Mendes, said": the name in apposition names the speaker
        names = [c for c in target.rights if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if names:
            target = names[0]
    return Found(kind, content, verb_group(verb), source, name_span(target), confidence, verb.i)


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
    last = verb
    for child in verb.rights:
        if child.dep_ == "prt" and child.i == last.i + 1:
            last = child
    doc = verb.doc
    if last.i + 1 < len(doc) and doc[last.i + 1].text == ":":
        last = doc[last.i + 1]  # "said:" — the colon introducing the words is part of the cue
    return first.idx, last.idx + len(last)


def _subject_end(verb: Token) -> int:
    subjects = [c for c in verb.lefts if c.dep_ in SUBJECTS]
    return max((s.right_edge.i for s in subjects), default=-1)


def _punct_between(doc: object, a: int, b: int) -> bool:
    return any(t.is_punct for t in doc[a + 1 : b])  # type: ignore[index]


def subject(verb: Token) -> Token | None:
    """The subject of ``verb``, inherited from the governing verb when it has none.

    "X welcomed it but emphasized that …", "…, he said, calling for …", "X, who
    said …" and "X drew boos upon saying …" all find their subject this way.
    A passive cue's agent ("was told by X") is its source; a governing passive
    verb passes on its surface subject ("X was joined by Y and joked").
    """
    token: Token = verb
    for _ in range(6):
        found = [
            c
            for c in token.children
            if c.dep_ in ("nsubj", "csubj") or (c.dep_ == "nsubjpass" and token is not verb)
        ]
        if found:
            # Two subjects are a misparse, most often of a dateline ("LIMA, Peru —
            # Officials said"): the one nearest before the verb speaks.
            before = [c for c in found if c.i < token.i]
            return before[-1] if before else found[0]
        if token is verb:
            for child in token.children:
                if child.dep_ == "agent":
                    objects = [g for g in child.children if g.dep_ == "pobj"]
                    if objects:
                        return objects[0]
            if any(c.dep_ == "nsubjpass" for c in token.children):
                return None
        head = token.head
        if head is token:
            return None
        if token.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in _ADVERBIAL_PREPS:
            token = head.head  # "upon saying", "before saying"; not "praised X for saying"
            continue
        if token.dep_ not in ("conj", "xcomp", "advcl", "acomp"):
            return None
        # "…announced that X was freed, thanking …": a participle after a
        # reported clause belongs to the reporter, not the clause.
        # Only a clause reported after its verb: a misparse can hang the
        # reporting clause itself on a verb inside the quote that follows it.
        if token.tag_ == "VBG":
            head = _reporter(head)
        token = head
    return None


def _reporter(head: Token) -> Token:
    """The verb reporting the clause ``head`` is in, if any ("said Clinton will
    have to choose, saying …": the participle is the sayer's), else ``head``."""
    token = head
    for _ in range(4):
        if token.dep_ == "ccomp" and token.head.i < token.i:
            return token.head
        if token.dep_ not in ("xcomp", "conj", "aux") or token.head is token:
            break
        token = token.head
    return head


def phrase(head: Token, limit: tuple[int, int] | None = None) -> tuple[int, int]:
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
    tokens = _contiguous(tokens, head)
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


def _contiguous(tokens: list[Token], head: Token) -> list[Token]:
    """The run of consecutive tokens around ``head``: a parse can leave gaps, and
    a phrase never crosses a line break or a dash (a dateline, an aside)."""
    by_i = {t.i for t in tokens}
    lo = hi = head.i
    while lo - 1 in by_i and not _barrier(head.doc[lo - 1]):
        lo -= 1
    while hi + 1 in by_i and not _barrier(head.doc[hi + 1]):
        hi += 1
    return [t for t in tokens if lo <= t.i <= hi] or [head]


def _barrier(token: Token) -> bool:
    return "\n" in token.text or is_dash(token.text)


def is_dash(text: str, *, hyphen: bool = False) -> bool:
    """A dash of any kind ("–", "—", the quotation dash "―", "--"); a hyphen
    only when ``hyphen`` is set."""
    if text == "--":
        return True
    if len(text) != 1 or unicodedata.category(text) != "Pd":
        return False
    return hyphen or text not in _HYPHENS


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
    tokens = _contiguous(tokens, head)
    while len(tokens) > 1 and (tokens[-1].is_punct and tokens[-1].text not in ")”’\"'»"):
        tokens.pop()
    while len(tokens) > 1 and tokens[0].is_punct and tokens[0].text not in "(“‘\"'«":
        tokens.pop(0)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])
