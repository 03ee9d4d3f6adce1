"""The shared spaCy pipeline: tokenizer and sentence rules storyline adds."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline import nlp as storyline_nlp
from storyline.nlp import parse, pieces


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


def test_pieces_are_cut_after_paragraph_breaks_and_join_back() -> None:
    text = "One two three.\n\nFour five six seven.\nEight nine.\n\nTen eleven twelve thirteen."
    parts = pieces(text, 30)
    assert parts == [
        "One two three.\n\n",
        "Four five six seven.\n",
        "Eight nine.\n\n",
        "Ten eleven twelve thirteen.",
    ]
    assert pieces(text, len(text)) == [text]
    # No line break in the window: the cut follows the last space; none: the window's end.
    assert pieces("alpha beta gamma", 12) == ["alpha beta ", "gamma"]
    assert pieces("abcdefgh", 3) == ["abc", "def", "gh"]


def test_a_long_text_parsed_in_pieces_keeps_its_text_and_sentences(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Ana Ruiz arrived in Lima on Monday.\n\nShe met officials from Peru.\n\nThe talks in Santiago ended late."
    monkeypatch.setattr(storyline_nlp, "PIECE", 40)  # three pieces, one a paragraph
    (doc,) = parse([text])
    assert doc.text == text
    assert [s.text.strip() for s in doc.sents] == [
        "Ana Ruiz arrived in Lima on Monday.",
        "She met officials from Peru.",
        "The talks in Santiago ended late.",
    ]
    assert [(e.text, e.label_, e.start_char) for e in doc.ents] == [
        ("Lima", "GPE", 20),
        ("Monday", "DATE", 28),
        ("Peru", "GPE", 60),
        ("Santiago", "GPE", 80),
    ]
