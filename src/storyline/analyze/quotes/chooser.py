"""A quote's speaker, chosen by score among the candidates every way proposes.

Each way of finding a speaker (the reporting clause after or before the quote,
a colon, a dash credit, the sentence before, a sentence pointing back, the
previous quote's speaker, a turn in an exchange, the last attribution, the
next sentence; for indirect speech, the subject of its cue) proposes a
source, and each way of reading that source as an entity (a name, a pronoun
the entities stage resolved, a description, a document's issuer, the source
as written) makes it one candidate or several. One table of weights
(``data/speaker_weights.json``) scores each way and each feature, and the
best score wins. The weights read as log-odds that a candidate names the
right speaker; the confidence is the logistic of the margin between the
winner and the best candidate naming someone else (or nobody, scored
``nobody``), as the pronoun resolver does: two readings that disagree make a
doubtful speaker, one strong one alone a sure one.

The weights of the ways and their features are fitted on PolNeAR train
(never dev) by a conditional logit over each gold direct quote's candidates,
pulled toward the hand-set order of trust (a clause that reports the quote
is grammar, a colon or a credit is layout the writer chose to attribute
with, the sentences and quotes around a bare quote are only likely); the
weights of the readings are set by hand, since PolNeAR marks a source as
written, not the entity it names. ``python bench/fit_speakers.py`` refits
them and rewrites the table.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Sequence
from dataclasses import replace
from importlib import resources

from storyline.analyze.quotes.candidate import Candidate, Found, Speaker
from storyline.analyze.quotes.frames import opens_paragraph
from storyline.analyze.quotes.marks import QuoteSpan

WEIGHTS_FILE = "speaker_weights.json"
_POSSESSIVE = re.compile(r"['’]s?$")  # "Ruiz's", "Harris'"
_NO_SPEAKER_CONFIDENCE = 0.3

Attributed = tuple[Found, Speaker]  # an attribution and its chosen speaker


@functools.cache
def table() -> tuple[dict[str, float], float]:
    """The weight of every way and feature, and the score of naming nobody."""
    raw = json.loads(
        resources.files("storyline").joinpath(f"data/{WEIGHTS_FILE}").read_text("utf-8")
    )
    return {k: float(v) for k, v in raw["weights"].items()}, float(raw["nobody"])


def score(candidate: Candidate) -> float:
    weights, _ = table()
    features = candidate.features + (() if candidate.found.source else ("no_speaker",))
    return weights[candidate.way] + sum(weights[f] for f in features)


def choose(
    candidates: Sequence[Candidate], text: str, content: tuple[int, int], *, alone: bool = False
) -> Attributed:
    """The best-scored candidate's attribution and speaker, the confidence from
    the margin over the best rival. With ``alone`` the way is not in question
    (an indirect quote's one source): only a rival reading lowers the confidence."""
    if not candidates:
        found = Found("direct", content, None, None, None, _NO_SPEAKER_CONFIDENCE)
        return found, Speaker(None, None, None)
    ranked = sorted(candidates, key=score, reverse=True)  # stable: ties keep the text's order
    best = ranked[0]
    speaker = best.speaker or Speaker(None, None, None)
    found = best.found
    if found.source is None:
        return (found if alone else replace(found, confidence=_NO_SPEAKER_CONFIDENCE)), speaker
    who = speaker_key(text, best)
    rivals = [score(c) for c in ranked[1:] if c.found.source and speaker_key(text, c) != who]
    if alone and not rivals:
        return found, speaker
    if not alone:
        rivals.append(table()[1])  # naming nobody is always a rival
    sure = 1 / (1 + math.exp(max(rivals) - score(best)))
    confidence = found.confidence * sure if alone else sure
    return replace(found, confidence=round(confidence, 2)), speaker


def speaker_key(text: str, candidate: Candidate) -> str:
    """Candidates naming the same entity agree; without an entity, by the last
    word of the name as written."""
    if candidate.speaker is not None and candidate.speaker.entity is not None:
        return candidate.speaker.entity
    found = candidate.found
    span = found.name or found.source
    assert span is not None
    words = text[span[0] : span[1]].split()
    return "~" + (_POSSESSIVE.sub("", words[-1].lower()).strip(".,") if words else "")


def context_candidates(
    text: str, q: QuoteSpan, chosen: Sequence[Attributed], earlier: Sequence[Attributed]
) -> list[Candidate]:
    """The speakers the quotes before ``q`` propose: the previous direct quote's
    (or, in a two-speaker exchange, the other party's) and the last attribution's,
    each with the speaker chosen for it. ``chosen`` are the direct quotes before
    ``q``; ``earlier`` all attributions before it."""
    content = (q.inner_start, q.inner_end)
    out: list[Candidate] = []
    if chosen:
        before, speaker = chosen[-1]
        gap = text[before.content[1] : q.start]
        # Only the previous quote's own reporting clause, or a paragraph break, between them.
        if gap.count("\n\n") <= 1 and len(gap) < 400 and before.source is not None:
            turn = _other_party(chosen, text, q)
            if turn is not None:
                found = replace(turn[0], kind="direct", content=content)
                out.append(Candidate(found, "turn", speaker=turn[1]))
            else:
                found = replace(before, content=content)
                out.append(Candidate(found, "previous_quote", speaker=speaker))
    sourced = [g for g in earlier if g[0].source is not None and g[0].content[1] <= content[0]]
    if sourced:
        last, speaker = max(sourced, key=lambda g: g[0].content[1])
        if text[last.content[1] : content[0]].count("\n\n") <= 1:
            found = replace(last, kind="direct", content=content)
            out.append(Candidate(found, "last_attribution", speaker=speaker))
    return out


def _other_party(direct: Sequence[Attributed], text: str, q: QuoteSpan) -> Attributed | None:
    """In an exchange of two speakers, one quote a paragraph ("“…,” Yun said." /
    "“…,” Delacroix replied."), a bare question, or a bare answer to the last
    quote's question, in the next paragraph is the other party's: the speaker
    of the quote before the last. A bare statement after a statement carries on."""
    if len(direct) < 2 or not opens_paragraph(text, q.start):
        return None
    first, last = direct[-2][0], direct[-1][0]
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
    return direct[-2]


def _surname(text: str, name: tuple[int, int]) -> str:
    words = text[name[0] : name[1]].split()
    return words[-1].lower() if words else ""


def _question(text: str, content: tuple[int, int]) -> bool:
    return text[content[0] : content[1]].rstrip(" ,").endswith("?")
