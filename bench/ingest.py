"""Ingest speed, storage size and near-duplicate accuracy on a generated corpus.

Usage: python bench/ingest.py [OUT] [--articles N] [--pg URL] [--workers 1 2] [--rounds 5]

The corpus is generated from our own sample articles (src/storyline/samples
and tests/corpus/fixtures): each article is 6-9 sentences drawn from the
samples' sentences, in a new order, with every number redrawn. On top of the
N articles, 10% get a planted near-duplicate (two words changed, a credit line
added: a lightly edited syndicated copy, dated a day later) and 5% an exact
copy under another URL, also a day later. The corpus is written to OUT/corpus.jsonl (default: a
temporary folder) and ingested into a fresh store for every backend and worker
count: SQLite, and PostgreSQL when ``--pg`` (or STORYLINE_TEST_PG) names a
server, in a database made for the run and dropped after it. Each is run
``--rounds`` times, the worker counts in alternating order from round to round,
with the workers started and their model loaded before the clock.

Figures: documents/s (every document: stored, near copies and exact copies; the
run of median speed over the rounds), the parallel efficiency of 2 workers
(documents/s with 2 over twice that with 1 in the same round, the median over
rounds: ``sqlite_efficiency_2``), the share of the run the single writer spent storing
documents and the seconds it waited for the store's write lock, the CPU time per
document of the main process (reading, taking results, writing) and of the worker
processes (analysis; a worker replaced during a run is not counted), and from them where
the efficiency goes: on a machine of two cores, two workers and the main process keep
every core busy, so the efficiency is close to the workers' CPU per document with one
worker over the workers' and the main process's with two (``sqlite_cpu_efficiency_2``),
bytes stored per stored article, and the precision and recall of duplicate
pairs (two documents in the same group) against the planted pairs, for near
copies alone and for all copies, plus the share of groups whose original is
the planted original, and whether the store's consistency check passed after
every run. The last line is one JSON object with these figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path
from typing import Any

from storyline.batch.pool import ready
from storyline.corpus import duplicates, ingest, open_store
from storyline.corpus.store.postgres import create_database, drop_database
from storyline.extract import extract
from storyline.models import RawDocument
from storyline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIRS = (ROOT / "src" / "storyline" / "samples", ROOT / "tests" / "corpus" / "fixtures")
SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”]))\s+(?=[A-Z\"“])")
SWAPS = {"said": "stated", "the": "this", "on": "upon", "would": "will", "after": "following"}
Pair = frozenset[str]


def sentences() -> list[str]:
    """The sentences of our sample articles, cleaned by storyline's own extraction."""
    pool: list[str] = []
    settings = Settings()
    for folder in SAMPLE_DIRS:
        for path in sorted(folder.glob("*.*")):
            if path.suffix not in (".txt", ".html"):
                continue
            article = extract(RawDocument(data=path.read_bytes(), source=path.name), settings)
            for paragraph in article.text.split("\n\n"):
                pool += [s for s in SENTENCE.split(paragraph) if 40 <= len(s) <= 400]
    return sorted(set(pool))


def _numbers(text: str, rng: random.Random) -> str:
    return re.sub(r"\d+", lambda m: str(rng.randint(2, 9 * 10 ** len(m.group()))), text)


def generate(n: int, seed: int = 13) -> tuple[list[dict[str, Any]], set[Pair], set[Pair]]:
    """Articles with planted copies, and the planted (near, exact) pairs of ids."""
    rng = random.Random(seed)
    pool = sentences()
    docs: list[dict[str, Any]] = []
    near: set[Pair] = set()
    exact: set[Pair] = set()
    for i in range(n):
        body = [_numbers(s, rng) for s in rng.sample(pool, rng.randint(6, 9))]
        paragraphs = ["\n\n".join(body[j : j + 2]) for j in range(0, len(body), 2)]
        date = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        doc = {"id": f"a{i}", "url": f"https://wire.test/a{i}", "title": f"Report {i}",
               "date": date, "text": "\n\n".join(paragraphs)}  # fmt: skip
        docs.append(doc)
        roll = rng.random()
        if roll < 0.10:
            docs.append({**doc, "id": f"a{i}-near", "url": f"https://partner.test/a{i}",
                         "date": _next_day(date), "text": _edit(doc["text"], rng)})  # fmt: skip
            near.add(frozenset((f"a{i}", f"a{i}-near")))
        elif roll < 0.15:
            docs.append(
                {
                    **doc,
                    "id": f"a{i}-copy",
                    "url": f"https://mirror.test/a{i}",
                    "date": _next_day(date),
                }
            )
            exact.add(frozenset((f"a{i}", f"a{i}-copy")))
    rng.shuffle(docs)
    return docs, near, exact


def _next_day(date: str) -> str:
    year, month, day = date.split("-")
    return f"{year}-{month}-{int(day) + 1:02d}"


def _edit(text: str, rng: random.Random) -> str:
    """A light edit: two words changed and a credit line added."""
    words = text.split(" ")
    spots = [i for i, w in enumerate(words) if w in SWAPS]
    for i in rng.sample(spots, min(2, len(spots))):
        words[i] = SWAPS[words[i]]
    return " ".join(words) + "\n\nReporting by the wire desk; editing by the night staff."


