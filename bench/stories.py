"""Story clustering: B-cubed and ARI against gold stories, a baseline, speed and cost growth.

Usage: python bench/stories.py [FILE.jsonl] [--cache FILE] [--articles N] [--sweep T,T,...]

FILE (default ../shared/data/ecbplus/ecbplus-dev.jsonl) has one article a line:
``id, title, text, date (may be null), source (optional), cluster``. storyline sees
only title, text, date and source. The articles are analysed (``--cache`` keeps the
records between runs), then written one by one into a fresh SQLite store in date
order, undated articles after them in an order shuffled with a fixed seed (the file
is grouped by topic); each joins a story at ingest. Lines without text are left out.

Figures:
- B-cubed precision, recall and F1, and the adjusted Rand index, of the stories
  against ``cluster``;
- the baseline: TF-IDF (title and text) average-link clustering, its cosine
  threshold fitted on the same file (the best of a grid: an upper bound for it);
- articles/s of the store step (writing, entity linking, story assignment;
  analysis excluded);
- when the optional extra ``embeddings`` is installed, B-cubed and ARI once more with
  each record's dense vector (``Settings.embeddings``), so with the dense signal; the
  figures above are without it in any case;
- with ``--sweep``, B-cubed F1, precision and recall at each of the thresholds
  given (the same weights; each a fresh store), to show how sharp the chosen
  threshold is;
- the cost per added article of entity linking and story assignment alone, as the
  mean over 200 articles added at 10% and at 100% of a corpus grown to N (default
  20,000) generated articles with distinct texts, whose records are built directly
  (no language model); ``cost_growth`` is their ratio.

The last line is JSON: bcubed_f1, bcubed_precision, bcubed_recall, ari,
baseline_bcubed_f1, articles_per_s, cost_growth; with the extra, also dense_bcubed_f1,
dense_bcubed_precision, dense_bcubed_recall and dense_ari.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("STORYLINE_DATA", ROOT.parent / "shared" / "data"))
DEFAULT = DATA / "ecbplus" / "ecbplus-dev.jsonl"
SEED = 13
WINDOW = 200  # articles timed at each point of the cost curve


def load(path: Path) -> list[dict[str, Any]]:
    """The file's articles with text, in ingest order: dated by date, then undated shuffled."""
    rows = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    rows = [r for r in rows if (r.get("text") or "").strip()]
    dated = sorted((r for r in rows if r.get("date")), key=lambda r: str(r["date"]))
    undated = [r for r in rows if not r.get("date")]
    random.Random(SEED).shuffle(undated)
    return dated + undated


def dense() -> bool:
    """Whether the optional extra ``embeddings`` (and its model) is installed."""
    from storyline.analyze import embedding

    return embedding.available()


def with_vectors(records: list[Any]) -> list[Any]:
    """The records with the dense vector ``Settings.embeddings`` gives each."""
    from storyline.analyze.embedding import embedding

    return [
        r if r.embedding else dataclasses.replace(r, embedding=embedding(r.text, r.metadata.title))
        for r in records
    ]


def analysed(rows: list[dict[str, Any]], cache: Path | None) -> list[Any]:
    """The record of every row, analysed once and kept in ``cache`` when given; with
    their dense vectors when the extra is installed."""
    from storyline.models import Record

    records: list[Any] = []
    if cache and cache.exists():
        kept = {d["id"]: d["record"] for d in map(json.loads, cache.read_text().splitlines())}
        if all(str(r["id"]) in kept for r in rows):
            records = [Record.from_dict(kept[str(r["id"])]) for r in rows]
            if not dense() or all(r.embedding for r in records):
                return records
    records = with_vectors(records or analyse(rows)) if dense() else analyse(rows)
    if cache:
        cache.write_text(
            "".join(
                json.dumps({"id": str(r["id"]), "record": rec.to_dict()}) + "\n"
                for r, rec in zip(rows, records, strict=True)
            )
        )
    return records


def analyse(rows: list[dict[str, Any]]) -> list[Any]:
    from storyline.models import RawDocument
    from storyline.pipeline import Failure, analyze_many

    raws = [
        RawDocument(
            data=r["text"].encode("utf-8"),
            source=str(r.get("source") or r["id"]),
            content_type="text/plain",
            encoding="utf-8",
            title=r.get("title"),
            date=r.get("date"),
        )
        for r in rows
    ]
    records = []
    for row, result in zip(rows, analyze_many(raws), strict=True):
        if isinstance(result, Failure):
            raise SystemExit(f"{row['id']}: {result.error}")
        records.append(result)
    return records


