"""Search terms for languages written without spaces: CJK runs as overlapping bigrams.

Chinese and Japanese put no space between words, so a word tokenizer sees a whole
sentence as one token and no word in it can be found. The usual remedy (Lucene's CJK
analyser does the same) is to index each run of CJK characters as its overlapping
character pairs, "地震发生" as "地震 震发 发生", and to search a word as the phrase of
its pairs: "地震" is the pair itself, "发生了" the phrase "发生 生了". A run of one
character is indexed as that character. A word that mixes scripts ("iPhone手机",
"2025年") is also indexed by its other parts, so each part can be searched.

Both backends index ``bigrams(title + text)`` beside the text and turn a query's CJK
words into phrases of pairs with ``terms``; other words are searched as before.
"""

from __future__ import annotations

import re

from storyline.extract.hygiene import CONTROL  # no stored text holds one; a NUL cuts a query
from storyline.extract.text import NO_SPACES

# Han (with extensions A and the compatibility block), kana and the iteration and
# prolonged-sound marks (the scripts written without spaces), and Hangul syllables.
_CJK = NO_SPACES + "\uac00-\ud7af"
_HAS_CJK = re.compile(f"[{_CJK}]")
_WORD = re.compile(r"\w+")
_PARTS = re.compile(f"[{_CJK}]+|[^{_CJK}]+")


def _pairs(run: str) -> str:
    return " ".join(run[i : i + 2] for i in range(max(len(run) - 1, 1)))


def _split(word: str) -> list[str]:
    """A word holding CJK as its parts: each CJK run as its pairs, other parts as they are."""
    return [_pairs(p) if _HAS_CJK.match(p) else p for p in _PARTS.findall(word)]


def bigrams(text: str) -> str:
    """What is indexed for the CJK words of ``text``: their pairs, "" when it has none."""
    if not _HAS_CJK.search(text):
        return ""
    return " ".join(
        part for word in _WORD.findall(text) if _HAS_CJK.search(word) for part in _split(word)
    )


def terms(text: str) -> tuple[list[str], list[str]]:
    """A query's words without CJK, and the phrases of pairs that stand for its CJK words."""
    plain: list[str] = []
    phrases: list[str] = []
    for word in CONTROL.sub(" ", text).split():
        if not _HAS_CJK.search(word):
            plain.append(word)
            continue
        for part in _PARTS.findall(word):
            if _HAS_CJK.match(part):
                phrases.append(_pairs(part))
            else:
                plain.extend(_WORD.findall(part))
    return plain, phrases
