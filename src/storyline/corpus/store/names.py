"""The key a name is indexed and looked up by, for linking entities across articles.

A name becomes its lower-case words, its apostrophes straight, a leading "the"
dropped, and the accents of Latin letters taken off: "José Núñez" and "Jose Nunez",
often written so in the same news, are one key. Letters of other scripts stay as
they are (a Japanese voicing mark makes another sound, not an accent).
"""

from __future__ import annotations

import functools
import re
import unicodedata

_WORD = re.compile(r"[\w'-]+")


def name_key(name: str) -> str:
    """``name`` as the names index keeps it: "The Seán O’Brien" -> "sean o'brien"."""
    words = _words(name)
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def rekeyed(key: str) -> str:
    """A key written before version 8 of the store (lower-case words, a leading "the"
    dropped already) without its accents, as ``name_key`` writes it now."""
    return " ".join(_words(key))


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():  # accents off before the case: "İ" is "I" with a dot
        text = "".join(map(_unaccented, text))
    return _WORD.findall(text.casefold().replace("’", "'"))


@functools.lru_cache(maxsize=4096)
def _unaccented(char: str) -> str:
    """A Latin letter without its accents ("é" -> "e"), any other character as it is."""
    base = unicodedata.normalize("NFD", char)[0]
    return base if base.isascii() and base.isalpha() else char
