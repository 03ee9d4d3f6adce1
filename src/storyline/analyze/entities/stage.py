"""Entities: one per real-world referent, with its name, type, roles and every mention.

``entities(doc)`` is a numbered recipe over the modules of this package:
names are found and grouped, untagged repeats of known names are picked up,
roles are read, the type is voted across mentions, and definite
descriptions and pronouns are resolved. Every mention carries exact character
offsets into ``doc.text`` so later stages can look entities up by span.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from storyline.analyze.document import doc_index
from storyline.analyze.entities.clusters import (
    DOMAIN,
    Cluster,
    canonical_name,
    drop_headings,
    group,
)
from storyline.analyze.entities.descriptions import resolve_descriptions
from storyline.analyze.entities.lexicon import norm
from storyline.analyze.entities.lookup import positions
from storyline.analyze.entities.pronouns import pronoun_evidence, resolve_pronouns
from storyline.analyze.entities.roles import find_roles
from storyline.analyze.entities.surfaces import Surface, surfaces
from storyline.analyze.entities.votes import decide_gender, decide_type
from storyline.models import Entity, Mention, Role


def entities(doc: Doc) -> tuple[Entity, ...]:
    """The people, organisations and places of ``doc``, in order of first mention."""
    # 1. Names, trimmed and tied to the lexicon, grouped into one cluster per referent.
    clusters = drop_headings(group(doc, surfaces(doc)))
    # 2. Repeats of a known name that the tagger missed.
    _rescan(doc, clusters)
    owner = _owners(doc, clusters)
    # 3. Roles and self-reports ("X said he"), which vote on the type.  4. Types, genders.
    find_roles(doc, clusters, owner)
    pronoun_evidence(doc, clusters, owner)
    for cluster in clusters:
        cluster.type = decide_type(doc, cluster)
        cluster.gender = decide_gender(doc, cluster) if cluster.type == "PERSON" else None
    # 5. Definite descriptions, then pronouns, which may refer back to them.
    resolve_descriptions(doc, clusters, owner)
    resolve_pronouns(doc, clusters, owner)
    return _build(doc, clusters)


def entity_key(name: str, kind: str) -> str:
    """A key that matches the same referent across articles: folded name + type.

    A person's key keeps only given name and surname, so "Donald J. Trump" and
    "Donald Trump", or "John Roberts Jr." and "John Roberts", meet.
    """
    words = norm(name).split()
    if kind == "PERSON" and len(words) > 2:
        core = [w for w in words if len(w) > 1 and w not in ("jr", "sr", "ii", "iii", "iv")]
        words = [core[0], core[-1]] if len(core) >= 2 else words
    return f"{' '.join(words)}|{kind}"


def _owners(doc: Doc, clusters: Sequence[Cluster]) -> list[int]:
    """For each token, the index of the cluster whose name covers it, else -1."""
    owner = [-1] * len(doc)
    for index, cluster in enumerate(clusters):
        for s in cluster.surfaces:
            owner[s.first : s.end] = [index] * (s.end - s.first)
    return owner


def _rescan(doc: Doc, clusters: list[Cluster]) -> None:
    """Add untagged proper-noun tokens that spell a known single-word name or surname."""
    known: dict[str, Cluster | None] = {}
    index = doc_index(doc)
    for cluster in clusters:
        if cluster.ambiguous:
            continue
        words = {
            DOMAIN.sub("", index.span_text(s.start, s.end))
            for s in cluster.surfaces
            if s.kind == "name"
        }
        for s in cluster.surfaces:
            if s.kind == "name" and s.end - s.start > 1 and s.label == "PERSON":
                words.add(doc[s.end - 1].text)
        for word in words:
            if " " not in word:
                known[word] = None if known.get(word, cluster) is not cluster else cluster
    covered = bytearray(len(doc))
    for cluster in clusters:
        for s in cluster.surfaces:
            covered[s.first : s.end] = b"\x01" * (s.end - s.first)
    for i in positions(doc, (w for w, c in known.items() if c is not None), lower=False):
        token = doc[i]
        target = known[token.text]
        if target is None or covered[i]:
            continue
        label = target.labels().most_common(1)[0][0]
        # The small model tags a known surname at a sentence start as a noun or
        # adjective ("Dorn hired staff"); any capitalised, non-function word will do.
        person = label == "PERSON" and token.is_title and not token.is_stop
        if person or token.tag_ in ("NNP", "NNPS"):
            target.surfaces.append(Surface(token.i, token.i + 1, label, votes=False))
    for cluster in clusters:
        cluster.surfaces.sort(key=lambda s: s.first)
    clusters.sort(key=lambda c: c.surfaces[0].first)


def _mention(doc: Doc, surface: Surface) -> Mention:
    index = doc_index(doc)
    return Mention(
        start=index.token_starts[surface.first],
        end=index.token_ends[surface.end - 1],
        text=index.span_text(surface.first, surface.end),
        metonymy=surface.metonymy,
    )


def _build(doc: Doc, clusters: Sequence[Cluster]) -> tuple[Entity, ...]:
    document = doc_index(doc)
    drafts = []
    for index, cluster in enumerate(clusters):
        by_span = {(m.start, m.end): m for m in (_mention(doc, s) for s in cluster.surfaces)}
        for extra in cluster.extra:
            by_span.setdefault((extra.start, extra.end), extra)
        ordered = tuple(sorted(by_span.values(), key=lambda m: m.start))
        drafts.append((ordered[0].start, index, ordered))
    drafts.sort()
    ids = {index: f"E{n}" for n, (_, index, _) in enumerate(drafts, start=1)}
    names = {index: canonical_name(doc, clusters[index]) for index in ids}
    out = []
    for first, index, mentions in drafts:
        cluster = clusters[index]
        name = names[index]
        aliases = dict.fromkeys(
            text for s in cluster.surfaces if (text := document.span_text(s.first, s.end)) != name
        )
        roles = tuple(
            Role(
                text=role.text,
                start=role.start,
                end=role.end,
                affiliation=ids.get(aff) if aff is not None else None,
                affiliation_name=names.get(aff) if aff is not None else None,
            )
            for role, aff in cluster.roles
        )
        out.append(
            Entity(
                id=ids[index],
                name=name,
                type=cluster.type,
                key=entity_key(name, cluster.type),
                aliases=tuple(aliases),
                roles=roles,
                mentions=mentions,
                mention_count=len(mentions),
                first_position=first,
                ambiguous=cluster.ambiguous,
            )
        )
    return tuple(out)
