"""Definite descriptions ("the envoy", "the airline") linked to the one entity they fit.

A description is linked only when exactly one entity fits it before it is
used: a person given that title ("UN envoy Paul Denner" ... "the envoy"), or
an organisation described or named with that head noun ("Andean Airways, Peru's
national carrier" ... "the carrier"; "the Chilean Navy" ... "the navy"). A
demonym or "of" phrase narrows the holders by affiliation ("the Peruvian
president"). Three presidents in a story leave "the president" alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from storyline.analyze.entities.clusters import Cluster
from storyline.analyze.entities.lexicon import lexicon, norm
from storyline.analyze.entities.lookup import positions
from storyline.models import Mention

Holder = tuple[int, int, int | None]  # first offset, cluster index, affiliation index


def resolve_descriptions(doc: Doc, clusters: Sequence[Cluster], owner: list[int]) -> None:
    """Add a Mention for each "the <title>" that only one entity fits; mark its tokens
    in ``owner`` so pronouns can take it as an antecedent ("The airline said it")."""
    holders = _holders(doc, clusters)
    if not holders:
        return
    for i in positions(doc, holders):
        token = doc[i]
        if owner[i] >= 0 or token.tag_ != "NN":
            continue
        if token.i + 1 < len(doc) and owner[token.i + 1] >= 0:
            continue  # a title before a name ("the envoy Paul Denner") is a role, not a mention
        left = list(token.lefts)
        if not left or left[0].lower_ != "the" or left[0].i != token.left_edge.i:
            continue
        if any(t.pos_ not in ("DET", "ADJ", "PROPN", "NOUN") for t in left):
            continue
        affiliations = {owner[t.i] for t in left if owner[t.i] >= 0}
        for prep in token.rights:
            if prep.lower_ == "of":
                affiliations.update(owner[t.i] for t in prep.subtree if owner[t.i] >= 0)
        fits = {
            index
            for start, index, aff in holders[token.lower_]
            if start < token.idx
            and (not affiliations or aff in affiliations or index in affiliations)
        }
        fits -= affiliations  # "the Peruvian president" is not Peru
        if len(fits) == 1:
            index = fits.pop()
            span = doc[left[0].i : token.i + 1]
            owner[span.start : span.end] = [index] * len(span)
            confidence = 0.8 if clusters[index].type == "PERSON" else 0.7
            clusters[index].extra.append(
                Mention(
                    start=span.start_char,
                    end=span.end_char,
                    text=span.text,
                    confidence=confidence,
                )
            )


def _holders(doc: Doc, clusters: Sequence[Cluster]) -> dict[str, list[Holder]]:
    """Head noun -> the entities that hold it: by a stated role, or an organisation's name."""
    lex = lexicon()
    holders: dict[str, list[Holder]] = {}
    for index, cluster in enumerate(clusters):
        for role, affiliation in cluster.roles:
            head = role.text.split(" of ")[0].split()[-1].lower()  # "airline of Peru"
            head = lex.abbreviations.get(head, head)  # "Sen. Ada Pruitt" ... "the senator"
            if head in lex.roles or head in lex.org_heads:
                holders.setdefault(head, []).append((role.start, index, affiliation))
        if cluster.type == "ORG" and cluster.place is None:
            first = doc[cluster.surfaces[0].start].idx
            words = {w for s in cluster.surfaces for w in norm(doc[s.start : s.end].text).split()}
            for word in words & lex.org_heads:
                holders.setdefault(word, []).append((first, index, None))
    return holders
