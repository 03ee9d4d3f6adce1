"""Speakers found from the context of a quote rather than its own reporting clause:
the sentence after it, the attribution before it, the exchange it is part of, a
description of the speaker, a credit line. Passages written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.analyze.entities import entities
from storyline.analyze.quotes import quotes
from storyline.models import Quote


def _direct(nlp: Language, text: str, quoted: str) -> Quote:
    doc = nlp(text)
    return next(q for q in quotes(doc, entities(doc)) if q.text.startswith(quoted))


# Passage, the first words of the quote, the speaker the context names.
NAMED = [
    # The sentence after the quote points back at it.
    (
        '"A ferry with no captain."\n\nThat was how harbour commissioner Lucia '
        "Ferrante described the port authority on Tuesday.",
        "A ferry",
        "Lucia Ferrante",
    ),
    (
        '"Bridges outlive the people who vote for them." So said Anselm Drake, '
        "who has built eleven of them across the valley.",
        "Bridges outlive",
        "Anselm Drake",
    ),
    (
        "“We never promised anyone a pension.”\n\nThe words were Bettina Kraal’s, "
        "and she repeated them to the union twice.",
        "We never",
        "Bettina Kraal",
    ),
    (
        '"If this is a boom, I would hate to see a slump." The remark came from '
        "Oswin Tallow, who sells tractors outside Dunmore.",
        "If this is",
        "Oswin Tallow",
    ),
    (
        '"Do not let anyone tell you this is about safety." The warning came from '
        "Luciana Ferraz, a planner who quit over the highway.",
        "Do not let",
        "Luciana Ferraz",
    ),
    # A name the tagger may not type as a person.
    (
        "\"If you want to know what I'll do, look at what I've done.\" Okonkwo has "
        "repeated that line at every stop since January.",
        "If you want",
        "Okonkwo",
    ),
    # A quote opening its paragraph, then a sentence about a named person.
    (
        '"The water reached the second step in ten minutes." Marisa Quell, who '
        "runs the bakery on the corner, said she carried the flour upstairs.",
        "The water",
        "Marisa Quell",
    ),
    # A credit after any dash, or in brackets, on the quote's line or the next.
    ('"We will reopen the pier." ―Tobias Wren', "We will reopen", "Tobias Wren"),
    (
        '"Tolls are a tax by another name." -- Sen. Harriet Vole (R-Ida.)',
        "Tolls are",
        "Harriet Vole",
    ),
    ('"Winter is coming early."\n― Petra Lindgren, forecaster', "Winter is", "Petra Lindgren"),
    ('"Nothing was saved." (Rosalind Teague)', "Nothing was", "Rosalind Teague"),
    # A pronoun goes on naming the speaker of the attribution just before it,
    # even when the quote before speaks of someone else as "she".
    (
        "Renata Solis, a spokeswoman for Mayor Edith Crowe, said the mayor was "
        'travelling. "She will sign it on Friday," Solis said. "We expect she will '
        'speak on Monday," she added.',
        "We expect",
        "Renata Solis",
    ),
    (
        "Dr. Alma Reyes sat with Harriet Moss for an hour before the operation. "
        'Moss, a retired librarian, said the talk calmed her. "She spoke to me '
        'like a neighbour," she said.',
        "She spoke",
        "Harriet Moss",
    ),
    # A given name tells the gender when the text has not.
    (
        '"We were not warned," said Elena Markova, the council chair.\n\n'
        "Superintendent Grant Holloway, hired in August, disagreed. "
        '"Every school had the letter," he said.',
        "Every school",
        "Grant Holloway",
    ),
    # A title's abbreviation holds the role a later description names.
    (
        "Gov. Beatrix Hollander signed the bill on Friday. "
        '"It took nine years," the governor said.',
        "It took",
        "Beatrix Hollander",
    ),
    (
        'Sen. Ansel Marr questioned the nominee for an hour. "Can you name one '
        'dam you inspected?" the senator asked.',
        "Can you",
        "Ansel Marr",
    ),
    # An opening description names the person the paragraph names next.
    (
        '"I will not negotiate against myself," the senator told reporters. '
        "Sen. Wendell Orme (D-Ore.) has refused to back the compromise.",
        "I will not",
        "Wendell Orme",
    ),
    # A description of a person speaks for the person the text is about.
    (
        "Silas Ortega pitched six seasons in the minor leagues before his elbow "
        'gave out. "Nobody paid my way either," the former pitcher said.',
        "Nobody paid",
        "Silas Ortega",
    ),
    (
        "Both candidates were asked about the mine. Dora Fenwick said she would wait "
        'for the survey; Emeka Obi said he opposed it. "The survey is a stall," the '
        "latter said.",
        "The survey is",
        "Emeka Obi",
    ),
    (
        "Colm Teague, a welder from Dunmore, lost his job in March. "
        '"Nobody called me back," the 52-year-old said.',
        "Nobody called",
        "Colm Teague",
    ),
    # An organisation described by a word of its name, or the one that acted.
    (
        'The Marsh Valley Tenants Union sued the landlord in May. "This ruling is a '
        'start," the union said on Friday.',
        "This ruling",
        "Marsh Valley Tenants Union",
    ),
    # A document speaks for whoever issued it.
    (
        "Sen. Imogen Pell said in a statement on Monday that she would not run. "
        '"She thanks the voters of the state," the statement said.',
        "She thanks",
        "Imogen Pell",
    ),
]

# Context that must not name someone else, or no one: the expected speaker
# entity, None when the quote is left without one.
CAREFUL = [
    # A dash before a clause, a photo or byline credit: no credit.
    (
        'Ilse Brandt said: "We will win the county" — a claim the Farmers Party disputes.',
        "We will win",
        "Ilse Brandt",
    ),
    (
        '"We need more nurses," said Dr. Ruth Amsel.\n\n"Nobody listens." (Photo: Mark Delaney)',
        "Nobody listens",
        "Ruth Amsel",
    ),
    (
        '"I was terrified," Paul Renner said.\n\n"The water came in fast." '
        "— Additional reporting by Maria Chen",
        "The water",
        "Paul Renner",
    ),
    (
        '"We are not selling," said Owen Hartley.\n\n"Not now, not ever." '
        "— Wire services contributed to this report.",
        "Not now",
        "Owen Hartley",
    ),
    # A sentence after the quote that is not about it.
    (
        '"Prices will fall by spring," Helen Voss said on Monday.\n\n"That is a fantasy." '
        "That view is shared by economist Rafael Duarte, who expects inflation to rise.",
        "That is a fantasy",
        "Helen Voss",
    ),
    (
        '"Jobs, jobs, jobs." These days Ivan Petrov hears that slogan everywhere.',
        "Jobs, jobs",
        None,
    ),
    ('"We expected the worst."\n\nKarla Brandt, the mayor, disagreed.', "We expected", None),
    (
        '"The bridge is safe." That was before Ivo Marek, an engineer, found the crack.',
        "The bridge",
        None,
    ),
    # An answer that goes on over paragraphs stays with whoever answered.
    (
        '"Did the board know?" asked Jane Holt.\n\n"Yes," said Mark Dunn.\n\n"They knew in March."',
        "They knew",
        "Mark Dunn",
    ),
    (
        '"We will not back down," the senator said. The bill, opposed by Gov. Lydia '
        "Crane, passed on Friday.",
        "We will not",
        None,
    ),
    ('"Justice has been served." The verdict came from Judge Marcus Bell.', "Justice", None),
    (
        '"We are done here." The interview took place at the home of Colm Teague.',
        "We are done",
        None,
    ),
    ('"That was three years ago." That was when Tom Barrow took office.', "That was", None),
    # Nobody holds the role and two people are named: no guess.
    (
        "Eva Lind resigned on Monday. Her successor, Paul Grant, said he would review "
        'the budget. "I have no regrets," the former minister said.',
        "I have no",
        None,
    ),
    # The age given in apposition tells two namesakes apart.
    (
        "Liam Cho, 34, and his father Henry Cho, 61, ran the shop for decades. "
        '"We never closed," the 61-year-old said.',
        "We never",
        "Henry Cho",
    ),
    # The statement is the issuer's, not the last speaker's.
    (
        'Ben Rao said in a statement that he was innocent. "This is a witch hunt," '
        'said his lawyer, Lisa Hahn. "He will be cleared," the statement said.',
        "He will be",
        "Ben Rao",
    ),
]


@pytest.mark.parametrize(("text", "quoted", "name"), NAMED)
def test_speaker_named_by_the_context(nlp: Language, text: str, quoted: str, name: str) -> None:
    assert _direct(nlp, text, quoted).speaker_name == name


@pytest.mark.parametrize(("text", "quoted", "name"), CAREFUL)
def test_context_names_only_whom_it_means(
    nlp: Language, text: str, quoted: str, name: str | None
) -> None:
    quote = _direct(nlp, text, quoted)
    assert (quote.speaker_name if quote.speaker else None) == name


def test_an_unnamed_person_stays_unnamed(nlp: Language) -> None:
    text = (
        "Mayor Odile Brandt left the meeting early. A senior aide who asked not to be "
        'named stayed behind. "Nobody in that room read the report," the aide said.'
    )
    quote = _direct(nlp, text, "Nobody in that")
    assert quote.speaker is None
    assert quote.speaker_text is not None and quote.speaker_text.text == "the aide"


@pytest.mark.parametrize(
    ("quoted", "name"),
    [
        ("Did you sign the permit?", "Ward Pemberton"),
        ("I signed a draft.", "Lise Lindqvist"),
        ("Then who signed the final one?", "Ward Pemberton"),
        ("I cannot say.", "Lise Lindqvist"),
    ],
)
def test_turns_in_a_question_and_answer_exchange(nlp: Language, quoted: str, name: str) -> None:
    text = (
        "The hearing grew tense near the end.\n\n"
        '"Did you sign the permit?" asked Sen. Ward Pemberton.\n\n'
        '"I signed a draft," replied Lise Lindqvist, the former permits chief.\n\n'
        '"Then who signed the final one?"\n\n'
        '"I cannot say."'
    )
    assert _direct(nlp, text, quoted.rstrip(".?")).speaker_name == name


def test_bare_quotes_after_a_statement_continue_the_speaker(nlp: Language) -> None:
    text = (
        '"We will not close the clinic," Nadia Ferro said on Monday.\n\n'
        '"Not this year, and not next year."'
    )
    assert _direct(nlp, text, "Not this year").speaker_name == "Nadia Ferro"


@pytest.mark.parametrize(
    ("text", "quoted", "name"),
    [
        # A participle after a reported clause belongs to the reporter.
        (
            "A veteran party strategist said Marlow will have to pick a side soon, "
            'saying, "The pressure is building every week."',
            "The pressure",
            "strategist",
        ),
        # A quote in brackets is reported inside them, not by the sentence around them.
        (
            "The council approved the budget (Mayor Tessa Grunwald told reporters, "
            '"We had no choice") after a long night.',
            "We had no",
            "Tessa Grunwald",
        ),
    ],
)
def test_the_clause_that_reports(nlp: Language, text: str, quoted: str, name: str) -> None:
    quote = _direct(nlp, text, quoted)
    assert quote.speaker_text is not None
    assert name in quote.speaker_text.text


def test_a_direct_quote_is_not_also_reported_speech(nlp: Language) -> None:
    text = (
        "The council approved the budget (Mayor Tessa Grunwald told reporters, "
        '"We had no choice") after a long night.'
    )
    doc = nlp(text)
    found = [q for q in quotes(doc, entities(doc)) if "no choice" in q.text]
    assert [q.kind for q in found] == ["direct"]


@pytest.mark.parametrize(
    ("text", "quoted", "source"),
    [
        # A quote handing over with a comma reports through any verb after it,
        # whatever the length of its subject, or a noun naming what someone is.
        (
            "Sen. Ada Pruitt accused her colleague of stalling.\n\n"
            '"The senator knows why this is stuck," the New Mexico Democrat shot back.',
            "The senator knows",
            "the New Mexico Democrat",
        ),
        (
            'Reporters asked about the delay. "Ask the weather," the spokesman quipped.',
            "Ask the weather",
            "the spokesman",
        ),
    ],
)
def test_the_clause_after_a_comma_gives_the_source(
    nlp: Language, text: str, quoted: str, source: str
) -> None:
    quote = _direct(nlp, text, quoted)
    assert quote.speaker_text is not None and quote.speaker_text.text == source


@pytest.mark.parametrize(
    ("text", "quoted", "source"),
    [
        # Mid-sentence, with an object: the next clause is no reporting clause.
        (
            'Her sign read "Resign now," the senator ignored it and walked on.',
            "Resign now",
            "Her sign",
        ),
        ('The fans shouted "Go home," the referee waved them off.', "Go home", "The fans"),
    ],
)
def test_a_clause_doing_something_else_is_no_source(
    nlp: Language, text: str, quoted: str, source: str
) -> None:
    quote = _direct(nlp, text, quoted)
    assert quote.speaker_text is None or quote.speaker_text.text == source


@pytest.mark.xfail(
    strict=True,
    reason="the weights fitted on PolNeAR train, where dash credits are rare, rank a "
    "colon line naming no one above a credit naming a person the entities stage missed",
)
def test_a_credit_outranks_a_colon_line_naming_no_one(nlp: Language) -> None:
    text = 'Seven things said this week:\n\n"We will fix the roads first." ― Gustav Brenner'
    assert _direct(nlp, text, "We will fix").speaker_name == "Gustav Brenner"
