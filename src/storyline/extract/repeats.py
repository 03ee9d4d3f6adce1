"""Repeated paragraphs: exact and near repeats of earlier text.

Scraped pages often end with a tail that restates the article: the same
paragraphs with a clause dropped, punctuation changed, or two paragraphs
merged. A paragraph is a repeat when most of its word trigrams already appear
in the paragraphs kept before it — unless it adds a fact: a number or a name
that the earlier text does not have. Such a paragraph stays, and so does a
repeat that the next paragraph refers back to with a pronoun.
"""

from __future__ import annotations

import re
from collections import Counter

from storyline.models import Repeat

_WORD = re.compile(r"\w+(?:[.,']\w+)*")
_NUMBER = re.compile(r"\d[\d,.]*%?")
# A capitalised word that is not the first word of a sentence.
_NAME = re.compile(r"(?<![.!?:\"“]\s)(?<!^)\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*\b")
# Short lines (list items, sub-headings, table cells) legitimately recur in
# structured pages; only paragraphs of running text count as repeats.
_MIN_WORDS = 10
# A paragraph that opens with a pronoun leans on the one before it for its
# antecedent: removing that one as a repeat would hand "She" to someone else.
_LEANS_BACK = re.compile(r"[\"“‘']?(?:He|She|They|His|Her|Their)\b")


def _trigrams(words: list[str]) -> list[tuple[str, ...]]:
    if len(words) < 3:
        return [tuple(words)] if words else []
    return list(zip(words, words[1:], words[2:], strict=False))


def _words(text: str) -> list[str]:
    # Lower-cased together: one call instead of one a word (words hold no spaces).
    words = _WORD.findall(text)
    return " ".join(words).lower().split(" ") if words else []


# A capitalised word anywhere, sentence openers included: what the earlier text names.
_CAPITALISED = re.compile(r"\b[A-Z]\w+")


class _Earlier:
    """The numbers and names of the kept paragraphs read as one text, joined by line
    breaks; learnt as candidate repeats ask, once each, so the cost stays linear."""

    def __init__(self, paragraphs: list[str]) -> None:
        self.paragraphs = paragraphs
        self.numbers: set[str] = set()
        self.names: set[str] = set()
        self.read = 0  # kept paragraphs learnt
        self.tail = ""  # the last character of the text learnt

    def new_facts(self, paragraph: str, kept: list[int]) -> bool:
        """True if ``paragraph`` names a number or a name absent from the kept paragraphs."""
        for j in range(self.read, len(kept)):
            earlier = self.paragraphs[kept[j]]
            # After the line break that joins it, as names look two characters back.
            text = f"{self.tail}\n{earlier}" if j else earlier
            self.numbers |= {n.rstrip(".,") for n in _NUMBER.findall(earlier)}
            self.names |= set(_NAME.findall(text)) | set(_CAPITALISED.findall(text))
            self.tail = text[-1:]
        self.read = len(kept)
        if any(n.rstrip(".,") not in self.numbers for n in _NUMBER.findall(paragraph)):
            return True
        return any(n not in self.names for n in _NAME.findall(paragraph))


class _Holders:
    """The kept paragraphs holding each trigram, indexed only once a repeat asks which
    paragraph it repeats: most texts have no repeat, and the index of every trigram of
    every paragraph is most of the search's cost. Each kept paragraph is indexed once,
    so the cost stays linear."""

    def __init__(self) -> None:
        self.of: dict[tuple[str, ...], list[int]] = {}
        self.unread: list[list[tuple[str, ...]]] = []  # the trigrams of kept paragraphs
        self.read = 0  # kept paragraphs indexed

    def keep(self, grams: list[tuple[str, ...]]) -> None:
        self.unread.append(grams)

    def most_held(self, covered: list[tuple[str, ...]]) -> int:
        """The kept paragraph holding most of the ``covered`` trigrams; the first on a tie."""
        for grams in self.unread:
            for gram in set(grams):
                self.of.setdefault(gram, []).append(self.read)
            self.read += 1
        self.unread.clear()
        votes = Counter(k for g in covered for k in self.of[g])
        return votes.most_common(1)[0][0]


def find_repeats(paragraphs: list[str], threshold: float) -> tuple[list[int], list[Repeat]]:
    """Indices of the paragraphs to keep, and the repeats among the others.

    ``Repeat.of_paragraph`` indexes the kept list, so it points into the
    record's paragraphs.
    """
    kept: list[int] = []
    repeats: list[Repeat] = []
    seen: set[tuple[str, ...]] = set()  # every trigram of the kept paragraphs
    holders = _Holders()
    earlier = _Earlier(paragraphs)
    for i, paragraph in enumerate(paragraphs):
        words = _words(paragraph)
        grams = _trigrams(words)
        if len(words) >= _MIN_WORDS and grams:
            covered = [g for g in grams if g in seen]
            coverage = len(covered) / len(grams)
            leaned_on = i + 1 < len(paragraphs) and _LEANS_BACK.match(paragraphs[i + 1])
            if coverage >= threshold and not leaned_on and not earlier.new_facts(paragraph, kept):
                best = holders.most_held(covered)
                repeats.append(
                    Repeat(
                        text=paragraph,
                        of=paragraphs[kept[best]],
                        of_paragraph=best,
                        similarity=round(coverage, 3),
                    )
                )
                continue
        holders.keep(grams)
        seen.update(grams)
        kept.append(i)
    return kept, repeats
