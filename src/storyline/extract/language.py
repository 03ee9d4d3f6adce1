"""A small stop-word language guesser, so non-English text is reported honestly.

It only has to tell English from the languages news most often arrives in;
the stop-word lists are the commonest function words of each language.
"""

from __future__ import annotations

import re
from collections import Counter

_STOPWORDS = {
    "en": "the of and to in a is that for it on was with as by he said at from his be have are an",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch",
    "fr": "le la les de des et en un une du est que pour dans qui sur au par pas plus ne se",
    "es": "el la de que y en los del se las por un para con una su al lo como más pero",
    "it": "il di che la e in un per è del della non una sono le al si con da gli",
    "pt": "de que e o a do da em um para com não uma os no se na por mais as dos",
    "nl": "de en van het een in is dat op te zijn met voor niet aan er die ook als",
    "ru": "и в не на что с по он как это к из но за то от о все так его",
    "uk": "і в не на що з до як це та за від його але про й ми було",
    "pl": "i w nie na z się że do to jest o jak po a od za co ale przez",
    "tr": "ve bir bu da için de ile ne çok olarak daha gibi en sonra ama",
}
_SETS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_ANY_STOPWORD = frozenset().union(*_SETS.values())
_WORD = re.compile(r"[^\W\d_]+")
# Scripts that name their language outright; kana or hangul beside Han characters
# make the text Japanese or Korean, so those come before Han.
_SCRIPTS = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
)
_SCRIPT_SHARE = 0.2  # of the letters, for a script to name the language
_ANY_SCRIPT = re.compile("|".join(script.pattern for _, script in _SCRIPTS))


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the likeliest language, or None when too little text."""
    sample = text[:20000]
    found = _WORD.findall(sample)
    if _ANY_SCRIPT.search(sample) and (letters := sum(map(len, found))):
        for lang, script in _SCRIPTS:
            if len(script.findall(sample)) / letters >= _SCRIPT_SHARE:
                return lang
    if len(found) < 5:
        return None
    words = " ".join(found).lower().split(" ")  # words hold no spaces
    # Only stop words are counted, and a language's score reads those the text has.
    counts = Counter(filter(_ANY_STOPWORD.__contains__, words))
    scores = {
        lang: sum(map(counts.__getitem__, counts.keys() & stop)) for lang, stop in _SETS.items()
    }
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    return lang if best / len(words) >= 0.05 else None
