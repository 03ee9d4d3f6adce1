"""Property tests for each analysis stage on generated news-like text.

Each stage runs on its own (entities, figures and time expressions, quotes, events) on a
parsed document, as the pipeline runs it, so a failure names the stage. The properties: no
exception; every span the stage gives lies inside the text and is ``text[start:end]``; the
facts come in text order (the order the record promises: mentions, quotes, figures, time
expressions, events and the summary by start offset); the same text twice gives the same
facts. Settings and the longer run: see ``tests/strategies.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hypothesis import given
from spacy.tokens import Doc

from storyline import nlp
from storyline.analyze.document import doc_index
from storyline.analyze.entities import entities as find_entities
from storyline.analyze.events import events as find_events
from storyline.analyze.figures import checks as find_checks
from storyline.analyze.figures import figures as find_figures
from storyline.analyze.quotes import quotes as find_quotes
from storyline.analyze.times import time_expressions
from storyline.errors import InputError
from storyline.extract.hygiene import scrub
from storyline.models import to_dict
from storyline.pipeline import analyze_text
from tests.strategies import FEW, HUGE, NEWS, SLOW, spans

DATE = "2025-03-04"


def _parse(text: str) -> Doc:
    doc = next(nlp.parse([scrub(text)[0]]))
    doc_index(doc)
    return doc


def _stages(text: str) -> dict[str, Any]:
    """Every stage's facts on ``text``, as dicts, in the pipeline's order."""
    doc = _parse(text)
    entities = find_entities(doc)
    times = time_expressions(doc, DATE)
    figures = find_figures(doc, entities, DATE, times)
    quotes = find_quotes(doc, entities)
    events = find_events(doc, entities, quotes, figures, times, DATE)
    return {
        "text": doc.text,
        "entities": [to_dict(e) for e in entities],
        "times": [to_dict(t) for t in times],
        "figures": [to_dict(f) for f in figures],
        "checks": [to_dict(c) for c in find_checks(figures, doc.text)],
        "quotes": [to_dict(q) for q in quotes],
        "events": [to_dict(e) for e in events],
    }


def _inside(text: str, facts: Sequence[dict[str, Any]]) -> None:
    for span in spans(list(facts)):
        assert 0 <= span["start"] <= span["end"] <= len(text), span
        assert text[span["start"] : span["end"]] == span["text"], span


def _ascending(starts: Sequence[int]) -> None:
    assert list(starts) == sorted(starts), starts


@SLOW
@given(NEWS)
def test_entities_are_spans_of_the_text_with_mentions_in_order(text: str) -> None:
    found = _stages(text)
    _inside(found["text"], found["entities"])
    for entity in found["entities"]:
        _ascending([m["start"] for m in entity["mentions"]])
        assert (
            entity["mentions"] == [] or entity["first_position"] <= entity["mentions"][0]["start"]
        )


@SLOW
@given(NEWS)
def test_figures_and_times_are_spans_of_the_text_in_order(text: str) -> None:
    found = _stages(text)
    _inside(found["text"], found["figures"] + found["times"])
    _ascending([f["start"] for f in found["figures"]])
    _ascending([t["start"] for t in found["times"]])
    ids = {f["id"] for f in found["figures"]}
    assert all(set(check["figures"]) <= ids for check in found["checks"])


@SLOW
@given(NEWS)
def test_quotes_are_spans_of_the_text_in_order_and_never_empty(text: str) -> None:
    found = _stages(text)
    _inside(found["text"], found["quotes"])
    _ascending([q["start"] for q in found["quotes"]])
    assert all(q["text"].strip() for q in found["quotes"])
    names = {e["id"] for e in found["entities"]}
    assert all(q["speaker"] is None or q["speaker"] in names for q in found["quotes"])


@SLOW
@given(NEWS)
def test_events_are_spans_of_the_text_in_order_inside_their_sentence(text: str) -> None:
    found = _stages(text)
    _inside(found["text"], found["events"])
    _ascending([e["trigger"]["start"] for e in found["events"]])
    quotes = {q["id"] for q in found["quotes"]}
    for event in found["events"]:
        sentence, trigger = event["sentence"], event["trigger"]
        assert sentence["start"] <= trigger["start"] <= trigger["end"] <= sentence["end"]
        assert event["quote"] is None or event["quote"] in quotes


@SLOW
@given(NEWS)
def test_each_stage_gives_the_same_facts_for_the_same_text(text: str) -> None:
    assert _stages(text) == _stages(text)


@SLOW
@given(NEWS)
def test_a_record_keeps_its_facts_in_text_order(text: str) -> None:
    _record_in_order(text)


@FEW
@given(HUGE)
def test_a_huge_paragraph_gives_a_record_in_text_order(text: str) -> None:
    _record_in_order(text)


def _record_in_order(text: str) -> None:
    try:
        data = to_dict(analyze_text(text))
    except InputError:
        return
    _inside(data["text"], [data])
    for key in ("paragraphs", "quotes", "figures", "times", "summary"):
        _ascending([item["start"] for item in data[key]])
    _ascending([e["trigger"]["start"] for e in data["events"]])
