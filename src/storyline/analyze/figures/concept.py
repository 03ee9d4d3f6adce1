"""What a quantity counts, read from the dependency parse.

- the noun the number quantifies: "37 detained journalists", "hundreds of protesters";
- a share's whole: "2% of those listed as detained journalists" -> detained journalists;
- the noun a measure belongs to: "a fine of $7.5 million", "a $5 million fine",
  "put the total cost at $1.3 million";
- otherwise the clause subject for shares, sums and measures: "Shares rose 5%".

The helpers that read noun phrases and clause subjects are shared with
``subject``, which finds whom a figure is told of.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.analyze.figures.lexicon import lexicon
from storyline.analyze.figures.quantities import Quantity
from storyline.analyze.syntax import CLAUSE_SUBJECTS, CLIMB, SubjectRule, clause_subject

Offsets = tuple[int, int]  # character offsets
MODIFIERS = frozenset(("amod", "compound", "nmod", "poss", "npadvmod"))
# Prepositions whose phrase narrows a concept ("shares of Norvalis", "prices in the
# city"); the checks read a concept's head before them.
COMPLEMENTS = frozenset(("of", "in", "at", "on", "among", "for", "to", "from"))
# Prepositions through which a figure measures the noun it hangs on.
_NOUN_PREPS = frozenset(("of", "at", "with", "to", "from", "near", "around", "above", "below"))
# Nouns after "in" that say how a sum was paid or counted, not what it is.
_NOT_SPENT_ON = frozenset(("total", "cash", "stock", "shares", "court", "time", "part", "all"))
_PAYING = frozenset(
    ("pay", "buy", "spend", "bid", "offer", "sell", "purchase", "acquire", "charge")
)
# Nouns that say how a figure is taken, not what it measures: "an average of 4.5%".
_AGGREGATES = frozenset(("average", "total", "sum", "maximum", "minimum", "median", "mean"))
# Whom a figure is told of: the subject of the clause the figure is in, passive or "there"
# included ("There were 31 ..."), or the noun its participle or relative clause modifies
# ("the biggest group freed by ..."), on through a gerund's preposition ("up 42% after
# plummeting 48%"); "who" stands for its noun.
TOLD_OF = SubjectRule(
    subjects=CLAUSE_SUBJECTS,
    climb=CLIMB | {"pcomp"},
    find_verb=True,
    modified="any",
    resolve_relative=True,
    through_preps=True,
)


def root_of(doc: Doc, q: Quantity) -> Token:
    """The token of the quantity that the parse attaches to the rest of the sentence."""
    return doc[q.core : q.end].root


def concept(doc: Doc, q: Quantity) -> Offsets | None:
    """Character span of what ``q`` counts or measures, or None. In order: the
    whole of a share, the counted or measured noun, the owner of the figure's
    noun, the subject of a clause without its verb, the name before a bracket,
    what a sum was spent on, the clause subject (shares, sums, measures), a noun
    told of through a preposition."""
    root = root_of(doc, q)
    inside = set(range(q.start, q.end))
    noun = _share_of(root, inside)
    if noun is None and q.kind in ("cardinal", "ordinal"):
        noun = _counted(root, inside)
    if noun is None and q.kind == "fraction":
        noun = _following(doc, q)
    if noun is None and q.kind not in ("cardinal", "ordinal"):
        noun = _measured(root, inside)
    if noun is None:
        noun = _owner(root, inside)
    if noun is None and q.kind in ("percent", "money", "quantity"):
        found = verbless(doc, q)
        if found is not None:
            return found  # "Revenue rose 5% and operating profit 8%"
    if noun is None:
        noun = bracketed(doc, q)
    if noun is None and q.kind == "money":
        noun = _spent_on(root, inside)
    if noun is None and q.kind in ("percent", "money", "quantity"):
        subject = clause_subject(root, TOLD_OF)
        noun = (
            subject
            if subject is not None and subject.i not in inside and nominal(subject)
            else None
        )
        if noun is not None and noun.pos_ == "PRON":
            noun = _object_instead(noun, root, inside)
    if noun is None and q.kind not in ("ordinal", "cardinal"):
        noun = _attached(root, inside)
    if noun is None or not nominal(noun):
        return None  # "$90 billion over ten years": another figure counts nothing
    return phrases(noun, inside)[1]


def _spent_on(root: Token, inside: set[int]) -> Token | None:
    """What a sum is: "$50 billion in damage" (a bare noun after "in"), "paid
    $3 million for the painting" (after "for", with a verb of paying)."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "in" and child.i not in inside:
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
            if (
                objects
                and not any(c.dep_ in ("det", "poss") for c in objects[0].children)
                and objects[0].lower_ not in _NOT_SPENT_ON
            ):
                return objects[0]
    verb = root.head
    if root.dep_ == "dobj" and verb.lemma_.lower() in _PAYING:
        return _attached(verb, inside, ("for",))
    return None


