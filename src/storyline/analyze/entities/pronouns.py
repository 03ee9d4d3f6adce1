"""Pronouns resolved to the entity they most likely mean, with a confidence.

Pronouns ("he", "her", "its", "they") are resolved left to right against the
entities mentioned in the last two sentences: agreement in gender and kind
filters, the subject of the clause a non-reflexive object pronoun sits in is
excluded (Forteza in "Forteza ... said she was ready to work with
her"), as is the person a relative clause describes from the subject pronoun
inside it (Arancibia in "Arancibia, whom he called a friend"), and salience
ranks the rest: the same sentence before the previous one, subjects before
objects, recent before old (the centering order English prose follows). Inside a quote, the speaker
outside it is not "he"; after a quote, its speaker is not someone it names, while a pronoun inside
it is the speaker's own reference and leaves the narration's mentions as they were. The subject of a reported clause is its reporter
("Syria says it will", the only case where "it" is resolved). When nobody
fits nearby, the only man (or woman) named so far, or the person the article
is plainly about, is taken with a low confidence. Each resolved pronoun
becomes a new, recent mention, so chains ("she said ... she added") carry on.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, deque
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from storyline.analyze.document import doc_index
from storyline.analyze.entities.clusters import Cluster
from storyline.analyze.entities.lexicon import lexicon
from storyline.analyze.entities.lookup import positions
from storyline.analyze.lexicons import reporting_verbs
from storyline.analyze.syntax import NOMINAL_SUBJECTS, SubjectRule, clause_subject
from storyline.models import Mention

_PERSONAL = {
    "he": "male",
    "him": "male",
    "his": "male",
    "himself": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
    "herself": "female",
}
_GROUP = frozenset({"they", "them", "their", "theirs", "themselves"})
_NEUTER = frozenset({"its", "itself"})
# "..., saying it had": the participle shares its clause's subject.
_REPORTER = SubjectRule(
    subjects=NOMINAL_SUBJECTS, climb=frozenset({"advcl", "conj", "xcomp"}), depth=3
)
# "it raised its ...": the subject of any clause the possessive sits in, however deep.
_POSSESSOR = SubjectRule(subjects=NOMINAL_SUBJECTS, climb=None)
_OBJECT = frozenset({"dobj", "pobj", "dative", "iobj"})
_PEOPLE = frozenset({"friend", "witness", "neighbor", "neighbour", "relative", "resident"})
_UNNAMED = -2  # a reporter that is a common noun ("a friend said she")
_SENT_WEIGHT = (2.0, 1.0, 0.3)  # same sentence, previous, two back


Anchor = tuple[int, int, int, bool]  # token, sentence, cluster index, is subject


def resolve_pronouns(doc: Doc, clusters: Sequence[Cluster], owner: Sequence[int]) -> None:
    """Add a pronoun Mention to the cluster each pronoun most likely refers to."""
    sent_of = [0] * len(doc)
    for n, sent in enumerate(doc_index(doc).sentences):
        sent_of[sent.start : sent.end] = [n] * (sent.end - sent.start)
    anchors: list[Anchor] = []
    for index, cluster in enumerate(clusters):
        for s in cluster.surfaces:
            if s.kind == "demonym":  # an adjective is no antecedent ("Russian drones ... its")
                continue
            root = doc[s.start : s.end].root
            anchors.append((root.i, sent_of[root.i], index, root.dep_ in NOMINAL_SUBJECTS))
        for extra in cluster.extra:  # definite descriptions ("the airline")
            span = doc.char_span(extra.start, extra.end)
            if span is not None:
                root = span.root
                anchors.append((root.i, sent_of[root.i], index, root.dep_ in NOMINAL_SUBJECTS))
    anchors.sort()
    recent: deque[Anchor] = deque()
    seen: dict[str | None, Counter[int]] = {}  # persons named so far, by gender
    next_anchor = 0
    quotes = _Quotes(doc)
    resolved: dict[int, tuple[int, float]] = {}  # pronoun token -> (cluster, confidence)
    for token in _events(doc, (*_PERSONAL, *_GROUP, *_NEUTER, "it")):
        while next_anchor < len(anchors) and anchors[next_anchor][0] < token.i:
            anchor = anchors[next_anchor]
            recent.append(anchor)
            if clusters[anchor[2]].type == "PERSON":
                seen.setdefault(clusters[anchor[2]].gender, Counter())[anchor[2]] += 1
            next_anchor += 1
        quote = quotes.opening(token.i)  # the mark opening the quote around the token
        closed = quotes.closed  # the last quote's opening and closing marks
        word = token.lower_
        if token.pos_ != "PRON" or not (
            word in _PERSONAL or word in _GROUP or word in _NEUTER or word == "it"
        ):
            continue
        sentence = sent_of[token.i]
        while recent and recent[0][1] < sentence - 2:
            recent.popleft()
        if quote < 0 and _reporter(token, owner) == _UNNAMED:
            continue  # "Another 19 percent said they ...", "A friend said she ..."
        gender = _PERSONAL.get(word)
        subject = None if gender else _possessor(token)
        if subject is not None and (subject.pos_ == "PRON" or owner[subject.i] < 0):
            # "its" agrees with its clause's subject: a resolved "it" lends its entity;
            # an unresolved pronoun or a common noun ("the election ... its") means
            # the possessor is not a named entity.
            if subject.i not in resolved:
                continue
            best: tuple[int, float] | None = resolved[subject.i]
        else:
            # '“We thank Kim Lane,” she said': the speaker is not someone named inside.
            said = (
                closed if token.i - closed[1] <= 3 and token.dep_ in NOMINAL_SUBJECTS else (-1, -1)
            )
            best = _choose(doc, token, sentence, recent, clusters, owner, quote, said)
        if best is None and gender and not _unnamed_nearby(doc, token, gender, owner):
            best = _topic(seen.get(gender, Counter()), bool(seen.get(None)))
        if best is None:
            continue
        index, confidence = best
        clusters[index].extra.append(
            Mention(
                start=token.idx,
                end=token.idx + len(token),
                text=token.text,
                pronoun=True,
                confidence=round(confidence, 2),
            )
        )
        recent.append((token.i, sentence, index, token.dep_ in NOMINAL_SUBJECTS))
        resolved[token.i] = best


def _events(doc: Doc, words: Sequence[str]) -> Iterator[Token]:
    """The tokens spelling ``words``, in order."""
    return (doc[i] for i in positions(doc, words))


class _Quotes:
    """The document's quoted passages (found once, by the quotes stage's finder,
    and kept in the document index), walked alongside tokens visited in order."""

    def __init__(self, doc: Doc) -> None:
        index = doc_index(doc)
        quotes, starts = index.quotes, index.token_starts
        # The tokens of each passage's opening and closing marks.
        self._marks = [
            (bisect_right(starts, q.start) - 1, bisect_right(starts, q.end - 1) - 1) for q in quotes
        ]
        self._next = 0
        self.closed = (-1, -1)

    def opening(self, i: int) -> int:
        """The opening mark of the passage holding token ``i``, else -1."""
        while self._next < len(self._marks) and self._marks[self._next][1] < i:
            self.closed = self._marks[self._next]
            self._next += 1
        if self._next < len(self._marks) and self._marks[self._next][0] < i:
            return self._marks[self._next][0]
        return -1


def _unnamed_nearby(doc: Doc, token: Token, gender: str, owner: Sequence[int]) -> bool:
    """Whether an unnamed person of this gender ("my father") was mentioned just before."""
    roles = lexicon().gender_roles
    index = doc_index(doc)
    start = index.sentence(max(index.sentence(token.i).start - 1, 0)).start
    return any(
        owner[i] < 0 and roles.get(doc[i].lemma_.lower()) == gender
        for i in range(start, token.i)
        if doc[i].pos_ == "NOUN"
    )


def _topic(named: Counter[int], unknown: bool) -> tuple[int, float] | None:
    """Nobody fits nearby: the only man (or woman) named so far, or the one the
    article is plainly about (named at least three times, twice as often as the next)."""
    ranked = named.most_common(2)
    if len(ranked) == 1:
        return ranked[0][0], 0.5 if unknown else 0.6
    if len(ranked) == 2 and ranked[0][1] >= 3 and ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0], 0.5
    return None


def _choose(
    doc: Doc,
    token: Token,
    sentence: int,
    recent: deque[Anchor],
    clusters: Sequence[Cluster],
    owner: Sequence[int],
    quote: int = -1,
    said: tuple[int, int] = (-1, -1),
) -> tuple[int, float] | None:
    word = token.lower_
    gender = _PERSONAL.get(word)
    kinds = {"PERSON"} if gender else {"ORG"} if word in _GROUP else {"ORG", "GPE"}
    reach = 2 if gender else 1
    # "Syria says it will withdraw": the subject of a reported clause is its reporter.
    # Not inside a quote: in 'Ellis said: “He never listens”' he is someone else.
    reporter = _reporter(token, owner) if quote < 0 else -1
    if (
        reporter >= 0
        and clusters[reporter].type in kinds
        and (not gender or clusters[reporter].gender in (None, gender))
    ):
        return reporter, 0.85
    if word == "it":  # too often a clause or a thing to resolve by salience alone
        return None
    excluded = _bound(token, owner) if gender or word in _GROUP else set()
    latest: dict[int, Anchor] = {}
    for anchor in reversed(recent):
        if said[0] < anchor[0] < said[1] and doc[anchor[0]].pos_ == "PRON":
            # A pronoun inside the quote is the speaker's reference, not a
            # mention in the narration: the entity's mentions before it still count.
            continue
        if anchor[2] not in latest and sentence - anchor[1] <= reach:
            latest[anchor[2]] = anchor
    scored: list[tuple[float, int]] = []
    for rank, (i, sent, index, subject) in enumerate(latest.values()):
        cluster = clusters[index]
        if cluster.type not in kinds or index in excluded:
            continue
        if gender and cluster.gender not in (None, gender):
            continue
        if word in _GROUP and _plural_between(doc, i, token.i):
            continue
        if said[0] < i < said[1]:
            continue
        score = _SENT_WEIGHT[sentence - sent] + 1.0 / (1 + rank)
        if quote >= 0 and i < quote:
            # A quote rarely calls its own speaker "he": not the name just before
            # the quote ("― Ana Ruiz “He ..."), nor the subject outside it.
            if subject or i >= quote - 3:
                continue
            score -= 0.5
        score += (1.0 if gender else 0.5) if subject else 0.0
        if gender and cluster.gender == gender:
            score += 0.75
        scored.append((score, index))
    if not scored:
        return None
    scored.sort(reverse=True)
    best_score, best = scored[0]
    if len(scored) == 1:
        agrees = gender is not None and clusters[best].gender == gender
        confidence = 0.9 if agrees else 0.7
    else:
        confidence = 0.5 + 0.4 * min(1.0, (best_score - scored[1][0]) / 2)
    if not gender:
        confidence = min(confidence, 0.8 if word in _NEUTER else 0.6)
    return best, confidence


def pronoun_evidence(doc: Doc, clusters: Sequence[Cluster], owner: Sequence[int]) -> None:
    """Vote PERSON, and a gender, for a name that reports about itself as "he" or "she".

    "Trump said he would go": organisations do not say "he", so a bare surname
    the model tagged as an organisation is out-voted; "Clinton says she" tells
    which Clinton the article means.
    """
    quotes = _Quotes(doc)
    for token in _events(doc, ("he", "she")):
        if token.dep_ in NOMINAL_SUBJECTS and quotes.opening(token.i) < 0:
            reporter = _reporter(token, owner)
            if reporter >= 0 and clusters[reporter].place is None:
                clusters[reporter].evidence["PERSON"] += 3
                clusters[reporter].said[_PERSONAL[token.lower_]] += 1


def _may_be(reporter: Token, pronoun: str) -> bool:
    """Whether an unnamed reporter may be what the pronoun it reports means: "a friend
    said she", "19 percent said they" (but not "police said he")."""
    if pronoun in _PERSONAL:
        lex = lexicon()
        word = reporter.lemma_.lower()
        person = word in lex.roles or word in lex.gender_roles or word in _PEOPLE
        return reporter.tag_ == "NN" and person
    return reporter.tag_ in ("NNS", "CD") or reporter.lower_ in ("percent", "%")


