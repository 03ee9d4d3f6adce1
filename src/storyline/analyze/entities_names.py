"""Name mentions and their grouping into clusters, one per real-world referent.

A *surface* is one written name: a spaCy entity trimmed of "the", possessive
"'s" and honorifics, a demonym ("Lithuanian"), or a country name the tagger
missed. Surfaces are grouped in three passes: lexicon places (so "US",
"U.S." and "the United States" meet), full names by their folded tokens, then
short forms ("Lukashenko", "Donald", "EU") joined to the one full name that
fits.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from storyline.analyze.entities_lexicon import Place, lexicon, norm
from storyline.models import Mention, Role

LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "NORP",
}
_CONNECTORS = frozenset({"of", "the", "for", "and", "on", "&", "de", "in"})
# First words of organisation names that say nothing alone ("House", "National").
_GENERIC = frozenset(
    {"house", "state", "national", "federal", "democratic", "republican", "united", "new"}
    | {"general", "supreme", "central", "international", "european", "world", "royal"}
    | {"foreign", "justice", "security", "public", "people", "peoples", "north", "south"}
)
# Prepositions after which a capital is a place, not its government speaking.
_PLACE_PREPS = frozenset({"in", "to", "from", "at", "near", "into", "outside", "across", "via"})


@dataclass(slots=True, eq=False)
class Surface:
    """One written name: tokens ``[start, end)``; ``first`` includes an honorific."""

    start: int
    end: int
    label: str
    kind: str = "name"  # name, demonym, capital
    first: int = -1
    honorific: str | None = None
    place: Place | None = None
    metonymy: bool = False

    def __post_init__(self) -> None:
        if self.first < 0:
            self.first = self.start


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

    def labels(self, multi_only: bool = False) -> Counter[str]:
        return Counter(
            s.label
            for s in self.surfaces
            if s.kind == "name" and (s.end - s.start > 1 or not multi_only)
        )


def surfaces(doc: Doc) -> list[Surface]:
    """Every name-like stretch of ``doc``, in text order."""
    lex = lexicon()
    found: list[Surface] = []
    covered = bytearray(len(doc))
    for ent in doc.ents:
        label = LABELS.get(ent.label_)
        surface = _trim(doc, ent, label) if label else None
        if surface is None:
            continue
        _resolve(doc, surface)
        found.append(surface)
        covered[ent.start : ent.end] = b"\x01" * (ent.end - ent.start)
    # The small model misses some demonyms and short country names; a lexicon
    # look-up on capitalised tokens outside entities finds them in one pass.
    for token in doc:
        if covered[token.i] or not token.text[:1].isupper():
            continue
        place = lex.demonyms.get(token.text)
        if place is not None and token.pos_ in ("ADJ", "PROPN", "NOUN"):
            found.append(Surface(token.i, token.i + 1, "NORP", kind="demonym", place=place))
        elif token.tag_ in ("NNP", "NNPS") and norm(token.text) in lex.names:
            found.append(Surface(token.i, token.i + 1, lex.names[norm(token.text)].type))
            _resolve(doc, found[-1])
        elif token.pos_ == "PROPN" and token.dep_ != "compound":
            named = _org_name(doc, token, covered) or _described_name(doc, token, covered)
            if named is not None:
                found.append(named)
    found.sort(key=lambda s: s.start)
    return found


def _org_name(doc: Doc, token: Token, covered: bytearray) -> Surface | None:
    """An untagged capitalised name headed by an organisation word ("Andean Airways")."""
    if token.lower_ not in lexicon().org_heads or not token.is_title:
        return None
    start = token.i
    while (
        start > 0
        and not covered[start - 1]
        and doc[start - 1].is_title
        and doc[start - 1].pos_ in ("PROPN", "ADJ")
        and doc[start - 1].head.i in range(start, token.i + 1)
    ):
        start -= 1
    return Surface(start, token.i + 1, "ORG") if start < token.i else None


def _described_name(doc: Doc, token: Token, covered: bytearray) -> Surface | None:
    """An untagged name that an apposition describes ("Skyjet, Norway's largest airline")."""
    lex = lexicon()
    for child in token.rights:
        head = child.lower_
        if child.dep_ == "appos" and (head in lex.org_heads or head in lex.roles):
            start = token.i
            while (
                start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN"
            ):
                start -= 1
            if any(covered[start : token.i + 1]):
                return None
            label = "ORG" if head in lex.org_heads and head not in lex.roles else "PERSON"
            return Surface(start, token.i + 1, label)
    return None


def _trim(doc: Doc, ent: Span, label: str | None) -> Surface | None:
    lex = lexicon()
    start, end = ent.start, ent.end
    for k in range(start, end):  # a name never runs across a line break
        if "\n" in doc[k].text or (k < end - 1 and "\n" in doc[k].whitespace_ + doc[k + 1].text):
            end = k + 1 if not doc[k].is_space else k
            break
    for k in range(end - 1, start, -1):  # "National Interests: The Human Rights Council"
        if doc[k].text == ":":
            start = k + 1
            break
    while start < end and (
        doc[start].lower_ == "the" or doc[start].is_punct or doc[start].is_space
    ):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space
    ):
        end -= 1
    if start >= end or label is None:
        return None
    honorific = None
    first = start
    if doc[start].text in lex.honorifics and end - start > 1:
        honorific, start = doc[start].text, start + 1
    elif start > 0 and doc[start - 1].text in lex.honorifics:
        honorific, first = doc[start - 1].text, start - 1
    # "President Trump" tagged as one PERSON: the title is a role, not the name.
    while label == "PERSON" and end - start > 1 and doc[start].lower_ in lex.roles:
        start += 1
        first = max(first, start) if honorific is None else first
    text = doc[start:end].text
    if not any(c.isalpha() for c in text) or text.islower():
        return None
    if honorific is not None:
        label = "PERSON"
    return Surface(start, end, label, first=first, honorific=honorific)


def _resolve(doc: Doc, surface: Surface) -> None:
    """Tie a surface to a lexicon country or organisation where it names one."""
    lex = lexicon()
    text = doc[surface.start : surface.end].text
    if surface.honorific is not None:
        return
    if text in lex.demonyms and surface.label in ("NORP", "GPE", "ORG", "LOC", "PERSON"):
        surface.kind, surface.place = "demonym", lex.demonyms[text]
        return
    folded = norm(text)
    if folded in lex.names:
        surface.place = lex.names[folded]
    elif folded in lex.capitals and surface.label in ("GPE", "LOC", "ORG"):
        surface.kind, surface.place = "capital", lex.capitals[folded]
        surface.metonymy = _speaks(doc, surface)


def _speaks(doc: Doc, surface: Surface) -> bool:
    """Whether a capital stands for its government: it acts or owns, not locates."""
    root = doc[surface.start : surface.end].root
    if root.dep_ in ("nsubj", "nsubjpass", "poss", "agent"):
        return True
    # "urged Santiago to return the boats": the object is asked to act.
    if root.dep_ == "dobj" and any(c.dep_ in ("xcomp", "ccomp") for c in root.head.children):
        return True
    if root.dep_ == "pobj":
        prep = root.head.lower_
        return prep not in _PLACE_PREPS and prep in ("by", "with", "between", "against")
    return False


def group(doc: Doc, found: list[Surface]) -> list[Cluster]:
    """Surfaces grouped into clusters, in order of first mention."""
    clusters: dict[tuple[str, ...], Cluster] = {}
    keys = [tuple(norm(doc[s.start : s.end].text).split()) for s in found]
    # 1. Multi-token names that are not lexicon places: the full names.
    persons_by_token: dict[str, list[Cluster]] = {}
    for surface, key in zip(found, keys, strict=True):
        if len(key) > 1 and surface.place is None and surface.kind == "name":
            cluster = clusters.setdefault(key, Cluster(key))
            cluster.surfaces.append(surface)
    _merge_variants(clusters)
    orgs = _org_index(clusters)
    for cluster in dict.fromkeys(clusters.values()):
        if cluster.labels().most_common(1)[0][0] == "PERSON":
            for tok in {cluster.key[0], cluster.key[-1]}:
                persons_by_token.setdefault(tok, []).append(cluster)
    # 2. Short forms and places, which may join a full name.
    for surface, key in zip(found, keys, strict=True):
        if len(key) > 1 and surface.place is None and surface.kind == "name":
            continue
        if not key:
            continue
        person = _person_for(key, surface, persons_by_token)
        if person is not None:
            person.surfaces.append(surface)
            surface.place, surface.kind, surface.metonymy = None, "name", False
            continue
        if surface.place is not None and (surface.kind != "capital" or surface.metonymy):
            place_key = ("@", *norm(surface.place.name).split())
            cluster = clusters.setdefault(place_key, Cluster(place_key, place=surface.place))
        elif surface.kind == "name" and len(key) == 1 and key[0] in persons_by_token:
            cluster = clusters.setdefault(("?", *key), Cluster(("?", *key), ambiguous=True))
        else:
            surface.kind = "name" if surface.kind == "capital" else surface.kind
            cluster = _org_for(key, surface, orgs) or clusters.setdefault(key, Cluster(key))
        cluster.surfaces.append(surface)
    unique = [c for c in dict.fromkeys(clusters.values()) if c.surfaces]
    for cluster in unique:
        cluster.surfaces.sort(key=lambda s: s.start)
    return sorted(unique, key=lambda c: c.surfaces[0].first)


def _merge_variants(clusters: dict[tuple[str, ...], Cluster]) -> None:
    """Join a person's full names that differ by a middle name ("Donald J. Trump")."""
    by_ends: dict[tuple[str, str], list[Cluster]] = {}
    for key, cluster in list(clusters.items()):
        if cluster.labels().most_common(1)[0][0] != "PERSON":
            continue
        for target in by_ends.get((key[0], key[-1]), []):
            shorter, longer = sorted((key, target.key), key=len)
            if target is not cluster and _subsequence(shorter, longer):
                target.surfaces.extend(cluster.surfaces)
                clusters[key] = target
                break
        else:
            by_ends.setdefault((key[0], key[-1]), []).append(cluster)


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    words = iter(long)
    return all(any(w == s for w in words) for s in short)