def bracketed(doc: Doc, q: Quantity) -> Token | None:
    """The noun a bracketed figure stands after: "six fillets (~2lb)", and each
    figure of a bracketed list: "Ana Ruiz (21 points, 9 rebounds)"."""
    k = q.start - 1
    while k >= 0 and q.start - k <= 12 and doc[k].text != "(":
        t = doc[k]
        if not (t.pos_ in ("NUM", "NOUN", "SYM", "X") or t.text in (",", "/", "%", "-")):
            return None  # "(whose rating fell to 35%)": a clause, not a list
        k -= 1
    if k >= 1 and doc[k].text == "(" and doc[k - 1].pos_ in ("NOUN", "PROPN"):
        return doc[k - 1]
    return None


def _object_instead(pronoun: Token, root: Token, inside: set[int]) -> Token | None:
    """For a pronoun subject, the verb's object or attribute: "This pushed up the share prices
    of rival firms, Norvalis up 6.1%", "there was a 35 basis point gain"."""
    for child in pronoun.head.children:
        if child.dep_ in ("dobj", "attr") and child.pos_ == "NOUN" and child.i not in inside:
            return child
    return None


def _attached(
    root: Token, inside: set[int], preps: tuple[str, ...] = ("from", "for", "in", "on")
) -> Token | None:
    """A noun ``root`` (the figure, or the verb a sum is paid through) is told of
    through one of ``preps``: "52.3% from the line", "bought for the painting"."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in preps and child.i not in inside:
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
            if objects and objects[0].ent_type_ not in ("DATE", "TIME"):
                return objects[0]
    return None


def verbless(doc: Doc, q: Quantity) -> Offsets | None:
    """Character span of the subject of ``q``'s clause when its verb is left out."""
    if q.verbless is None:
        return None
    first, last = doc[q.verbless[0]], doc[q.verbless[1] - 1]
    return first.idx, last.idx + len(last)


def nominal(token: Token) -> bool:
    """Whether a subject names something: not another figure ("12 were held") or a symbol."""
    if token.like_num or token.pos_ in ("NUM", "SYM", "PUNCT", "X"):
        return False
    return any(c.isalpha() for c in token.text)  # "%" is tagged a noun


def _counted(root: Token, inside: set[int]) -> Token | None:
    head = root.head
    attached = root.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod")
    if attached and head.i not in inside and head.pos_ in ("NOUN", "PROPN") and head.i > root.i:
        return _through_generic(head)
    if root.pos_ == "NOUN" and root.lower_ not in lexicon().scale_words:
        return root  # "a dozen" parsed as the noun it is
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return head.head  # "estimates of 58,300"
    if root.dep_ == "pobj" and head.lower_ in ("at", "to") and head.head.pos_ == "VERB":
        # "put the death toll at 45", "bringing the total to 1.1 million"
        objects = [c for c in head.head.children if c.dep_ == "dobj" and c.i < head.i]
        if objects:
            return _what_counts(objects[0]) if objects[0].pos_ == "NOUN" else None
        return leveled(head.head)  # "the death toll rose to 14"
    if (
        root.dep_ == "dobj"
        and head.pos_ == "VERB"
        and head.lemma_.lower() in ("reach", "hit", "top")
    ):
        return leveled(head)  # "the number of dead reached 14"
    return None


def leveled(verb: Token) -> Token | None:
    """What a verb that puts a count at a level counts: its subject, a noun ("the death
    toll rose to 14", "the number of people killed has risen to 14")."""
    if verb.lemma_.lower() not in lexicon().level_verbs:
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects and subjects[0].pos_ == "NOUN":
        return _what_counts(subjects[0])
    return None


def _what_counts(noun: Token) -> Token:
    """The noun itself, or for a noun of counting its "of" complement: "the number of
    people killed" counts people."""
    if noun.lemma_.lower() in lexicon().count_nouns:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objects = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
                if objects:
                    return _through_generic(objects[0])
    return noun


