"""A direct quote's speaker, chosen by score among the candidates every way proposes.

Each way of finding a speaker (the reporting clause after or before the quote,
a colon, a dash credit, the sentence before, a sentence pointing back, the
previous quote's speaker, a turn in an exchange, the last attribution, the
next sentence) proposes a candidate; ``WEIGHTS`` scores each way and the
features that qualify it, and the best score wins. The weights read as
log-odds that the way names the right speaker, so their order is the order of
trust: a clause that reports the quote is grammar, a colon or a credit is
layout the writer chose to attribute with, and the sentences and quotes around
a bare quote are only likely. The confidence is the logistic of the margin
between the winner and the best candidate naming someone else (or nobody,
scored ``NOBODY``), as the pronoun resolver does: two ways that disagree make
a doubtful speaker, one strong way alone a sure one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace

from storyline.analyze.quotes.candidate import Candidate, Found
from storyline.analyze.quotes.frames import opens_paragraph
from storyline.analyze.quotes.marks import QuoteSpan

# One weight per way, then the features that raise or lower it.
WEIGHTS: dict[str, float] = {
    "credit": 5.5,  # "“…” — Name": a credit line names its speaker outright
    "after": 4.5,  # "“…,” X said"
    "before": 3.5,  # "X said: “…”"
    "colon_name": 3.2,  # "Name: “…”"
    "colon_subject": 3.1,  # "X was blunt: “…”"
    "colon_person": 3.0,  # "The result does not surprise pollster X: “…”"
    "sentence_subject": 2.8,  # "X smiled. “…”"
    "sentence_cue_noun": 2.7,  # "X's answer? “…”"
    "points_back": 2.4,  # "“…” That was X's message."
    "turn": 2.2,  # the other party of a two-speaker exchange
    "previous_quote": 2.0,  # "“…,” X said. “…”"
    "paragraph_before": 1.6,  # the paragraph before ends naming someone
    "last_attribution": 1.2,  # the last attribution before the quote
    "next_sentence": 1.0,  # "“…” X, who runs the store, said …"
    # Features.
    "colon": 1.5,  # the clause before ends in a colon introducing the quote
    "sentence_apart": -0.6,  # the clause before is a sentence of its own
    "no_cue": -0.1,  # a subject with no verb of speech
    "no_speaker": -10.0,  # a cue with no one named: kept only when nothing names anyone
}
NOBODY = 0.0  # the score of "no speaker named"
_POSSESSIVE = re.compile(r"['’]s?$")  # "Ruiz's", "Harris'"
_NO_SPEAKER_CONFIDENCE = 0.3


def score(candidate: Candidate) -> float:
    features = candidate.features + (() if candidate.found.source else ("no_speaker",))
    return WEIGHTS[candidate.way] + sum(WEIGHTS[f] for f in features)


def choose(candidates: Sequence[Candidate], text: str, content: tuple[int, int]) -> Found:
    """The best-scored candidate's attribution, its confidence from the margin."""
    if not candidates:
        return Found("direct", content, None, None, None, _NO_SPEAKER_CONFIDENCE)
    ranked = sorted(candidates, key=score, reverse=True)  # stable: ties keep the text's order
    best = ranked[0]
    if best.found.source is None:
        return replace(best.found, confidence=_NO_SPEAKER_CONFIDENCE)
    who = _speaker_key(text, best.found)
    rival = max(
        (score(c) for c in ranked[1:] if c.found.source and _speaker_key(text, c.found) != who),
        default=NOBODY,
    )
    margin = score(best) - max(rival, NOBODY)
    return replace(best.found, confidence=round(1 / (1 + math.exp(-margin)), 2))


def _speaker_key(text: str, found: Found) -> str:
    """Candidates naming the same person agree: compared by the last word of the name."""
    span = found.name or found.source
    assert span is not None
    words = text[span[0] : span[1]].split()
    return _POSSESSIVE.sub("", words[-1].lower()).strip(".,") if words else ""


def context_candidates(
    text: str, q: QuoteSpan, chosen: Sequence[Found], earlier: Sequence[Found]
) -> list[Candidate]:
    """The speakers the quotes before ``q`` propose: the previous direct quote's
    (or, in a two-speaker exchange, the other party's) and the last attribution's.
    ``chosen`` are the direct quotes before ``q``; ``earlier`` all attributions
    before it."""
    content = (q.inner_start, q.inner_end)
    out: list[Candidate] = []
    if chosen:
        before = chosen[-1]
        gap = text[before.content[1] : q.start]
        # Only the previous quote's own reporting clause, or a paragraph break, between them.
        if gap.count("\n\n") <= 1 and len(gap) < 400 and before.source is not None:
            turn = _other_party(chosen, text, q)
            if turn is not None:
                out.append(Candidate(replace(turn, kind="direct", content=content), "turn"))
            else:
                out.append(Candidate(replace(before, content=content), "previous_quote"))
    sourced = [g for g in earlier if g.source is not None and g.content[1] <= content[0]]
    if sourced:
        last = max(sourced, key=lambda g: g.content[1])
        if text[last.content[1] : content[0]].count("\n\n") <= 1:
            found = replace(last, kind="direct", content=content)
            out.append(Candidate(found, "last_attribution"))
    return out


def _other_party(direct: Sequence[Found], text: str, q: QuoteSpan) -> Found | None:
    """In an exchange of two speakers, one quote a paragraph ("“…,” Yun said." /
    "“…,” Delacroix replied."), a bare question, or a bare answer to the last
    quote's question, in the next paragraph is the other party's: the speaker
    of the quote before the last. A bare statement after a statement carries on."""
    if len(direct) < 2 or not opens_paragraph(text, q.start):
        return None
    first, last = direct[-2], direct[-1]
    if first.name is None or last.name is None:
        return None
    # Each turn its own paragraph: one break between the turns and before this quote.
    if text[first.content[1] : last.content[0]].count("\n\n") != 1:
        return None
    if text[last.content[1] : q.start].count("\n\n") != 1:
        return None
    if _surname(text, first.name) == _surname(text, last.name):
        return None
    if not (_question(text, (q.inner_start, q.inner_end)) or _question(text, last.content)):
        return None
    return first


def _surname(text: str, name: tuple[int, int]) -> str:
    words = text[name[0] : name[1]].split()
    return words[-1].lower() if words else ""


def _question(text: str, content: tuple[int, int]) -> bool:
    return text[content[0] : content[1]].rstrip(" ,").endswith("?")