def predicted_pairs(target: str) -> tuple[set[Pair], float]:
    """Pairs of document ids in the same duplicate group; share of originals that are right."""
    pairs: set[Pair] = set()
    right = 0
    groups = duplicates(target)
    for group in groups:
        members = [m["key"].rsplit(":", 1)[-1] for m in group["members"]]  # id:<file>:<id>
        pairs |= {frozenset(p) for p in combinations(members, 2)}
        original = next(m["key"] for m in group["members"] if m["original"])
        right += not original.endswith(("-near", "-copy"))
    return pairs, right / len(groups) if groups else 0.0


def _pr(predicted: set[Pair], truth: set[Pair]) -> tuple[float, float]:
    hits = len(predicted & truth)
    return (hits / len(predicted) if predicted else 1.0, hits / len(truth) if truth else 1.0)


def children() -> dict[Path, list[str]]:
    """Each live child of this process: its folder under /proc, with the fields of its
    ``stat`` after the command name (the parent's id first)."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # it ended meanwhile
            continue
        if int(fields[1]) == os.getpid():
            found[stat.parent] = fields
    return found


def children_cpu() -> dict[int, float]:
    """CPU seconds (user and system) of each live child of this process: the workers."""
    tick = os.sysconf("SC_CLK_TCK")
    return {
        int(folder.name): (int(fields[11]) + int(fields[12])) / tick
        for folder, fields in children().items()
    }


def run(corpus: Path, target: str, workers: int, threshold: float) -> dict[str, Any]:
    settings = Settings(workers=workers, near_duplicate_threshold=threshold)
    # The workers start and load the model before the clock, in every round alike: the
    # rounds after the first would find them running.
    ready(workers)
    before, started = children_cpu(), time.process_time()
    summary = ingest([str(corpus)], target, settings, progress=sys.stderr.isatty())
    own = time.process_time() - started
    after = children_cpu()  # a worker replaced during the run is not counted
    analysis = sum(after[pid] - before[pid] for pid in after.keys() & before.keys())
    with open_store(target, "write") as store:
        size = store.size_bytes()
        articles = store.counts()["articles"]
        problems = store.check()
    return {
        "documents": summary.total,
        "stored": summary.stored,
        "duplicates": summary.duplicates,
        "failed": len(summary.failed),
        "seconds": summary.seconds,
        "docs_per_s": summary.total / summary.seconds,
        "writing_share": summary.writing / summary.seconds,
        "main_cpu_ms": 1000 * own / summary.total,
        "workers_cpu_ms": 1000 * analysis / summary.total,
        "lock_wait_s": summary.lock_wait,
        "bytes_per_article": size / max(articles, 1),
        "consistent": not problems,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", nargs="?", type=Path, help="folder for the corpus and SQLite stores")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--pg", default=os.environ.get("STORYLINE_TEST_PG"), help="PostgreSQL URL")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=5, help="runs of each worker count")
    parser.add_argument("--threshold", type=float, default=Settings().near_duplicate_threshold)
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    out = args.out or Path(tempfile.mkdtemp(prefix="storyline-bench-"))
    out.mkdir(parents=True, exist_ok=True)

    docs, near, exact = generate(args.articles)
    corpus = out / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    print(f"corpus: {len(docs)} documents ({args.articles} articles, {len(near)} near copies,"
          f" {len(exact)} exact copies) in {corpus}")  # fmt: skip

    # Rounds alternate the order of the worker counts (1 2, 2 1, 1 2 ...), so a slow spell
    # of the machine falls on both sides of a ratio; each figure is the median over rounds.
    runs: dict[str, list[dict[str, Any]]] = {}
    accuracy: dict[str, float] = {}
    backends = ["sqlite"] + (["postgresql"] if args.pg else [])
    for backend in backends:
        for round_ in range(args.rounds):
            for workers in args.workers if round_ % 2 == 0 else args.workers[::-1]:
                name = f"{backend}-j{workers}"
                if backend == "sqlite":
                    target = str(out / f"{name}.db")
                    for suffix in ("", "-wal", "-shm"):
                        Path(target + suffix).unlink(missing_ok=True)
                    r = run(corpus, target, workers, args.threshold)
                else:
                    db = f"storyline_bench_{os.getpid()}_{workers}"
                    target = create_database(args.pg, db)
                    try:
                        r = run(corpus, target, workers, args.threshold)
                        if not accuracy:
                            accuracy = _accuracy(target, near, exact)
                    finally:
                        drop_database(args.pg, db)
                if not accuracy:
                    accuracy = _accuracy(target, near, exact)
                runs.setdefault(name, []).append(r)
                print(f"{name:<14} round {round_ + 1} {r['documents']:>5} docs {r['seconds']:7.1f} s"
                      f" {r['docs_per_s']:6.1f} docs/s {r['bytes_per_article']:8.0f} B/article"
                      f"  consistent={r['consistent']}", file=sys.stderr)  # fmt: skip
    # The run of median speed (the lower of two middle ones) stands for its worker count.
    results = {
        name: sorted(rs, key=lambda r: r["docs_per_s"])[(len(rs) - 1) // 2]
        for name, rs in runs.items()
    }
    ratios = {  # each round's efficiency of 2 workers
        backend: [
            two["docs_per_s"] / (2 * one["docs_per_s"])
            for one, two in zip(runs[f"{backend}-j1"], runs[f"{backend}-j2"], strict=True)
        ]
        for backend in backends
        if f"{backend}-j1" in runs and f"{backend}-j2" in runs
    }
    efficiency = {f"{b}_efficiency_2": statistics.median_low(v) for b, v in ratios.items()}
    # Where the efficiency goes. With one worker, the main process (reading, writing)
    # runs beside it on the other core; with two on two cores, every core is busy, so a
    # document costs the CPU of its analysis, now run beside another, plus that of the
    # main process.
    cpu_ratios = {
        backend: [
            one["workers_cpu_ms"] / (two["workers_cpu_ms"] + two["main_cpu_ms"])
            for one, two in zip(runs[f"{backend}-j1"], runs[f"{backend}-j2"], strict=True)
        ]
        for backend in ratios
    }
    cpu_efficiency = {b: statistics.median_low(v) for b, v in cpu_ratios.items()}

    print()
    print(f"{'run':<14} {'docs/s':>8} {'B/article':>10} {'stored':>7} {'dups':>5} {'failed':>6}"
          f" {'writer busy':>11} {'lock wait s':>11} {'main CPU ms/doc':>15}"
          f" {'workers CPU ms/doc':>18}")  # fmt: skip
    for name, r in results.items():
        print(f"{name:<14} {r['docs_per_s']:8.1f} {r['bytes_per_article']:10.0f} {r['stored']:7d}"
              f" {r['duplicates']:5d} {r['failed']:6d} {r['writing_share']:11.0%}"
              f" {r['lock_wait_s']:11.3f} {r['main_cpu_ms']:15.2f}"
              f" {r['workers_cpu_ms']:18.2f}")  # fmt: skip
    for backend, values in ratios.items():
        print(f"{backend} efficiency 2 (docs/s with 2 workers over 2 x with 1 in a round):"
              f" {efficiency[f'{backend}_efficiency_2']:.3f}, the median of"
              f" {', '.join(f'{v:.3f}' for v in values)}")  # fmt: skip
        print(f"{backend} CPU efficiency 2 (workers' CPU per document with 1 over workers' and"
              f" main process's with 2, in a round): {cpu_efficiency[backend]:.3f}, the median of"
              f" {', '.join(f'{v:.3f}' for v in cpu_ratios[backend])}")  # fmt: skip
    broken = sorted({name for name, rs in runs.items() for r in rs if not r["consistent"]})
    print(
        "store check: "
        + (f"FAILED after {', '.join(broken)}" if broken else "passed after every run")
    )
    print()
    print(
        f"near-duplicates: precision {accuracy['near_precision']:.3f}  recall {accuracy['near_recall']:.3f}"
    )
    print(
        f"all copies:      precision {accuracy['precision']:.3f}  recall {accuracy['recall']:.3f}"
    )
    print(f"groups whose original is the planted original: {accuracy['original_right']:.3f}")
    figures = {
        "documents": len(docs),
        "threshold": args.threshold,
        **{f"{n}_docs_per_s": round(r["docs_per_s"], 2) for n, r in results.items()},
        **{f"{n}_bytes_per_article": round(r["bytes_per_article"]) for n, r in results.items()},
        **{k: round(v, 4) for k, v in accuracy.items()},
        "consistent": not broken,
        **{k: round(v, 3) for k, v in efficiency.items()},
        **{f"{b}_efficiency_2_rounds": [round(v, 3) for v in vs] for b, vs in ratios.items()},
        **{f"{n}_writing_share": round(r["writing_share"], 3) for n, r in results.items()},
        **{f"{n}_lock_wait_s": round(r["lock_wait_s"], 3) for n, r in results.items()},
        **{f"{n}_main_cpu_ms": round(r["main_cpu_ms"], 2) for n, r in results.items()},
        **{f"{n}_workers_cpu_ms": round(r["workers_cpu_ms"], 2) for n, r in results.items()},
        **{f"{b}_cpu_efficiency_2": round(v, 3) for b, v in cpu_efficiency.items()},
    }
    print(json.dumps(figures))
    return 0


def _accuracy(target: str, near: set[Pair], exact: set[Pair]) -> dict[str, float]:
    predicted, original_right = predicted_pairs(target)
    near_predicted = {p for p in predicted if not any(i.endswith("-copy") for i in p)}
    # Near pairs: planted near copies against predicted pairs that involve no exact copy.
    near_p, near_r = _pr(near_predicted, near)
    p, r = _pr(predicted, near | exact)
    return {
        "near_precision": near_p,
        "near_recall": near_r,
        "precision": p,
        "recall": r,
        "original_right": original_right,
    }


if __name__ == "__main__":
    sys.exit(main())
