"""Speakers given by the layout around a direct quote rather than by a cue verb.

Writers attribute without a verb in a few fixed shapes, and each names its
speaker in a fixed place: before a colon (a name, the named subject of the
clause, else the one person the clause names), after a dash or in brackets
after the quote (a credit line), as the named subject of the sentence just
before a bare quote, or as the owner of a cue noun ("X's answer?"). Credit
lines that name a photographer or agency (``credit_words`` in the cue
lexicon) name no speaker.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.analyze.quotes.candidate import Found
from storyline.analyze.quotes.cues import lexicon
from storyline.analyze.quotes.frames import token_at_or_after
from storyline.analyze.quotes.marks import QuoteSpan
from storyline.analyze.quotes.spans import name_span, speaker_spans
from storyline.analyze.syntax import NOMINAL_SUBJECTS, is_dash, subject_before
from storyline.analyze.syntax import noun_phrase as phrase

_NOT_SPEAKERS = frozenset({"GPE", "LOC", "DATE", "TIME", "FAC"})


def colon_name(doc: Doc, lead: list[Token], content: tuple[int, int]) -> Found | None:
    """'Name: “…”' with no verb: the name before the colon is the speaker."""
    if len(lead) < 2 or lead[-1].text != ":" or len(lead) > 12:
        return None
    words = lead[:-1]
    if any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    heads = [t for t in words if t.head.i == t.i or not (words[0].i <= t.head.i <= words[-1].i)]
    head = heads[0] if heads else words[-1]
    if head.pos_ not in ("PROPN", "NOUN", "PRON") or len(head.text) < 2:
        # "Q:" and "A:" label an interview's turns, they name no one.
        return None
    colon = lead[-1]
    return Found(
        "direct",
        content,
        (colon.idx, colon.idx + 1),
        (words[0].idx, words[-1].idx + len(words[-1])),
        name_span(head),
        0.7,
        colon.i,
    )


def colon_subject(doc: Doc, lead: list[Token], content: tuple[int, int]) -> Found | None:
    """'Maria Lopez was blunt: “…”': the named subject of a clause ending in a colon."""
    if len(lead) < 3 or lead[-1].text != ":":
        return None
    bounds = (lead[0].idx, lead[-1].idx)
    subjects = [
        t for t in lead if t.dep_ in NOMINAL_SUBJECTS and t.lower_ != "it" and _names(t, bounds)
    ]
    # The main clause's subject: "When the dam opened, Governor Rueda issued …:".
    subjects.sort(key=lambda t: t.head.dep_ != "ROOT")
    for t in subjects:
        colon = lead[-1]
        source = phrase(t, bounds)
        return Found("direct", content, (colon.idx, colon.idx + 1), source, name_span(t), 0.6)
    return None


def colon_person(doc: Doc, lead: list[Token], content: tuple[int, int]) -> Found | None:
    """'The result does not surprise pollster Ana Ruiz: “…”': a clause ending in a
    colon whose subject names no one, and which names exactly one person."""
    if len(lead) < 3 or lead[-1].text != ":":
        return None
    people = {_ent_start(t) for t in lead if t.ent_type_ == "PERSON"}
    if len(people) != 1:
        return None
    head = next(t for t in reversed(lead) if t.ent_type_ == "PERSON")
    colon = lead[-1]
    source = phrase(head, (lead[0].idx, colon.idx))
    return Found("direct", content, (colon.idx, colon.idx + 1), source, name_span(head), 0.5)


def sentence_subject(doc: Doc, lead: list[Token], content: tuple[int, int]) -> Found | None:
    """'Gustavo Reyes was defiant. “…”': a bare quote after a sentence whose main
    subject names someone (no cue verb there) is that person's."""
    roots = [t for t in lead if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")]
    if len(roots) != 1:
        return None
    # Any subject, passive too: "Dekker was unmoved."
    subj = subject_before(roots[0], lead[0].i)
    if subj is None or not person_like(subj):
        return None
    bounds = (lead[0].idx, lead[-1].idx + len(lead[-1]))
    # No cue: the sentence only introduces the speaker.
    source, name = speaker_spans(subj, bounds)
    return Found("direct", content, None, source, name, 0.5, roots[0].i)


def possessed_cue(
    doc: Doc, tokens: list[Token], content: tuple[int, int], nouns: frozenset[str]
) -> Found | None:
    """'Dunn's response? “…”', '“…” That was Crane's message.' and '“…” That quote
    from Otto Krane appeared …': a sentence that is, or is about, a cue noun
    owned by a name gives its owner."""
    roots = [t for t in tokens if t.dep_ == "ROOT"]
    if len(roots) != 1:
        return None
    root = roots[0]
    if root.pos_ in ("VERB", "AUX"):
        cues = [c for c in root.children if c.dep_ in ("nsubj", "attr", "nsubjpass", "intj")]
    else:
        cues = [root]
    for cue in cues:
        if cue.dep_ == "attr" and cue.pos_ == "PROPN" and person_like(cue):
            # "That was Ray Dunn on Sunday.": the sentence names the speaker.
            bounds = (tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
            return Found("direct", content, None, phrase(cue, bounds), name_span(cue), 0.5)
        # The tagger can take "quote" for an interjection; a verb is no cue noun.
        if cue.pos_ in ("VERB", "AUX") or cue.lemma_.lower() not in nouns | lexicon().quoted_words:
            continue
        # "Crane's message", or "That quote from Otto Krane": the owner or the
        # origin, which the parse may hang on the verb instead of the noun.
        holders = [cue] if cue is root else [cue, root]
        owners = [c for c in cue.children if c.dep_ == "poss" and c.pos_ == "PROPN"] + [
            g
            for h in holders
            for c in h.children
            if c.dep_ == "prep" and c.lower_ in ("from", "by")
            for g in c.children
            if g.dep_ == "pobj" and g.pos_ == "PROPN"
        ]
        if owners and person_like(owners[0]):
            bounds = (tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
            source = phrase(owners[0], bounds)
            return Found("direct", content, None, source, name_span(owners[0]), 0.5)
    return None


def person_like(subj: Token) -> bool:
    """A personal pronoun, a name that is no place or date, or a noun with such a name."""
    if subj.pos_ == "PRON":
        return subj.lower_ in ("he", "she", "they", "we", "i")
    names = (
        [subj]
        if subj.pos_ == "PROPN"
        else [t for t in subj.subtree if t.pos_ == "PROPN" and t.dep_ in ("compound", "appos")]
    )
    return bool(names) and all(t.ent_type_ not in _NOT_SPEAKERS for t in names)


def _ent_start(token: Token) -> int:
    i = token.i
    while i > 0 and token.doc[i].ent_iob_ == "I":
        i -= 1
    return i


def _names(subj: Token, bounds: tuple[int, int]) -> bool:
    """A subject naming someone: a name or pronoun, or a phrase around a name
    ("Hoff's letter", "the Lopez campaign"); not "the timing" or "the answer"."""
    if subj.pos_ in ("PROPN", "PRON"):
        return True
    return subj.pos_ == "NOUN" and any(
        t.pos_ == "PROPN" and t.ent_type_ not in _NOT_SPEAKERS and bounds[0] <= t.idx < bounds[1]
        for t in subj.subtree
        if t.i < subj.i
    )


def credit_line(doc: Doc, text: str, q: QuoteSpan, content: tuple[int, int]) -> Found | None:
    """A quote credited after a dash, on its own line or the next ("— Inés
    Valdivia."), or in brackets right after it ("(Inés Valdivia)")."""
    rest = text[q.end :]
    line_end = rest.find("\n")
    start = q.end + len(rest) - len(rest.lstrip(" \t\xa0"))
    if text[start : start + 1] == "(":
        close = text.find(")", start, line_end + q.end if line_end >= 0 else len(text))
        return _credit(doc, content, None, start + 1, close) if close > 0 else None
    if not is_dash(text[start : start + 1], hyphen=True):
        if line_end < 0 or rest[:line_end].strip(" .,"):
            return None
        start = q.end + line_end
        while start < len(text) and text[start].isspace():
            start += 1
    dash = start
    while dash < len(text) and is_dash(text[dash], hyphen=True):
        dash += 1
    if dash == start:
        return None
    end = text.find("\n", dash)
    return _credit(doc, content, (start, dash), dash, len(text) if end < 0 else end)


def _credit(
    doc: Doc, content: tuple[int, int], cue: tuple[int, int] | None, start: int, end: int
) -> Found | None:
    """The name a credit between ``start`` and ``end`` gives: a name, perhaps after
    a title, up to a comma; no clause ("— a claim Democrats dispute")."""
    i = token_at_or_after(doc, start)
    if i > 0 and doc[i - 1].idx + len(doc[i - 1]) > start:
        i -= 1  # "―Name" written without a space is one token
    words: list[Token] = []
    while i < len(doc) and doc[i].idx < end and doc[i].text not in (",", ".", ")"):
        if not doc[i].is_space:
            words.append(doc[i])
        i += 1
    people = [t for t in words if t.ent_type_ == "PERSON"]
    opening = ("PRON", "VERB", "AUX", "ADP", "CCONJ") + (() if people else ("DET",))
    if not words or words[0].pos_ in opening or any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    if any(t.text == ":" or t.lower_ in lexicon().credit_words for t in words):
        return None  # "(Photo: …)", "— Additional reporting by …", "— Reuters contributed"
    run = _first_name_run(words)
    if not run:
        return None
    head = people[0] if people else run[-1]
    while head.i + 1 < len(doc) and doc[head.i + 1].ent_iob_ == "I":
        head = doc[head.i + 1]  # the last word of the person's name
    last = doc[max(run[-1].i, head.i)]
    source = (max(words[0].idx, start), last.idx + len(last))
    return Found("direct", content, cue, source, name_span(head), 0.7)


def _first_name_run(words: list[Token]) -> list[Token]:
    """The first run of proper nouns in a credit ("Former Gov. Ada Pruitt at a
    rally in Ohio" gives "Gov. Ada Pruitt"), with "of" inside a title
    ("Secretary of State")."""
    run: list[Token] = []
    for t in words:
        if t.pos_ == "PROPN" or (run and t.lower_ == "of"):
            run.append(t)
        elif run:
            break
    while run and run[-1].lower_ == "of":
        run.pop()
    return run
