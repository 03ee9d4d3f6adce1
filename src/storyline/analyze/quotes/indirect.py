"""Indirect and reported speech from the dependency parse.

A cue verb from the lexicon with a complement is an attribution: "X said
(that) …", "X told Y that …" (Y is the listener, not the content), "X urged
Y to …", "X announced the deal" (object verbs take a noun phrase), "X
warned of …". A cue noun does the same through its clause or preposition
("expressed hope for …", "X's claim that …"), and a prepositional cue
frames the rest of its sentence ("according to X, …"). The source is the
verb's subject, inherited along coordination and participles.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from storyline.analyze.document import doc_index
from storyline.analyze.lexicons import QUOTATION_MARKS
from storyline.analyze.offsets import Located
from storyline.analyze.quotes.candidate import Found
from storyline.analyze.quotes.cues import Lexicon
from storyline.analyze.quotes.marks import QuoteSpan
from storyline.analyze.quotes.spans import SPEAKER, clause, name_span, speaker_spans
from storyline.analyze.syntax import clause_subject, verb_group
from storyline.analyze.syntax import noun_phrase as phrase

_CLAUSES = ("ccomp",)
_TOPIC_PREPS = frozenset({"about", "of", "for", "on", "against", "at", "over"})


def indirect_quotes(
    doc: Doc, lex: Lexicon, direct: Located[QuoteSpan], quoted: Located[QuoteSpan]
) -> list[Found]:
    """Reported speech and thought outside the ``direct`` quotes' passages.

    A cue inside any ``quoted`` passage is the quoted speaker's own word, not
    the writer's report, and is skipped.
    """
    out: list[Found] = []
    used: set[int] = set()
    index = doc_index(doc)
    lemmas, lowers = index.column(LEMMA), index.column(LOWER)
    # The only tokens that can cue a report: a verb (of speech), a noun ("claims"), "according".
    for sent in index.sentences:
        here: list[Found] = []
        cues = [
            doc[i]
            for i in index.tokens_where(("VERB", "AUX", "NOUN"), lower=("according",), within=sent)
            if lemmas[i].lower() in lex.cue_lemmas or lowers[i] == "according"
        ]
        for found in _in_sentence(sent, cues, lex):
            if found.cue_token in used or _inside(found, direct, quoted):
                continue
            if found.cue_token is not None:
                used.add(found.cue_token)
            here.append(found)
        # Contents and cues lie within their sentence, so one holds another only there.
        out += _outermost(here)
    return out


def _outermost(found: list[Found]) -> list[Found]:
    """Drop attributions reported inside another's content ("X said Y thinks …"):
    what Y thinks is part of what X said."""
    return [
        f
        for f in found
        if not any(
            g is not f and f.cue is not None and g.content[0] <= f.cue[0] < g.content[1]
            for g in found
        )
    ]


def _inside(found: Found, direct: Located[QuoteSpan], quoted: Located[QuoteSpan]) -> bool:
    """The cue sits in a quoted passage, or the content is a direct quote."""
    cue = found.cue or found.content
    if quoted.holding(cue[0]):
        return True
    start, end = found.content
    if direct.holding(start):
        return True  # the complement opens with the quote, and the parse ran on past it
    for quote in direct.overlapping(start, end):
        if min(quote.end, end) - max(quote.start, start) >= 0.5 * (end - start):
            return True
    return False


def _in_sentence(sent: SpacySpan, cues: list[Token], lex: Lexicon) -> Iterator[Found]:
    headline = _headline(sent)
    if headline is not None:
        yield headline
    for token in cues:
        lemma = token.lemma_.lower()
        if lex.verb(token):
            found = _verb(token, sent, lex)
            if found is not None:
                yield found
        elif token.pos_ == "NOUN" and lemma in lex.nouns:
            found = _noun(token, sent, lex)
            if found is not None:
                yield found
        elif token.lower_ == "according" and token.i + 1 < sent.end:
            found = _according(token, sent)
            if found is not None:
                yield found


def _headline(sent: SpacySpan) -> Found | None:
    """ "Forteza: Chileans will vote yes": a name and a colon opening a paragraph."""
    index = doc_index(sent.doc)
    start = index.token_starts[sent.start]
    if start and index.text[start - 1] != "\n":
        return None
    if ":" not in index.span_text(sent.start, min(sent.start + 8, sent.end)):
        return None
    colon = next((t for t in sent[:8] if t.text == ":"), None)
    if colon is None or colon.i == sent.start:
        return None
    prefix = sent.doc[sent.start : colon.i]
    rest = [t for t in sent.doc[colon.i + 1 : sent.end] if not t.is_space]
    while rest and rest[-1].is_punct:
        rest.pop()
    if (
        len(rest) < 3
        or rest[0].is_quote
        or any(t.pos_ in ("VERB", "AUX") for t in prefix)
        or not any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in prefix)
        or prefix.text.isupper()
    ):
        return None
    content = (rest[0].idx, rest[-1].idx + len(rest[-1]))
    return Found(
        "indirect",
        content,
        (colon.idx, colon.idx + 1),
        (prefix.start_char, prefix.end_char),
        name_span(prefix.root),
        0.6,
        colon.i,
    )


def _verb(verb: Token, sent: SpacySpan, lex: Lexicon) -> Found | None:
    lemma = verb.lemma_.lower()
    content = _content(verb, sent, lex, lemma)
    if content is None:
        return None
    span, cue_end = content
    subj = clause_subject(verb, SPEAKER)
    if subj is not None and subj.lower_ == "it" and subj.dep_ != "nsubj":
        subj = None
    cue = verb_group(verb)
    if cue_end is not None:
        cue = (cue[0], max(cue[1], cue_end))
    if subj is None:
        return Found("indirect", span, cue, None, None, 0.4, verb.i)
    source, name = speaker_spans(subj, None)
    return Found("indirect", span, cue, source, name, 0.7, verb.i)


def _content(
    verb: Token, sent: SpacySpan, lex: Lexicon, lemma: str
) -> tuple[tuple[int, int], int | None] | None:
    """The complement of a cue verb, and where the cue ends if a preposition joins it."""
    children = list(verb.children)
    for child in children:
        if child.dep_ in _CLAUSES and child.pos_ in ("VERB", "AUX"):
            return clause(child, sent), None
    if lemma in lex.infinitive:
        for child in children:
            if child.dep_ == "xcomp" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in child.children
            ):
                start = clause(child, sent)
                objects = [c for c in children if c.dep_ == "dobj" and c.i < child.i]
                if objects and lemma not in ("ask", "tell"):
                    return (phrase(objects[0])[0], start[1]), None
                return start, None
    if lemma in lex.objects:
        for child in children:
            if (
                child.dep_ == "dobj"
                and child.pos_ != "PRON"
                and child.lemma_.lower() not in lex.nouns
            ):
                return clause(child, sent), None
    for child in children:
        if child.dep_ == "prep" and child.lower_ in _TOPIC_PREPS and child.i == verb.i + 1:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return clause(objects[0], sent), child.idx + len(child)
    return None


def _noun(noun: Token, sent: SpacySpan, lex: Lexicon) -> Found | None:
    """A cue noun with its clause or topic: "hope for …", "the claim that …"."""
    content: tuple[int, int] | None = None
    cue_end = noun.idx + len(noun)
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in child.children
        ):
            content = clause(child, sent)
            break
        if child.dep_ == "prep" and child.lower_ in _TOPIC_PREPS and child.i == noun.i + 1:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                content, cue_end = clause(objects[0], sent), child.idx + len(child)
                break
    if content is None:
        return None
    # The holder: a possessor ("Forteza's claim"), or the subject of a light verb ("expressed hope").
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if owners:
        owner = owners[0]
        start, end = phrase(owner)
        marker = [c for c in owner.children if c.dep_ == "case"]  # "Forteza's": the name, not "'s"
        if marker and marker[-1].idx + len(marker[-1]) == end and marker[-1].idx > start:
            end = marker[-1].idx
        source = (start, end)
        cue = (noun.idx, cue_end)
        return Found("indirect", content, cue, source, name_span(owner), 0.6, noun.i)
    verb = noun.head
    if noun.dep_ == "dobj" and verb.lemma_.lower() in lex.light:
        subj = clause_subject(verb, SPEAKER)
        if subj is not None:
            source, name = speaker_spans(subj, None)
            cue = (verb_group(verb)[0], cue_end)
            return Found("indirect", content, cue, source, name, 0.65, noun.i)
    return None


def _according(token: Token, sent: SpacySpan) -> Found | None:
    """ "according to X, …": X is the source of the rest of the clause."""
    to = token.doc[token.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if to.lower_ != "to" or not objects:
        return None
    pp = {t.i for t in token.subtree} | {t.i for t in to.subtree} | {token.i, to.i}
    before = [t for t in sent if t.i < min(pp) and not t.is_space]
    after = [t for t in sent if t.i > max(pp) and not t.is_space]
    side = before if len(before) >= len(after) else after
    while side and (side[-1].is_punct and side[-1].text not in QUOTATION_MARKS):
        side.pop()
    while side and side[0].is_punct and side[0].text not in QUOTATION_MARKS:
        side.pop(0)
    if not side:
        return None
    content = (side[0].idx, side[-1].idx + len(side[-1]))
    return Found(
        "indirect",
        content,
        (token.idx, to.idx + len(to)),
        phrase(objects[0]),
        name_span(objects[0]),
        0.8,
        token.i,
    )
