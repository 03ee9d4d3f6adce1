"""How an article is scored against a story: the signals, their weights, the decision.

Every number that decides a story is in ``WEIGHTS``, ``THRESHOLD``, ``TIME_SCALE``,
``YEARS``, ``AGREE`` and ``BOUNDS`` below. An article is compared with a candidate
story on seven signals, each from 0 to 1:

========== ====== ==============================================================
signal     weight what it measures
========== ====== ==============================================================
text       0.60   TF-IDF cosine of the article's lemmas (headline words counted
                  ``HEADLINE`` times) with the mean of the story's members' term
                  frequencies, both weighted with the corpus's IDF of today
entities   0.20   the article's corpus entities, each weighted by its rarity
                  (IDF) and how often the article names it, each counted by the
                  share of the story's articles that name it too
figures    0.20   the article's facts of number and time (each figure's value and
                  unit, each date or year the text names), each counted by the
                  share of the story's articles that report it too
events     0.00   cosine of the PLOVER event types of the article and the story:
                  shown by ``--explain`` but not weighed, since look-alike stories
                  (two earthquakes) share their event types as much as one story
dense      0.05   cosine (0 when negative) of the article's dense vector with the
                  mean of the vectors of the story's members that have one; only
                  when both have vectors, that is when articles were analysed with
                  ``Settings.embeddings`` (the optional extra ``embeddings``)
time       factor exp(-days / ``TIME_SCALE``), the days between the article's date
                  and the story's activity window (1 inside it; a member dated by
                  its month or year only stands for the whole period); left out
                  when either has no date
years      factor the share of the story's mentions of years (one per article and
                  year its text names) that are years the article names too; under
                  ``AGREE`` the score keeps 1 - ``YEARS`` of itself; left out when
                  either names no year
========== ====== ==============================================================

The score is the weighted mean of the content signals present (text, entities,
figures, events; one with nothing to compare, such as figures for an article that
reports none, is left out, not counted as 0), times the time factor: a story fades
as the days pass since its last article, whatever its words; and times 1 - ``YEARS``
when the years the article names are not the story's: the time of an event told
without a publication date, so two undated look-alikes (two floods of one town,
five years apart) are told apart by when they happened. The article joins the
best candidate when its score reaches ``THRESHOLD``, else it opens a story.

Why these signals: look-alike stories (two earthquakes, two stars entering rehab)
share their topic words, so what tells them apart is who, where, when and how
many: the entities, the figures and dates, and the years. Each is compared with the
story's members as a share (an entity one member of ten names counts a tenth), not with
the union of everything the members ever named, which grows with the story until
any article finds something in common with it. The weights come from what each
signal means and a coarse sweep on the ECB+ and BASIL development sets, one
setting for both (bench/stories.py and docs/benchmarks.md). The dense signal is
off unless articles carry vectors, and weighs little: at 0.05 to 0.4 it raised
BASIL's B-cubed F1 (0.981 without it, 0.983 to 0.990) and lowered ECB+'s (0.909
without, 0.903 at 0.05 down to 0.832 at 0.4): a sentence vector of the lead says
what kind of event a story is, which look-alike stories share, and its cosines
run higher than the text signal's, so the more it weighs, the more look-alikes
join one story.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from storyline.models import Record

WEIGHTS: dict[str, float] = {
    "text": 0.60,
    "entities": 0.20,
    "figures": 0.20,
    "events": 0.00,
    "dense": 0.05,
}
THRESHOLD = 0.21
HEADLINE = 3.0  # a headline word counts as this many body occurrences
TIME_SCALE = 14.0  # days: a story quiet for two weeks scores 1/e of its content

# Bounds that keep the cost of adding an article flat as the corpus grows.
BOUNDS: dict[str, float] = {
    "query_terms": 12,  # the article's rarest-weighted terms looked up in the index
    "query_entities": 8,
    "postings": 40,  # most recently active stories read per key
    "candidates": 25,  # stories scored, while one may still be among the best two
    "common_share": 0.2,  # terms in more than this share of articles retrieve nothing
    "profile_terms": 120,  # terms kept in a story's mean vector
    "profile_keys": 200,  # entities, figures, years and event types counted in a profile
    "index_terms": 60,  # of which put in the inverted index
    "index_entities": 40,
}
COMMON_AFTER = 50  # articles before a term can count as too common to retrieve
_YEAR = re.compile(r"\d{4}(?:-|$)")
_PERIOD = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2]))?")
YEARS = 0.3  # the share of its score an article loses against a story of other years
AGREE = 0.15  # ... when less than this share of the story's year mentions are its years


@dataclass(slots=True)
class Features:
    """What an article brings to story assignment, read from its record and links."""

    terms: dict[str, float]  # lemma -> raw weight (body count + headline)
    entities: dict[str, int]  # "e:<corpus id>" -> mentions in the article
    figures: set[str]
    events: Counter[str]
    date: str | None  # the day it came out: what its time signal is measured from
    title: str | None
    vector: dict[str, float] = field(default_factory=dict)  # unit TF-IDF, once df is known
    tf: dict[str, float] = field(default_factory=dict)  # unit sublinear term frequencies
    weights: dict[str, float] = field(default_factory=dict)  # entity -> weight, once df is known
    years: set[str] = field(default_factory=set)  # the years the text names
    period: str | None = None  # its day, else the month or year it is dated by
    dense: tuple[float, ...] = ()  # the record's unit dense vector, when it has one

    def keys(self) -> list[str]:
        """The keys counted in document frequencies: terms and entities."""
        return [*self.terms, *self.entities]


def features(record: Record, links: dict[str, int]) -> Features:
    terms = {t.lemma: t.count + HEADLINE * t.title for t in record.terms}
    entities: Counter[str] = Counter()
    for entity in record.entities:
        if entity.id in links:
            entities[f"e:{links[entity.id]}"] += max(1, entity.mention_count)
    return Features(
        terms=terms,
        entities=dict(entities),
        figures={k for f in record.figures if (k := figure_key(f.value, f.unit, f.kind))}
        | {f"@{t.value}" for t in record.times if t.value},
        events=Counter(e.type for e in record.events if not e.negated),
        date=full_date(record.metadata.date),
        title=record.metadata.title,
        years={t.value[:4] for t in record.times if t.value and _YEAR.match(t.value)},
        dense=record.embedding,
        period=story_date(record.metadata.date),
    )


def figure_key(value: float | None, unit: str | None, kind: str) -> str | None:
    """A figure as '<value> <unit>'; small bare counts and ordinals say nothing of a story."""
    if value is None or kind == "ordinal" or (not unit and abs(value) <= 10):
        return None
    return f"{value:g} {unit or ''}".strip()


def full_date(value: str | None) -> str | None:
    """``value``'s day as YYYY-MM-DD when it names one, else None."""
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def story_date(value: str | None) -> str | None:
    """What an article's date adds to its story's dates: its day, else the month or year
    it is dated by ("2025-04"), which sorts at the start of its period."""
    if day := full_date(value):
        return day
    if value and _PERIOD.fullmatch(value):
        return value
    return None


