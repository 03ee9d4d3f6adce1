"""The manual's distinctions that hang on who acts and on what a phrase names.

Each row is a sentence written for the tests with the type, mode and actors the
PLOVER manual gives it: who does an act can change its type (civilians obstruct
where the state coerces; police arrest where combatants abduct), an agreement
between parties is AGREE whatever it concedes, and a recipient is a people's
phrase, including the equipment and premises a group owns.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.analyze.events.lexicon import load, singular
from tests.analyze.test_events import main, texts


@pytest.mark.parametrize(
    ("text", "kind", "mode"),
    [
        # civilians hold no state power to coerce: their blocking is a protest (3.12, 3.15)
        ("Truck drivers blocked the main border crossing for a third day.", "PROTEST", "obstruct"),
        ("Thousands of farmers blocked the motorway near Lyon.", "PROTEST", "obstruct"),
        ("Opposition supporters occupied the parliament building.", "PROTEST", "obstruct"),
        ("Protesters and students blocked the main road.", "PROTEST", "obstruct"),
        # fighting between two sides is their violence, not one side's riot (3.16)
        ("Clashes erupted between police and protesters in the capital.", "ASSAULT", None),
        ("Police and protesters clashed in the capital.", "ASSAULT", None),
        # the state's blocking stays COERCE
        ("The authorities blocked access to the website.", "COERCE", "restrict"),
        # police who capture someone arrest them; combatants who capture someone abduct them
        ("Police captured the suspected gang leader on Tuesday.", "COERCE", "arrest"),
        ("Rebels captured two soldiers near the border.", "ASSAULT", "abduct"),
        ("Riot police stormed the offices of the newspaper.", "COERCE", "seize"),
        ("Gunmen stormed the hotel.", "ASSAULT", "firearms"),
        # an attack on computers is a cyber attack (3.15 COERCE cyber)
        ("Hackers attacked the websites of several ministries.", "COERCE", "cyber"),
        # a concession agreed to or offered is the agreement (AGREE: "agree to, offer");
        # one only promised is CONCEDE ("the promise of future concessions")
        ("The government and the rebels agreed to lift the blockade.", "AGREE", None),
        ("The government agreed to lift the curfew.", "AGREE", None),
        ("The president offered to pardon the rebels.", "AGREE", None),
        ("The president promised to pardon the rebels.", "CONCEDE", None),
    ],
)
def test_who_acts_decides(nlp: Language, text: str, kind: str, mode: str | None) -> None:
    event = main(nlp, text)
    assert (event.type, event.mode) == (kind, mode)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # a group's equipment or premises stands for the group (sector MIL: "equipment")
        ("The rebels attacked an army convoy in northern Mali.", "rebels", "army convoy"),
        (
            "Riot police stormed the opposition headquarters.",
            "Riot police",
            "opposition headquarters",
        ),
        # military equipment that acts is its crews, in its whole phrase (Table 5.2, MIL)
        ("Israeli jets bombed the camp.", "Israeli jets", "camp"),
        ("Russian tanks shelled the town of Avdiivka.", "Russian tanks", "Avdiivka"),
        # the victim of one-sided violence is the recipient (3.16): where no one is named, the
        # village or convoy attacked stands for its people
        ("The army shelled a village near the border.", "army", "village"),
        ("Militants attacked an aid convoy.", "Militants", "aid convoy"),
        ("The army has not carried out any attacks on the town.", "army", "town"),
        # aid reaches the people of the place it is delivered to (3.6: the recipient benefits)
        ("The Red Cross delivered medicine to the besieged town.", "Red Cross", "besieged town"),
        ("The UN sent food to the refugee camps.", "UN", "refugee camps"),
        # the parties of fighting or talks that take place are its actors (2.4.2, 3.16)
        ("Fighting broke out between the two militias.", "two militias", ""),
        ("Talks took place between Israel and the Palestinians.", "Israel | Palestinians", ""),
        # the parties of a conflict, and states named by common nouns, are actors
        (
            "The United Nations called on both sides to respect the truce.",
            "United Nations",
            "sides",
        ),
        ("The two countries agreed to resume direct flights.", "two countries", ""),
        (
            "The junta agreed to hand power to a civilian government.",
            "junta",
            "civilian government",
        ),
        # a singular noun for people is one as well as its plural
        ("Police detained a suspected militant in Peshawar.", "Police", "suspected militant"),
        (
            "Indonesian police detained 14 foreign nationals.",
            "Indonesian police",
            "14 foreign nationals",
        ),
        # an act is no actor, though an organisation's name may end in its word
        ("The two sides agreed to a prisoner exchange.", "two sides", ""),
    ],
)
def test_recipients_are_peoples_phrases(nlp: Language, text: str, source: str, target: str) -> None:
    event = main(nlp, text)
    assert (texts(event.sources), texts(event.targets)) == (source, target)


@pytest.mark.parametrize(
    ("plural", "one"),
    [
        ("rebels", "rebel"),
        ("militias", "militia"),
        ("families", "family"),
        ("policemen", "policeman"),
    ],
)
def test_singular(plural: str, one: str) -> None:
    assert singular(plural) == one


def test_actor_noun_endings_never_end_an_act() -> None:
    lex = load()
    assert "nation" in lex.actor_nouns
    assert not "assassination".endswith(lex.actor_endings)
    assert "dockworkers".endswith(lex.actor_endings)


@pytest.mark.parametrize(
    ("text", "kind", "mode", "source", "target"),
    [
        # armed groups hold no state power: their raid is an attack, their captives abducted
        ("Insurgents raided the town of Baga.", "ASSAULT", None, "Insurgents", "Baga"),
        ("Rebels detained two aid workers.", "ASSAULT", "abduct", "Rebels", "two aid workers"),
        # a verb only people undergo makes its object a person, whatever the noun
        ("Militants abducted 30 schoolgirls.", "ASSAULT", "abduct", "Militants", "30 schoolgirls"),
        ("Police arrested a cameraman.", "COERCE", "arrest", "Police", "cameraman"),
        # the recognizer's quantity "300 migrants" is still people
        (
            "The navy rescued 300 migrants off the coast of Libya.",
            "AID",
            None,
            "navy",
            "300 migrants",
        ),
        # aid reaches its recipient: the passive subject is what was sent, never its sender
        ("Doctors were sent to Haiti after the earthquake.", "AID", None, "", "Haiti"),
        # weapons handed over disarm; bodies handed back are returned
        (
            "The rebels handed over their weapons to UN peacekeepers.",
            "RETREAT",
            "disarm",
            "rebels",
            "UN peacekeepers",
        ),
        (
            "Israel handed back the bodies of three Palestinians.",
            "RETREAT",
            "withdraw",
            "Israel",
            "three Palestinians",
        ),
        (
            "The junta dissolved the main opposition party.",
            "COERCE",
            "restrict",
            "junta",
            "main opposition party",
        ),
        # idioms of a verb, a preposition and its noun (3.12 demo, 3.15 arrest)
        (
            "Thousands of students took to the streets of the capital.",
            "PROTEST",
            "demo",
            "Thousands of students",
            "",
        ),
        (
            "Police took the opposition leader into custody.",
            "COERCE",
            "arrest",
            "Police",
            "opposition leader",
        ),
        ("The journalist was placed under house arrest.", "COERCE", "arrest", "", "journalist"),
        # allowing observers or aid workers in is RETREAT access (3.7), whoever is let in the
        # recipient, however the parser reads "let X enter"
        ("The army let the observers enter the region.", "RETREAT", "access", "army", "observers"),
        (
            "The government allowed aid workers to enter the city.",
            "RETREAT",
            "access",
            "government",
            "aid workers",
        ),
        # ceding control of a town is a retreat from territory (3.7 withdraw)
        (
            "The rebels handed control of the city to the army.",
            "RETREAT",
            "withdraw",
            "rebels",
            "army",
        ),
        # banning someone from political life restricts (3.15); barring entry rejects (3.10)
        (
            "The election commission barred the former mayor from running for office.",
            "COERCE",
            "restrict",
            "election commission",
            "former mayor",
        ),
        (
            "Israel barred the UN investigators from entering the country.",
            "REJECT",
            None,
            "Israel",
            "UN investigators",
        ),
        # the release itself, ordered by whoever holds the prisoners, is the retreat (3.7)
        (
            "The president ordered the release of fifty prisoners.",
            "RETREAT",
            "release",
            "president",
            "fifty prisoners",
        ),
        # a phrase fronted before its verb sets the scene; the recipient follows the verb
        (
            "In talks with Rome, the French minister criticised Madrid.",
            "ACCUSE",
            "disapprove",
            "French minister",
            "Madrid",
        ),
    ],
)
def test_roles_from_the_manual(
    nlp: Language, text: str, kind: str, mode: str | None, source: str, target: str
) -> None:
    event = main(nlp, text)
    assert (event.type, event.mode, texts(event.sources), texts(event.targets)) == (
        kind,
        mode,
        source,
        target,
    )


@pytest.mark.parametrize(
    ("text", "kind", "mode"),
    [
        # general English senses of common verbs
        ("The two sides struck a deal to end the dispute.", "AGREE", None),
        ("China blocked a UN Security Council resolution.", "REJECT", None),
        ("Prosecutors filed charges against the former president.", "ACCUSE", "allege"),
        ("The government terminated the contract with the firm.", "SANCTION", "discontinue"),
        ("The authorities clamped down on independent media.", "COERCE", "restrict"),
        ("Parliament voted against the peace deal.", "REJECT", None),
        ("The rebels ignored calls for a ceasefire.", "REJECT", None),
        ("The US moved warships closer to the coast.", "MOBILIZE", "weapons"),
        ("Teachers struck for a second day over pay.", "PROTEST", "strike"),
        ("The opposition mobilised its supporters against the decree.", "PROTEST", "demo"),
        # a cooperative act its actor says it will not do is a refusal (REJECT)
        ("Turkey will not open its border to refugees.", "REJECT", "yield"),
        ("Israel said it would not allow aid convoys into Gaza.", "REJECT", "yield"),
        # a state protests diplomatically: ACCUSE disapprove (3.9, 3.12)
        ("China protested the visit of the Dalai Lama.", "ACCUSE", "disapprove"),
        ("Ukraine protested to Hungary over the remarks.", "ACCUSE", "disapprove"),
        ("Thousands of Kenyans protested against the tax bill.", "PROTEST", "demo"),
        # a court-ordered payment is a SANCTION (3.6, 3.13)
        ("A court ordered Shell to pay compensation to the farmers.", "SANCTION", "convict"),
        # debt forgiveness agreed to is aid given (the manual's own example, 3.6)
        ("The Paris Club agreed to forgive half of Nigeria's debt.", "AID", None),
        ("The prime minister expressed remorse for the deaths.", "CONCEDE", None),
        ("The minister expressed regret over the deaths.", "CONCEDE", None),
        # a resultative the parser hangs on the object: "set free" releases (3.7)
        ("The rebels set free twenty soldiers.", "RETREAT", "release"),
        # leaving talks, a pact or an organization withdraws oneself from it (3.13 withdraw);
        # leaving a town is a retreat (3.7)
        ("The rebels withdrew from the peace talks.", "SANCTION", "withdraw"),
        ("The United States withdrew from the nuclear deal.", "SANCTION", "withdraw"),
        ("The army withdrew from the town.", "RETREAT", "withdraw"),
        # consultation by phone (3.2 phone)
        ("The two presidents spoke by telephone.", "CONSULT", "phone"),
        # giving in to another's demands is a concession (3.4), not an offer to cooperate
        ("The government agreed to the protesters' demands.", "CONCEDE", None),
        ("The government accepted the rebels' demands.", "CONCEDE", None),
        ("The government bowed to pressure from the unions.", "CONCEDE", None),
        ("The two sides agreed to a ceasefire.", "AGREE", None),
        # the lemmatizer leaves "forgave" as it is; debt forgiveness is aid (3.6)
        ("The EU forgave Greece's debt.", "AID", None),
        # ruling talks out refuses a meeting (3.10)
        ("Iran ruled out talks with Washington.", "REJECT", "meet"),
        # a party expels a member (3.13 expel), a state deports an organization (3.15)
        ("The party expelled the dissident lawmaker.", "SANCTION", "expel"),
        ("The government expelled the charity from the country.", "COERCE", "deport"),
        # reservists called up and reinforcements sent are forces mobilized (3.14)
        ("The government called up reservists.", "MOBILIZE", "troops"),
        ("The police sent reinforcements to the city.", "MOBILIZE", "police"),
        ("Militants detonated a car bomb outside the ministry.", "ASSAULT", "explosives"),
        # restrictions imposed restrict (3.15); eased, they are a concession (3.4)
        ("The authorities placed restrictions on the media.", "COERCE", "restrict"),
        ("The government eased restrictions on travel.", "CONCEDE", None),
        # weapons given up disarm; a siege lifted ends an active conflict; letting aid in or
        # granting access allows humanitarian access (3.7)
        ("The rebels gave up their weapons.", "RETREAT", "disarm"),
        ("The government gave up its claim to the islands.", "CONCEDE", None),
        ("The army lifted the siege of the city.", "RETREAT", "withdraw"),
        ("The rebels disbanded their militia.", "RETREAT", "disarm"),
        ("The junta disbanded the opposition party.", "COERCE", "restrict"),
        ("Israel allowed humanitarian aid into Gaza.", "RETREAT", "access"),
        ("The government granted the Red Cross access to the prisons.", "RETREAT", "access"),
        ("Ecuador granted asylum to the journalist.", "AID", None),
        # ending aid or cooperation reduces relations (3.10: withdrawing military aid is
        # SANCTION; 3.13 withdraw, discontinue)
        ("The US halted military aid to Pakistan.", "SANCTION", "withdraw"),
        ("Germany ended its military cooperation with Mali.", "SANCTION", "discontinue"),
        # ships sent are mobilized (3.14: "mobilizing weapons, ships, or vehicles"); arms
        # sent to a state are military assistance (3.6)
        ("The navy dispatched two destroyers to the area.", "MOBILIZE", "weapons"),
        ("The United States sent weapons to Ukraine.", "AID", None),
        ("Dockworkers walked off the job.", "PROTEST", "strike"),
        # readiness for talks indicates willingness to cooperate (3.1, 3.2)
        ("Iran is ready for talks with the United States.", "AGREE", None),
        # solidarity expressed and rallying behind someone are support (3.3: "express support")
        ("The president expressed solidarity with the victims' families.", "SUPPORT", None),
        ("Several countries rallied behind the president.", "SUPPORT", None),
    ],
)
def test_senses_from_general_english(nlp: Language, text: str, kind: str, mode: str | None) -> None:
    event = main(nlp, text)
    assert (event.type, event.mode) == (kind, mode)


@pytest.mark.parametrize(
    ("text", "kind", "mode", "act"),
    [
        # an attempt to use force is the act (3.16 counts attempted assassinations as
        # assaults), not a plan and not a threat
        ("Gunmen tried to kill the governor.", "ASSAULT", None, None),
        ("Police tried to arrest the opposition leader.", "COERCE", "arrest", None),
        # an attempt at anything else shows the will to do it: willingness to meet is AGREE
        # (3.1), with the act agreed to
        ("The rebels tried to negotiate with the army.", "AGREE", None, "CONSULT"),
    ],
)
def test_an_attempt(nlp: Language, text: str, kind: str, mode: str | None, act: str | None) -> None:
    event = main(nlp, text)
    assert (event.type, event.mode, event.modality, event.act) == (kind, mode, "attempted", act)


def test_an_act_that_did_not_happen_is_negated_not_refused(nlp: Language) -> None:
    event = main(nlp, "Jordan has not opened the crossing since the attack.")
    assert (event.type, event.negated) == ("RETREAT", True)


@pytest.mark.parametrize(
    ("text", "kind", "act"),
    [
        # willingness or readiness to retreat or concede is AGREE (3.1: "indicate willingness");
        # a retreat announced or planned is CONCEDE (3.4)
        ("The rebels said they were willing to release the hostages.", "AGREE", "RETREAT"),
        ("Russia is ready to withdraw its troops.", "AGREE", "RETREAT"),
        ("The junta is keen to ease restrictions.", "AGREE", "CONCEDE"),
        ("The army plans to withdraw from the town.", "CONCEDE", "RETREAT"),
        # a party to a conflict that calls for the fighting to end states its intent (3.8)
        ("The rebels called for an end to the fighting.", "AGREE", "RETREAT"),
        ("The army called for a halt to the attacks.", "AGREE", "RETREAT"),
        ("The United Nations called for an end to the fighting in Sudan.", "REQUEST", "RETREAT"),
        ("The rebels called for the release of their leader.", "REQUEST", "RETREAT"),
    ],
)
def test_intent_from_the_manual(nlp: Language, text: str, kind: str, act: str) -> None:
    event = main(nlp, text)
    assert (event.type, event.act) == (kind, act)


@pytest.mark.parametrize(
    ("text", "kind", "source", "target"),
    [
        # forces moved for disaster relief bring aid (3.14)
        ("The government deployed troops to help with flood relief.", "AID", "government", ""),
        ("Russia deployed troops along the border.", "MOBILIZE", "Russia", ""),
        # a wish for another's act is a demand on them
        ("Washington wants Moscow to withdraw its troops.", "REQUEST", "Washington", "Moscow"),
        ("Iran wants to hold talks with Saudi Arabia.", "AGREE", "Iran", "Saudi Arabia"),
        # a promise of harm is a threat
        ("Hezbollah vowed revenge against Israel.", "THREATEN", "Hezbollah", "Israel"),
    ],
)
def test_acts_by_purpose_and_wish(
    nlp: Language, text: str, kind: str, source: str, target: str
) -> None:
    event = main(nlp, text)
    assert (event.type, texts(event.sources), texts(event.targets)) == (kind, source, target)
