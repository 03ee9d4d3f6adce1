"""The clause-subject helper every stage shares, with the rule each stage reads it by."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from storyline.analyze.events.roles import ACTOR
from storyline.analyze.figures.concept import TOLD_OF
from storyline.analyze.quotes.spans import SPEAKER
from storyline.analyze.syntax import (
    SubjectRule,
    agent,
    antecedent,
    clause_subject,
    particles,
    subject_before,
    verb_group,
)

PLAIN = SubjectRule()
RULES = {"plain": PLAIN, "speaker": SPEAKER, "actor": ACTOR, "told_of": TOLD_OF}


def subjects(nlp: Language, text: str, word: str) -> dict[str, str | None]:
    """What each rule gives as the subject of the clause ``word`` (its first occurrence) is in."""
    token = next(t for t in nlp(text) if t.text == word)
    found = {name: clause_subject(token, rule) for name, rule in RULES.items()}
    return {name: None if t is None else t.text for name, t in found.items()}


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # A subject of its own: every rule agrees.
        (
            "The minister said the talks had failed.",
            "said",
            {
                "plain": "minister",
                "speaker": "minister",
                "actor": "minister",
                "told_of": "minister",
            },
        ),
        # A conjunct inherits its governor's subject.
        (
            "The mayor welcomed the report but warned that costs would rise.",
            "warned",
            {"plain": "mayor", "speaker": "mayor", "actor": "mayor", "told_of": "mayor"},
        ),
        # A passive: the speaker and the actor are its agent, a figure is told of its subject.
        (
            "The plan was criticised by the mayor.",
            "criticised",
            {"plain": "plan", "speaker": "mayor", "actor": "mayor", "told_of": "plan"},
        ),
        # A governing passive passes its surface subject on to a conjunct, and to a
        # complement: the one welcomed thanks, the one forced resigns.
        (
            "The envoy was welcomed by the crowd and thanked them.",
            "thanked",
            {"plain": "envoy", "speaker": "envoy", "actor": "envoy", "told_of": "envoy"},
        ),
        (
            "The minister was forced by protesters to resign.",
            "resign",
            {"actor": "minister"},
        ),
        # An adverbial participle of a passive is its agent's act.
        (
            "The town was shelled by rebels, killing ten people.",
            "killing",
            {"actor": "rebels"},
        ),
        # "There" is the subject a figure is told of, and no one's else.
        (
            "There were 31 fishermen on the boat.",
            "31",
            {"plain": None, "speaker": None, "actor": None, "told_of": "There"},
        ),
        # A relative pronoun stands for its noun where the rule resolves it; a passive
        # without an agent has no speaker or actor.
        (
            "Arancibia, who was sentenced to nine years, appealed.",
            "sentenced",
            {"plain": "who", "speaker": None, "actor": None, "told_of": "Arancibia"},
        ),
        (
            "Arancibia, who was sentenced to nine years, appealed.",
            "nine",
            {"plain": None, "speaker": None, "actor": None, "told_of": "Arancibia"},
        ),
        # Object control: the one urged pardons.
        (
            "The council urged Ortega to pardon the prisoners.",
            "pardon",
            {"plain": "council", "speaker": "council", "actor": "Ortega", "told_of": "council"},
        ),
        # The one thanked offers; a speaker is not found through "for", nor by the plain
        # rule, which climbs no gerund.
        (
            "The president thanked Garcia for offering help.",
            "offering",
            {"plain": None, "speaker": None, "actor": "Garcia", "told_of": "president"},
        ),
        # A speaker is found through "upon", which the tagger reads as a conjunction.
        (
            "The senator drew boos upon saying the vote was rigged.",
            "saying",
            {"plain": None, "speaker": "senator", "actor": None, "told_of": None},
        ),
        # A participle is done by the noun it modifies.
        (
            "Troops firing on the crowd killed two people.",
            "firing",
            {"plain": None, "speaker": None, "actor": "Troops", "told_of": "Troops"},
        ),
        # An infinitive modifying a noun: a figure is told of the noun, no one acts.
        (
            "The government announced a plan to cut 500 jobs.",
            "cut",
            {"plain": None, "speaker": None, "actor": None, "told_of": "plan"},
        ),
        # A participle of speech after a reported clause is its reporter's; a participle of
        # action is the reported clause's subject's.
        (
            "The minister said the deal would hold, adding that talks would resume.",
            "adding",
            {"plain": "deal", "speaker": "minister", "actor": "minister", "told_of": "deal"},
        ),
        (
            "The army said rebels attacked the town, killing ten people.",
            "killing",
            {"actor": "rebels"},
        ),
        # A figure is told of the subject of the clause its gerund's preposition hangs on.
        (
            "Shares were up 42% after plummeting 48% last year.",
            "48",
            {"plain": None, "speaker": None, "actor": None, "told_of": "Shares"},
        ),
    ],
)
def test_clause_subject_by_rule(
    nlp: Language, text: str, word: str, expected: dict[str, str | None]
) -> None:
    found = subjects(nlp, text, word)
    assert {name: found[name] for name in expected} == expected


def test_nearest_of_two_subjects(nlp: Language) -> None:
    """Of two subjects a misparsed dateline gives a verb, the nearest before it where the
    rule says so, else the first."""
    words = ["LIMA", "—", "Officials", "said", "it", "."]
    heads = [3, 3, 3, 3, 3, 3]
    deps = ["nsubj", "punct", "nsubj", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "PUNCT", "NOUN", "VERB", "PRON", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    nearest = clause_subject(doc[3], SubjectRule(nearest=True))
    first = clause_subject(doc[3], PLAIN)
    assert (nearest and nearest.text, first and first.text) == ("Officials", "LIMA")


def test_passive_subject_beside_an_active_one(nlp: Language) -> None:
    """Where the agent acts, a passive's surface subject beside an active one is not the
    subject; elsewhere the nearest before the verb is."""
    words = ["which", "they", "were", "assured", "."]
    deps = ["nsubj", "nsubjpass", "auxpass", "ROOT", "punct"]
    doc = Doc(nlp.vocab, words=words, heads=[3, 3, 3, 3, 3], deps=deps)
    speaker = clause_subject(doc[3], SPEAKER)
    nearest = clause_subject(doc[3], SubjectRule(nearest=True))
    assert (speaker and speaker.text, nearest and nearest.text) == ("which", "they")


def test_agent_and_antecedent(nlp: Language) -> None:
    doc = nlp("The report, which was written by two judges, was published.")
    written = next(t for t in doc if t.text == "written")
    which = next(t for t in doc if t.text == "which")
    by = agent(written)
    assert by is not None and by.text == "judges"
    assert antecedent(which).text == "report"
    assert antecedent(by) is by


def test_particle_and_verb_group(nlp: Language) -> None:
    doc = nlp("The minister has also pointed out that rebels shot the plane down.")
    pointed = next(t for t in doc if t.text == "pointed")
    shot = next(t for t in doc if t.text == "shot")
    assert [t.text for t in particles(pointed)] == ["out"]
    assert particles(shot) == []  # "down" does not follow the verb
    start, end = verb_group(pointed)
    assert doc.text[start:end] == "has also pointed out"


def test_subject_before(nlp: Language) -> None:
    doc = nlp("Dekker was unmoved. Asked again, the minister said nothing.")
    unmoved = next(t for t in doc if t.text == "unmoved")
    said = next(t for t in doc if t.text == "said")
    passive = subject_before(unmoved, 0)
    assert passive is not None and passive.text == "Dekker"
    assert subject_before(unmoved, 1) is None  # the subject lies before the first token allowed
    nearest = subject_before(said, 4)
    assert nearest is not None and nearest.text == "minister"
