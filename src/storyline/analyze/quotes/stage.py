"""Who said what: direct, partial, indirect and mixed quotes with resolved speakers.

The recipe:
1. the document index gives the quoted passages, found once (``marks``);
2. passages standing alone are direct quotes, and every way of naming their
   speaker proposes a candidate (``direct``, reading ``frames``,
   ``reporting``, ``layout``, ``speaker_after``); embedded passages are
   partial quotes, kept when a cue governs them;
3. cue words joined with the parse give indirect speech (``indirect``);
   a partial quote inside an indirect one from the same cue makes it mixed;
4. in text order, every candidate source is read as the entities it may
   name (``speakers``): a name or a pronoun through the entities' mentions
   (the pronoun resolver's answer), a description of a person, organisation
   or document as the text allows (``described``), the source as written;
   each reading is a candidate of its own;
5. one chooser ranks them all (``chooser``): a direct quote's candidates with
   those the quotes before it add (the previous quote's speaker, the last
   attribution's), an indirect quote's readings of its one source; the
   confidence comes from the margin between the best two. Ids follow the text.

Cue words come from ``data/cues_en.json`` (``cues``); the parse rules that
turn a cue into spans are in ``spans`` and the shared ``analyze.syntax``.

Each quote's ``text`` is the content without the outer quotation marks.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from storyline.analyze.document import doc_index
from storyline.analyze.offsets import Located
from storyline.analyze.quotes.candidate import Candidate, Found
from storyline.analyze.quotes.chooser import Attributed, choose, context_candidates
from storyline.analyze.quotes.cues import lexicon
from storyline.analyze.quotes.direct import Proposal, direct_quotes
from storyline.analyze.quotes.indirect import indirect_quotes
from storyline.analyze.quotes.speakers import Speakers
from storyline.models import Entity, Quote, Span


def quotes(doc: Doc, entities: Sequence[Entity]) -> tuple[Quote, ...]:
    """Direct, partial and indirect quotes in ``doc`` with their speakers."""
    return _build(doc, [choice for choice, _ in decisions(doc, entities)])


def decisions(doc: Doc, entities: Sequence[Entity]) -> list[tuple[Attributed, list[Candidate]]]:
    """Every attribution with its chosen speaker and the candidates it was
    chosen among, in text order (the speaker-weight fit reads the candidates)."""
    lex = lexicon()
    spans = list(doc_index(doc).quotes)
    direct, partial = direct_quotes(doc, spans, lex)
    direct_spans = [p.quote for p in direct]
    indirect = indirect_quotes(doc, lex, Located(direct_spans), Located(spans))
    found: list[Found] = []
    mixed: dict[int, int] = {}  # indirect quote -> end of the quoted words inside it
    dropped: set[int] = set()
    by_cue: dict[int | None, list[int]] = {}  # cue token -> its indirect quotes, in order
    for n, f in enumerate(indirect):
        by_cue.setdefault(f.cue_token, []).append(n)
    for span, governed in partial:
        if governed is None:
            continue  # scare quotes: no cue governs them
        same_cue = by_cue.get(governed.cue_token, [])
        host = next(
            (
                n
                for n in same_cue
                if indirect[n].content[0] <= span.inner_start
                and span.inner_end <= indirect[n].content[1]
            ),
            None,
        )
        if host is None:
            found.append(governed)
            # "described the delays as “a disgrace”": the quoted words are the quote.
            dropped.update(n for n in same_cue if 0 <= span.start - indirect[n].content[1] <= 5)
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
    return _choose_in_order(doc, direct, found, Speakers(doc, entities))


def _choose_in_order(
    doc: Doc, direct: list[Proposal], others: list[Found], speakers: Speakers
) -> list[tuple[Attributed, list[Candidate]]]:
    """Each attribution's speaker, chosen in text order: a direct quote's among
    the candidates its surroundings and the attributions before it propose, an
    indirect one's among the readings of its source."""
    text = doc_index(doc).text
    items: list[tuple[tuple[int, int], Found | None, Proposal | None]] = [
        (f.content, f, None) for f in others
    ] + [((p.quote.inner_start, p.quote.inner_end), None, p) for p in direct]
    items.sort(key=lambda item: item[0])
    done: list[tuple[Attributed, list[Candidate]]] = []
    chosen: list[Attributed] = []  # the direct quotes so far
    earlier: list[Attributed] = []  # every attribution so far, grown, not copied, each time
    for content, fixed, proposal in items:
        if proposal is not None:
            context = context_candidates(text, proposal.quote, chosen, earlier)
            ways = proposal.candidates + context
        else:
            assert fixed is not None
            ways = [Candidate(fixed, fixed.kind)]
        candidates = [c for way in ways for c in speakers.expand(way, earlier)]
        choice = choose(candidates, text, content, alone=proposal is None)
        if proposal is not None:
            chosen.append(choice)
        done.append((choice, candidates))
        earlier.append(choice)
    return done


def _build(doc: Doc, attributed: list[Attributed]) -> tuple[Quote, ...]:
    text = doc_index(doc).text
    out = []
    for n, (f, speaker) in enumerate(attributed, start=1):
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
                confidence=f.confidence,
            )
        )
    return tuple(out)


def _span(text: str, span: tuple[int, int] | None) -> Span | None:
    return None if span is None else Span(span[0], span[1], text[span[0] : span[1]])
