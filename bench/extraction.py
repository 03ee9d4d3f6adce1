"""Body extraction on the article-extraction-benchmark: storyline against plain trafilatura.

Metric, as published with the set: tokens are runs of word characters (``\\w+``,
case kept); shingles are 4 consecutive tokens, counted as a multiset (a text of
fewer than 4 tokens is one shingle). Per page: tp = shingles in both (by count),
fp = predicted only, fn = true only, each divided by their sum. Precision is the
mean of tp/(tp+fp) over pages that predicted something; recall the mean of
tp/(tp+fn) over pages with a true body (nothing predicted counts zero recall);
F1 combines the two means. Accuracy: pages whose token list equals the truth's.

    python bench/extraction.py [DATA_DIR]     # default ../shared/data/article-extraction-benchmark
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from storyline.errors import StorylineError
from storyline.extract import extract
from storyline.models import RawDocument
from storyline.settings import Settings

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction-benchmark"


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def shingles(toks: list[str], n: int = 4) -> Counter[tuple[str, ...]]:
    if len(toks) < n:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def score(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Precision, recall, F1 and accuracy over (predicted, true) body pairs."""
    precisions, recalls, exact = [], [], 0
    for predicted, true in pairs:
        p_tok, t_tok = tokens(predicted), tokens(true)
        exact += p_tok == t_tok
        p_sh, t_sh = shingles(p_tok), shingles(t_tok)
        tp = sum((p_sh & t_sh).values())
        fp = sum(p_sh.values()) - tp
        fn = sum(t_sh.values()) - tp
        total = tp + fp + fn
        if total == 0:
            continue
        tp_n, fp_n, fn_n = tp / total, fp / total, fn / total
        if p_sh:
            precisions.append(tp_n / (tp_n + fp_n))
        if t_sh:
            recalls.append(tp_n / (tp_n + fn_n) if p_sh else 0.0)
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall, "accuracy": exact / len(pairs)}


def run(
    name: str, extractor: Callable[[bytes, str], str], pages: list[tuple[bytes, str, str]]
) -> dict[str, float]:
    pairs = []
    start = time.perf_counter()
    for html, url, truth in pages:
        try:
            predicted = extractor(html, url)
        except StorylineError:
            predicted = ""
        pairs.append((predicted, truth))
    elapsed = time.perf_counter() - start
    result = score(pairs)
    result["pages_per_s"] = len(pages) / elapsed
    return {k: round(v, 4) if k != "pages_per_s" else round(v, 2) for k, v in result.items()}


def storyline_body(html: bytes, url: str) -> str:
    return extract(RawDocument(data=html, source=url, url=url), Settings()).text


def trafilatura_body(html: bytes, url: str) -> str:
    return trafilatura.extract(html.decode("utf-8", "replace"), url=url) or ""


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, help="score only the first N pages")
    args = parser.parse_args()
    truth_file = args.data / "ground-truth.json"
    if not truth_file.exists():
        print(f"no benchmark data at {args.data}", file=sys.stderr)
        return 2
    truth = json.loads(truth_file.read_text())
    pages = []
    for page_id, item in sorted(truth.items())[: args.limit]:
        html = gzip.decompress((args.data / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((html, item.get("url") or "", item["articleBody"]))
    results = {
        "storyline": run("storyline", storyline_body, pages),
        "trafilatura": run("trafilatura", trafilatura_body, pages),
    }
    print(f"Body extraction on {len(pages)} pages ({args.data.name})")
    print(f"{'extractor':<12} {'F1':>7} {'prec.':>7} {'recall':>7} {'acc.':>7} {'pages/s':>8}")
    for name, r in results.items():
        print(
            f"{name:<12} {r['f1']:7.3f} {r['precision']:7.3f} {r['recall']:7.3f} {r['accuracy']:7.3f} {r['pages_per_s']:8.1f}"
        )
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
