"""Direct and partial quotes: quoted passages and the reporting clause around them.

A passage is *direct* when it stands as an utterance of its own: it opens a
sentence, clause or paragraph, or follows a colon or a reporting clause ("she
said, “…”"). Otherwise it is *partial*, quoted words inside the writer's own
sentence ("called the fishermen “bargaining chips”"), and it is kept only when a
cue governs it (scare quotes are not quotes).

The speaker of a direct quote is looked for, in order: in the reporting
clause after it ("…,” she said) or a credit after a dash ("“…” — Name"); in
the clause before it (she said: “…”, or a previous paragraph ending
"Ferreyra continued:"), the clause naming a speaker winning; in the sentence
just before a bare quote (its cue, its named subject: "Valdivia smiled.
“…”", or a cue noun's owner: "Ochoa's answer? “…”"); in a "Name: “…”" line
or the subject of a clause ending in a colon; in a sentence after it that
points back at it ("That was X's message.", "So said X", "The words were
X's"); in the quote just before it ("…,” Arancibia said. “In time …”), or,
for a question or an answer in an exchange of two speakers, the other
party's; then, for a quote opening its paragraph, in the last sentence of the
paragraph before. A bracketed credit ("(Name)") counts as a dash credit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from storyline.analyze.quotes.candidate import Found
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
from storyline.analyze.quotes.reporting import MARKS, reporting
from storyline.analyze.quotes.spans import from_subject, is_dash, subject, verb_group
from storyline.analyze.quotes.speaker_after import following, pointed_back


def direct_quotes(
    doc: Doc, spans: Sequence[QuoteSpan], lex: Lexicon
) -> tuple[list[Found], list[tuple[QuoteSpan, Found | None]]]:
    """Direct quotes with their speakers, and partial passages with their cue if any."""
    direct: list[Found] = []
    partial: list[tuple[QuoteSpan, Found | None]] = []
    text = doc.text
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
        n = standing.index(q)
        prev_end = standing[n - 1].end if n else 0
        next_start = standing[n + 1].start if n + 1 < len(standing) else len(text)
        lead = frame(doc, text, q.start, prev_end, backwards=True) or colon_paragraph(
            doc, text, q.start, prev_end
        )
        sentence_before = not lead
        if sentence_before:
            lead = previous_sentence(doc, text, q.start, prev_end)
        trail = frame(doc, text, q.end, next_start, backwards=False)
        content = (q.inner_start, q.inner_end)
        closed: list[Token] = []
        if _closes_sentence(text, q, trail, lex):
            closed, trail = trail, []  # “… .” Next sentence: that clause is not this quote's
        if trail and (trail[0].text == "(" or is_dash(trail[0].text)):
            trail = []  # "“…” — Name", "“…” (Reporting by …)": a credit, read below
        before, after = reporting(doc, lead, lex, content), reporting(doc, trail, lex, content)
        # A colon introducing the quote outranks what follows it, unless the
        # quote ends on a comma handing over to its reporting clause (“…,” X said).
        colon = bool(lead) and lead[-1].text == ":"
        hands_over = text[q.inner_start : q.inner_end].rstrip().endswith(",")
        named = (
            colon_name(doc, lead, content)
            or colon_subject(doc, lead, content)
            or colon_person(doc, lead, content)
        )
        # A credit after a dash ("“…” — Name") names the speaker, unless a
        # reporting clause follows the quote.
        found = None if after and after.source else credit_line(doc, text, q, content)
        if found is None and colon and not hands_over:
            # "X's response was: “…?” Y is …, according to Z.": the colon's subject first.
            found = _best(before, named, after)
        elif found is None:
            found = _best(after, before) or named
        if sentence_before and (found is None or found.source is None):
            found = (
                sentence_subject(doc, lead, content)
                or possessed_cue(doc, lead, content, lex.nouns)
                or found
            )
        if (found is None or found.source is None) and closed and _demonstrative(closed):
            found = possessed_cue(doc, closed, content, lex.nouns) or found
        if (found is None or found.source is None) and not trail:
            next_sentence = following(doc, text, q.end, next_start)
            found = pointed_back(doc, next_sentence, content, lex) or found
        if found is None:
            found = _carried(direct, text, q, content)
        if found.source is None and sentence_before:
            # "Dunn then turned to his rival.\n\n“She has never …”": a bare quote
            # opening its paragraph, after a paragraph that ends naming someone.
            last = previous_sentence(doc, text, q.start, prev_end, across=True)
            found = reporting(doc, last, lex, content) or found
            if found.source is None:
                found = sentence_subject(doc, last, content) or found
        direct.append(found)
    return direct, partial


def _demonstrative(tokens: list[Token]) -> bool:
    """A sentence about the words just quoted: "That was …", "That quote …"."""
    return tokens[0].lower_ in ("that", "this") and tokens[0].dep_ in ("nsubj", "det")


def _best(*candidates: Found | None) -> Found | None:
    """The first reporting clause that names a speaker, else the first found."""
    found = [c for c in candidates if c is not None]
    return next((c for c in found if c.source is not None), found[0] if found else None)


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


def _carried(direct: list[Found], text: str, q: QuoteSpan, content: tuple[int, int]) -> Found:
    """A quote with no reporting clause continues the speaker of the quote
    before it, or in a question-and-answer exchange is the other party's turn."""
    if direct:
        before = direct[-1]
        gap = text[before.content[1] : q.start]
        # Only the previous quote's own reporting clause, or a paragraph break, between them.
        if gap.count("\n\n") <= 1 and len(gap) < 400 and before.source is not None:
            turn = _other_party(direct, text, q)
            if turn is not None:
                return replace(turn, kind="direct", content=content, confidence=0.6)
            return Found(
                "direct", content, before.cue, before.source, before.name, 0.75, before.cue_token
            )
    return Found("direct", content, None, None, None, 0.3)


def _other_party(direct: list[Found], text: str, q: QuoteSpan) -> Found | None:
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


def _governing(doc: Doc, q: QuoteSpan, lex: Lexicon) -> Found | None:
    """The cue verb governing a partial quote ("he called “bargaining chips”")."""
    i = token_at_or_after(doc, q.inner_start)
    if i >= len(doc):
        return None
    token = doc[i]
    content = (q.inner_start, q.inner_end)
    for _ in range(6):
        if lex.verb(token) and not (q.start <= token.idx < q.end):
            subj = subject(token)
            if subj is not None:
                return from_subject("partial", content, token, subj, None, 0.8)
            return Found("partial", content, verb_group(token), None, None, 0.4, token.i)
        if token.head.i == token.i:
            return None
        token = token.head
    return None
