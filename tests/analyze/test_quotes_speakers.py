"""Speakers of direct quotes where the parse or the layout misleads, on passages written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.analyze.entities import entities
from storyline.analyze.quotes import quotes


@pytest.mark.parametrize(
    ("text", "quoted", "name"),
    [
        # A party and state after the name ("R-Ky.") is no headline dash.
        (
            "Senate Majority Leader Mitch McConnell, R-Ky., delivered a blunt message "
            'to the mayor: "It is time to stop attacking people."',
            "It is time",
            "Mitch McConnell",
        ),
        # The clause before a question introduces it; the one after introduces the next quote.
        (
            'Dana Whitfield responds to Ortega with, "Why now? That was last year?" '
            'Ortega then writes back, "You look great."',
            "Why now?",
            "Dana Whitfield",
        ),
        (
            'Dana Whitfield responds to Ortega with, "Why now? That was last year?" '
            'Ortega then writes back, "You look great."',
            "You look great",
            "Ortega",
        ),
        # A long clause after a question mark still reports the question.
        (
            '"Who remembers how many votes we lost? Two? Three?" Whitfield asks '
            "as a janitor walks past her.",
            "Who remembers",
            "Whitfield",
        ),
        # A participle before the quote belongs to the clause it hangs on.
        (
            "Ortega did not seem very pleased with Whitfield's remarks Monday, telling "
            'reporters, "Many people said the mayor should resign."',
            "Many people",
            "Ortega",
        ),
        # A quote handing over with a comma keeps its clause even when it ends on a colon.
        (
            '"The crowds are huge and that will continue in the fall," Lewandowski said, '
            'adding: "They are going to help everybody on the ballot."',
            "The crowds",
            "Lewandowski",
        ),
        # The main clause after an adverbial one reports, whatever its verb.
        (
            "When Ortega suggested that the county would sue, Whitfield fired back "
            'sharply: "If they sue us, they will lose."',
            "If they sue us",
            "Whitfield",
        ),
        (
            "After former governor Sam Ortega attacked Whitfield during the forum, "
            'Whitfield shot back, "I could have stayed home, but I chose to serve."',
            "I could have",
            "Whitfield",
        ),
        (
            'As Ortega noted last week, the vote was close: "We lost by nine votes."',
            "We lost",
            "Ortega",
        ),
        # The parse makes the quote the subject of "said": the name before the verb speaks.
        (
            '"Very good reporter, very good reporter this guy," Whitfield, the party\'s '
            "front-runner in the state after winning the first two contests, said when "
            "Mendez asked her a question.",
            "Very good",
            "Whitfield",
        ),
        # The subject of a clause ending in a colon: a phrase around a name speaks too.
        (
            'Whitfield\'s letter makes a plain case: "Extremists hate everything we stand for."',
            "Extremists",
            "Whitfield",
        ),
        # The colon's subject outranks a source in the sentence after the quote.
        (
            'Ortega\'s reply was: "Is the shop off Main or Elm?" The shop sells leather '
            "goods, according to its owner, Sam Brody.",
            "Is the shop",
            "Ortega",
        ),
    ],
)
def test_direct_quote_speaker(nlp: Language, text: str, quoted: str, name: str) -> None:
    doc = nlp(text)
    found = [q for q in quotes(doc, entities(doc)) if q.kind == "direct"]
    quote = next(q for q in found if q.text.startswith(quoted))
    assert quote.speaker_name == name


@pytest.mark.parametrize(
    "text",
    [
        'The timing of the rise does not surprise the pollster: "Newcomers often surge early."',
        'The Oregon weather was harsh: "We had snow in June."',
    ],
)
def test_a_colon_after_no_one_gives_no_speaker(nlp: Language, text: str) -> None:
    doc = nlp(text)
    (quote,) = [q for q in quotes(doc, entities(doc)) if q.kind == "direct"]
    assert quote.speaker_text is None
