"""Generated articles of any length whose sentences never repeat.

An article is built from six sentence patterns of news prose (a statement with a role, a
direct quote, a figure with its change, a meeting, an "according to" credit), each slot drawn
from word lists written for the project, and a count that grows along the article. No two
sentences are the same and few word trigrams recur, so the repeat detector keeps every
paragraph: the analysis sees the whole length asked for.
"""

from __future__ import annotations

import random

FIRST = "Ana Boris Carla Dmitri Elena Farid Greta Hugo Irina Jonas Katya Luis Marta Nikos Olga"
LAST = "Arancibia Berezin Castell Dorado Esteves Fontaine Gorski Halvorsen Ibarra Jansen Kowalski"
PLACES = "Lima Santiago Minsk Vilnius Riga Tallinn Quito Bogota Valencia Porto Gdansk Tartu Arica"
ORGS = (
    "the Foreign Ministry",
    "the port authority",
    "the fishermen's union",
    "the Interior Ministry",
    "the central bank",
    "the coast guard",
    "the electoral commission",
    "the dockworkers' union",
    "the health ministry",
    "the national police",
)
ROLES = "minister spokesman spokeswoman director negotiator mayor governor envoy lawyer inspector"
THINGS = "fishermen workers prisoners vessels containers protesters families students doctors"
VERBS = "released detained questioned pardoned evacuated registered hired"
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
TOPICS = ("wages", "fuel prices", "the border", "the harbour", "the talks", "the fishing quota")


def sentence(rng: random.Random, count: int) -> str:
    """One sentence of a random pattern; ``count`` makes it unlike every earlier one."""

    def pick(words: str) -> str:
        return rng.choice(words.split())

    person = f"{pick(FIRST)} {pick(LAST)}"
    other = f"{pick(FIRST)} {pick(LAST)}"
    place, org, role, day = pick(PLACES), rng.choice(ORGS), pick(ROLES), pick(DAYS)
    n, thing, verb, topic = (
        rng.randint(2, 9000) + count,
        pick(THINGS),
        pick(VERBS),
        rng.choice(TOPICS),
    )
    return rng.choice(
        (
            f"{person}, the {role} of {org}, said on {day} that {n} {thing} had been {verb} in {place}.",
            f"“We will not accept {n} more {thing} being {verb} in {place},” {person} told reporters on {day}.",
            f"{org.capitalize()} said {n} {thing} were {verb} near {place} after talks between {person} and {other}.",
            f"Prices in {place} rose {n % 90 + 1}% in {day}'s trading, while {person} of {org} warned of {n} lost jobs.",
            f"{person} met {other} in {place} to discuss {topic}, and {org} {verb} {n} {thing} the same day.",
            f"According to {person}, {org} spent ${n} million on {topic} in {place} last year.",
        )
    )  # fmt: skip


def article(size: int, seed: int = 7) -> str:
    """An article of about ``size`` characters: paragraphs of two to four sentences."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    length = count = 0
    while length < size:
        paragraph = " ".join(sentence(rng, count + k) for k in range(rng.randint(2, 4)))
        count += 4
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)
