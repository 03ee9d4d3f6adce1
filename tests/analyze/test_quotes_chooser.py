"""The speaker chooser: the best-scored way wins, its confidence from the margin
over the best way naming someone else, on passages written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.analyze.entities import entities
from storyline.analyze.quotes import quotes
from storyline.analyze.quotes.chooser import table


@pytest.mark.parametrize(
    ("text", "quoted", "name", "confidence"),
    [
        # One reporting clause and nobody else: as sure as the way itself.
        ("“We are ready,” Ana Ruiz said.", "We are ready", "Ana Ruiz", 1.0),
        # The clause after the quote outranks the sentence before it and the
        # previous quote's speaker, but the disagreement costs confidence.
        (
            "“We are ready,” Ana Ruiz said. “They are not,” Tom Baker said.",
            "They are not",
            "Tom Baker",
            0.92,
        ),
        # A bare quote: the previous quote's speaker, agreeing with the sentence before.
        ("“We are ready,” Ana Ruiz said.\n\n“They are not.”", "They are not", "Ana Ruiz", 0.77),
        # A bare quote after a sentence naming its subject.
        ("Tom Baker smiled.\n\n“They are not.”", "They are not", "Tom Baker", 0.46),
    ],
)
def test_speaker_and_confidence(
    nlp: Language, text: str, quoted: str, name: str, confidence: float
) -> None:
    doc = nlp(text)
    quote = next(q for q in quotes(doc, entities(doc)) if q.text.startswith(quoted))
    assert (quote.speaker_name, quote.confidence) == (name, confidence)


def test_a_reporting_clause_outranks_the_ways_that_only_guess() -> None:
    weights = table()[0]
    grammar = min(weights["after"], weights["before"])
    guesses = ("sentence_subject", "points_back", "previous_quote", "turn", "last_attribution")
    assert grammar > max(weights[w] for w in (*guesses, "next_sentence", "paragraph_before"))


def test_a_reading_that_names_someone_outranks_one_that_guesses() -> None:
    """A name or the pronoun resolver's answer before a description's reading,
    and any of them before the source left as written; a pronoun read as a
    person its own quote names comes last."""
    weights = table()[0]
    assert weights["named"] >= weights["pronoun"] > weights["description_role"]
    assert weights["description_role"] > weights["unresolved_name"] > weights["unresolved"]
    assert weights["pronoun_unresolved"] > weights["named_inside"]