def cluster(rows: list[dict[str, Any]], records: list[Any], db: Path) -> tuple[list[int], float]:
    """Each row's story after ingesting the records in order, and the articles/s of the store."""
    from storyline.corpus.ingest import write
    from storyline.corpus.rows import Prepared
    from storyline.corpus.store import open_store
    from storyline.corpus.store import stories as sql
    from storyline.ingest.items import Item

    with open_store(db, "create") as store:
        started = time.perf_counter()
        for row, record in zip(rows, records, strict=True):
            name = str(row.get("source") or row["id"])
            write(store, Item(key=f"id:{row['id']}", source=name), Prepared.of(record, name), 0.8)
        seconds = time.perf_counter() - started
        stories = []
        for row in rows:
            found = store.query(
                "SELECT article_id FROM documents WHERE key = ?", (f"id:{row['id']}",)
            )
            story = sql.story_of(store, int(found[0]["article_id"]))
            stories.append(story if story is not None else -1)
    return stories, len(rows) / seconds


def bcubed(gold: Sequence[Any], pred: Sequence[Any]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga and Baldwin), averaged over items."""
    pairs = Counter(zip(gold, pred, strict=True))
    g, p = Counter(gold), Counter(pred)
    n = len(gold)
    precision = sum(c * c / p[b] for (_, b), c in pairs.items()) / n
    recall = sum(c * c / g[a] for (a, _), c in pairs.items()) / n
    return precision, recall, 2 * precision * recall / (precision + recall)


def baseline(rows: list[dict[str, Any]], gold: Sequence[Any]) -> tuple[float, float]:
    """TF-IDF average-link clustering at its best cosine-distance threshold: (F1, threshold)."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{r.get('title') or ''}\n{r['text']}" for r in rows]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    tree = linkage(pdist(matrix.toarray(), metric="cosine"), method="average")
    best = (0.0, 0.0)
    for step in range(5, 100, 2):
        labels = fcluster(tree, t=step / 100, criterion="distance")
        best = max(best, (bcubed(gold, list(labels))[2], step / 100))
    return best


