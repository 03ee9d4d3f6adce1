"""The entity stage's word lists, loaded once from the package's data files.

``entities_places.json`` ties country names, short forms, demonyms and capitals
to one canonical country; ``entities_people.json`` holds honorifics, role
nouns, organisation head nouns and given names used for pronoun agreement.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any

_PUNCT = re.compile(r"[^\w\s]")
_POSSESSIVE = re.compile(r"'s\b")


def norm(text: str) -> str:
    """A name folded for comparison: no accents, no punctuation, lower case."""
    folded = text.replace("’", "'")
    if not folded.isascii():  # ASCII has no accents to take off
        folded = unicodedata.normalize("NFKD", folded)
        folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = _POSSESSIVE.sub("", folded)
    return " ".join(_PUNCT.sub("", folded).lower().split())


@dataclass(frozen=True, slots=True)
class Place:
    """A canonical country or well-known organisation and how it is referred to."""

    name: str
    type: str  # GPE or ORG


@dataclass(frozen=True, slots=True)
class Lexicon:
    names: dict[str, Place]  # norm(name or alias) -> place
    demonyms: dict[str, Place]  # demonym as written (capitalised) -> country
    capitals: dict[str, Place]  # norm(capital) -> country
    honorifics: dict[str, str | None]  # as written -> gender
    roles: frozenset[str]  # lower-case role nouns ("president", "envoy")
    org_heads: frozenset[str]  # lower-case nouns that make a name an organisation
    gender_roles: dict[str, str]  # "spokeswoman" -> female
    given_names: dict[str, str]  # norm(given name) -> gender
    abbreviations: dict[str, str]  # a title's abbreviation -> its role noun ("sen." -> senator)


def _read(name: str) -> dict[str, Any]:
    text = resources.files("storyline.data").joinpath(name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@functools.cache
def lexicon() -> Lexicon:
    """The word lists, parsed once per process."""
    places = _read("entities_places.json")
    people = _read("entities_people.json")
    names: dict[str, Place] = {}
    demonyms: dict[str, Place] = {}
    capitals: dict[str, Place] = {}
    for country, info in places["countries"].items():
        place = Place(country, "GPE")
        for alias in [country, *info.get("aliases", [])]:
            names[norm(alias)] = place
        for demonym in info.get("demonyms", []):
            demonyms.setdefault(demonym, place)
            demonyms.setdefault(demonym + "s", place)  # "Peruvians"
        for capital in info.get("capitals", []):
            capitals[norm(capital)] = place
    for region, info in places["regions"].items():
        place = Place(region, "GPE")
        for alias in [region, *info.get("aliases", [])]:
            names.setdefault(norm(alias), place)
        for demonym in info.get("demonyms", []):
            demonyms.setdefault(demonym, place)
        for capital in info.get("capitals", []):
            capitals.setdefault(norm(capital), place)
    for org, info in places["organisations"].items():
        place = Place(org, "ORG")
        for alias in [org, *info.get("aliases", [])]:
            names.setdefault(norm(alias), place)
    gender_roles = {w: "male" for w in people["male_roles"]}
    gender_roles.update({w: "female" for w in people["female_roles"]})
    given = {norm(n): "male" for n in people["male_names"]}
    given.update({norm(n): "female" for n in people["female_names"]})
    return Lexicon(
        names=names,
        demonyms=demonyms,
        capitals=capitals,
        honorifics=dict(people["honorifics"]),
        roles=frozenset(people["roles"]),
        org_heads=frozenset(people["organisation_heads"]),
        gender_roles=gender_roles,
        given_names=given,
        abbreviations=dict(people["role_abbreviations"]),
    )
