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
        ("“We are ready,” Ana Ruiz said.", "We are ready", "Ana Ruiz", 0.99),
        # The clause after the quote outranks the sentence before it and the
        # previous quote's speaker, but the disagreement costs confidence.
        (
            "“We are ready,” Ana Ruiz said. “They are not,” Tom Baker said.",
            "They are not",
            "Tom Baker",
            0.83,
        ),
        # A bare quote: the previous quote's speaker, agreeing with the sentence before.
        ("“We are ready,” Ana Ruiz said.\n\n“They are not.”", "They are not", "Ana Ruiz", 0.88),
        # A bare quote after a sentence naming its subject.
        ("Tom Baker smiled.\n\n“They are not.”", "They are not", "Tom Baker", 0.82),
    ],
)
def test_speaker_and_confidence(
    nlp: Language, text: str, quoted: str, name: str, confidence: float
) -> None:
    doc = nlp(text)
    quote = next(q for q in quotes(doc, entities(doc)) if q.text.startswith(quoted))
    assert (quote.speaker_name, quote.confidence) == (name, confidence)


def test_a_reporting_clause_outranks_layout_and_context() -> None:
    WEIGHTS = table()[0]
    grammar = min(WEIGHTS["after"], WEIGHTS["before"])
    layout = max(WEIGHTS["sentence_subject"], WEIGHTS["points_back"])
    context = max(WEIGHTS["previous_quote"], WEIGHTS["turn"], WEIGHTS["last_attribution"])
    assert grammar > layout > context > WEIGHTS["next_sentence"] > 0
