"""Batch throughput: the local engine on one process against Dask on one and two workers.

Usage: python bench/batch.py [OUT] [--articles N]

The corpus is the generated one of ``bench/ingest.py`` (N articles, 2,000 by
default, plus their planted copies) in one JSON Lines file. Each run writes the
Parquet datasets into a fresh folder under OUT (default: a temporary folder).
The model is loaded before each run's clock starts (in the watched worker
process that analyses for this process on the local engine, and for every
worker on Dask), so the figures are analysis rates, not start-up. Dask runs on
a LocalCluster of worker processes with one thread each.

Figures: articles/s of each run, Dask's parallel efficiency (articles/s with 2
workers ÷ 2 × articles/s with 1) and the peak resident memory of one process (a
Dask worker, or the watched process that analyses for it, whichever is
larger). The last line is one JSON object with these figures.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ingest import children, generate  # bench/ingest.py, beside this script
from storyline.batch import batch
from storyline.batch.dask import ModelPlugin, model_plugin
from storyline.batch.pool import ready


def peak_rss_mb() -> float:
    """The peak resident memory of this process or of its largest live child, in MB."""
    peaks = [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss]  # kB on Linux
    for folder in children():
        try:
            status = (folder / "status").read_text()
        except OSError:  # it ended meanwhile
            continue
        peaks += [int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")]
    return max(peaks) / 1024


def local_run(corpus: Path, out: Path) -> dict[str, Any]:
    ready(1)
    started = time.perf_counter()
    summary = batch([str(corpus)], out, workers=1, progress=False)
    seconds = time.perf_counter() - started
    return {"documents": summary.documents, "failed": summary.failed, "seconds": seconds,
            "articles_per_s": summary.documents / seconds, "peak_rss_mb": peak_rss_mb()}  # fmt: skip


def dask_run(corpus: Path, out: Path, workers: int) -> dict[str, Any]:
    import distributed

    with (
        distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": ":0"},  # no dashboard; 8787 may be taken
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.wait_for_workers(workers)
        client.register_plugin(model_plugin(), name=ModelPlugin.name)  # the model, loaded
        started = time.perf_counter()
        summary = batch([str(corpus)], out, scheduler=cluster.scheduler_address, progress=False)
        seconds = time.perf_counter() - started
        rss = client.run(peak_rss_mb)
    return {"documents": summary.documents, "failed": summary.failed, "seconds": seconds,
            "articles_per_s": summary.documents / seconds,
            "peak_rss_mb": max(rss.values())}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", nargs="?", type=Path, help="folder for the corpus and datasets")
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="storyline-batch-"))
    out.mkdir(parents=True, exist_ok=True)
    docs, _, _ = generate(args.articles)
    corpus = out / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    print(f"corpus: {len(docs)} documents in {corpus}", file=sys.stderr)

    runs: dict[str, Callable[[], dict[str, Any]]] = {
        "local_1": lambda: local_run(corpus, out / "local_1"),
        "dask_1": lambda: dask_run(corpus, out / "dask_1", 1),
        "dask_2": lambda: dask_run(corpus, out / "dask_2", 2),
    }
    results: dict[str, dict[str, Any]] = {}
    for name, run in runs.items():
        results[name] = run()
        r = results[name]
        print(f"{name}: {r['documents']} documents in {r['seconds']:.1f} s", file=sys.stderr)

    print(f"{'run':<10} {'documents':>9} {'seconds':>8} {'articles/s':>11} {'peak RSS MB':>12}")
    for name, r in results.items():
        print(f"{name:<10} {r['documents']:>9} {r['seconds']:8.1f} {r['articles_per_s']:11.2f}"
              f" {r['peak_rss_mb']:12.0f}")  # fmt: skip
    efficiency = results["dask_2"]["articles_per_s"] / (2 * results["dask_1"]["articles_per_s"])
    print(f"Dask parallel efficiency, 2 workers over 1: {efficiency:.2f}")
    figures = {
        "documents": len(docs),
        "local_1_articles_per_s": round(results["local_1"]["articles_per_s"], 2),
        "dask_1_articles_per_s": round(results["dask_1"]["articles_per_s"], 2),
        "dask_2_articles_per_s": round(results["dask_2"]["articles_per_s"], 2),
        "dask_efficiency": round(efficiency, 3),
        "peak_rss_mb_per_worker": round(
            max(results["dask_1"]["peak_rss_mb"], results["dask_2"]["peak_rss_mb"])
        ),
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
