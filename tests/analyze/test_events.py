"""PLOVER events on passages written for the tests: types, roles, modality, context."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.analyze.entities import entities
from storyline.analyze.events import events, main_event
from storyline.models import Event, Figure, Quote


def run(nlp: Language, text: str, date: str | None = None, **stages: object) -> list[Event]:
    doc = nlp(text)
    found = events(
        doc,
        entities(doc),
        stages.get("quotes", ()),  # type: ignore[arg-type]
        stages.get("figures", ()),  # type: ignore[arg-type]
        (),
        date,
    )
    return list(found)


def main(nlp: Language, text: str) -> Event:
    doc = nlp(text)
    event = main_event(events(doc, entities(doc), (), (), (), None), doc)
    assert event is not None, f"no event in {text!r}"
    return event


def texts(actors: tuple[object, ...]) -> str:
    return " | ".join(a.text for a in actors)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "kind", "mode"),
    [
        ("The two governments agreed to cooperate on border security.", "AGREE", None),
        ("The Finnish foreign minister visited Estonia on Tuesday.", "CONSULT", "visit"),
        ("Canada praised the new Ukrainian government.", "SUPPORT", None),
        ("The president pardoned three opposition activists.", "CONCEDE", None),
        ("Spain extradited the suspect to France.", "COOPERATE", None),
        ("Japan donated medical supplies to Nepal.", "AID", None),
        ("The rebels released twelve captives.", "RETREAT", "release"),
        ("The union urged the government to raise wages.", "REQUEST", None),
        ("The minister accused the opposition of fraud.", "ACCUSE", "allege"),
        ("Parliament rejected the budget proposal.", "REJECT", None),
        ("The general threatened to attack the city.", "THREATEN", "violence"),
        ("Thousands of farmers protested against the new tax in Paris.", "PROTEST", "demo"),
        ("Norway expelled two Russian diplomats.", "SANCTION", "expel"),
        ("The army deployed tanks along the border.", "MOBILIZE", "weapons"),
        ("Police arrested forty protesters in Caracas.", "COERCE", "arrest"),
        ("Gunmen attacked a police station with rifles.", "ASSAULT", "firearms"),
    ],
)
def test_each_type(nlp: Language, text: str, kind: str, mode: str | None) -> None:
    event = main(nlp, text)
    assert (event.type, event.mode) == (kind, mode)


@pytest.mark.parametrize(
    ("text", "sources", "targets"),
    [
        # active voice: subject acts on object
        ("Chile expelled the Peruvian ambassador.", "Chile", "Peruvian ambassador"),
        # passive voice: the by-phrase acts
        ("The ambassador was expelled by Chile.", "Chile", "ambassador"),
        # event noun: "by" gives the source, "of" the target
        ("The release of the captives by the rebels surprised everyone.", "rebels", "captives"),
        # a prepositional party is preferred to a thing
        ("Japan donated medical supplies to Nepal.", "Japan", "Nepal"),
        # compound source, one actor per conjunct
        # a thing is no recipient: the manual's recipients are actors
        ("Germany and France condemned the attack.", "Germany | France", ""),
        # the one urged is the target
        ("The mayor called on the police to free the students.", "mayor", "police"),
        # a visit: the visitor acts, the host receives
        ("Poland hosted the Czech prime minister.", "Czech prime minister", "Poland"),
        # participants of an event noun
        ("Joint military exercises involving Serbia and Hungary began.", "Serbia | Hungary", ""),
        # a passive infinitive's subject is what is patrolled, a place and no recipient
        ("The coast will continue to be patrolled by the navy.", "navy", ""),
    ],
)
def test_roles(nlp: Language, text: str, sources: str, targets: str) -> None:
    event = main(nlp, text)
    assert texts(event.sources) == sources
    assert texts(event.targets) == targets


@pytest.mark.parametrize(
    ("text", "kind", "target"),
    [
        # a passive participle: the noun it modifies undergoes the act
        ("Police freed the activists detained during the protest.", "COERCE", "activists"),
        ("Police freed the activists detained during the protest.", "RETREAT", "activists"),
        # a possessor undergoes a release or an arrest, but carries out an invasion
        ("Their release surprised the court.", "RETREAT", "Their"),
    ],
)
def test_patients(nlp: Language, text: str, kind: str, target: str) -> None:
    [event] = [e for e in run(nlp, text) if e.type == kind]
    assert target in texts(event.targets)


def test_possessor_of_an_attack_is_its_source(nlp: Language) -> None:
    [event] = run(nlp, "Russia's invasion of Ukraine shocked the world.")
    assert (event.type, texts(event.sources), texts(event.targets)) == (
        "ASSAULT",
        "Russia",
        "Ukraine",
    )


def test_generic_actor_has_no_entity(nlp: Language) -> None:
    event = main(nlp, "Human rights groups condemned the arrests.")
    assert event.type == "ACCUSE"
    assert [(a.text, a.entity) for a in event.sources] == [("Human rights groups", None)]


def test_actor_is_linked_to_its_entity(nlp: Language) -> None:
    doc = nlp("Lithuania expelled two Russian diplomats.")
    found = entities(doc)
    event = main_event(events(doc, found, (), (), (), None), doc)
    assert event is not None
    names = {e.id: e.name for e in found}
    assert [names.get(a.entity or "") for a in event.sources] == ["Lithuania"]


@pytest.mark.parametrize(
    ("text", "kind", "mode", "act", "modality", "negated"),
    [
        # a negated act stays the act, marked negated
        ("The army did not withdraw from the town.", "RETREAT", "withdraw", None, "asserted", True),
        # an announced future withdrawal is a concession, not the retreat
        (
            "Norway will withdraw its troops from the region.",
            "CONCEDE",
            None,
            "RETREAT",
            "future",
            False,
        ),
        # a future concession stays a concession
        ("The city will lift the curfew next week.", "CONCEDE", None, None, "future", False),
        # a planned meeting is an agreement to meet
        ("The minister plans to visit Kyiv.", "AGREE", None, "CONSULT", "planned", False),
        # a threat is not the attack
        (
            "The rebels threatened to kill the captives.",
            "THREATEN",
            "violence",
            "ASSAULT",
            "asserted",
            False,
        ),
        # a refusal to release is a rejection
        (
            "Ghana refused to release the detainees.",
            "REJECT",
            "yield",
            "RETREAT",
            "asserted",
            False,
        ),
        # a call to release is a request
        (
            "The envoy called for the release of the prisoners.",
            "REQUEST",
            "yield",
            "RETREAT",
            "asserted",
            False,
        ),
        # a denial is not the act
        (
            "The government denied that it had arrested the journalist.",
            "REJECT",
            None,
            "COERCE",
            "asserted",
            False,
        ),
        # "will not accept" is a rejection
        ("Syria will not accept more refugees.", "REJECT", None, "AGREE", "future", False),
        # a future act under a condition is a threat
        (
            "The union said it would boycott the talks unless wages rise.",
            "THREATEN",
            "restrict",
            "PROTEST",
            "future",
            False,
        ),
        # "X said Y must act": a demand by X
        (
            "Officials said the rebels must release the captives.",
            "REQUEST",
            "yield",
            "RETREAT",
            "asserted",
            False,
        ),
        # a promise of aid is an agreement
        ("Germany promised to send aid to Sudan.", "AGREE", None, "AID", "asserted", False),
        # a noun event under a negated verb is denied where a light verb names it, not
        # where the verb says something else of it (not condemning an attack does not deny
        # it); a refusal of talks is a rejection, not a denied meeting (the manual's
        # auxiliary mode "negation", 2.3)
        (
            "The government did not condemn any attack on civilians.",
            "ACCUSE",
            "disapprove",
            None,
            "asserted",
            True,
        ),
        (
            "The rebels did not launch an attack on the town.",
            "ASSAULT",
            None,
            None,
            "asserted",
            True,
        ),
        (
            "The government refused to hold talks with the rebels.",
            "REJECT",
            "meet",
            "CONSULT",
            "asserted",
            False,
        ),
    ],
)
def test_modality_and_negation(
    nlp: Language,
    text: str,
    kind: str,
    mode: str | None,
    act: str | None,
    modality: str,
    negated: bool,
) -> None:
    event = main(nlp, text)
    assert (event.type, event.mode, event.act) == (kind, mode, act)
    assert (event.modality, event.negated) == (modality, negated)


def test_framed_act_is_one_event(nlp: Language) -> None:
    found = run(nlp, "The mayor called on the police to free the students.")
    assert [e.type for e in found] == ["REQUEST"]


@pytest.mark.parametrize(
    ("text", "kind", "mode"),
    [
        # pardons and amnesties are concessions, releases are retreats
        ("The king granted an amnesty to the rebels.", "CONCEDE", None),
        ("The prisoners were freed on Monday.", "RETREAT", "release"),
        # a declared ceasefire is a concession, not its implementation
        ("The militia declared a ceasefire.", "CONCEDE", None),
        # a diplomatic protest is an accusation
        ("Serbia lodged a protest with Croatia.", "ACCUSE", "disapprove"),
        # hostage rescues are aid
        ("Commandos rescued ten captives.", "AID", None),
        # protesters blocking roads obstruct; expelled diplomats are a sanction
        ("Protesters blocked the main roads.", "PROTEST", "obstruct"),
        ("Latvia recalled its ambassador.", "SANCTION", "withdraw"),
        ("The donors withdrew their aid.", "SANCTION", "withdraw"),
        # individual deportations are coercion
        ("The authorities deported the migrants.", "COERCE", "deport"),
        # expressions of regret are concessions
        ("The ministry apologized for the raid.", "CONCEDE", None),
        # resignations are retreats
        ("The defence minister resigned.", "RETREAT", "resign"),
        # forces made ready to attack are mobilized
        ("The army prepared to attack the rebel villages.", "MOBILIZE", "troops"),
        # cancelling a meeting is a rejection
        ("Hungary cancelled the summit.", "REJECT", "meet"),
        # a state of emergency restricts freedoms
        ("The government imposed a curfew on the capital.", "COERCE", "curfew"),
        # a crowd-control weapon sets the assault's mode
        ("Police attacked the marchers with tear gas.", "ASSAULT", "crowd-control"),
    ],
)
def test_manual_ambiguity_rules(nlp: Language, text: str, kind: str, mode: str | None) -> None:
    event = main(nlp, text)
    assert (event.type, event.mode) == (kind, mode)


def test_reported_speech_is_marked(nlp: Language) -> None:
    event = main(nlp, "The spokesman said that the army had shelled the village.")
    assert event.type == "ASSAULT"
    assert event.reported


def test_event_in_quote_links_the_quote(nlp: Language) -> None:
    text = "“We will never attack our neighbours,” the general said."
    quote = Quote(id="Q1", kind="direct", text=text[1:36], start=1, end=36)
    [event] = [e for e in run(nlp, text, quotes=(quote,)) if e.type == "THREATEN"]
    assert (event.quote, event.reported) == ("Q1", True)


def test_figure_in_clause_is_attached(nlp: Language) -> None:
    text = "The government released 37 fishermen after the president called for talks."
    start = text.index("37")
    figure = Figure(id="F1", text="37", start=start, end=start + 2, value=37.0)
    found = run(nlp, text, figures=(figure,))
    release = next(e for e in found if e.type == "RETREAT")
    assert release.figures == ("F1",)
    assert all(e.figures == () for e in found if e is not release)


def test_relative_time_points_to_the_other_event(nlp: Language) -> None:
    text = "Rebels released the captives a day after the army attacked the village on Monday."
    found = run(nlp, text, date="2024-05-09")
    release = next(e for e in found if e.type == "RETREAT")
    attack = next(e for e in found if e.type == "ASSAULT")
    assert attack.time is not None and attack.time.value == "2024-05-06"
    assert release.relative_to == attack.id
    assert release.time is not None
    assert (release.time.text, release.time.value) == ("a day after", "2024-05-07")


def test_eve_of_an_event(nlp: Language) -> None:
    text = "The fishermen were freed on the eve of naval exercises off the coast."
    found = run(nlp, text)
    release = next(e for e in found if e.type == "RETREAT")
    drill = next(e for e in found if e.type == "MOBILIZE")
    assert release.relative_to == drill.id
    assert release.time is not None and release.time.text == "on the eve of"


def test_weekday_resolved_against_article_date(nlp: Language) -> None:
    event = main(nlp, "Police arrested ten activists on Tuesday.")
    assert event.time is not None  # no article date: the words, but no value
    assert (event.time.text, event.time.value) == ("Tuesday", None)
    [dated] = [e for e in run(nlp, "Police arrested ten activists on Tuesday.", "2024-05-09")]
    assert dated.time is not None and dated.time.value == "2024-05-07"


def test_place_is_a_named_location(nlp: Language) -> None:
    event = main(nlp, "Thousands of farmers protested against the new tax in Paris.")
    assert event.place is not None and event.place.text == "Paris"


def test_ids_offsets_and_sentence(nlp: Language) -> None:
    text = "Chile expelled the Peruvian ambassador. Peru recalled its envoy."
    found = run(nlp, text)
    assert [e.id for e in found] == ["V1", "V2"]
    for event in found:
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert text[event.sentence.start : event.sentence.end] == event.sentence.text
        for actor in (*event.sources, *event.targets):
            assert text[actor.start : actor.end] == actor.text


def test_no_events_in_plain_description(nlp: Language) -> None:
    assert run(nlp, "The river runs through a green valley full of old farms.") == []
