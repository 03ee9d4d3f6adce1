"""The per-document index: the token selections the stages read instead of every token."""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.strings import get_string_id

from storyline.analyze.document import doc_index
from storyline.analyze.figures.numbers import number_starts

TEXT = "Officials said on Monday that 1,500 dockers, a third of them women, struck in 2024."


def test_tokens_are_selected_by_part_of_speech_tag_and_form(nlp: Language) -> None:
    doc = nlp(TEXT)
    index = doc_index(doc)
    verbs = index.tokens_where(("VERB",), tag_prefixes=("VB",))
    assert [doc[i].text for i in verbs] == ["said", "struck"]
    assert [doc[i].text for i in index.tokens_where(lower=("monday", "that"))] == [
        "Monday",
        "that",
    ]
    words = index.tokens_where(("NOUN",), words_only=True, within=doc[0:9])
    assert [doc[i].text for i in words] == ["Officials", "dockers"]
    assert index.tokens_where(("VERB",)) is index.tokens_where(("VERB",))  # kept, not redone


def test_tokens_are_found_by_their_first_character(nlp: Language) -> None:
    doc = nlp(TEXT)
    index = doc_index(doc)
    assert index.token_starting_at(TEXT.index("Monday")) == 3
    assert index.token_starting_at(TEXT.index("Monday") + 1) is None
    assert index.alphabetic(doc[0:6]) == 5


def test_numbers_are_read_only_where_one_may_start(nlp: Language) -> None:
    doc = nlp(TEXT)
    assert [doc[i].text for i in number_starts(doc)] == ["1,500", "a", "third", "2024"]


def test_the_text_given_is_kept_only_when_it_fits_the_tokens(nlp: Language) -> None:
    doc = nlp(TEXT)
    assert doc_index(doc, TEXT[:-1]).text == TEXT  # one character short: rebuilt from the doc
    again = nlp(TEXT)
    assert doc_index(again, TEXT).text == TEXT


def test_tokens_are_found_by_spelling_whatever_their_hashes(nlp: Language) -> None:
    doc = nlp(TEXT)
    index = doc_index(doc)
    # String hashes are unsigned 64-bit: mixed with ones below 2**63, they must not be
    # compared as floats.
    lowers = index.column(LOWER)
    high = [w for w in lowers if get_string_id(w) >= 2**63]
    low = [w for w in lowers if get_string_id(w) < 2**63]
    assert high and low
    words = [high[0], low[0], "unseen"]
    assert index.spelling(words) == [i for i, w in enumerate(lowers) if w in words]
    assert index.spelling(["Monday", "monday"], lower=False) == [3]
    assert index.spelling([]) == []
    assert index.strings([0, 3], LEMMA) == ["official", "Monday"]
