"""Roles: the titles and descriptions the text gives a person or organisation.

Four shapes are read from the parse, each anchored on a name mention so the
work is linear in the number of mentions:

- pre-modifiers: "Chilean Foreign Minister Daniela Forteza", "Peru's fisheries
  chief Julio Arancibia", "Peru's national carrier Andean Airways" (affiliation:
  the entity or demonym before the title);
- appositions, both ways: "Marta Quispe, head of the Andean growers' union",
  "her Peruvian counterpart, Julio Arancibia";
- copular and relative clauses: "Forteza is the foreign minister",
  "Arancibia, who has run the ministry since ...";
- participial clauses after a comma: "Forteza, involved in talks with ...".

A role's head noun also votes on the entity's type: "airline" for an
organisation, "envoy" for a person.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from storyline.analyze.entities.clusters import Cluster
from storyline.analyze.entities.lexicon import lexicon
from storyline.analyze.entities.surfaces import Surface
from storyline.analyze.lexicons import DOUBLE_QUOTATION_MARKS
from storyline.analyze.syntax import is_dash
from storyline.models import Mention, Role

# Verbs of a relative clause that describe what someone is ("who heads ...").
_ROLE_VERBS = frozenset(
    {
        "lead",
        "head",
        "run",
        "chair",
        "represent",
        "serve",
        "govern",
        "command",
        "direct",
        "found",
        "own",
    }
)
_COPULAS = frozenset({"be", "become", "remain"})
_STOP = frozenset({",", ";", ".", "(", ")", ":"}) | DOUBLE_QUOTATION_MARKS
_MAX_TOKENS = 14
_ROLE_VOTE = 3


def find_roles(doc: Doc, clusters: Sequence[Cluster], owner: list[int]) -> None:
    """Attach roles to ``clusters`` (and type votes from their head nouns).

    An apposition also refers to its entity ("her Peruvian counterpart, Julio
    Arancibia, who ..."), so it becomes a mention and its free tokens are marked
    in ``owner``: later stages then find the entity from the noun as well.
    """
    appositions: list[tuple[int, Role]] = []
    for index, cluster in enumerate(clusters):
        if cluster.place is not None:
            continue
        seen: set[tuple[str, int | None]] = set()
        for surface in cluster.surfaces:
            if surface.kind != "name":
                continue
            beside = _apposition(doc, clusters, owner, index, surface)
            appositions.extend((index, found[0]) for found in beside if found is not None)
            for found in (
                _premodifier(doc, clusters, owner, index, surface),
                *beside,
                *_clause(doc, clusters, owner, index, surface),
            ):
                if found is None:
                    continue
                role, affiliation, head = found
                _vote(cluster, head)
                mark = (role.text.lower(), affiliation)
                if mark not in seen:
                    seen.add(mark)
                    cluster.roles.append((role, affiliation))
    for index, role in appositions:
        span = doc.char_span(role.start, role.end)
        if span is None:
            continue
        clusters[index].extra.append(
            Mention(start=role.start, end=role.end, text=role.text, confidence=0.9)
        )
        for i in range(span.start, span.end):
            if owner[i] < 0:
                owner[i] = index


Found = tuple[Role, int | None, str]  # role, affiliation cluster index, head noun


def _vote(cluster: Cluster, head: str) -> None:
    lex = lexicon()
    person, org = head in lex.roles, head in lex.org_heads
    if person and not org:
        cluster.evidence["PERSON"] += _ROLE_VOTE
    elif org and not person:
        cluster.evidence["ORG"] += _ROLE_VOTE


def _is_role_word(token: Token, adjective: bool = False) -> bool:
    lex = lexicon()
    word, lemma = token.lower_, token.lemma_.lower()
    # The small model tags some role nouns before a name as adjectives ("dissident").
    pos = ("NOUN", "PROPN", "ADJ") if adjective else ("NOUN", "PROPN")
    return token.pos_ in pos and (
        word in lex.roles or word in lex.org_heads or lemma in lex.roles or lemma in lex.org_heads
    )


def _premodifier(
    doc: Doc, clusters: Sequence[Cluster], owner: Sequence[int], index: int, surface: Surface
) -> Found | None:
    j = surface.first - 1
    if j < 0 or "\n" in doc[j].whitespace_:
        return None
    head = j
    if owner[j] >= 0 or not _is_role_word(doc[j], adjective=True):
        # "Secretary of State John Kerry": a title of the form role + of + Name.
        head = _of_title(doc, j)
        if head < 0:
            return None
    floor = doc[surface.start].sent.start
    k = head
    while k - 1 >= floor and owner[k - 1] < 0:
        t = doc[k - 1]
        if t.pos_ not in ("ADJ", "NOUN", "PROPN") or "\n" in t.whitespace_ or _stop(t.text):
            break
        k -= 1
    affiliation = None
    m = k - 1
    if m >= floor and doc[m].tag_ == "POS":
        m -= 1
    if m >= floor and owner[m] >= 0 and owner[m] != index:
        affiliation = owner[m]
    span = doc[k : j + 1]
    role = Role(text=span.text, start=span.start_char, end=span.end_char)
    return role, affiliation, doc[head].lemma_.lower()


def _of_title(doc: Doc, j: int) -> int:
    """The role word of a "Secretary of State" title ending at ``j``, else -1."""
    for k in range(j - 1, max(j - 5, 0), -1):
        if doc[k].lower_ == "of":
            return k - 1 if _is_role_word(doc[k - 1]) and doc[k - 1].is_title else -1
        if not doc[k].is_title:
            return -1
    return -1


def _apposition(
    doc: Doc, clusters: Sequence[Cluster], owner: Sequence[int], index: int, surface: Surface
) -> list[Found | None]:
    root = doc[surface.start : surface.end].root
    out: list[Found | None] = []
    for child in root.rights:
        if child.dep_ == "appos" and child.i >= surface.end and _is_role_word(child):
            tokens = [t.i for t in child.subtree if t.i >= surface.end]
            out.append(_described(doc, clusters, owner, index, tokens, child))
    head = root.head
    if root.dep_ == "appos" and head.i < surface.first and _is_role_word(head):
        tokens = [t.i for t in head.subtree if t.i < surface.first]
        out.append(_described(doc, clusters, owner, index, tokens, head))
    return out


def _clause(
    doc: Doc, clusters: Sequence[Cluster], owner: Sequence[int], index: int, surface: Surface
) -> list[Found | None]:
    root = doc[surface.start : surface.end].root
    out: list[Found | None] = []
    # "Forteza is the foreign minister": the attribute of a copula with the name as subject.
    if root.dep_ == "nsubj" and root.head.lemma_ in _COPULAS:
        out.extend(_attribute(doc, clusters, owner, index, root.head))
    for child in root.rights:
        if child.dep_ == "relcl":
            if child.lemma_ in _COPULAS:
                out.extend(_attribute(doc, clusters, owner, index, child))
            elif child.lemma_ in _ROLE_VERBS:
                tokens = [t.i for t in child.subtree if t.tag_ not in ("WP", "WDT", "WP$")]
                out.append(_described(doc, clusters, owner, index, tokens, child, keep_det=True))
        elif (
            child.dep_ == "acl"
            and child.tag_ in ("VBN", "VBG")
            and doc[child.i - 1].text == ","
            and child.i >= surface.end
        ):
            tokens = [t.i for t in child.subtree]
            out.append(_described(doc, [], owner, index, tokens, child, keep_det=True))
    return out


def _attribute(
    doc: Doc, clusters: Sequence[Cluster], owner: Sequence[int], index: int, verb: Token
) -> list[Found | None]:
    return [
        _described(doc, clusters, owner, index, [t.i for t in attr.subtree], attr)
        for attr in verb.rights
        if attr.dep_ == "attr" and _is_role_word(attr)
    ]


def _described(
    doc: Doc,
    clusters: Sequence[Cluster],
    owner: Sequence[int],
    index: int,
    tokens: list[int],
    head: Token,
    keep_det: bool = False,
) -> Found | None:
    """A role from a run of tokens around ``head``: cut at punctuation, no article."""
    tokens = sorted(tokens)
    if not tokens:
        return None
    run = [tokens[0]]
    for i in tokens[1:]:
        if i != run[-1] + 1 or _stop(doc[i].text) or owner[i] == index:
            break
        run.append(i)
    while run and (_stop(doc[run[0]].text) or owner[run[0]] == index):
        run.pop(0)
    while run and not keep_det and doc[run[0]].pos_ in ("DET", "PRON"):
        run.pop(0)
    affiliation = None
    # "Norway's largest airline": the possessor is the affiliation, not part of the role.
    owned = 0
    while owned < len(run) and owner[run[owned]] >= 0 and owner[run[owned]] != index:
        owned += 1
    if owned and owned < len(run) and doc[run[owned]].tag_ == "POS":
        affiliation = owner[run[0]]
        run = run[owned + 1 :]
    while run and (doc[run[-1]].is_punct or doc[run[-1]].pos_ in ("ADP", "CCONJ", "DET")):
        run.pop()
    if not run or head.i not in run or len(run) > _MAX_TOKENS:
        return None
    for i in run:
        other = owner[i]
        if affiliation is not None:
            break
        if other >= 0 and other != index and clusters:
            target = clusters[other]
            if target.place is not None or target.labels().most_common(1)[0][0] != "PERSON":
                affiliation = other
                break
    span = doc[run[0] : run[-1] + 1]
    role = Role(text=span.text, start=span.start_char, end=span.end_char)
    return role, affiliation, head.lemma_.lower()


def _stop(text: str) -> bool:
    """Punctuation a role's run of words stops at: a comma, a bracket, a dash, a quote."""
    return text in _STOP or is_dash(text)