def idf(df: int, articles: int) -> float:
    return math.log((articles + 1) / (df + 1)) + 1.0


class Idf(dict[str, float]):
    """The IDF of each key under the document frequencies ``df``, computed once for all of
    them (an article is scored against many stories whose profiles share most of their
    terms); a key absent from them counts as in one article."""

    def __init__(self, df: dict[str, int]) -> None:
        self.df, self.articles = df, df.get("", 1)
        n = self.articles + 1  # as idf() computes it
        super().__init__(zip(df, [math.log(n / (c + 1)) + 1.0 for c in df.values()], strict=True))

    def __missing__(self, key: str) -> float:
        value = self[key] = idf(1, self.articles)
        return value


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


def weigh(found: Features, df: dict[str, int]) -> None:
    """The article's unit TF-IDF vector, from document frequencies that include it."""
    found.tf = _unit({t: 1 + math.log(c) for t, c in found.terms.items() if c > 0})
    n = df.get("", 1)
    found.vector = _unit({t: w * idf(df.get(t, 1), n) for t, w in found.tf.items()})
    # An entity counts by how rare it is and, less than in proportion, how often it is named.
    found.weights = {
        e: math.log1p(m) * idf(df.get(e, 1), n) + 1e-9 for e, m in found.entities.items()
    }