def _reporter(token: Token, owner: Sequence[int]) -> int:
    """The named subject of the speech verb whose reported clause ``token`` is subject of
    (``_UNNAMED`` when that subject is a common noun, -1 when there is none)."""
    clause = token.head
    if token.dep_ not in NOMINAL_SUBJECTS or clause.dep_ != "ccomp":
        return -1
    if clause.head.lemma_.lower() not in reporting_verbs():  # "allowing it to": not a report
        return -1
    subj = clause_subject(clause.head, _REPORTER)
    if subj is None:
        return -1
    if owner[subj.i] < 0 and _may_be(subj, token.lower_):
        return _UNNAMED
    return owner[subj.i]


def _possessor(token: Token) -> Token | None:
    """The subject of the clause a possessive pronoun sits in ("it raised its ...")."""
    return clause_subject(token.head, _POSSESSOR) if token.dep_ == "poss" else None


def _bound(token: Token, owner: Sequence[int]) -> set[int]:
    """Entities a non-reflexive pronoun cannot mean: its own clause's subject."""
    out: set[int] = set()
    if token.dep_ in NOMINAL_SUBJECTS and token.head.dep_ == "relcl":
        # The noun a relative clause hangs on fills a slot inside that clause, and
        # a non-reflexive subject pronoun there is someone else (else "himself"):
        # "Arancibia, whom he called a friend": he is not Arancibia.
        out.add(owner[token.head.head.i])
    if (
        token.dep_ not in _OBJECT
        or token.lower_.endswith("self")
        or token.lower_.endswith("selves")
    ):
        return out - {-1}
    node = token.head
    for _ in range(6):
        subjects = [
            c
            for c in node.children
            if c.dep_ in NOMINAL_SUBJECTS and not any(g.lower_ in ("'s", "’s") for g in c.children)
        ]
        if subjects:
            out.update(owner[s.i] for s in subjects)
            break
        if node.dep_ == "ROOT" or node.head is node:
            break
        node = node.head
    return out - {-1}


def _plural_between(doc: Doc, start: int, end: int) -> bool:
    """A plural noun nearer than the organisation is the likelier 'they'."""
    return any(doc[i].tag_ in ("NNS", "NNPS") for i in range(start + 1, end))
