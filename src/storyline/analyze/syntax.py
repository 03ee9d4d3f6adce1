"""Parse helpers every stage reads a clause with: its subject, a noun phrase, a verb group.

The quotes, figures and events stages all ask the same questions of spaCy's dependency
parse (Universal-Dependencies-style English labels), and answer them here once:

- the subject dependencies (``nsubj``, ``nsubjpass``, ``csubj``), and ``expl`` where a clause
  counts its "there" ("There were 31 ...") as the subject;
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

from spacy.tokens import Token

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
CLAUSE_SUBJECTS = SUBJECTS | {"expl"}  # "There were 31 ...": the clause's subject is "there"
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
# Dependencies through which a clause without a subject of its own takes its governor's.
CLIMB = frozenset({"xcomp", "conj", "advcl", "ccomp", "pcomp"})
# Heads that count or group what their of-phrase names: "thousands of farmers".
PARTITIVES = frozenset(
    {"thousand", "hundred", "dozen", "score", "million", "ten", "group", "number", "crowd", "band"}
    | {"handful", "some", "many", "most", "all", "several", "member", "none", "few", "majority"}
)
_TRIM = ",;:—–―-"
_HYPHENS = frozenset("-‐‑")


def clause_subject(token: Token) -> Token | None:
    """The subject of the clause ``token`` sits in, following relative clauses and conjuncts."""
    verb = token
    for _ in range(12):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT":
            break
        verb = verb.head
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in CLAUSE_SUBJECTS]
        if subjects:
            subj = subjects[0]
            if subj.lower_ in RELATIVE and verb.dep_ == "relcl":
                return verb.head  # "Arancibia, who was sentenced to nine years"
            return subj if subj.pos_ != "PRON" or subj.lower_ not in RELATIVE else None
        if verb.dep_ in ("acl", "relcl"):
            return verb.head  # "the biggest group freed by ..."
        if verb.dep_ not in CLIMB or verb.head.i == verb.i:
            return None
        verb = verb.head
        while verb.pos_ == "ADP" and verb.head.i != verb.i:
            verb = verb.head  # "up 42% after plummeting 48%": on through "after" to "up"
    return None


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
