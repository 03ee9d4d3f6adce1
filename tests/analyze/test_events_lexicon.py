"""The PLOVER trigger lexicon: every type covered, every mode one the manual defines."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from spacy.language import Language

from storyline.analyze.entities import entities
from storyline.analyze.events import events
from storyline.analyze.events.lexicon import TYPES, Entry, load

DATA = json.loads(
    (resources.files("storyline") / "data" / "plover_en.json").read_text(encoding="utf-8")
)


def entries() -> list[tuple[str, Entry]]:
    lex = load()
    out = []
    for section in (lex.verbs, lex.phrasal, lex.nouns):
        for word, entry in section.items():
            out.append((word, entry))
            out += [(f"{word} + {obj}", sense) for obj, sense in entry.objects.items()]
    return out


def test_declares_the_sixteen_types() -> None:
    assert tuple(DATA["types"]) == TYPES


@pytest.mark.parametrize("kind", TYPES)
def test_every_type_has_verbs_and_nouns(kind: str) -> None:
    lex = load()
    assert any(e.type == kind for e in lex.verbs.values())
    assert any(e.type == kind for e in lex.nouns.values())


def test_modes_belong_to_their_type() -> None:
    for word, entry in entries():
        assert entry.type in TYPES, word
        if entry.mode is not None:
            assert entry.mode in DATA["types"][entry.type]["modes"], word


def test_mode_words_name_defined_modes() -> None:
    for kind, modes in load().mode_words.items():
        assert set(modes) <= set(DATA["types"][kind]["modes"])


@pytest.mark.parametrize(
    ("verb", "obj", "kind", "mode"),
    [
        ("withdraw", "troops", "RETREAT", "withdraw"),
        ("withdraw", "ambassador", "SANCTION", "withdraw"),
        ("send", "troops", "MOBILIZE", "troops"),
        ("suspend", "talks", "REJECT", "meet"),
        ("suspend", "sanctions", "CONCEDE", None),
        ("exchange", "prisoners", "RETREAT", "release"),
    ],
)
def test_objects_select_the_sense(verb: str, obj: str, kind: str, mode: str | None) -> None:
    sense = load().verbs[verb].for_object((obj,))
    assert (sense.type, sense.mode) == (kind, mode)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a narrow sense needs what it is narrow for: a civilian craft is not the military
        # equipment that acts for its crews (Table 5.2), a team disbanded does not disarm,
        # power handed to a successor is no retreat, and citizens let visit their relatives
        # are no third party given access (3.7)
        ("A cargo plane delivered food to the town.", [("AID", (), ("town",))]),
        ("The company disbanded its research team.", []),
        ("The president handed power to his successor.", []),
        (
            "The government allowed citizens to visit their relatives.",
            [("CONSULT", ("citizens",), ("their relatives",))],
        ),
    ],
)
def test_narrow_senses(
    nlp: Language, text: str, expected: list[tuple[str, tuple[str, ...], tuple[str, ...]]]
) -> None:
    doc = nlp(text)
    found = events(doc, entities(doc), (), (), (), None)
    assert [(e.type, texts_of(e.sources), texts_of(e.targets)) for e in found] == expected


def test_an_attack_not_condemned_is_not_denied(nlp: Language) -> None:
    doc = nlp("The government did not condemn any attack on civilians.")
    found = events(doc, entities(doc), (), (), (), None)
    assert [(e.type, e.negated) for e in found] == [("ACCUSE", True), ("ASSAULT", False)]


def texts_of(actors: tuple[object, ...]) -> tuple[str, ...]:
    return tuple(a.text for a in actors)  # type: ignore[attr-defined]
