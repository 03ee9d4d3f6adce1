"""The shared spaCy pipeline: tokenizer and sentence rules storyline adds."""

from __future__ import annotations

import pytest
from spacy.language import Language


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ('"We will rebuild." ―Tobias Wren', "―"),
        ('"We will rebuild." --Tobias Wren', "--"),
        ("said Lt. Cmdr. Ramon Dizon of the coast guard", "Lt."),
        ("said Lt. Cmdr. Ramon Dizon of the coast guard", "Cmdr."),
        ("Sgt. Ana Ruiz and Capt. Ivo Marek arrived", "Capt."),
    ],
)
def test_dashes_and_titles_are_tokens_of_their_own(nlp: Language, text: str, token: str) -> None:
    assert token in [t.text for t in nlp.tokenizer(text)]


def test_a_title_abbreviation_does_not_end_the_sentence(nlp: Language) -> None:
    doc = nlp("Rescue crews searched all night, said Lt. Cmdr. Ramon Dizon of the coast guard.")
    assert len(list(doc.sents)) == 1


def test_a_paragraph_break_ends_a_sentence(nlp: Language) -> None:
    doc = nlp('"We will win," she said\n\nThe vote is on Monday.')
    assert [s.text.strip() for s in doc.sents][-1] == "The vote is on Monday."