def _following(doc: Doc, q: Quantity) -> Token | None:
    """The noun right after a fraction: "one in five children", "a third more voters"."""
    for t in doc[q.end : q.end + 3]:
        if t.pos_ == "NOUN":
            return t
        if t.pos_ not in ("ADJ", "ADV"):
            return None
    return None


def _share_of(root: Token, inside: set[int]) -> Token | None:
    """The whole in "4% of X", "37 of the reporters", "hundreds of protesters"."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i not in inside:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _through_generic(objects[0])
    return None


def _through_generic(noun: Token) -> Token:
    """Follow "those listed as detained journalists", "people, detained journalists"."""
    lex = lexicon()
    if noun.lower_ in ("which", "whom", "who"):
        # "840 people, nearly half of whom": the relative clause's antecedent
        for ancestor in noun.ancestors:
            if ancestor.dep_ == "relcl":
                return ancestor.head
        return noun
    if noun.lower_ not in lex.generic_nouns and noun.pos_ != "PRON":
        return noun
    for child in noun.children:
        if child.dep_ == "appos":
            return child
        if child.dep_ in ("acl", "relcl"):
            for inner in child.subtree:
                if inner.dep_ in ("pobj", "attr", "oprd") and inner.head.lower_ in (
                    "as",
                    child.lower_,
                ):
                    return inner
    after = noun.doc[noun.i + 1 : noun.i + 5]
    if len(after) and after[0].text == ",":
        # "37 people, detained journalists held for months": the parser often hangs the
        # apposition on the verb; take the first noun right after the comma
        for t in after[1:]:
            if t.pos_ == "NOUN" and t.dep_ in ("appos", "npadvmod", "attr"):
                return t
            if t.pos_ not in ("ADJ", "DET", "ADV", "NOUN"):
                break
    return noun


def _measured(root: Token, inside: set[int]) -> Token | None:
    head = root.head
    while head.dep_ in ("compound", "amod") and head.head.i > head.i and head.pos_ != "NOUN":
        head = head.head  # "a 268 μm pixel pitch", "40% dilute nitric acid"
    attached = root.dep_ in ("compound", "nummod", "amod", "nmod", "npadvmod")
    if (
        attached
        and head.pos_ == "NOUN"
        and head.i > root.i
        and head.i not in inside
        and head.ent_type_ not in ("DATE", "TIME")  # "up 12% year to date"
        # "was $5 billion and net income $1 billion": a misparse across "and"
        and not any(t.lower_ in ("and", "or") for t in root.doc[root.i : head.i])
    ):
        return head  # "a $5 million fine", "a 10-minute walk"
    if head.lower_ == "worth" and head.head.pos_ in ("NOUN", "PROPN") and head.head.i < head.i:
        return head.head  # "a deal worth $5 billion"
    if root.dep_ == "pobj":
        prep = head
        noun = prep.head
        if (
            prep.lower_ in _NOUN_PREPS
            and noun.pos_ in ("NOUN", "PROPN")
            and noun.i not in inside
            and noun.lower_ not in _AGGREGATES
            and noun.ent_type_ not in ("DATE", "TIME")
            # "a drop to 1,350 points": the level is the index's, not the drop's
            and not (prep.lower_ in ("to", "from") and _changes(noun))
            and not _counts(noun)  # "up 68 cents, or 0.9%, at $79.32": not the cents
        ):
            # "a fine of $7.5 million", "carbon levels at 420 ppm"; not "an average of 4.5%"
            return noun
        if prep.head.pos_ == "VERB":
            objects = [c for c in prep.head.children if c.dep_ == "dobj" and c.i < prep.i]
            level = prep.lower_ in ("to", "from")
            if objects and not (level and _changes(objects[0])) and not _counts(objects[0]):
                return objects[0]  # "put the total cost at $1.3 million"
    return None


def _counts(noun: Token) -> bool:
    """Whether ``noun`` is the unit of another figure ("68 cents", "a 12% fall")."""
    return any(c.dep_ in ("nummod", "quantmod") or c.like_num for c in noun.children)


def _owner(root: Token, inside: set[int]) -> Token | None:
    """The possessor of the figure's own noun: "the mayor's first 100 days"."""
    owners = [c for c in root.children if c.dep_ == "poss" and c.i not in inside]
    return owners[0] if owners and owners[0].pos_ in ("NOUN", "PROPN") else None