def query_keys(found: Features, df: dict[str, int]) -> list[str]:
    """The keys looked up in the inverted index: the article's most telling terms and entities."""
    n = df.get("", 1)
    limit = BOUNDS["common_share"] * n if n >= COMMON_AFTER else n + 1

    def usable(key: str) -> bool:
        return 2 <= df.get(key, 1) <= limit

    terms = sorted((t for t in found.vector if usable(t)), key=lambda t: (-found.vector[t], t))
    ents = sorted(
        (e for e in found.entities if usable(e)),
        key=lambda e: (-found.entities[e] * idf(df.get(e, 1), n), e),
    )
    return terms[: int(BOUNDS["query_terms"])] + ents[: int(BOUNDS["query_entities"])]


def signals(
    found: Features, story: dict[str, Any], idf: Idf, *, weighed_only: bool = False
) -> dict[str, float]:
    """The article's similarity to one story's profile on each signal it can be compared
    on; with ``weighed_only``, without those weighing nothing (``shown``), which only
    explain a decision."""
    members = max(1, int(story["data"]["n"]))
    out: dict[str, float] = {}
    # The story's mean term frequencies weighted with today's IDF, not those of the
    # day each member joined: early articles saw a corpus too small to tell rare words.
    centroid = story["data"]["centroid"]
    # The cosine with the unit centroid, dividing only the weights the article shares.
    norm = math.hypot(*map(operator.mul, centroid.values(), map(idf.__getitem__, centroid))) or 1.0
    out["text"] = sum(
        (w * (centroid[t] * idf[t] / norm) for t, w in found.vector.items() if t in centroid),
        0.0,
    )
    if found.weights:
        out["entities"] = _shared(found.weights, story["data"]["entities"], members)
    if found.figures:
        out["figures"] = _shared(
            dict.fromkeys(found.figures, 1.0), story["data"]["figures"], members
        )
    if found.dense and (mean := story["data"].get("dense")):
        norm = math.sqrt(sum(map(operator.mul, mean, mean))) or 1.0
        out["dense"] = max(0.0, sum(map(operator.mul, found.dense, mean)) / norm)
    out = {k: round(v, 4) for k, v in out.items()} | when(found, story)
    if not weighed_only or WEIGHTS["events"]:
        out.update(shown(found, story))
    return out


def when(found: Features, story: dict[str, Any]) -> dict[str, float]:
    """The two factors of ``combine``: the article's ``time`` and ``years`` signals
    against the story, each left out when either has nothing to compare."""
    out: dict[str, float] = {}
    if found.date and story.get("first_date") and story.get("last_date"):
        gap = _gap(found.date, story["first_date"], story["last_date"])
        out["time"] = round(math.exp(-gap / TIME_SCALE), 4)
    if found.years and (years := story["data"].get("years")):
        share = sum(c for y, c in years.items() if y in found.years) / sum(years.values())
        out["years"] = round(share, 4)
    return out


def most(found: Features) -> float:
    """The most a content signal of the article can be: 1, or the length of its dense
    vector when the vector's rounded parts take it a little past 1 (its cosine is at
    most that)."""
    return max(1.0, math.hypot(*found.dense))


def ceiling(factors: dict[str, float], most: float = 1.0) -> float:
    """The most ``combine`` can give with these factors (``when``) when no content signal
    passes ``most``: the product of the factors times that."""
    return round(_factor(factors) * most + 1e-9, 4)  # ``combine`` rounds up no further


def shown(found: Features, story: dict[str, Any]) -> dict[str, float]:
    """The signals shown by ``--explain`` whatever their weight: the event types'."""
    if found.events and story["data"]["events"]:
        return {"events": round(_cosine(found.events, story["data"]["events"]), 4)}
    return {}


def _shared(weights: dict[str, float], counts: dict[str, int], members: int) -> float:
    """The weighted share of keys the story's articles name too, each by their share of them."""
    shared = sum(w * min(1.0, counts.get(k, 0) / members) for k, w in weights.items())
    return shared / sum(weights.values())


def combine(scores: dict[str, float]) -> float:
    """The weighted mean of the content signals present, times the time factor, and
    times 1 - ``YEARS`` when the article and the story name other years."""
    content = {k: v for k, v in scores.items() if k in WEIGHTS}
    total = sum(WEIGHTS[k] for k in content)
    mean = sum(WEIGHTS[k] * v for k, v in content.items()) / total if total else 0.0
    return round(mean * _factor(scores), 4)


def _factor(scores: dict[str, float]) -> float:
    return scores.get("time", 1.0) * (1 - YEARS if scores.get("years", 1.0) < AGREE else 1)


