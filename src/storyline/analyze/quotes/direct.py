"""Direct and partial quotes, and the speakers the text around a direct quote proposes.

A passage is *direct* when it stands as an utterance of its own: it opens a
sentence, clause or paragraph, or follows a colon or a reporting clause.
Otherwise it is *partial*, quoted words inside the writer's own sentence, and
it is kept only when a cue governs it: scare quotes are not quotes.

Each way of naming a direct quote's speaker that the surrounding text offers
proposes a candidate: the reporting clause after the quote and the one before
it, a colon line, a dash or bracketed credit, the sentence before a bare
quote (its subject, or the owner of a cue noun), a sentence after it that
points back at it, the last sentence of the paragraph before, and the next
sentence when the quote opens its paragraph. Each holds because news writing
attributes in a few fixed shapes; which one wins is the chooser's decision
(``chooser``), not the order of the code here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storyline.analyze.document import doc_index
from storyline.analyze.lexicons import QUOTATION_MARKS as MARKS
from storyline.analyze.quotes.candidate import Candidate, Found
from storyline.analyze.quotes.cues import Lexicon
from storyline.analyze.quotes.frames import (
    colon_paragraph,
    frame,
    opens_paragraph,
    previous_sentence,
    token_at_or_after,
)
from storyline.analyze.quotes.layout import (
    colon_name,
    colon_person,
    colon_subject,
    credit_line,
    possessed_cue,
    sentence_subject,
)
from storyline.analyze.quotes.marks import QuoteSpan
from storyline.analyze.quotes.reporting import reporting
from storyline.analyze.quotes.spans import SPEAKER, from_subject
from storyline.analyze.quotes.speaker_after import following, next_subject, pointed_back
from storyline.analyze.syntax import SUBJECTS, clause_subject, is_dash, verb_group


def direct_quotes(
    doc: Doc, spans: Sequence[QuoteSpan], lex: Lexicon
) -> tuple[list[Proposal], list[tuple[QuoteSpan, Found | None]]]:
    """Direct quotes with the speakers their surroundings propose, and partial
    passages with their cue if any."""
    direct: list[Proposal] = []
    partial: list[tuple[QuoteSpan, Found | None]] = []
    text = doc_index(doc).text
    alone = []
    for n, q in enumerate(spans):
        prev_end = spans[n - 1].end if n else 0
        lead = frame(doc, text, q.start, prev_end, backwards=True)
        alone.append(
            _stands_alone(text, q, lead or colon_paragraph(doc, text, q.start, prev_end), lex)
        )
    # Reporting clauses run between quotes that stand alone: a quoted title or
    # phrase inside a clause ("said on ''Morning Desk'' when asked") is part of it.
    standing = [q for q, a in zip(spans, alone, strict=True) if a]
    for q, a in zip(spans, alone, strict=True):
        if not a:
            partial.append((q, _governing(doc, q, lex)))
            continue
        n = len(direct)  # its place among the passages standing alone
        prev_end = standing[n - 1].end if n else 0
        next_start = standing[n + 1].start if n + 1 < len(standing) else len(text)
        direct.append(Proposal(q, _candidates(doc, q, prev_end, next_start, lex)))
    return direct, partial


@dataclass(frozen=True, slots=True)
class Proposal:
    """A direct quote and the speakers its own surroundings propose; the quotes
    around it add theirs when the stage chooses."""

    quote: QuoteSpan
    candidates: list[Candidate]


def _candidates(
    doc: Doc, q: QuoteSpan, prev_end: int, next_start: int, lex: Lexicon
) -> list[Candidate]:
    """Every speaker the text around quote ``q`` proposes, one way at a time."""
    text = doc_index(doc).text
    content = (q.inner_start, q.inner_end)
    out: list[Candidate] = []

    def add(way: str, found: Found | None, *features: str) -> None:
        if found is not None:
            out.append(Candidate(found, way, features))

    lead = frame(doc, text, q.start, prev_end, backwards=True) or colon_paragraph(
        doc, text, q.start, prev_end
    )
    sentence_before = not lead
    if sentence_before:
        lead = previous_sentence(doc, text, q.start, prev_end)
    trail = frame(doc, text, q.end, next_start, backwards=False)
    closed: list[Token] = []
    if _closes_sentence(text, q, trail, lex):
        closed, trail = trail, []  # “… .” Next sentence: that clause is not this quote's
    if trail and (trail[0].text == "(" or is_dash(trail[0].text)):
        trail = []  # "“…” — Name", "“…” (Reporting by …)": a credit, read below
    after = reporting(doc, trail, lex, content)
    # A colon introducing the quote makes the clause before it the likelier
    # speaker, unless the quote ends on a comma handing over to its reporting
    # clause (“…,” X said).
    colon = bool(lead) and lead[-1].text == ":"
    hands_over = text[q.inner_start : q.inner_end].rstrip().endswith(",")
    introduced = ("colon",) if colon and not hands_over else ()
    add("after", after, *_other_subject(trail, after))
    # A sentence of its own before the quote reports it less surely than a
    # clause leading into it.
    apart = ("sentence_apart",) if sentence_before else ()
    add("before", reporting(doc, lead, lex, content), *introduced, *apart)
    add("colon_name", colon_name(doc, lead, content), *introduced)
    add("colon_subject", colon_subject(doc, lead, content), *introduced)
    add("colon_person", colon_person(doc, lead, content), *introduced)
    if not (after and after.source):
        # A credit after a dash ("“…” — Name") names the speaker, unless a
        # reporting clause follows the quote.
        add("credit", credit_line(doc, text, q, content))
    if sentence_before:
        add("sentence_subject", sentence_subject(doc, lead, content))
        add("sentence_cue_noun", possessed_cue(doc, lead, content, lex.nouns))
    if closed and _demonstrative(closed):
        add("points_back", possessed_cue(doc, closed, content, lex.nouns))
    if not trail:
        next_sentence = following(doc, text, q.end, next_start)
        add("points_back", pointed_back(doc, next_sentence, content, lex))
    if sentence_before:
        # "Dunn then turned to his rival.\n\n“She has never …”": a bare quote
        # opening its paragraph, after a paragraph that ends naming someone.
        last = previous_sentence(doc, text, q.start, prev_end, across=True)
        add("paragraph_before", reporting(doc, last, lex, content))
        add("paragraph_before", sentence_subject(doc, last, content), "no_cue")
    if opens_paragraph(text, q.inner_start, "".join(MARKS)):
        # "“…” Jordan Hale, who runs the store, said …": the person who speaks next.
        after_quote = following(doc, text, q.end, next_start - 1, across=False)
        add("next_sentence", next_subject(doc, after_quote, content, lex))
    return out


def _other_subject(tokens: list[Token], found: Found | None) -> tuple[str, ...]:
    """``("other_subject",)`` when the clause naming the speaker has a subject of
    its own that is not the speaker ("“…?” The shop sells …, according to its
    owner"): a sentence about something else, which only relays."""
    if found is None or found.source is None or not tokens:
        return ()
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    start, end = found.source
    for root in roots[:1]:
        for child in root.children:
            if child.dep_ in SUBJECTS and not start <= child.idx < end:
                return ("other_subject",)
    return ()


def _demonstrative(tokens: list[Token]) -> bool:
    """A sentence about the words just quoted: "That was …", "That quote …"."""
    return tokens[0].lower_ in ("that", "this") and tokens[0].dep_ in ("nsubj", "det")


def _closes_sentence(text: str, q: QuoteSpan, trail: list[Token], lex: Lexicon) -> bool:
    """The quote ends its sentence and the words after it start a new one, or
    introduce the next quote with a colon or a comma (unless the quote hands
    over to them with a comma). After a full stop, only a short reporting
    clause still belongs to the quote (“… delayed.” Ochoa said.); after a
    question or exclamation mark, any clause does (“…?” she asked as …)."""
    if not trail:
        return False
    inner = text[q.inner_start : q.inner_end].rstrip()
    if trail[-1].text == ":":
        return not inner.endswith(",")  # “…,” X said, adding: “…”
    if not (inner.endswith((".", "?", "!")) and trail[0].text[:1].isupper()):
        return False
    if trail[-1].text == "," and text[trail[-1].idx + 1 :].lstrip()[:1] in MARKS:
        return True  # “…?” X then wrote back, “…”: the clause introduces the next quote
    if not inner.endswith("."):
        return False  # “… !” X shouted as he …: a long clause after ? or ! still reports
    words = [t for t in trail if not t.is_punct]
    return not (len(words) <= 5 and any(lex.verb(t) for t in words))


def _stands_alone(text: str, q: QuoteSpan, lead: list[Token], lex: Lexicon) -> bool:
    """A quote opening its sentence, after a colon, or after a reporting clause."""
    if not lead:
        return True
    last = lead[-1]
    if last.text == ":" or is_dash(last.text) or q.paragraphs > 1:
        return True
    starts_upper = text[q.inner_start : q.inner_start + 1].isupper()
    if last.text == ";":
        return starts_upper  # a new clause: "Dunn was blunt; “Nobody …,” he said."
    if last.text == ",":
        return starts_upper or any(lex.verb(t) for t in lead)
    # "he said “We …”" without a comma: only a whole sentence in the marks.
    inner = text[q.inner_start : q.inner_end].rstrip()
    return starts_upper and lex.verb(last) and inner[-1:] in ".!?,"


def _governing(doc: Doc, q: QuoteSpan, lex: Lexicon) -> Found | None:
    """The cue verb governing a partial quote ("he called “bargaining chips”")."""
    i = token_at_or_after(doc, q.inner_start)
    if i >= len(doc):
        return None
    token = doc[i]
    content = (q.inner_start, q.inner_end)
    for _ in range(6):
        if lex.verb(token) and not (q.start <= token.idx < q.end):
            subj = clause_subject(token, SPEAKER)
            if subj is not None:
                return from_subject("partial", content, token, subj, None, 0.8)
            return Found("partial", content, verb_group(token), None, None, 0.4, token.i)
        if token.head.i == token.i:
            return None
        token = token.head
    return None
