"""Name surfaces grouped into clusters, one per real-world referent.

Surfaces are grouped in three passes: lexicon places (so "US", "U.S." and
"the United States" meet), full names by their folded tokens, then short
forms ("Arancibia", "Donald", "EU") joined to the one full name that fits.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from storyline.analyze.document import doc_index
from storyline.analyze.entities.lexicon import Place, lexicon, norm
from storyline.analyze.entities.surfaces import Surface
from storyline.models import Mention, Role

DOMAIN = re.compile(r"\.(?:com|org|net|co\.uk|io)$", re.IGNORECASE)
_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})
_CONNECTORS = frozenset({"of", "the", "for", "and", "on", "&", "de", "in"})
# First words of organisation names that say nothing alone ("House", "National").
_GENERIC = frozenset(
    {"house", "state", "national", "federal", "democratic", "republican", "united", "new"}
    | {"general", "supreme", "central", "international", "european", "world", "royal"}
    | {"foreign", "justice", "security", "public", "people", "peoples", "north", "south"}
)


@dataclass(slots=True, eq=False)
class Cluster:
    """A referent being built: its surfaces, votes and what later steps attach."""

    key: tuple[str, ...]
    surfaces: list[Surface] = field(default_factory=list)
    place: Place | None = None
    ambiguous: bool = False
    type: str = ""
    gender: str | None = None
    roles: list[tuple[Role, int | None]] = field(default_factory=list)  # (role, affiliation)
    evidence: Counter[str] = field(default_factory=Counter)  # type votes from context
    extra: list[Mention] = field(default_factory=list)  # pronouns and descriptions
    said: Counter[str] = field(default_factory=Counter)  # "X said she ...": gender votes

    def labels(self, multi_only: bool = False) -> Counter[str]:
        return Counter(
            s.label
            for s in self.surfaces
            if s.kind == "name" and (s.end - s.start > 1 or not multi_only)
        )


def group(doc: Doc, found: list[Surface]) -> list[Cluster]:
    """Surfaces grouped into clusters, in order of first mention."""
    clusters: dict[tuple[str, ...], Cluster] = {}
    keys = [_key(doc, s) for s in found]
    # 1. Multi-token names that are not lexicon places: the full names.
    persons_by_token: dict[str, list[Cluster]] = {}
    for surface, key in zip(found, keys, strict=True):
        if len(key) > 1 and surface.place is None and surface.kind == "name":
            cluster = _cluster(clusters, key)
            cluster.surfaces.append(surface)
    _merge_variants(doc, clusters)
    orgs = _org_index(clusters)
    for cluster in dict.fromkeys(clusters.values()):
        # A heading's misread ("Crooked Hillary Clinton") is no target for short forms.
        body = not all(s.heading for s in cluster.surfaces)
        if body and cluster.labels().most_common(1)[0][0] == "PERSON":
            for tok in {cluster.key[0], cluster.key[-1]}:
                persons_by_token.setdefault(tok, []).append(cluster)
    # 2. Short forms and places, which may join a full name.
    for surface, key in zip(found, keys, strict=True):
        if len(key) > 1 and surface.place is None and surface.kind == "name":
            continue
        if not key:
            continue
        person, ambiguous = _person_for(key, surface, persons_by_token)
        if person is not None:
            person.surfaces.append(surface)
            surface.place, surface.kind, surface.metonymy = None, "name", False
            surface.votes = surface.label == "PERSON" or surface.honorific is not None
            continue
        if surface.place is not None and (surface.kind != "capital" or surface.metonymy):
            place_key = ("@", *norm(surface.place.name).split())
            cluster = _cluster(clusters, place_key, place=surface.place)
        elif ambiguous:
            cluster = _cluster(clusters, ("?", *key), ambiguous=True)
        else:
            surface.kind = "name" if surface.kind == "capital" else surface.kind
            cluster = _org_for(key, surface, orgs) or _cluster(clusters, key)
        cluster.surfaces.append(surface)
    unique = [c for c in dict.fromkeys(clusters.values()) if c.surfaces]
    for cluster in unique:
        cluster.surfaces.sort(key=lambda s: s.start)
    return sorted(unique, key=lambda c: c.surfaces[0].first)


def _cluster(
    clusters: dict[tuple[str, ...], Cluster],
    key: tuple[str, ...],
    place: Place | None = None,
    ambiguous: bool = False,
) -> Cluster:
    """The cluster of ``key``, made when it is first asked for."""
    found = clusters.get(key)
    if found is None:
        found = clusters[key] = Cluster(key, place=place, ambiguous=ambiguous)
    return found


def _key(doc: Doc, surface: Surface) -> tuple[str, ...]:
    """A surface's folded words, without a generational suffix ("Jr.") or a web
    domain ("Edmunds.com" is Edmunds)."""
    written = DOMAIN.sub("", doc_index(doc).span_text(surface.start, surface.end))
    words = tuple(norm(written).split())
    while len(words) > 1 and words[-1] in _GENERATIONS:
        words = words[:-1]
    return words


def _merge_variants(doc: Doc, clusters: dict[tuple[str, ...], Cluster]) -> None:
    """Join a person's full names that differ by a middle name ("Donald J. Trump")
    or by a word the tagger stuck in front ("Crooked Hillary Clinton")."""
    by_last: dict[str, list[Cluster]] = {}
    for key, cluster in list(clusters.items()):
        person = cluster.labels().most_common(1)[0][0] == "PERSON"
        for target in by_last.get(key[-1], []):
            # One side must read as a person: "Enrique Peña Nieto" tagged ORG is
            # still "Mr. Peña Nieto"; two organisations sharing words stay apart.
            if not person and target.labels().most_common(1)[0][0] != "PERSON":
                continue
            shorter, longer = sorted((key, target.key), key=len)
            same_first = shorter[0] == longer[0] and _subsequence(shorter, longer)
            if target is cluster or not (same_first or longer[-len(shorter) :] == shorter):
                continue
            if not same_first and shorter[0] in lexicon().given_names:
                # "Crooked Hillary Clinton": the words before a given name are stuck on.
                # ("Enrique Peña Nieto" and "Mr. Peña Nieto" keep the longer name.)
                for s in (cluster if len(key) > len(target.key) else target).surfaces:
                    _trim_to(doc, s, shorter[0])
                target.key = shorter
            elif len(key) > len(target.key):  # the fuller name carries the given name
                target.key = key
            target.surfaces.extend(cluster.surfaces)
            clusters[key] = target
            break
        else:
            by_last.setdefault(key[-1], []).append(cluster)


def _trim_to(doc: Doc, surface: Surface, word: str) -> None:
    for i in range(surface.start, surface.end):
        if norm(doc[i].text) == word:
            surface.first = i if surface.first == surface.start else surface.first
            surface.start = i
            return


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    words = iter(long)
    return all(any(w == s for w in words) for s in short)


def _person_for(
    key: tuple[str, ...], surface: Surface, persons_by_token: dict[str, list[Cluster]]
) -> tuple[Cluster | None, bool]:
    """The one full-name person a short form fits (surname first, then given name),
    and whether several fit."""
    if len(key) != 1 or surface.kind == "demonym":
        return None, False
    candidates = list(dict.fromkeys(persons_by_token.get(key[0], [])))
    gender = lexicon().honorifics.get(surface.honorific or "")
    if gender:  # "Mrs. Clinton" is not Bill Clinton
        names = lexicon().given_names
        candidates = [c for c in candidates if names.get(c.key[0], gender) == gender]
    surname = [c for c in candidates if c.key[-1] == key[0]]
    if len(surname) == 1:
        return surname[0], False
    # A given name alone ("Donald"), or a family name written first ("Mr. Ban" of
    # "Ban Ki-moon"), when no surname fits.
    given = [c for c in candidates if c.key[0] == key[0]]
    if not surname and len(given) == 1:
        return given[0], False
    return None, len(surname) > 1 or len(given) > 1


def _org_index(clusters: dict[tuple[str, ...], Cluster]) -> dict[str, list[Cluster]]:
    """Full organisation names by their acronym, first word and last word."""
    index: dict[str, list[Cluster]] = {}
    for full, cluster in clusters.items():
        if len(full) < 2 or cluster.labels().most_common(1)[0][0] == "PERSON":
            continue
        initials = "".join(w[0] for w in full if w not in _CONNECTORS)
        words = {full[-1]} if full[0] in _GENERIC else {full[0], full[-1]}
        for token in {initials, *words} if len(initials) > 1 else words:
            if cluster not in index.setdefault(token, []):
                index[token].append(cluster)
    return index


def _org_for(
    key: tuple[str, ...], surface: Surface, orgs: dict[str, list[Cluster]]
) -> Cluster | None:
    """The one full organisation name that an acronym or a short form stands for."""
    if len(key) != 1 or surface.label not in ("ORG", "GPE", "PERSON") or surface.kind != "name":
        return None
    fits = orgs.get(key[0], [])
    return fits[0] if len(fits) == 1 else None


def canonical_name(doc: Doc, cluster: Cluster) -> str:
    """The fullest written name of a cluster (its lexicon name for places)."""
    if cluster.place is not None:
        return cluster.place.name
    names = [s for s in cluster.surfaces if s.kind == "name"] or cluster.surfaces
    index = doc_index(doc)
    counts = Counter(index.span_text(s.start, s.end) for s in names)
    best = max(
        names, key=lambda s: (s.end - s.start, counts[index.span_text(s.start, s.end)], -s.start)
    )
    return index.span_text(best.start, best.end)


def drop_headings(clusters: list[Cluster]) -> list[Cluster]:
    """Clusters left after removing those named only in title-case headings.

    The small model reads a heading such as "Limited Tools" or "Hit Piece Exploits
    Supporter" as a name; a referent worth keeping is also named in the body.
    """
    return [c for c in clusters if c.place is not None or not all(s.heading for s in c.surfaces)]