def _person_for(
    key: tuple[str, ...], surface: Surface, persons_by_token: dict[str, list[Cluster]]
) -> Cluster | None:
    """The one full-name person a short form fits: surname first, then given name."""
    if len(key) != 1 or surface.kind == "demonym":
        return None
    candidates = list(dict.fromkeys(persons_by_token.get(key[0], [])))
    surname = [c for c in candidates if c.key[-1] == key[0]]
    if len(surname) == 1:
        return surname[0]
    # A given name alone ("Donald"), or a family name written first ("Mr. Ban" of
    # "Ban Ki-moon"), when no surname fits.
    given = [c for c in candidates if c.key[0] == key[0]]
    if not surname and len(given) == 1:
        return given[0]
    return None


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
    counts = Counter(doc[s.start : s.end].text for s in names)
    best = max(names, key=lambda s: (s.end - s.start, counts[doc[s.start : s.end].text], -s.start))
    return str(doc[best.start : best.end].text)


def drop_headings(doc: Doc, clusters: list[Cluster]) -> list[Cluster]:
    """Clusters left after removing those named only in title-case headings.

    The small model reads a heading such as "Limited Tools" or "Hit Piece Exploits
    Supporter" as a name; a referent worth keeping is also named in the body.
    """
    text = doc.text
    headings: dict[int, bool] = {}

    def in_heading(surface: Surface) -> bool:
        start = doc[surface.start].idx
        line = text.rfind("\n", 0, start) + 1
        if line not in headings:
            end = text.find("\n", start)
            headings[line] = _is_heading(text[line : end if end >= 0 else len(text)])
        return headings[line]

    return [
        c for c in clusters if c.place is not None or not all(in_heading(s) for s in c.surfaces)
    ]


def _is_heading(line: str) -> bool:
    words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    if len(words) < 2 or len(line.split()) > 15 or line.rstrip()[-1:] in ".?!\"”'’":
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)
