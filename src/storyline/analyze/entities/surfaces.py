"""Name surfaces: every stretch of a document that names someone or something.

A *surface* is one written name: a spaCy entity trimmed of "the", possessive
"'s" and honorifics, a demonym ("Peruvian"), a country name or an
organisation the tagger missed ("Andean Airways", "Skyjet, Norway's largest
airline"). Each is tied to the lexicon where it names a known country, and a
capital is marked when it stands for its government ("Washington will ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.analyze.document import doc_index
from storyline.analyze.entities.lexicon import Place, lexicon, norm
from storyline.analyze.entities.lookup import capitalised

LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "NORP",
}
_PAGEANTS = frozenset({"Universe", "World", "America", "USA", "International", "Earth"})
_ADVERB = re.compile(r"^[A-Z][a-z]{3,}ly$")
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# Prepositions after which a capital is a place, not its government speaking.
_PLACE_PREPS = frozenset({"in", "to", "from", "at", "near", "into", "outside", "across", "via"})


@dataclass(slots=True, eq=False)
class Surface:
    """One written name: tokens ``[start, end)``; ``first`` includes an honorific."""

    start: int
    end: int
    label: str
    kind: str = "name"  # name, demonym, capital
    first: int = -1
    honorific: str | None = None
    place: Place | None = None
    metonymy: bool = False
    heading: bool = False  # on a title-case heading line, where the tagger misreads
    # How far the tagger's label is a vote on the type: a short form joined to a
    # person's full name ("Arancibia" tagged ORG) or a repeat found by spelling is not.
    votes: bool = True

    def __post_init__(self) -> None:
        if self.first < 0:
            self.first = self.start


def surfaces(doc: Doc) -> list[Surface]:
    """Every name-like stretch of ``doc``, in text order."""
    lex = lexicon()
    found: list[Surface] = []
    covered = bytearray(len(doc))
    document = doc_index(doc)
    for ent in document.entities:
        label = LABELS.get(ent.label_)
        surface = _trim(doc, ent, label, document.text) if label else None
        if surface is None:
            continue
        _resolve(doc, surface)
        found.append(surface)
        low, high = min(ent.start, surface.first), max(ent.end, surface.end)
        covered[low:high] = b"\x01" * (high - low)
    # The small model misses some demonyms and short country names; a lexicon
    # look-up on capitalised tokens outside entities finds them in one pass.
    for i in capitalised(doc, document.text):
        if covered[i]:
            continue
        token = doc[i]
        word = token.text
        place = lex.demonyms.get(word)
        if place is not None and token.pos_ in ("ADJ", "PROPN", "NOUN"):
            found.append(Surface(i, i + 1, "NORP", kind="demonym", place=place))
            continue
        folded = norm(word)  # once for the look-ups below
        if token.tag_ in ("NNP", "NNPS") and folded in lex.names:
            found.append(Surface(i, i + 1, lex.names[folded].type))
            _resolve(doc, found[-1])
        elif i + 1 < len(doc) and (word in lex.honorifics or _title(token)):
            named = _honoured(doc, token, covered)
            if named is not None:
                found.append(named)
                covered[named.first : named.end] = b"\x01" * (named.end - named.first)
        elif folded in lex.given_names and _may_be_name(token):
            named = _given_name(doc, token, covered)
            if named is not None:
                found.append(named)
                covered[named.start : named.end] = b"\x01" * (named.end - named.start)
        elif token.pos_ == "PROPN" and token.dep_ != "compound":
            named = _org_name(doc, token, covered) or _described_name(doc, token, covered)
            if named is not None:
                found.append(named)
    found.sort(key=lambda s: s.start)
    _mark_headings(doc, found, document.text)
    return found


def _mark_headings(doc: Doc, found: list[Surface], text: str) -> None:
    headings: dict[int, bool] = {}
    for surface in found:
        start = doc[surface.start].idx
        line = text.rfind("\n", 0, start) + 1
        if line not in headings:
            end = text.find("\n", start)
            span = doc.char_span(line, end if end >= 0 else len(text), alignment_mode="expand")
            headings[line] = span is not None and _is_heading(span)
        surface.heading = headings[line]


def _honoured(doc: Doc, token: Token, covered: bytearray) -> Surface | None:
    """An untagged name after an honorific ("Mr Kowal"): a person."""
    end = token.i + 1
    while end < len(doc) and not covered[end] and doc[end].is_title and doc[end].pos_ == "PROPN":
        end += 1
    if end == token.i + 1 or doc[token.i + 1].text in _PAGEANTS:
        return None
    return Surface(token.i + 1, end, "PERSON", first=token.i, honorific=token.text)


def _title(token: Token) -> bool:
    """A capitalised role word before a name of two words or more, none of them an
    organisation word or part of a place or other non-person name:
    "Superintendent Grant Holloway", not "General Motors" or "Captain America Films"."""
    lex = lexicon()
    if not token.is_title or token.lower_ not in lex.roles:
        return False
    doc = token.doc
    words = []
    for t in doc[token.i + 1 : token.i + 4]:
        if not (t.pos_ == "PROPN" and t.is_title):
            break
        words.append(t)
    return (
        len(words) >= 2
        and all(t.ent_type_ in ("", "PERSON") for t in words)
        and not any(t.lower_ in lex.org_heads for t in words)
    )


def _may_be_name(token: Token) -> bool:
    """A proper noun, or a sentence's first word the tagger took for a common
    noun before a capitalised surname ("Dolores Ibáñez remembers …")."""
    if token.pos_ == "PROPN":
        return True
    doc = token.doc
    return (
        bool(token.is_sent_start)
        and token.pos_ == "NOUN"
        and token.i + 1 < len(doc)
        and doc[token.i + 1].pos_ == "PROPN"
        and doc[token.i + 1].is_title
    )


def _given_name(doc: Doc, token: Token, covered: bytearray) -> Surface | None:
    """An untagged known given name and the capitalised surname after it ("Lydia Crane")."""
    end = token.i + 1
    while (
        end < len(doc)
        and end - token.i <= 3
        and not covered[end]
        and doc[end].pos_ == "PROPN"
        and doc[end].is_title
        and not doc[end - 1].whitespace_.count("\n")
    ):
        end += 1
    return Surface(token.i, end, "PERSON") if end > token.i + 1 else None


def _org_name(doc: Doc, token: Token, covered: bytearray) -> Surface | None:
    """An untagged capitalised name headed by an organisation word ("Andean Airways")."""
    if token.lower_ not in lexicon().org_heads or not token.is_title:
        return None
    start = token.i
    while (
        start > 0
        and not covered[start - 1]
        and doc[start - 1].is_title
        and doc[start - 1].pos_ in ("PROPN", "ADJ")
        and doc[start - 1].head.i in range(start, token.i + 1)
    ):
        start -= 1
    return Surface(start, token.i + 1, "ORG") if start < token.i else None


def _described_name(doc: Doc, token: Token, covered: bytearray) -> Surface | None:
    """An untagged name that an apposition describes ("Skyjet, Norway's largest airline")."""
    lex = lexicon()
    for child in token.rights:
        head = child.lower_
        if child.dep_ == "appos" and (head in lex.org_heads or head in lex.roles):
            start = token.i
            while (
                start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN"
            ):
                start -= 1
            if any(covered[start : token.i + 1]):
                return None
            label = "ORG" if head in lex.org_heads and head not in lex.roles else "PERSON"
            return Surface(start, token.i + 1, label)
    return None


def _trim(doc: Doc, ent: Span, label: str | None, text: str) -> Surface | None:
    lex = lexicon()
    start, end = ent.start, ent.end
    written = text[ent.start_char : ent.end_char]  # its tokens are read only if needed
    if "\n" in written:
        for k in range(start, end):  # a name never runs across a line break
            if "\n" in doc[k].text or (
                k < end - 1 and "\n" in doc[k].whitespace_ + doc[k + 1].text
            ):
                end = k + 1 if not doc[k].is_space else k
                break
    if ":" in written:
        for k in range(end - 1, start, -1):  # "National Interests: The Human Rights Council"
            if doc[k].text == ":":
                start = k + 1
                break
    while start < end and (
        doc[start].lower_ == "the" or doc[start].is_punct or doc[start].is_space
    ):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or doc[end - 1].is_punct
        or doc[end - 1].is_space
        or doc[end - 1].lower_ in _POSSESSIVE
    ):
        end -= 1
    # "Enrique Peña| Nieto": a person's name the tagger cut short runs on over
    # untagged capitalised proper nouns.
    runs_on = label == "PERSON" and end == ent.end
    while runs_on and end < len(doc):
        if _hyphen_joins(doc, end):
            end += 2  # "Imani Okoro|-Watts": a double-barrelled surname
        elif (
            doc[end].pos_ == "PROPN"
            and doc[end].is_title
            and not doc[end].ent_type_
            and not doc[end - 1].whitespace_.count("\n")
        ):
            end += 1
        else:
            break
    # "Nationally Edmunds expects ...": a sentence-opening adverb is not part of a name.
    while start < end and doc[start].is_sent_start and _ADVERB.search(doc[start].text):
        start += 1
    if start >= end or label is None:
        return None
    honorific = None
    first = start
    if doc[start].text in lex.honorifics and end - start > 1:
        honorific, start = doc[start].text, start + 1
    elif start > 0 and doc[start - 1].text in lex.honorifics:
        honorific, first = doc[start - 1].text, start - 1
    if honorific == "Miss" and doc[start].text in _PAGEANTS:
        # "Miss Universe Alicia Machado": a title, not a woman named Universe.
        honorific, start = None, start + 1
        first = start
        if start >= end:
            return None
    # "President Trump" tagged as one PERSON: the title is a role, not the name.
    while label == "PERSON" and end - start > 1 and doc[start].lower_ in lex.roles:
        start += 1
        first = max(first, start) if honorific is None else first
    text = doc_index(doc).span_text(start, end)
    if not any(c.isalpha() for c in text) or text.islower():
        return None
    plural_noun = end - start == 1 and doc[start].tag_ == "NNS" and text not in lex.demonyms
    if label == "NORP" and plural_noun:  # "Shifts grew longer": a plural noun, not a people
        return None
    if honorific is not None:
        label = "PERSON"
    return Surface(start, end, label, first=first, honorific=honorific)


def _hyphen_joins(doc: Doc, i: int) -> bool:
    """A hyphen at ``i`` written between two capitalised words ("Okoro-Watts")."""
    return (
        i + 1 < len(doc)
        and doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i + 1].is_title
    )


def _resolve(doc: Doc, surface: Surface) -> None:
    """Tie a surface to a lexicon country or organisation where it names one."""
    lex = lexicon()
    text = doc_index(doc).span_text(surface.start, surface.end)
    if surface.honorific is not None:
        return
    if text in lex.demonyms and surface.label in ("NORP", "GPE", "ORG", "LOC", "PERSON"):
        surface.kind, surface.place = "demonym", lex.demonyms[text]
        return
    folded = norm(text)
    if folded in lex.names:
        surface.place = lex.names[folded]
    elif folded in lex.capitals and surface.label in ("GPE", "LOC", "ORG"):
        surface.kind, surface.place = "capital", lex.capitals[folded]
        surface.metonymy = _speaks(doc, surface)


def _speaks(doc: Doc, surface: Surface) -> bool:
    """Whether a capital stands for its government: it acts or owns, not locates."""
    root = doc[surface.start : surface.end].root
    if root.dep_ in ("nsubj", "nsubjpass", "poss", "agent"):
        return True
    # "urged Santiago to return the boats": the object is asked to act.
    if root.dep_ == "dobj" and any(c.dep_ in ("xcomp", "ccomp") for c in root.head.children):
        return True
    if root.dep_ == "pobj":
        prep = root.head.lower_
        return prep not in _PLACE_PREPS and prep in ("by", "with", "between", "against")
    return False


def _is_heading(line: Span) -> bool:
    """A title-case line: every long word capitalised, some of them outside any name.

    Headlines may end with any punctuation; a body sentence in which every long
    word is capitalised is made of names ("Sen. Ted Cruz met Gov. Jerry Brown").
    """
    if len(line) > 25:
        return False
    words = [t for t in line if len(t.text) > 3 and t.is_alpha]
    return (
        len(words) >= 3
        and all(t.text[0].isupper() for t in words)
        and any(not t.ent_type_ for t in words)
    )
