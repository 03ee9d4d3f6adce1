"""Who said what, on passages written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.analyze.entities import entities
from storyline.analyze.quotes import quotes
from storyline.models import Quote, Record


def run(nlp: Language, text: str) -> tuple[Quote, ...]:
    doc = nlp(text)
    return quotes(doc, entities(doc))


def speaker(q: Quote) -> str:
    return q.speaker_name or ""


def only(found: tuple[Quote, ...], kind: str) -> list[Quote]:
    return [q for q in found if q.kind == kind]


@pytest.mark.parametrize(
    "text",
    [
        'Mayor Maria Lopez said: "The bridge will open in May."',
        "“The bridge will open in May,” Mayor Maria Lopez said.",
        "«The bridge will open in May», said Mayor Maria Lopez.",
        "'The bridge will open in May,' Mayor Maria Lopez said.",
        "‘The bridge will open in May,’ Mayor Maria Lopez said.",
        "Mayor Maria Lopez said: „The bridge will open in May.“",
        "''The bridge will open in May,'' Mayor Maria Lopez said.",
    ],
)
def test_every_quotation_style(nlp: Language, text: str) -> None:
    (quote,) = only(run(nlp, text), "direct")
    assert quote.text.rstrip(".,") == "The bridge will open in May"
    assert "Lopez" in speaker(quote)
    assert quote.speaker is not None
    assert quote.cue is not None and quote.cue.text in ("said", "said:")
    assert text[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    ("text", "quoted", "name"),
    [
        # Speaker after, before, in the middle.
        ("“We have waited long enough,” Maria Lopez said.", ["We have waited"], "Lopez"),
        ("Maria Lopez said, “We have waited long enough.”", ["We have waited"], "Lopez"),
        (
            "“We have waited long enough,” said Maria Lopez, “and the city is ready.”",
            ["We have waited", "and the city"],
            "Lopez",
        ),
        # After a colon, and a colon closing the previous paragraph.
        ("Maria Lopez was blunt: “We have waited long enough.”", ["We have waited"], "Lopez"),
        ("Maria Lopez told the council:\n\n“We have waited long enough.”", ["We have"], "Lopez"),
        # Speaker in the previous sentence or paragraph.
        (
            "“We have waited long enough,” Maria Lopez said. “The city is ready.”",
            ["We have waited", "The city is ready"],
            "Lopez",
        ),
        (
            "Maria Lopez said the bridge would open in May.\n\n“The city is ready.”",
            ["The city is ready"],
            "Lopez",
        ),
        # The sentence before a bare quote names the speaker.
        ("Maria Lopez agreed. “The city is ready for it.”", ["The city is ready"], "Lopez"),
        # A finished quoted sentence does not take the next sentence's speaker.
        (
            "“We are ready,” Maria Lopez said. “We waited long enough.” Tom Hale said: “No.”",
            ["We are ready", "We waited", "No"],
            "",
        ),
        # A short reporting clause after a quoted full stop.
        ("“The city is ready for it.” Maria Lopez said.", ["The city is ready"], "Lopez"),
        # A colon closing a clause: the verb at the colon reports.
        (
            "Tom Hale praised the plan, to which Maria Lopez replied: “It is not enough.”",
            ["It is not enough"],
            "Lopez",
        ),
        # A credit line under the quote.
        (
            "Tom Hale spoke first.\n\n“The city is ready for it.”\n\n— Maria Lopez, mayor.",
            ["The city is ready"],
            "Lopez",
        ),
        # A pronoun speaker.
        (
            "Maria Lopez, the city's mayor, opened the bridge on Monday.\n\n"
            "“It took ten years,” she said.",
            ["It took ten years"],
            "Lopez",
        ),
        # News style: the mark reopens on each paragraph and closes on the last.
        (
            "Maria Lopez said: “We will finish the bridge.\n\n“Nobody will stop us.”",
            ["We will finish the bridge.\n\n“Nobody will stop us."],
            "Lopez",
        ),
        # A nested quote stays in its outer quote.
        (
            "“They told me ‘it cannot be done,’ and I did it,” Maria Lopez said.",
            ["They told me ‘it cannot be done,’ and I did it"],
            "Lopez",
        ),
    ],
)
def test_direct_quote_speakers(nlp: Language, text: str, quoted: list[str], name: str) -> None:
    direct = only(run(nlp, text), "direct")
    assert len(direct) == len(quoted)
    for quote, start in zip(direct, quoted, strict=True):
        assert quote.text.startswith(start)
        assert name in speaker(quote), quote


def test_pronoun_fallback_skips_the_other_gender(nlp: Language) -> None:
    text = (
        "Governor Anna Berg met Mr. Tom Hale on Monday. He praised her budget.\n\n"
        "“It is the best plan in years,” she said."
    )
    (quote,) = only(run(nlp, text), "direct")
    assert "Berg" in speaker(quote)


def test_next_speaker_after_a_finished_quote(nlp: Language) -> None:
    text = "“We are ready,” Maria Lopez said. “We waited long enough.” Tom Hale said: “No.”"
    names = [speaker(q) for q in only(run(nlp, text), "direct")]
    assert ["Lopez" in n for n in names] == [True, True, False]
    assert "Hale" in names[2]


def test_source_phrase_keeps_its_apposition(nlp: Language) -> None:
    text = "“We are ready,” Tom Hale, the union leader, said on Monday."
    (quote,) = only(run(nlp, text), "direct")
    assert quote.speaker_text is not None
    assert quote.speaker_text.text == "Tom Hale, the union leader,"
    assert quote.speaker_role == "union leader"
    assert "Hale" in speaker(quote)


def test_pronoun_speaker_prefers_the_subject(nlp: Language) -> None:
    text = (
        "Governor Anna Berg will meet Tom Hale, whom she described as "
        "“a tireless builder”, on Friday."
    )
    (quote,) = only(run(nlp, text), "partial")
    assert quote.text == "a tireless builder"
    assert "Berg" in speaker(quote)
    assert quote.speaker_text is not None and quote.speaker_text.text == "she"


@pytest.mark.parametrize(
    ("text", "content", "cue", "name"),
    [
        (
            "Maria Lopez said that the bridge would open in May.",
            "that the bridge would open in May",
            "said",
            "Lopez",
        ),
        (
            "Maria Lopez said the bridge would open in May.",
            "the bridge would open in May",
            "said",
            "Lopez",
        ),
        (
            "Maria Lopez told reporters that the bridge would open in May.",
            "that the bridge would open in May",
            "told",
            "Lopez",
        ),
        (
            "Maria Lopez urged residents to stay away from the river.",
            "residents to stay away from the river",
            "urged",
            "Lopez",
        ),
        (
            "Maria Lopez emphasized that the work was safe.",
            "that the work was safe",
            "emphasized",
            "Lopez",
        ),
        (
            "Maria Lopez has confirmed that the bridge passed its inspection.",
            "that the bridge passed its inspection",
            "has confirmed",
            "Lopez",
        ),
        (
            "Maria Lopez expressed hope for a quick end to the strike.",
            "a quick end to the strike",
            "expressed hope for",
            "Lopez",
        ),
        (
            "According to Maria Lopez, the bridge will open in May.",
            "the bridge will open in May",
            "According to",
            "Lopez",
        ),
        (
            "The bridge will open in May, according to the city council.",
            "The bridge will open in May",
            "according to",
            "city council",
        ),
        (
            "The mayor's spokesman said the bridge would open in May.",
            "the bridge would open in May",
            "said",
            "spokesman",
        ),
        (
            "Maria Lopez's claim that the bridge was unsafe surprised the council.",
            "that the bridge was unsafe",
            "claim",
            "Lopez",
        ),
        (
            "Maria Lopez said the company had offered a rise of 4%.",
            "the company had offered a rise of 4%",  # the sign is the figure's, not punctuation
            "said",
            "Lopez",
        ),
        (
            "Maria Lopez welcomed the decision but warned that the work was not over.",
            "that the work was not over",
            "warned",
            "Lopez",
        ),
    ],
)
def test_indirect_speech(nlp: Language, text: str, content: str, cue: str, name: str) -> None:
    found = [q for q in run(nlp, text) if q.text == content]
    assert found, run(nlp, text)
    quote = found[0]
    assert quote.kind == "indirect"
    assert quote.cue is not None and quote.cue.text == cue
    assert name in speaker(quote) or (
        quote.speaker_text is not None and name in quote.speaker_text.text
    )


@pytest.mark.parametrize(
    ("text", "kind", "quoted", "cue"),
    [
        # a headline-style "Name: statement" line
        (
            "Maria Lopez: The bridge will open in May.\n\nWork began in 2019.",
            "indirect",
            "The bridge will open in May",
            ":",
        ),
        # a partial quote inside a reporting sentence
        ("Maria Lopez described the delays as “a disgrace”.", "partial", "a disgrace", "described"),
    ],
)
def test_one_quote_with_its_kind_and_cue(
    nlp: Language, text: str, kind: str, quoted: str, cue: str
) -> None:
    (quote,) = run(nlp, text)
    assert (quote.kind, quote.text, quote.cue and quote.cue.text) == (kind, quoted, cue)
    assert "Lopez" in speaker(quote)


def test_quoted_words_in_reported_speech_make_a_mixed_quote(nlp: Language) -> None:
    text = "Maria Lopez said the delays were “a disgrace”."
    (quote,) = [q for q in run(nlp, text) if "disgrace" in q.text]
    assert quote.kind == "mixed"
    assert quote.text == "the delays were “a disgrace”"


def test_scare_quotes_are_not_quotes(nlp: Language) -> None:
    assert run(nlp, "The so-called “smart bridge” opened to traffic on Monday.") == ()


def test_ids_follow_the_text_and_roles_come_from_the_phrase(nlp: Language) -> None:
    text = (
        "City engineer Maria Lopez said the bridge was safe. "
        "“We tested every cable,” she said. Tom Hale, a union leader, said the workers agreed."
    )
    found = run(nlp, text)
    assert [q.id for q in found] == [f"Q{n}" for n in range(1, len(found) + 1)]
    assert [q.start for q in found] == sorted(q.start for q in found)
    assert found[0].speaker_role == "City engineer"
    assert found[-1].speaker_role == "union leader"


@pytest.mark.parametrize(
    "text",
    [
        "“We will finish the bridge, Maria Lopez said.\n\nThe council met on Monday.",
        "Maria Lopez said ” nothing “ at all.",
        "“\n\n”",
        "“One.\n\n“Two.\n\n“Three,” she said.",
        "''",
        '"She said "yes" and "no"," he said.',
        "He said: «",
    ],
)
def test_unbalanced_marks_never_crash(nlp: Language, text: str) -> None:
    for quote in run(nlp, text):
        assert text[quote.start : quote.end] == quote.text
        assert 0.0 <= quote.confidence <= 1.0


# --- the seed article (skips when ../shared/data is absent) ------------------------


def _seed_quote(record: Record, start: str, kind: str | None = None) -> Quote:
    found = [
        q for q in record.quotes if q.text.startswith(start) and (kind is None or q.kind == kind)
    ]
    assert found, [(q.kind, q.text[:40]) for q in record.quotes]
    return found[0]


@pytest.mark.parametrize(
    ("start", "name"),
    [
        ("We welcome their release", "Tsikhanouskaya"),  # introduced by "she said"
        ("Our mission is to get them all out", "Coale"),
        ("Eventually, hopefully", "Coale"),
        ("If Donald insists", "Lukashenko"),
    ],
)
def test_seed_direct_quotes_have_their_speakers(seed_record: Record, start: str, name: str) -> None:
    quote = _seed_quote(seed_record, start, "direct")
    entity = seed_record.entity(quote.speaker)
    assert entity is not None and name in entity.name


def test_seed_every_direct_quote_has_a_speaker(seed_record: Record) -> None:
    direct = [q for q in seed_record.quotes if q.kind == "direct"]
    assert len(direct) >= 4
    assert all(seed_record.entity(q.speaker) is not None for q in direct)


@pytest.mark.parametrize("text", ["hostages", "very respected man, strong person, strong leader"])
def test_seed_partial_quotes_are_trumps(seed_record: Record, text: str) -> None:
    found = [q for q in seed_record.quotes if q.text == text]
    assert found
    for quote in found:
        assert quote.kind == "partial"
        entity = seed_record.entity(quote.speaker)
        assert entity is not None and "Trump" in entity.name


@pytest.mark.parametrize(
    ("words", "name"),
    [
        ("safely crossed into Lithuania", "Nauseda"),
        ("did not signal a real change of policy", "Tsikhanouskaya"),
    ],
)
def test_seed_reported_statements_are_indirect(seed_record: Record, words: str, name: str) -> None:
    (quote,) = [q for q in seed_record.quotes if words in q.text]
    assert quote.kind == "indirect"
    entity = seed_record.entity(quote.speaker)
    assert entity is not None and name in entity.name
    assert quote.cue is not None