def _gap(date: str, first: str, last: str) -> float:
    """Days from ``date`` to the window from ``first`` to ``last``, a month or a year
    among them standing for its whole period."""
    day = dt.date.fromisoformat(date)
    start, end = _day(first), _day(last, end=True)
    if day < start:
        return float((start - day).days)
    return float(max(0, (day - end).days))


def _day(value: str, end: bool = False) -> dt.date:
    """A story date's first day, or with ``end`` its last ("2025-04": April 1 or 30)."""
    parts = [int(p) for p in value[:10].split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        return (
            (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            if end
            else first
        )
    return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)


def _cosine(a: dict[str, int] | Counter[str], b: dict[str, int]) -> float:
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def centroid_terms(stories: list[dict[str, Any]]) -> set[str]:
    """The terms of the stories' mean vectors, whose frequencies scoring needs."""
    return set().union(*((s["data"] or {}).get("centroid", {}) for s in stories))


def absorb(story: dict[str, Any], found: Features, idf: Idf) -> dict[str, Any]:
    """The story's profile once the article has joined it (a new profile when ``story`` is empty).

    The profile keeps the mean of its members' unit term frequencies, cut to the terms
    heaviest in TF-IDF, and the mean of its members' dense vectors when they have some.
    """
    data = story or {"centroid": {}, "n": 0, "entities": {}, "figures": {}, "events": {}}
    n = int(data["n"])
    centroid = {t: w * n / (n + 1) for t, w in data["centroid"].items()}
    for t, w in found.tf.items():
        centroid[t] = centroid.get(t, 0.0) + w / (n + 1)
    weight = {t: w * idf[t] for t, w in centroid.items()}
    top = sorted(weight, key=lambda t: (-weight[t], t))[: int(BOUNDS["profile_terms"])]
    profile: dict[str, Any] = {
        "centroid": {t: round(centroid[t], 6) for t in top},
        "n": n + 1,
        "entities": _add(data["entities"], dict.fromkeys(found.entities, 1)),
        "figures": _add(data["figures"], dict.fromkeys(found.figures, 1)),
        "events": _add(data["events"], dict(found.events)),
        "years": _add(data.get("years", {}), dict.fromkeys(found.years, 1)),
    }
    if found.dense or data.get("dense"):
        profile.update(_dense_mean(data.get("dense"), int(data.get("dense_n", 0)), found.dense))
    return profile


def _dense_mean(mean: list[float] | None, n: int, vector: tuple[float, ...]) -> dict[str, Any]:
    """The story's mean dense vector and how many members it averages, with one more vector."""
    if not vector:
        return {"dense": mean, "dense_n": n}
    if not mean:
        return {"dense": list(vector), "dense_n": 1}
    return {
        "dense": [round((m * n + v) / (n + 1), 6) for m, v in zip(mean, vector, strict=True)],
        "dense_n": n + 1,
    }


def _add(counts: dict[str, int], more: dict[str, int]) -> dict[str, int]:
    """``counts`` with ``more`` added, keeping the ``BOUNDS['profile_keys']`` most counted;
    among equals, the keys ``more`` brings first (a name new to a long story stays until
    the next article, which may name it again), then the first in order. A story of ten
    thousand articles is read and written at each article that joins it, and a key one
    article in thousands names changes no score."""
    out = dict(counts)
    for k, v in more.items():
        out[k] = out.get(k, 0) + v
    keep = int(BOUNDS["profile_keys"])
    if len(out) > keep:
        ranked = sorted(enumerate(out.items()), key=lambda x: (-x[1][1], x[1][0] not in more, x[0]))
        kept = {k for _, (k, _) in ranked[:keep]}
        out = {k: v for k, v in out.items() if k in kept}  # in the order they came
    return out


def index_keys(profile: dict[str, Any], idf: Idf) -> list[str]:
    """The keys a story is found under: its heaviest terms and its most named entities."""
    centroid, entities = profile["centroid"], profile["entities"]
    weight = {t: w * idf[t] for t, w in centroid.items()}
    terms = sorted(weight, key=lambda t: (-weight[t], t))[: int(BOUNDS["index_terms"])]
    ents = sorted(entities, key=lambda e: (-entities[e], e))[: int(BOUNDS["index_entities"])]
    return terms + ents