def generated(n: int, seed: int = SEED) -> list[Any]:
    """``n`` records with distinct texts, built directly: stories of about five articles,
    each drawing words from its story's own vocabulary and a shared Zipf-like one."""
    from storyline.models import Entity, Metadata, Record, Term

    rng = random.Random(seed)
    common = [f"word{i}" for i in range(5000)]
    weights = [1 / (i + 1) for i in range(len(common))]
    out = []
    for i in range(n):
        story = i // 5
        own = [f"topic{story}x{k}" for k in range(8)]
        words = rng.choices(common, weights, k=60) + rng.sample(own, 5)
        counts = Counter(words)
        terms = tuple(Term(w, c, 1 if w in own[:2] else 0) for w, c in sorted(counts.items()))
        names = [f"Person{story} Name{story}", f"Place{story % 997}", f"Org{rng.randrange(300)}"]
        entities = tuple(
            Entity(
                id=f"E{k + 1}",
                name=name,
                type="PERSON" if k == 0 else "ORG",
                key=f"{name.lower()}|X",
                mention_count=rng.randint(1, 4),
            )
            for k, name in enumerate(names)
        )
        day = 1 + (story // 40) % 28
        month = 1 + (story // 1120) % 12
        out.append(
            Record(
                text=f"Article {i}. " + " ".join(words),
                metadata=Metadata(
                    title=f"{own[0]} {own[1]} {i}", date=f"2024-{month:02d}-{day:02d}"
                ),
                entities=entities,
                terms=terms,
            )
        )
    return out


def cost(n: int, db: Path) -> tuple[float, float]:
    """Mean seconds of linking and assignment per article at 10% and 100% of ``n`` articles."""
    from storyline.corpus.ingest import place
    from storyline.corpus.rows import to_rows
    from storyline.corpus.store import open_store

    marks = {n // 10, n}
    spent: dict[int, float] = defaultdict(float)
    with open_store(db, "create") as store:
        for i, record in enumerate(generated(n), start=1):
            rows = to_rows(record, f"gen{i}")
            with store.transaction():
                article = store.add_article(rows, {"key": f"gen:{i}", "source": f"gen{i}"})
                started = time.perf_counter()
                place(store, article, record, None)
                elapsed = time.perf_counter() - started
            for mark in marks:
                if mark - WINDOW < i <= mark:
                    spent[mark] += elapsed
    return spent[n // 10] / WINDOW, spent[n] / WINDOW


def sweep(
    rows: list[dict[str, Any]],
    records: list[Any],
    gold: list[Any],
    thresholds: list[float],
    tmp: Path,
) -> None:
    """B-cubed F1, precision and recall of the stories at each threshold."""
    from storyline.corpus import clustering

    chosen = clustering.THRESHOLD
    print(f"{'threshold':>10}{'F1':>8}{'P':>8}{'R':>8}{'stories':>9}")
    try:
        for i, threshold in enumerate(thresholds):
            clustering.THRESHOLD = threshold
            pred, _ = cluster(rows, records, tmp / f"sweep{i}.db")
            precision, recall, f1 = bcubed(gold, pred)
            mark = " (chosen)" if threshold == chosen else ""
            print(
                f"{threshold:10.2f}{f1:8.3f}{precision:8.3f}{recall:8.3f}{len(set(pred)):9}{mark}",
                flush=True,
            )
    finally:
        clustering.THRESHOLD = chosen


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--cache", type=Path, help="JSONL file keeping the analysed records")
    parser.add_argument("--articles", type=int, default=20_000, help="generated corpus size")
    parser.add_argument("--sweep", help="thresholds to score the file at too, comma-separated")
    args = parser.parse_args(argv)
    if not args.file.exists():
        print(f"{args.file}: not found", file=sys.stderr)
        return 2
    rows = load(args.file)
    gold = [r["cluster"] for r in rows]
    records = analysed(rows, args.cache)
    plain = [dataclasses.replace(r, embedding=()) for r in records]
    with tempfile.TemporaryDirectory() as tmp:
        pred, rate = cluster(rows, plain, Path(tmp) / "stories.db")
        pred_dense = cluster(rows, records, Path(tmp) / "dense.db")[0] if dense() else None
        if args.sweep:
            sweep(rows, plain, gold, [float(t) for t in args.sweep.split(",")], Path(tmp))
        small, large = cost(args.articles, Path(tmp) / "cost.db")
    from sklearn.metrics import adjusted_rand_score

    precision, recall, f1 = bcubed(gold, pred)
    ari = float(adjusted_rand_score(gold, pred))
    base_f1, base_t = baseline(rows, gold)
    n10 = args.articles // 10
    print(
        f"{args.file.name}: {len(rows)} articles, {len(set(gold))} gold stories, {len(set(pred))} found"
    )
    print(f"{'':34}{'storyline':>10}{'baseline':>10}")
    print(f"{'B-cubed F1':34}{f1:10.3f}{base_f1:10.3f}   (baseline cosine distance {base_t:.2f})")
    print(f"{'B-cubed precision':34}{precision:10.3f}")
    print(f"{'B-cubed recall':34}{recall:10.3f}")
    print(f"{'ARI':34}{ari:10.3f}")
    print(f"{'articles/s (store step)':34}{rate:10.1f}")
    print(f"{f'ms per added article at {n10:,}':34}{small * 1000:10.2f}")
    print(f"{f'ms per added article at {args.articles:,}':34}{large * 1000:10.2f}")
    result = {
        "bcubed_f1": round(f1, 4),
        "bcubed_precision": round(precision, 4),
        "bcubed_recall": round(recall, 4),
        "ari": round(ari, 4),
        "baseline_bcubed_f1": round(base_f1, 4),
        "articles_per_s": round(rate, 1),
        "cost_growth": round(large / small, 3),
    }
    if pred_dense is not None:
        p, r, f = bcubed(gold, pred_dense)
        scores = (f, p, r, float(adjusted_rand_score(gold, pred_dense)))
        names = ("bcubed_f1", "bcubed_precision", "bcubed_recall", "ari")
        labels = ("B-cubed F1", "B-cubed precision", "B-cubed recall", "ARI")
        for label, value in zip(labels, scores, strict=True):
            print(f"{label + ', dense signal on':34}{value:10.3f}")
        result.update({f"dense_{k}": round(v, 4) for k, v in zip(names, scores, strict=True)})
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
