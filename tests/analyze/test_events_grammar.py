"""Actors read from English grammar, on sentences written for the tests.

Each row gives the actor and recipient the PLOVER manual asks for (2.4.1: the
entity that initiated the event, and the entity it is directed at): a passive's
by-phrase wherever the parser hangs it, the recipient of a ditransitive verb,
the one a that-clause demand is made of, a person by their office with the
of-phrase that says whose, and the people an act is done to before the place it
sends them.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.analyze.test_events import main, texts


@pytest.mark.parametrize(
    ("text", "kind", "source", "target"),
    [
        # a by-phrase the parser hangs on the noun before it still names the doer
        (
            "The former minister was charged with fraud by prosecutors.",
            "ACCUSE",
            "prosecutors",
            "former minister",
        ),
        (
            "The arrest of the opposition leader by police sparked protests.",
            "COERCE",
            "police",
            "opposition leader",
        ),
        ("The ambassador was expelled by Lithuania.", "SANCTION", "Lithuania", "ambassador"),
        # a meeting in the passive is still one when it names who met ("was met with
        # criticism" names no meeting)
        (
            "The delegation was received by the Chinese premier.",
            "CONSULT",
            "delegation",
            "Chinese premier",
        ),
        # the recipient of a ditransitive verb is no word of the act
        ("The World Bank gave Malawi a loan of $50 million.", "AID", "World Bank", "Malawi"),
        # a demand made in a that-clause is made of the clause's subject
        ("The rebels demanded that the army leave the region.", "REQUEST", "rebels", "army"),
        ("The minister demanded that they leave the country.", "REQUEST", "minister", "they"),
        # a person by office keeps the of-phrase saying whose office; a charge is no part
        ("The party expelled the mayor of Lyon.", "SANCTION", "party", "mayor of Lyon"),
        (
            "A court convicted the former governor of bribery.",
            "SANCTION",
            "court",
            "former governor",
        ),
        # who undergoes an arrest or a deportation is the recipient, not where they are sent;
        # what an act reaches (aid, an extradition) is its destination
        ("France deported the imam to Algeria.", "COERCE", "France", "imam"),
        ("Spain extradited the suspect to France.", "COOPERATE", "Spain", "France"),
        ("Japan sent doctors to Nepal.", "AID", "Japan", "Nepal"),
        ("The prisoners were released for humanitarian reasons.", "RETREAT", "", "prisoners"),
        # an event noun's own phrase names whom it hits
        (
            "The army launched strikes on rebel positions.",
            "ASSAULT",
            "army",
            "rebel positions",
        ),
        # a name inside an apposition to the actor is that actor, not a recipient
        (
            "The attack was condemned by Ban Ki-moon, the UN secretary-general.",
            "ACCUSE",
            "Ban Ki-moon",
            "",
        ),
    ],
)
def test_actors_from_grammar(nlp: Language, text: str, kind: str, source: str, target: str) -> None:
    event = main(nlp, text)
    assert (event.type, texts(event.sources), texts(event.targets)) == (kind, source, target)


@pytest.mark.parametrize(
    ("text", "kind", "mode"),
    [
        # joint exercises are cooperation; one country's exercises a show of force (3.14)
        ("India and Japan held joint naval exercises.", "COOPERATE", None),
        ("China held naval exercises near Taiwan.", "MOBILIZE", "weapons"),
        # expanding economic or diplomatic ties (3.3, 3.5)
        ("Vietnam and Laos expanded trade ties.", "COOPERATE", None),
        ("The two countries resumed diplomatic ties.", "SUPPORT", None),
        # victims freed are rescued: AID (3.6); captives freed by their captors, RETREAT
        ("Police in Madrid freed eight trafficking victims.", "AID", None),
        ("The kidnappers freed the hostages.", "RETREAT", "release"),
        ("Azerbaijan returned the captured soldiers to Armenia.", "RETREAT", "release"),
        ("The army returned the seized boats.", "RETREAT", "withdraw"),
        # a strike launched by a state or its forces is military, by workers a stoppage (3.12)
        ("Israel launched strikes on Gaza.", "ASSAULT", None),
        ("Workers launched a strike over pay.", "PROTEST", "strike"),
        # hackers' attacks are cyber coercion (3.15)
        ("Hackers linked to Russia attacked the Ukrainian banks.", "COERCE", "cyber"),
        ("Hackers breached the ministry's computer network.", "COERCE", "cyber"),
        ("Russia spread disinformation about the election.", "COERCE", "misinformation"),
        # the weapon decides the mode (3.16): tear gas is crowd control
        ("Police fired tear gas at the demonstrators.", "ASSAULT", "crowd-control"),
        # police moved are MOBILIZE police (3.14)
        ("The government sent riot police to the capital.", "MOBILIZE", "police"),
        ("The authorities shut down the internet in the region.", "COERCE", "withhold"),
        ("Authorities banned the newspaper.", "COERCE", "censor"),
        ("The government suspended the newspaper.", "COERCE", "censor"),
        # sealing off an area restricts movement (3.15 restrict: "cordoning off areas")
        ("Security forces sealed off the district.", "COERCE", "restrict"),
        ("The authorities tightened restrictions on foreign NGOs.", "COERCE", "restrict"),
        # an organization expelled from a country is coerced (3.10, 3.15); diplomats, sanctioned
        ("The government expelled the charity from the country.", "COERCE", "deport"),
        ("Norway expelled two Russian diplomats.", "SANCTION", "expel"),
        # truckers hold no state power: their blockade obstructs (3.12)
        ("Truckers blockaded the port.", "PROTEST", "obstruct"),
        # a number or a partitive counts the noun of its of-phrase
        ("The opposition mobilised thousands of supporters in the capital.", "PROTEST", "demo"),
        ("The government sent hundreds of police to the city.", "MOBILIZE", "police"),
        # a concession offered is the agreement (3.1); approving a pact supports it (3.3)
        ("The government offered the rebels an amnesty.", "AGREE", None),
        ("The president promised an amnesty.", "CONCEDE", None),
        ("The Senate approved the trade agreement with Mexico.", "SUPPORT", None),
        # expressing concern is disapproval (3.9); a call for a resignation asks for change (3.8)
        ("The UN expressed concern over the arrests.", "ACCUSE", "disapprove"),
        ("The opposition called for the resignation of the minister.", "REQUEST", "change"),
    ],
)
def test_senses_from_the_manual(nlp: Language, text: str, kind: str, mode: str | None) -> None:
    event = main(nlp, text)
    assert (event.type, event.mode) == (kind, mode)
