"""What the PLOVER manual attaches to a coded event: quad class, intensity and contexts.

The quad class (verbal or material, cooperation or conflict) and the
conflict–cooperation score follow from the type and mode alone, by the
manual's tables (the data file names which). Contexts are the manual's general
contexts named by the words of the event's sentence: the manual leaves their
coding to each coder, and a word list keeps this one plain and checkable.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from storyline.analyze.events.lexicon import Lexicon

# The COERCE modes that carry the context of the same name (the manual's Table 3.10).
MODE_CONTEXTS = {"cyber": "cyber", "misinformation": "misinformation"}


def quad(kind: str, lex: Lexicon) -> str | None:
    """The quad class of a PLOVER type."""
    return lex.quads.get(kind)


def intensity(kind: str, mode: str | None, lex: Lexicon) -> float | None:
    """The PLOVER score of a type and mode, from -10 (conflict) to +10 (cooperation)."""
    return lex.intensities.get((kind, mode), lex.intensities.get((kind, None)))


def contexts(sent: SpacySpan, mode: str | None, lex: Lexicon) -> tuple[str, ...]:
    """The manual's general contexts the sentence names, in the manual's order."""
    words = [t.lower_ for t in sent]
    lemmas = [t.lemma_.lower() for t in sent]
    found = {MODE_CONTEXTS[mode]} if mode in MODE_CONTEXTS else set()
    for name, phrases in lex.contexts.items():
        if any(_has(words, p) or _has(lemmas, p) for p in phrases):
            found.add(name)
    return tuple(name for name in lex.contexts if name in found)


def _has(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    if n == 1:
        return phrase[0] in words
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))
