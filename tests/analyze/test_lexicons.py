"""The word lists more than one stage reads are one list each."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.analyze.entities import entities
from storyline.analyze.events.lexicon import load as events_lexicon
from storyline.analyze.lexicons import DOUBLE_QUOTATION_MARKS, QUOTATION_MARKS, reporting_verbs
from storyline.analyze.quotes.cues import lexicon as cue_lexicon


def test_one_list_of_reporting_verbs() -> None:
    cues = cue_lexicon()
    assert events_lexicon().speech_verbs == reporting_verbs() == cues.speech | cues.thought
    assert {"say", "warn", "believe", "tweet"} <= reporting_verbs()


def test_quotation_marks() -> None:
    assert set("“”„«»‘’‚‹›\"'") == QUOTATION_MARKS - {"`"}
    assert set('“”„«»"') == DOUBLE_QUOTATION_MARKS


@pytest.mark.parametrize(
    ("said", "confidence"),
    [
        # Outside a quote, the subject of the reported clause is its reporter.
        ("Ana Ruiz said she is wrong.", 0.85),
        # Inside one, it is not: the resolver reads the passages the quotes
        # stage's finder gives, single marks as well as double.
        ("Ana Ruiz said: “She is wrong.”", 0.5),
        ("Ana Ruiz said: 'She is wrong.'", 0.5),
    ],
)
def test_pronoun_resolver_reads_the_quoted_passages(
    nlp: Language, said: str, confidence: float
) -> None:
    doc = nlp("Mona Ekberg called on Monday. " + said)
    she = next(m for e in entities(doc) for m in e.mentions if m.text.lower() == "she")
    assert she.confidence == confidence
