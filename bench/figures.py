"""Score storyline's figures on NewsQuant-format data.

Usage: python bench/figures.py [FILE] [--errors N]

FILE (default ../shared/data/newsquant/newsquant-dev.json, relative to the
repository root) is a JSON list of ``{"text", "quantities": [{"value", "unit",
"normalized_unit", "change", "referred_concepts"}]}``; a range value is "a-b".
Each sentence goes through the real stage: ``nlp(sentence)`` then ``figures()``.

Metrics: precision, recall and F1 over quantities, a gold quantity matched at
most once (greedy, in order), for
- value: the numbers are equal (a range against a range, bounds in either order);
- value+unit: and the units are equal after both sides are mapped to storyline's
  unit vocabulary (see ``normal_unit``);
- value+change: and the change (=, ~, >, <, up, down) equals our qualifier;
- value+concept: and at least one gold concept word is among the words of our
  concept and subject (lower-case content words, a possessive "'s" dropped;
  sharing "of" or "the" is no match); a gold quantity
  annotated without a concept ("-") needs the value only (counted and shown
  separately).
A figure with alternatives ("1,200 or 1,500") is compared as the range of its
alternatives, as NewsQuant writes them ("three or four years" is "3-4").
Ordinals ("the third release") are left out: NewsQuant does not annotate them. The last line is one JSON object with the F1 scores in percent.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from storyline import nlp
from storyline.analyze.figures import figures
from storyline.analyze.figures.lexicon import lexicon, singular

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".." / "shared" / "data" / "newsquant" / "newsquant-dev.json"
COUNT = "count"  # dimensionless: a plain number, or a number of things ("13,000 workers")
# NewsQuant's names that storyline's vocabulary spells differently.
ALIASES = {
    "percentage": "percent",
    "pound sterling": "GBP",
    "pound-mass": "lb",
    "year of age": "year",
    "parts-per-billion": "ppb",
    "parts-per-million": "ppm",
    "revolutions per minute": "rpm",
    "sen": "cent",
    "kilometre per hour": "km/h",
    "mile per hour": "mph",
    "mile per gallon": "mpg",
}
Value = float | tuple[float, float]


@dataclass(frozen=True, slots=True)
class Quantity:
    value: Value
    unit: str
    change: str
    concept: frozenset[str]  # lower-case words; empty when none is given


def normal_unit(name: str | None) -> str:
    """One unit normal form for both sides: storyline's vocabulary, else ``count``.

    NewsQuant's names are looked up in storyline's unit and currency lexicon
    ("kilometre" -> km, "australian dollar" -> AUD, "dollar per barrel" ->
    "USD per barrel"), through ``ALIASES`` where the spelling differs. Names the
    lexicon does not know are the things counted ("worker", "goal", "people"):
    storyline keeps those as the concept, not the unit, so both sides call them
    ``count``, as storyline's figures without a unit are.
    """
    if not name or name in ("-", "count"):
        return COUNT
    lex = lexicon()
    name = name.lower().strip()
    if name in ALIASES:
        return ALIASES[name]
    parts = [p.strip() for p in name.split(" per ")]
    mapped: list[str] = []
    for part in parts:
        key = singular(part) if part not in lex.units else part
        hit = (
            lex.units.get(part)
            or lex.units.get(key)
            or lex.currency_names.get(part)
            or lex.currency_names.get(key)
            or ALIASES.get(part)
            or (part.upper() if part.upper() in lex.currency_codes else None)
        )
        if hit is None and len(mapped) == 0:
            return COUNT
        mapped.append(hit or key)
    return " per ".join(mapped)


def gold_value(text: str) -> Value:
    text = text.strip()
    num = r"-?\d*\.?\d+(?:[eE][-+]?\d+)?"
    m = re.fullmatch(rf"({num})\s*-\s*({num})", text)
    if m and not text.startswith("-"):
        return float(m.group(1)), float(m.group(2))
    return float(text)


# Function words: sharing one of these is no sign of naming the same concept.
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "my",
        "your",
        "of",
        "in",
        "at",
        "on",
        "for",
        "to",
        "from",
        "by",
        "with",
        "among",
        "as",
        "per",
        "and",
        "or",
    ]
)


def words(text: str | None) -> frozenset[str]:
    """Lower-case content words, a possessive ending dropped ("company's" is "company")."""
    found = (re.sub(r"['’]s?$", "", w.lower()) for w in re.findall(r"[\w'’&/.-]+", text or ""))
    return frozenset(w for w in found if w not in FUNCTION_WORDS and w != "-")


def read_gold(item: dict[str, Any]) -> list[Quantity]:
    out = []
    for q in item["quantities"]:
        out.append(
            Quantity(
                gold_value(q["value"]),
                normal_unit(q["normalized_unit"]),
                q["change"],
                words(q["referred_concepts"]),
            )
        )
    return out


def predict(doc: Doc) -> list[Quantity]:
    """Storyline's figures as NewsQuant quantities (no entities: concepts come from the parse)."""
    out = []
    for f in figures(doc, (), None):
        if f.kind == "ordinal":
            continue
        concept = words(f.concept) | words(f.subject.text if f.subject else None)
        unit = f.unit or COUNT  # already in storyline's normal form
        value: Value = f.value if f.value is not None else (f.low or 0.0, f.high or 0.0)
        out.append(Quantity(value, unit, f.qualifier, concept))
    return out


