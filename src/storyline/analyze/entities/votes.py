"""Entity types decided across all mentions, and the gender pronouns agree with.

The small model labels each mention on its own and slips in patterns: a
country tagged as an organisation ("Peru's national carrier"), a surname
tagged as an organisation ("Arancibia said"), an airline tagged as a place. A
cluster's type is a weighted vote over its mentions, overridden by stronger
evidence: the lexicon, an honorific, an organisation word in the name, and
the roles the text gives it.

A person's gender comes from an honorific, a gendered role, a known given name
or, failing those, a feminine surname ending (see _FEMALE_SURNAME_ENDINGS).
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from storyline.analyze.document import doc_index
from storyline.analyze.entities.clusters import Cluster
from storyline.analyze.entities.lexicon import lexicon, norm

# A full name is better evidence than a bare surname the model half-recognised.
_FULL_NAME_WEIGHT = 3
_PLACE_PREPS = frozenset({"in", "at", "near", "from", "outside", "across"})
# Slavic and Baltic surnames take a feminine form ("Zavadskaya", "Marchenkova",
# "Kowalska", "Novakova", "Petraitiene", "Jonaityte"); compared accent-folded, so
# -ová, -ienė, -aitė and -ytė match as written below. The masculine counterparts
# (-sky, -ski, -ov, -ev, -in, Baltic -as/-is/-us) are not used: too many English
# and other surnames end so ("Levin", "Douglas", "Curtis"). -ina and -aya can
# still catch a Spanish or Italian man's surname; a given name, honorific or
# role, checked first, outweighs the ending.
_FEMALE_SURNAME_ENDINGS = (
    "skaya",
    "tskaya",
    "aya",
    "ska",
    "cka",
    "ova",
    "eva",
    "ina",
    "iene",
    "aite",
    "yte",
)


def decide_type(doc: Doc, cluster: Cluster) -> str:
    """The cluster's type: PERSON, ORG, GPE, LOC or NORP."""
    lex = lexicon()
    # 1. The lexicon knows its countries and organisations.
    if cluster.place is not None:
        return cluster.place.type
    # 2. An honorific ("Mr", "Ms") makes a person, and so does a surname shared by
    # several people named in full ("Scott" of Keith Scott and Rakeyia Scott).
    if cluster.ambiguous or any(s.honorific for s in cluster.surfaces):
        return "PERSON"
    # 3. An organisation word heading the name ("Andean Airways", "Chilean Navy").
    names = [s for s in cluster.surfaces if s.kind == "name"]
    if any(doc[s.end - 1].lower_ in lex.org_heads for s in names if s.end - s.start > 1):
        return "ORG"
    # 4. A known capital not standing for its government is the city.
    if any(norm(doc_index(doc).span_text(s.start, s.end)) in lex.capitals for s in names):
        return "GPE"
    votes: Counter[str] = Counter()
    for s in [s for s in names if s.votes] or names or cluster.surfaces:
        label = s.label
        # 5. A "nationality" after a preposition of place is a place ("held in Iquique").
        root = doc[s.start : s.end].root
        if label == "NORP" and root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPS:
            label = "GPE"
        # 6. An acronym is an organisation, never a nationality ("UPI", "NYPD"); a
        # plural proper noun is a people, not a person ("Yazidis").
        written = doc[s.start : s.end].text
        if label == "NORP" and written.isupper() and len(written) > 1:
            label = "ORG"
        elif label == "PERSON" and s.end - s.start == 1 and doc[s.start].tag_ == "NNPS":
            label = "NORP"
        votes[label] += _FULL_NAME_WEIGHT if s.end - s.start > 1 else 1
    # 7. A full name that starts with a known given name ("Marek Dolny" tagged ORG).
    if any(s.end - s.start > 1 and norm(doc[s.start].text) in lex.given_names for s in names):
        votes["PERSON"] += _FULL_NAME_WEIGHT + 1
    # 8. Roles the text states ("national airline", "envoy") weigh like full names.
    votes.update(cluster.evidence)
    if not votes:
        return "NORP"
    ranked = votes.most_common()
    best = ranked[0][0]
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        tied = {label for label, n in ranked if n == ranked[0][1]}
        best = next(s.label for s in cluster.surfaces if s.label in tied)
    return best


def decide_gender(doc: Doc, cluster: Cluster) -> str | None:
    """male, female or None (unknown), from honorifics, roles, given names and
    feminine surname endings, else from what the text reports ("X said she")."""
    lex = lexicon()
    for s in cluster.surfaces:
        if s.honorific and lex.honorifics.get(s.honorific):
            return lex.honorifics[s.honorific]
    for role, _ in cluster.roles:
        for word in role.text.lower().split():
            if word in lex.gender_roles:
                return lex.gender_roles[word]
    full = [s for s in cluster.surfaces if s.kind == "name" and s.end - s.start > 1]
    if not full:
        return _said(cluster)
    longest = max(full, key=lambda s: s.end - s.start)
    given = norm(doc[longest.start].text)
    if given in lex.given_names:
        return lex.given_names[given]
    surname = norm(doc[longest.end - 1].text)
    if female_surname(surname):
        return "female"
    return _said(cluster)


def _said(cluster: Cluster) -> str | None:
    """The gender the text reports a person with ("X says she"), when clear."""
    if not cluster.said:
        return None
    gender, n = cluster.said.most_common(1)[0]
    # A reported "she" is sometimes someone else ("Trump says she lied"): ask for a clear lead.
    return gender if n >= 2 and n >= 2 * (cluster.said.total() - n) else None


def female_surname(surname: str) -> bool:
    """Whether a surname has a Slavic or Baltic feminine ending ("Zavadskaya")."""
    folded = norm(surname)
    # A stem must remain: "Ina" or "Eva" alone is a given name, not a surname form.
    return len(folded) > 4 and folded.endswith(_FEMALE_SURNAME_ENDINGS)
