"""Who said what: direct, partial, indirect and mixed quotes with resolved speakers.

The recipe:
1. the document index gives the quoted passages, found once (``marks``);
2. passages standing alone are direct quotes, and every way of naming their
   speaker proposes a candidate (``direct``, reading ``frames``,
   ``reporting``, ``layout``, ``speaker_after``); embedded passages are
   partial quotes, kept when a cue governs them;
3. cue words joined with the parse give indirect speech (``indirect``);
   a partial quote inside an indirect one from the same cue makes it mixed;
4. in text order, each direct quote's speaker is chosen by score among its
   candidates and those the quotes before it add, the previous quote's
   speaker and the last attribution's (``chooser``); the confidence comes
   from the margin between the best two;
5. speakers become entities (``speakers``): a name, a pronoun or a
   description through the entities' mentions, a description of a person,
   organisation or document as the text allows (``described``); ids follow
   the text.

Cue words come from ``data/cues_en.json`` (``cues``); the parse rules that
turn a cue into spans are in ``spans`` and the shared ``analyze.syntax``.

Each quote's ``text`` is the content without the outer quotation marks.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from storyline.analyze.document import doc_index
from storyline.analyze.quotes.candidate import Found
from storyline.analyze.quotes.chooser import choose, context_candidates
from storyline.analyze.quotes.cues import lexicon
from storyline.analyze.quotes.direct import Proposal, direct_quotes
from storyline.analyze.quotes.indirect import indirect_quotes
from storyline.analyze.quotes.speakers import Speaker, Speakers
from storyline.models import Entity, Quote, Span


def quotes(doc: Doc, entities: Sequence[Entity]) -> tuple[Quote, ...]:
    """Direct, partial and indirect quotes in ``doc`` with their speakers."""
    lex = lexicon()
    spans = list(doc_index(doc).quotes)
    direct, partial = direct_quotes(doc, spans, lex)
    direct_spans = [p.quote for p in direct]
    indirect = indirect_quotes(
        doc, lex, [(q.start, q.end) for q in direct_spans], [(q.start, q.end) for q in spans]
    )
    found: list[Found] = []
    mixed: dict[int, int] = {}  # indirect quote -> end of the quoted words inside it
    dropped: set[int] = set()
    for span, governed in partial:
        if governed is None:
            continue  # scare quotes: no cue governs them
        host = next(
            (
                n
                for n, f in enumerate(indirect)
                if f.cue_token == governed.cue_token
                and f.content[0] <= span.inner_start
                and span.inner_end <= f.content[1]
            ),
            None,
        )
        if host is None:
            found.append(governed)
            # "described the delays as “a disgrace”": the quoted words are the quote.
            dropped.update(
                n
                for n, f in enumerate(indirect)
                if f.cue_token == governed.cue_token and 0 <= span.start - f.content[1] <= 5
            )
        else:
            mixed[host] = max(mixed.get(host, 0), span.end)
    for n, f in enumerate(indirect):
        if n in mixed:
            # The content runs to the closing mark of the quoted words inside it.
            end = mixed[n] if 0 < mixed[n] - f.content[1] <= 2 else f.content[1]
            found.append(
                Found(
                    "mixed", (f.content[0], end), f.cue, f.source, f.name, f.confidence, f.cue_token
                )
            )
        elif n not in dropped:
            found.append(f)
    found += _speakers_chosen(doc_index(doc).text, direct, found)
    found.sort(key=lambda f: f.content)
    return _build(doc, found, Speakers(doc, entities))


def _speakers_chosen(text: str, direct: list[Proposal], others: list[Found]) -> list[Found]:
    """Each direct quote's attribution, chosen in text order among the speakers
    its surroundings propose and those the attributions before it do."""
    chosen: list[Found] = []
    for proposal in direct:
        q = proposal.quote
        earlier = [f for f in others if f.content[1] <= q.inner_start] + chosen
        context = context_candidates(text, q, chosen, earlier)
        chosen.append(choose(proposal.candidates + context, text, (q.inner_start, q.inner_end)))
    return chosen


def _build(doc: Doc, found: list[Found], speakers: Speakers) -> tuple[Quote, ...]:
    text = doc_index(doc).text
    out = []
    earlier: list[tuple[Found, Speaker]] = []
    for n, f in enumerate(found, start=1):
        speaker = speakers.resolve(f, earlier)
        if speaker.entity is not None:
            earlier.append((f, speaker))
        confidence = f.confidence * (0.85 if speaker.resolved_by_fallback else 1.0)
        out.append(
            Quote(
                id=f"Q{n}",
                kind=f.kind,
                text=text[f.content[0] : f.content[1]],
                start=f.content[0],
                end=f.content[1],
                cue=_span(text, f.cue),
                speaker=speaker.entity,
                speaker_name=speaker.name,
                speaker_text=_span(text, f.source),
                speaker_role=speaker.role,
                confidence=round(confidence, 2),
            )
        )
    return tuple(out)


def _span(text: str, span: tuple[int, int] | None) -> Span | None:
    return None if span is None else Span(span[0], span[1], text[span[0] : span[1]])