def same_value(a: Value, b: Value) -> bool:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return all(
            math.isclose(x, y, rel_tol=1e-5, abs_tol=1e-8)
            for x, y in zip(sorted(a), sorted(b), strict=True)
        )
    if isinstance(a, tuple) or isinstance(b, tuple):
        return False
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-8)


Test = Callable[[Quantity, Quantity], bool]
METRICS: dict[str, Test] = {
    "value": lambda g, p: same_value(g.value, p.value),
    "value+unit": lambda g, p: same_value(g.value, p.value) and g.unit == p.unit,
    "value+change": lambda g, p: same_value(g.value, p.value) and g.change == p.change,
    "value+concept": lambda g, p: (
        same_value(g.value, p.value) and (not g.concept or bool(g.concept & p.concept))
    ),
}


def matches(gold: list[Quantity], pred: list[Quantity], test: Test) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: each gold and each prediction used at most once."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used and test(g, p):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--errors", type=int, default=0, help="print up to N sentences with misses")
    args = parser.parse_args(argv)
    data = json.loads(args.file.read_text("utf-8"))
    model = nlp.load()
    tp = dict.fromkeys(METRICS, 0)
    n_gold = n_pred = no_concept = named_found = 0
    shown = 0
    elapsed = 0.0
    for item in data:
        gold = read_gold(item)
        t0 = time.perf_counter()
        pred = predict(model(item["text"]))
        elapsed += time.perf_counter() - t0
        n_gold += len(gold)
        n_pred += len(pred)
        no_concept += sum(1 for g in gold if not g.concept)
        named = [g for g in gold if g.concept]
        named_found += len(matches(named, pred, METRICS["value+concept"]))
        for name, test in METRICS.items():
            tp[name] += len(matches(gold, pred, test))
        if shown < args.errors and len(matches(gold, pred, METRICS["value+unit"])) < max(
            len(gold), len(pred)
        ):
            shown += 1
            print(item["text"], "\n  gold:", gold, "\n  pred:", pred, file=sys.stderr)
    print(f"NewsQuant: {len(data)} sentences, {n_gold} gold quantities, {n_pred} predicted")
    print(f"{'metric':<15}{'P':>7}{'R':>7}{'F1':>7}{'matched':>9}")
    scores = {}
    for name in METRICS:
        p, r, f = prf(tp[name], n_pred, n_gold)
        scores[name] = f
        print(f"{name:<15}{p:7.1f}{r:7.1f}{f:7.1f}{tp[name]:9d}")
    print(
        f"units compared in storyline's vocabulary (percent, USD, km, ...); things counted -> '{COUNT}'.\n"
        f"{no_concept} gold quantities have no concept ('-') and need the value only for value+concept;"
        f" on the {n_gold - no_concept} with one, value+concept recall is "
        f"{100 * named_found / max(1, n_gold - no_concept):.1f}.\n"
        "CQE (published, whole set): value 92.0, value+unit 85.6, value+change 88.1, value+concept 76.1"
    )
    rate = len(data) / elapsed if elapsed else 0.0
    print(f"speed: {rate:.1f} sentences/s (parse + figures)")
    print(
        json.dumps(
            {
                "value_f1": round(scores["value"], 1),
                "value_unit_f1": round(scores["value+unit"], 1),
                "value_change_f1": round(scores["value+change"], 1),
                "value_concept_f1": round(scores["value+concept"], 1),
                "sentences_per_s": round(rate, 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
