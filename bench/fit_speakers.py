"""Fit the quote speaker chooser's weights on PolNeAR train; write them to the one table.

The chooser (``storyline.analyze.quotes.chooser``) scores every candidate
speaker as the sum of the weights of its way, its features and its reading
(how its source was read as an entity), against "nobody" scored 0. This
script fits the weights of the ways and their features on the train split
only (dev and test stay for measuring):

1. run the entities and quotes stages on every train article, as
   ``bench/attribution.py`` does, keeping each direct quote's candidates;
2. match each direct quote to the gold direct quote its content overlaps
   most; a candidate is right when its source overlaps the gold source or its
   speaker entity has a mention there (the benchmark's speaker criterion);
3. fit a conditional logit: over each quote's candidates plus "nobody", the
   probability of the right candidates (of nobody when none is right), with
   an L2 penalty pulling each weight toward its prior, the hand-set weight in
   ``PRIOR`` (a way the train split rarely shows, such as a dash credit, keeps
   about its prior); L-BFGS from the prior, so the fit is deterministic;
4. write the weights, rounded to two decimals, to
   ``src/storyline/data/speaker_weights.json``.

Readings are not fitted: PolNeAR annotates a source as written ("the
senator"), not the entity it names, so every reading of a right span is
equally right there. Their weights (``READINGS``) are set by hand, in the
order of trust (a name, the pronoun resolver's answer, a description's role
holder before the one person nearby, the source left unresolved), and enter
the fit as fixed parts of each score. The ways ``indirect``, ``partial`` and
``mixed`` have one source each: only rival readings of it are compared, so
their own weight cancels and is written as 0. The candidates come from a
run with the weights in place, since the previous quote's speaker is one of
them.

    python bench/fit_speakers.py [TRAIN_DIR] [--l2 1.0]   # default ../shared/data/polnear/train
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import minimize

from attribution import articles, read_gold, widen
from storyline import nlp
from storyline.analyze.entities import entities as find_entities
from storyline.analyze.mentions import MentionIndex
from storyline.analyze.quotes.candidate import Candidate
from storyline.analyze.quotes.chooser import WEIGHTS_FILE
from storyline.analyze.quotes.stage import decisions

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "train"
OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "data" / WEIGHTS_FILE
ONE_SOURCE = ("indirect", "partial", "mixed")  # ways whose weight cancels
# Ways and their features, set by hand before any fit: the prior the fit starts from.
PRIOR = {
    **{"credit": 5.5, "after": 4.5, "before": 3.5, "colon_name": 3.2, "colon_subject": 3.1},
    **{"colon_person": 3.0, "sentence_subject": 2.8, "sentence_cue_noun": 2.7},
    **{"points_back": 2.4, "turn": 2.2, "previous_quote": 2.0, "paragraph_before": 1.6},
    **{"last_attribution": 1.2, "next_sentence": 1.0},
    **{"colon": 1.5, "sentence_apart": -0.6, "no_cue": -0.1, "no_speaker": -10.0},
    **{"other_subject": 0.0},
}
# How a source is read as an entity: set by hand, not fitted (see above).
READINGS = {
    **{"named": 0.0, "pronoun": 0.0, "named_inside": -3.0, "pronoun_unresolved": -1.5},
    **{"unresolved_name": -1.0, "unresolved": -1.5, "document": -0.5},
    **{"description_role": -0.3},
    **{"description_latter": -0.3, "description_recent": -0.6, "description_later": -0.6},
    **{"organisation_named": -0.3, "organisation_subject": -0.6},
}

Group = tuple[list[list[str]], list[bool]]  # each candidate's features, and which are right


def keys(candidate: Candidate) -> list[str]:
    """The weight keys a candidate's score sums, as the chooser's ``score`` does."""
    extra = () if candidate.found.source else ("no_speaker",)
    return [candidate.way, *candidate.features, *extra]


def overlaps(a: tuple[int, int], spans: set[tuple[int, int]]) -> bool:
    return any(min(a[1], e) > max(a[0], s) for s, e in spans)


def groups(folder: Path, limit: int = 0) -> list[Group]:
    """One group per direct quote matched to a gold direct quote with a source."""
    model = nlp.load()
    items = articles(folder)[: limit or None]
    out: list[Group] = []
    for n, (_name, text, ann) in enumerate(items, start=1):
        doc = model(text)
        ents = find_entities(doc)
        index = MentionIndex(ents)
        gold = read_gold(text, ann)
        for (found, _speaker), candidates in decisions(doc, ents):
            if found.kind != "direct" or not candidates:
                continue
            span = widen(text, *found.content)
            best, best_overlap = None, 0
            for content, source in gold.direct_sources:
                overlap = sum(max(0, min(span[1], e) - max(span[0], s)) for s, e in content)
                if overlap > best_overlap:
                    best, best_overlap = source, overlap
            if best is None:
                continue
            right = []
            for c in candidates:
                spans = [c.found.source] if c.found.source else []
                entity = index.entity(c.speaker.entity if c.speaker else None)
                spans += [(m.start, m.end) for m in entity.mentions] if entity else []
                right.append(any(overlaps(s, best) for s in spans))
            out.append(([keys(c) for c in candidates], right))
        if n % 100 == 0:
            print(f"{n}/{len(items)} articles", file=sys.stderr)
    return out


def fit(data: Sequence[Group], l2: float) -> dict[str, float]:
    """The way and feature weights maximising the penalised log-likelihood of
    the right candidates, readings fixed at ``READINGS``."""
    names = sorted(PRIOR)
    column = {k: i for i, k in enumerate(names)}
    prior = np.array([PRIOR[k] for k in names])
    matrices = []
    for features, right in data:
        x = np.zeros((len(features) + 1, len(names)))  # the last row is "nobody"
        fixed = np.zeros(len(features) + 1)
        for r, keys_ in enumerate(features):
            for k in keys_:
                if k in READINGS:
                    fixed[r] += READINGS[k]
                else:
                    x[r, column[k]] += 1.0
        target = np.array([*right, not any(right)], dtype=bool)
        matrices.append((x, fixed, target))

    def loss(w: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        total = 0.5 * l2 * float((w - prior) @ (w - prior))
        grad = l2 * (w - prior)
        for x, fixed, target in matrices:
            s = x @ w + fixed
            p = np.exp(s - s.max())
            z = p.sum()
            hit = p[target].sum()
            total -= float(np.log(hit / z))
            # d/dw [log z - log hit] = E_all[x] - E_right[x]
            grad = grad + (p / z) @ x - (p[target] / hit) @ x[target]
        return total, grad

    result = minimize(loss, prior.copy(), jac=True, method="L-BFGS-B")
    return {k: float(v) for k, v in zip(names, result.x, strict=True)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--l2", type=float, default=1.0, help="L2 penalty on the weights")
    parser.add_argument("--limit", type=int, default=0, help="read only the first N articles")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the table")
    parser.add_argument(
        "--candidates", type=Path, help="keep the candidates read in this JSON file, or reuse them"
    )
    args = parser.parse_args(argv)
    if "dev" in args.dir.parts or "test" in args.dir.parts:
        print("the speaker weights are fitted on train only", file=sys.stderr)
        return 2
    if args.candidates is not None and args.candidates.exists():
        data = [(f, r) for f, r in json.loads(args.candidates.read_text(encoding="utf-8"))]
    else:
        data = groups(args.dir, args.limit)
        if args.candidates is not None:
            args.candidates.write_text(json.dumps(data), encoding="utf-8")
    if not data:
        print(f"no PolNeAR direct quotes under {args.dir}", file=sys.stderr)
        return 2
    fitted = {k: round(v, 2) for k, v in fit(data, args.l2).items()}
    fitted.update(dict.fromkeys(ONE_SOURCE, 0.0))
    fitted.update(READINGS)
    found = sum(any(r) for _, r in data)
    about = (
        "Weights of the quote speaker chooser (analyze/quotes/chooser.py): log-odds added "
        "per way of finding a speaker, per feature and per reading, against naming nobody. "
        f"Ways and features fitted on PolNeAR train ({len(data)} direct quotes, {found} with "
        f"a right candidate) by bench/fit_speakers.py --l2 {args.l2}, never on dev; "
        "readings set by hand."
    )
    table_ = {"about": about, "nobody": 0.0, "weights": fitted}
    args.out.write_text(json.dumps(table_, indent=2) + "\n", encoding="utf-8")
    print(f"{'weight':24}{'value':>8}")
    for k in sorted(fitted, key=lambda k: -fitted[k]):
        print(f"{k:24}{fitted[k]:8.2f}")
    print(json.dumps({"quotes": len(data), "with_right_candidate": found, "l2": args.l2}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
