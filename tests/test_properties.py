"""Property tests: decoding, cleaning and the whole ``analyze_text`` on generated text
(each analysis stage on its own: ``tests/analyze/test_properties.py``).

Generated text mixes words, sentences and quotation marks (nested, unbalanced), with
control characters, right-to-left script, emoji and combining marks. The properties:
no exception but a clear ``InputError``; every span (any object in the record with
``start``, ``end`` and ``text``) lies inside the text and is ``text[start:end]``; the
same input twice gives the same record.

The seed is fixed and the example counts are bounded for CI. A longer run raises them:

    STORYLINE_PROPERTY_EXAMPLES=2000 python -m pytest tests/test_properties.py

(``analyze_text`` runs a tenth of that number, since each example parses with spaCy.)
"""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from storyline.errors import InputError
from storyline.extract.clean import remove_residue, split_paragraphs
from storyline.extract.decode import decode
from storyline.extract.hygiene import scrub
from storyline.models import to_dict
from storyline.pipeline import analyze_text
from tests.strategies import ARTICLE, FAST, SLOW, spans

ALLOWED_CONTROLS = {"\t", "\n"}


@FAST
@given(st.binary(max_size=300))
def test_decoding_any_bytes_gives_text_or_a_clear_error(data: bytes) -> None:
    try:
        text, encoding = decode(data)
    except InputError:
        return
    assert isinstance(text, str) and encoding


@FAST
@given(st.text(max_size=300) | ARTICLE)
def test_scrubbed_text_is_clean_nfc_and_stable(text: str) -> None:
    clean, removed = scrub(text)
    assert unicodedata.is_normalized("NFC", clean)
    assert not any(unicodedata.category(c) == "Cc" and c not in ALLOWED_CONTROLS for c in clean)
    assert not any(c in clean for c in "\u200b\u200c\u202a\u202b\u202c\u202d\u202e\ufeff")
    assert scrub(clean) == (clean, [])
    assert all(r.text for r in removed)


@FAST
@given(ARTICLE)
def test_cleaning_keeps_or_reports_every_line(text: str) -> None:
    lines = split_paragraphs(scrub(text)[0])
    kept, removed = remove_residue(lines)
    gone = {r.text for r in removed}
    assert all(line in kept or line.strip() in gone or line in gone for line in lines)
    assert all(line in lines for line in kept)


@SLOW
@given(ARTICLE)
def test_analyze_gives_a_record_whose_spans_are_the_text(text: str) -> None:
    try:
        record = analyze_text(text)
    except InputError:
        return
    data = to_dict(record)
    body = data["text"]
    for span in spans(data):
        assert 0 <= span["start"] <= span["end"] <= len(body), span
        assert body[span["start"] : span["end"]] == span["text"], span
    assert to_dict(analyze_text(text)) == data
