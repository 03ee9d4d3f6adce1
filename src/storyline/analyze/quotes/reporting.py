"""Reporting clauses: the cue verb beside a direct quote and the speaker it names.

The verb nearest the quote reports it, a main clause before a subordinate one;
its subject speaks, else the parse's misreadings are undone by layout: an
inverted "…,” said X", a name before a subjectless cue, "according to X", a
short clause whose verb is tagged as a noun ("…,” Viguerie notes") or is no
listed cue ("…,” Barrow grinned").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.analyze.document import doc_index
from storyline.analyze.lexicons import QUOTATION_MARKS as MARKS
from storyline.analyze.quotes.candidate import Found
from storyline.analyze.quotes.cues import Lexicon
from storyline.analyze.quotes.described import person_noun
from storyline.analyze.quotes.layout import person_like
from storyline.analyze.quotes.spans import SPEAKER, from_subject, name_span
from storyline.analyze.syntax import SUBJECTS, clause_subject, verb_group
from storyline.analyze.syntax import noun_phrase as phrase

_SUBORDINATE = frozenset({"advcl", "relcl", "acl", "ccomp", "pcomp"})


def reporting(doc: Doc, frame: list[Token], lex: Lexicon, content: tuple[int, int]) -> Found | None:
    """The cue verb of a reporting clause in ``frame`` and its subject."""
    if not frame:
        return None
    bounds = (frame[0].idx, frame[-1].idx + len(frame[-1]))
    according = _according(doc, frame, bounds, content)
    if according is not None:
        # "…,” X said, according to CNN": the words reach the reader through CNN,
        # the outer source.
        return according
    verbs = [t for t in frame if lex.verb(t) and t.dep_ not in ("amod", "compound")]
    found = _relayed(frame, verbs, bounds, content) or _from_verbs(
        doc, frame, lex, content, verbs, bounds
    )
    if found is not None:
        return found
    loose = _loose(frame, lex, content) or (
        None if verbs else _unlisted(doc, frame, content) or _unlisted_before(frame, content)
    )
    if loose is not None:
        return loose
    if verbs:
        named = _nearest_name(frame, verbs[0])
        if named is not None:
            source = (
                name_span(named) if named.pos_ == "PROPN" else (named.idx, named.idx + len(named))
            )
            return Found("direct", content, verb_group(verbs[0]), source, source, 0.7, verbs[0].i)
        return Found("direct", content, verb_group(verbs[0]), None, None, 0.5, verbs[0].i)
    return None


def _from_verbs(
    doc: Doc,
    frame: list[Token],
    lex: Lexicon,
    content: tuple[int, int],
    verbs: list[Token],
    bounds: tuple[int, int],
) -> Found | None:
    """The speaker of the cue verb nearest the quote: its subject, else a name the
    parse misplaced (an inverted subject, a name before a subjectless cue)."""
    # The verb nearest the quote reports it ("a farmer asked …, and Forteza replied, “…”"),
    # a main clause before a subordinate one ("X told …, after Y stated …").
    colon = frame[-1].text == ":"  # "…, to which X interjected:": the verb at the colon
    verbs.sort(
        key=lambda t: (
            _aside(t),
            _subordinate(t) and not colon and not _replies(t, frame, content),
            _has_content(t, lex),
            min(abs(t.idx - content[0]), abs(t.idx - content[1])),
        )
    )
    for n, verb in enumerate(verbs):
        verb = _main_clause(verb, frame, content)
        subj = clause_subject(verb, SPEAKER)
        if subj is not None and _near(doc, subj, verb, bounds, content):
            return from_subject("direct", content, verb, subj, bounds, 0.9)
        if n == 0 and subj is not None and content[0] <= subj.idx < content[1]:
            # The parse made the quote the verb's subject (“…,” X, the …, said):
            # the name before the verb speaks, not the subject of a later clause.
            named = _free_name_before(frame, verb, lex)
            if named is not None:
                return from_subject("direct", content, verb, named, bounds, 0.7)
        if n == 0 and verb.i == next(t.i for t in frame if not t.is_punct):
            inverted = _inverted(verb, bounds)
            if inverted is not None:
                return from_subject("direct", content, verb, inverted, bounds, 0.8)
        if n == 0 and subj is None:
            # The parse left the nearest cue without a subject ("after Mr. X, asked
            # about it, had said"): the name just before it speaks, not the subject
            # a cue further away inherits from the main clause.
            named = _free_name_before(frame, verb, lex)
            if named is not None:
                return from_subject("direct", content, verb, named, bounds, 0.7)
    return None


def _free_name_before(frame: list[Token], verb: Token, lex: Lexicon) -> Token | None:
    """The nearest name or pronoun before ``verb`` in the clause that stands in no
    clause of its own."""
    return next(
        (t for t in reversed(frame) if t.i < verb.i and _may_speak(t) and _free(t, verb, lex)),
        None,
    )


def _relayed(
    frame: list[Token], verbs: list[Token], bounds: tuple[int, int], content: tuple[int, int]
) -> Found | None:
    """ "…,” X said, the Ledger reported." and "…,” said X, reports the Ledger.": a
    report appended to the reporting clause names the outer source, as "according
    to" does."""
    if frame[0].idx < content[1]:
        return None
    for n, verb in enumerate(verbs):
        if n == 0 or verb.lemma_.lower() != "report" or verb.tag_ not in ("VBD", "VBZ"):
            continue
        # An inverted subject after the verb first: the parse can give the
        # speaker before it to "reports" too.
        subj = sorted(
            (c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN")),
            key=lambda c: c.i < verb.i,
        )
        relay = subj[0] if subj else _inverted(verb, bounds)
        if relay is not None and relay.i > verbs[0].i:
            return from_subject("direct", content, verb, relay, bounds, 0.8)
    return None


def _according(
    doc: Doc, frame: list[Token], bounds: tuple[int, int], content: tuple[int, int]
) -> Found | None:
    """ "…,” according to X.": X is the source, "according to" the cue."""
    for t in frame:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            found = _according_to(doc[t.i + 1], bounds)
            if found is not None:
                source, name = found
                cue = (t.idx, doc[t.i + 1].idx + 2)
                return Found("direct", content, cue, source, name, 0.85, t.i)
    return None


def _according_to(
    to: Token, bounds: tuple[int, int]
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Source and name after "according to": its object, else the noun phrase
    right after it (the parse can tag a title as a verb: "according to engineer X")."""
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if objects:
        return phrase(objects[0], bounds), name_span(objects[0])
    doc = to.doc
    for chunk in doc.noun_chunks:
        if (
            to.i < chunk.start <= to.i + 3
            and chunk.end_char <= bounds[1]
            and to in chunk.root.ancestors
            and not any(t.is_punct for t in doc[to.i + 1 : chunk.start])
        ):
            return (doc[to.i + 1].idx, chunk.end_char), name_span(chunk.root)
    return None


def _main_clause(verb: Token, frame: list[Token], content: tuple[int, int]) -> Token:
    """ "When X suggested …, Y fired back: “…”": a cue in an adverbial clause
    before the quote gives way to the main clause that follows it and leads
    into the quote, whatever its verb."""
    head = verb.head
    if (
        verb.dep_ == "advcl"
        and verb.left_edge.pos_ == "SCONJ"  # "when", "after", "as" opening the clause
        and frame[-1].idx < content[0]
        and verb.i < head.i <= frame[-1].i
        and head.pos_ == "VERB"
        and any(c.dep_ == "nsubj" and c.i > verb.i for c in head.children)
    ):
        return head
    return verb


def _free(name: Token, verb: Token, lex: Lexicon) -> bool:
    """A name standing in no clause of its own before ``verb``: not a possessive
    ("noting the size of Ortega's lead, said"), not inside a clause
    between it and the verb ("asked about arrests under Mr. Okafor, had
    said"), not the speaker of another cue ("said X of Y, reports Z"), not
    inside another name's apposition ("X, the Okland Party frontrunner, said")."""
    if name.dep_ == "poss":
        return False
    for ancestor in name.ancestors:
        if ancestor.i == verb.i:
            return True
        if ancestor.dep_ == "appos":
            return False
        if ancestor.pos_ in ("VERB", "AUX"):
            between = name.i < ancestor.i < verb.i
            speaks = lex.verb(ancestor) and any(c.dep_ in SUBJECTS for c in ancestor.children)
            return not (between or speaks or ancestor.dep_ in ("relcl", "acl", "advcl"))
    return True


def _replies(verb: Token, frame: list[Token], content: tuple[int, int]) -> bool:
    """ "X told Y, who replied, “…”": a relative clause about a person whose verb
    ends the clause just before the quote hands over to it."""
    words = [t for t in frame if not t.is_punct]
    return (
        bool(words)
        and words[-1].i == verb.i
        and frame[-1].idx < content[0]
        and verb.dep_ == "relcl"
        and any(c.dep_ == "nsubj" and c.lower_ == "who" for c in verb.children)
    )


def _aside(verb: Token) -> bool:
    """The writer's own aside ("X said, and I quote, “…”"): a first-person cue
    outside the quote gives way to any other cue in the clause."""
    return any(c.dep_ in SUBJECTS and c.lower_ in ("i", "we") for c in verb.children)


def _has_content(verb: Token, lex: Lexicon) -> bool:
    """A cue that already has its content as an object ("… but has dismissed the
    story, “…”") reports the quote less likely than one without; a listener
    ("told reporters") is no content."""
    return verb.lemma_.lower() not in lex.addressee and any(c.dep_ == "dobj" for c in verb.children)


def _subordinate(verb: Token) -> bool:
    """The verb or a verb above it heads a subordinate clause ("host X, who has dismissed …")."""
    token = verb
    for _ in range(8):
        if token.dep_ in _SUBORDINATE:
            return True
        if token.head is token:
            return False
        token = token.head
    return False


def _inverted(verb: Token, bounds: tuple[int, int]) -> Token | None:
    """ "…,” asked the boy, …": the noun phrase right after a subjectless cue verb."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # a participle never inverts: "…,” promising the group …
    right = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if right is None or right.idx >= bounds[1] or right.pos_ not in ("DET", "PROPN", "NOUN", "ADJ"):
        return None
    for chunk in verb.doc.noun_chunks:
        if chunk.start == right.i:
            return chunk.root
    return None


def _near(
    doc: Doc, subj: Token, verb: Token, bounds: tuple[int, int], content: tuple[int, int]
) -> bool:
    """A subject in the reporting clause, or earlier in its sentence with no quote between."""
    if bounds[0] <= subj.idx < bounds[1]:
        return True
    if content[0] <= subj.idx < content[1]:
        return False
    if subj.i >= verb.i:
        return False
    between = doc[subj.i : verb.i].text_with_ws
    return "\n" not in between and not MARKS.intersection(between)


def _nearest_name(frame: list[Token], verb: Token) -> Token | None:
    """When the parse gives the cue verb no subject: the name or pronoun
    nearest before it in the clause, else the first one after it."""
    named = [t for t in frame if _may_speak(t)]
    before = [t for t in named if t.i < verb.i]
    if before:
        return before[-1]
    after = [t for t in named if t.i > verb.i and t.pos_ == "PROPN"]
    return after[0] if after else None


def _may_speak(token: Token) -> bool:
    """A person's or group's name, or a personal pronoun; not a place or a date."""
    if token.pos_ == "PRON":
        return token.lower_ in ("he", "she", "they", "i", "we")
    return token.pos_ == "PROPN" and token.ent_type_ in ("", "PERSON", "ORG", "NORP")


def _loose(frame: list[Token], lex: Lexicon, content: tuple[int, int]) -> Found | None:
    """ "“…,” Viguerie notes." when the parse misses the verb: the cue word is
    tagged as a noun, and the words before it in the clause are the speaker."""
    if frame[0].idx < content[0]:
        return None  # only a clause after the quote
    words = [t for t in frame if not t.is_punct]
    for n, t in enumerate(words):
        if n > 5:
            return None  # a short speaker and the cue open the clause; the rest may run on
        if (
            n
            and t.lemma_.lower() in lex.speech
            and t.tag_ in ("VBZ", "VBD", "NNS", "NN")
            and t.is_lower
        ):
            speaker = [w for w in words[:n] if not w.is_punct]
            if (
                not speaker
                or speaker[-1].i != t.i - 1
                or not any(w.pos_ in ("PROPN", "PRON") for w in speaker)
            ):
                return None
            head = speaker[-1]
            source = (speaker[0].idx, head.idx + len(head))
            return Found(
                "direct", content, (t.idx, t.idx + len(t)), source, name_span(head), 0.7, t.i
            )
    return None


def _unlisted(doc: Doc, frame: list[Token], content: tuple[int, int]) -> Found | None:
    """ "“…,” exhorted the host, Tom Barrow." and "“…,” Barrow quipped.": a quote
    handing over with a comma (or ? or !) to a short clause of a speaker and a
    verb reports through that verb, listed as a cue word or not."""
    words = [t for t in frame if not t.is_punct]
    if not words or frame[0].idx < content[1] or len(words) > 12:
        return None
    if not doc_index(doc).text[content[0] : content[1]].rstrip().endswith((",", "?", "!")):
        return None
    bounds = (frame[0].idx, frame[-1].idx + len(frame[-1]))
    mark = next((t.i for t in frame if t.text in MARKS), None)
    words = [t for t in words if mark is None or t.i < mark]
    if not words:
        return None  # the clause runs into quoted words: 'X “chose to …”' is no cue
    first = words[0]
    if first.pos_ == "VERB":
        inverted = _inverted(first, bounds)
        if inverted is not None and _may_speak_phrase(inverted):
            return from_subject("direct", content, first, inverted, bounds, 0.6)
        return None
    for verb in words[1:7]:
        if verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBZ"):
            subj = [c for c in verb.lefts if c.dep_ == "nsubj" and c.left_edge.i == first.i]
            if subj and (_may_speak_phrase(subj[0]) or _described(doc, verb, subj[0], content)):
                return from_subject("direct", content, verb, subj[0], bounds, 0.6)
            return None
    return None


def _unlisted_before(frame: list[Token], content: tuple[int, int]) -> Found | None:
    """ "Ada Stroud sings, “…”" and "As the Harbour Kings sang, “…”": a short clause
    handing over to the quote with a comma reports through its verb, listed as a
    cue word or not, when its subject can speak."""
    words = [t for t in frame if not t.is_punct]
    if not words or frame[-1].text != "," or frame[-1].idx > content[0] or len(words) > 14:
        return None
    if any(t.text in MARKS for t in frame):
        return None  # quoted words inside the clause: a title or a partial quote
    verbs = [t for t in words if t.pos_ == "VERB"]
    # The clause's last verb hands over: not "X wore a hat reading, “…”".
    if not verbs or verbs[-1].tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    verb = verbs[-1]
    subj = [c for c in verb.lefts if c.dep_ == "nsubj" and c.i >= frame[0].i]
    if not subj or not (_may_speak_phrase(subj[0]) or person_like(subj[0])):
        return None
    bounds = (frame[0].idx, frame[-1].idx + len(frame[-1]))
    return from_subject("direct", content, verb, subj[0], bounds, 0.5)


def _described(doc: Doc, verb: Token, subj: Token, content: tuple[int, int]) -> bool:
    """ "“…,” the spokesman quipped": a person described, for a quote opening its
    sentence and a verb with no object (not "Her sign read “…,” the senator
    ignored it")."""
    before = doc_index(doc).text[: content[0]].rstrip(" \t\xa0" + "".join(MARKS))
    opens = not before or before[-1] in ".!?:\n"
    return opens and person_noun(subj) and not any(c.dep_ == "dobj" for c in verb.children)


def _may_speak_phrase(head: Token) -> bool:
    """A noun phrase that can name a speaker: a name or pronoun, or a noun
    with a name in apposition ("the host, Tom Barrow")."""
    if _may_speak(head):
        return True
    return head.pos_ == "NOUN" and any(c.dep_ == "appos" and _may_speak(c) for c in head.children)
