"""analyze(): one article in, one record out, every offset pointing at its text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from spacy.language import Language

from storyline import Failure, Record, analyze, analyze_many, analyze_text
from storyline import nlp as storyline_nlp
from storyline.cli import sample_path
from storyline.errors import BinaryInputError, TooLargeError
from storyline.models import RawDocument
from storyline.settings import Settings

GERMAN = (
    "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke für den Schwerverkehr zu sperren. "
    "Die Ingenieure hatten bei einer Prüfung im vergangenen Monat Risse in zwei Pfeilern gefunden, "
    "und die Reparatur wird nach Angaben der Stadt rund 4,5 Millionen Euro kosten."
)


@pytest.fixture(scope="module")
def records() -> list[Record]:
    samples = [sample_path(), sample_path().with_name("harbour-strike.html")]
    return [analyze(path) for path in samples]


def _spans(record: Record) -> Iterator[tuple[str, int, int, str]]:
    for p in record.paragraphs:
        yield "paragraph", p.start, p.end, record.text[p.start : p.end]
    for e in record.entities:
        for m in e.mentions:
            yield f"mention of {e.name}", m.start, m.end, m.text
        for r in e.roles:
            yield f"role of {e.name}", r.start, r.end, r.text
    for q in record.quotes:
        yield f"quote {q.id}", q.start, q.end, q.text
        for span in (q.cue, q.speaker_text):
            if span:
                yield f"quote {q.id} span", span.start, span.end, span.text
    for f in record.figures:
        yield f"figure {f.id}", f.start, f.end, f.text
    for t in record.times:
        yield "time", t.start, t.end, t.text
    for ev in record.events:
        yield f"event {ev.id}", ev.trigger.start, ev.trigger.end, ev.trigger.text
        for a in (*ev.sources, *ev.targets):
            yield f"actor of {ev.id}", a.start, a.end, a.text
    for s in record.summary:
        yield "summary", s.start, s.end, s.text


def test_every_offset_points_at_its_text(records: list[Record]) -> None:
    for record in records:
        for what, start, end, text in _spans(record):
            assert 0 <= start <= end <= len(record.text), what
            assert record.text[start:end] == text, what


def test_text_sample_record(records: list[Record]) -> None:
    record = records[0]
    assert record.metadata.title == "Chile frees 31 detained fishermen after Peruvian talks"
    assert not record.text.startswith(record.metadata.title)
    assert record.summary and record.summary[0].text.startswith("Chile has released 31")
    assert Record.from_dict(record.to_dict()) == record


def test_analyze_is_deterministic() -> None:
    assert analyze(sample_path()) == analyze(sample_path())


def test_other_languages_are_reported_not_analysed() -> None:
    record = analyze_text("Brücke gesperrt\n\n" + GERMAN)
    assert record.metadata.language == "de"
    assert record.entities == () and record.quotes == () and record.events == ()
    assert any("not supported" in w for w in record.warnings)


def test_batch_reports_a_broken_document_and_goes_on() -> None:
    good = RawDocument(sample_path().read_bytes(), "good")
    bad = RawDocument(b"\x00\x01" * 200, "bad")
    results = list(analyze_many([good, bad, good]))
    assert [type(r) for r in results] == [Record, Failure, Record]
    failure = results[1]
    assert isinstance(failure, Failure) and isinstance(failure.error, BinaryInputError)
    assert failure.source == "bad"


def test_a_long_text_is_parsed_in_pieces_with_the_same_record(
    records: list[Record], nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The sample (2,023 characters) in pieces of at most 600: cut at paragraph breaks, the
    # record is the one the whole text gives, every offset included.
    monkeypatch.setattr(storyline_nlp, "PIECE", 600)
    assert analyze(sample_path()) == records[0]


def test_a_text_over_max_chars_is_refused_in_one_line_before_cleaning() -> None:
    # The sample is 2,652 characters as read, 2,023 once cleaned: a plain text is measured
    # as read, before any cleaning.
    message = r"^the text is 2,652 characters, over the limit of 2,651 \(setting max_chars\)$"
    with pytest.raises(TooLargeError, match=message):
        analyze(sample_path(), Settings(max_chars=2651))
    (failure,) = analyze_many([sample_path()], Settings(max_chars=2651))
    assert isinstance(failure, Failure)
    assert isinstance(failure.error, TooLargeError)