def _changes(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    return lemma in lexicon().change_nouns or lemma in lexicon().change_words


def phrases(noun: Token, inside: set[int]) -> tuple[Offsets, Offsets]:
    """The noun with its left modifiers ("detained journalists", "the company's
    revenue"), without and with a short complement ("shares of Norvalis",
    "unemployment in the eurozone"): the concept's phrase is the second."""
    start = noun.doc[_phrase_start(noun, inside)].idx
    last = _complement_end(noun, inside)
    return (start, noun.idx + len(noun)), (start, last.idx + len(last))


def _phrase_start(noun: Token, inside: set[int]) -> int:
    """The first token of the noun's phrase: its left modifiers, without a determiner."""
    start = noun.i
    for child in sorted(noun.lefts, key=lambda t: -t.i):
        if (
            child.dep_ in MODIFIERS
            and child.pos_ not in ("ADV", "ADP", "NUM")
            and not child.like_num
            and not any(t.like_num for t in child.subtree)  # "a 12% fall": not the 12%
            and not (child.dep_ == "compound" and child.pos_ in ("VERB", "AUX"))  # "Fed cut rates"
            and child.right_edge.i == start - 1
            and child.i not in inside
        ):
            if child.dep_ == "poss" and child.pos_ == "PRON":
                break
            start = child.left_edge.i if all(t.i not in inside for t in child.subtree) else child.i
        elif child.dep_ == "punct" and child.i == start - 1:
            continue
        else:
            break
    doc = noun.doc
    while start < noun.i and doc[start].dep_ == "det":
        start += 1
    return start


def _complement_end(noun: Token, inside: set[int]) -> Token:
    """The last token of the noun's short complement ("of Norvalis"), or the noun."""
    prep = next((c for c in noun.rights if c.dep_ == "prep"), None)
    if prep is not None and prep.lower_ in COMPLEMENTS and prep.i == noun.i + 1:
        words = list(prep.subtree)
        if len(words) <= 6 and not any(
            t.i in inside or t.is_punct or t.ent_type_ in ("DATE", "TIME") or t.like_num
            for t in words
        ):
            return words[-1]
    return noun


def frame(doc: Doc, q: Quantity) -> str | None:
    """Lemma of the verb or noun the figure's phrase depends on: "release" in "released 37
    journalists" and in "the release of the 37 journalists", "sentence" in "sentenced to nine
    years"; through a verb that only puts a count at a level, what befell what it counts:
    "kill" in "the number of people killed rose to 14"."""
    root = root_of(doc, q)
    inside = set(range(q.start, q.end))
    anchor = root
    if root.dep_ in ("nummod", "quantmod", "compound", "amod") and root.head.i not in inside:
        anchor = root.head  # the counted noun
    for _ in range(3):
        head = anchor.head
        if head.i == anchor.i:
            return None
        if anchor.dep_ == "pobj" or head.pos_ == "ADP":
            anchor = head
            continue
        if anchor.dep_ == "conj":
            anchor = head
            continue
        if head.pos_ in ("VERB", "AUX", "NOUN") and head.i not in inside:
            lemma = str(head.lemma_.lower())
            if lemma in lexicon().level_verbs and (noun := _counted(root, inside)) is not None:
                return _done_to(noun) or lemma  # "the death toll rose to 14": death
            if lemma in lexicon().state_verbs:
                return _state(head, anchor) or lemma  # "left 14 people dead": dead
            return lemma
        return None
    return None


def _state(verb: Token, counted: Token) -> str | None:
    """The state a verb like "leave" puts what it counts in: its predicative complement
    ("left 14 people dead", "were left waiting"), or a participle the parser hangs on
    the verb ("left 12 injured") or on the counted noun ("left 140 ships waiting")."""
    for child in verb.children:
        if child.dep_ in ("oprd", "acomp", "xcomp") and child.pos_ in ("ADJ", "VERB"):
            return str(child.lemma_.lower())
        if child.dep_ == "advcl" and child.tag_ == "VBN":
            return str(child.lemma_.lower())
    for child in counted.children:
        if child.dep_ == "acl" and child.tag_ in ("VBG", "VBN"):
            return str(child.lemma_.lower())
    return None


def _done_to(noun: Token) -> str | None:
    """What befell what a count counts: the participle after it ("people killed") or
    the noun before it ("death toll")."""
    for child in noun.children:
        if child.dep_ == "acl" and child.pos_ == "VERB" and child.tag_ == "VBN":
            return str(child.lemma_.lower())
    for child in noun.lefts:
        if child.dep_ == "compound" and child.pos_ == "NOUN":
            return str(child.lemma_.lower())
    return None
