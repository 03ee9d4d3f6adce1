"""What the PLOVER manual attaches to a coded event: quad class, intensity and contexts.

The quad class (verbal or material, cooperation or conflict) and the
conflict–cooperation score follow from the type and mode alone, by the
manual's tables (the data file names which). Contexts are the manual's general
contexts named by the words of the event's sentence: the manual leaves their
coding to each coder, and a word list keeps this one plain and checkable.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Span as SpacySpan

from storyline.analyze.document import doc_index
from storyline.analyze.events.lexicon import Lexicon

# The COERCE modes that carry the context of the same name (the manual's Table 3.10).
MODE_CONTEXTS = {"cyber": "cyber", "misinformation": "misinformation"}


def quad(kind: str, lex: Lexicon) -> str | None:
    """The quad class of a PLOVER type."""
    return lex.quads.get(kind)


def intensity(kind: str, mode: str | None, lex: Lexicon) -> float | None:
    """The PLOVER score of a type and mode, from -10 (conflict) to +10 (cooperation)."""
    return lex.intensities.get((kind, mode), lex.intensities.get((kind, None)))


def contexts(named: frozenset[str], mode: str | None, lex: Lexicon) -> tuple[str, ...]:
    """The manual's general contexts of an event: those its sentence names (``named``, from
    ``named_contexts``) and its mode's, in the manual's order."""
    found = named | {MODE_CONTEXTS[mode]} if mode in MODE_CONTEXTS else named
    return tuple(name for name in lex.contexts if name in found)


def named_contexts(sent: SpacySpan, lex: Lexicon) -> frozenset[str]:
    """The contexts whose words or phrases the sentence holds, as words or as lemmas.

    Read once per sentence, since every event of the sentence shares them.
    """
    index = doc_index(sent.doc)
    words = index.column(LOWER)[sent.start : sent.end]
    lemmas = [w.lower() for w in index.column(LEMMA)[sent.start : sent.end]]
    # Space-joined, so a phrase is a substring search; tokens hold no single spaces.
    by_word = {name for word in {*words, *lemmas} for name in lex.context_words.get(word, ())}
    joined = (f" {' '.join(words)} ", f" {' '.join(lemmas)} ")
    # A phrase can be found only where its first word stands between two spaces, so only
    # the phrases of the words between spaces are searched for.
    firsts = {*joined[0].split(" "), *joined[1].split(" ")}
    by_phrase = {
        name
        for word in firsts
        for name, phrase in lex.context_phrases.get(word, ())
        if phrase in joined[0] or phrase in joined[1]
    }
    return frozenset(by_word | by_phrase)
