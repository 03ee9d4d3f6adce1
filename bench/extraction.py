"""Body extraction on the article-extraction-benchmark: storyline against plain trafilatura.

Metric, as published with the set: tokens are runs of word characters (``\\w+``,
case kept); shingles are 4 consecutive tokens, counted as a multiset (a text of
fewer than 4 tokens is one shingle). Per page: tp = shingles in both (by count),
fp = predicted only, fn = true only, each divided by their sum. Precision is the
mean of tp/(tp+fp) over pages that predicted something; recall the mean of
tp/(tp+fn) over pages with a true body (nothing predicted counts zero recall);
F1 combines the two means. Accuracy: pages whose token list equals the truth's.

Speed: after one untimed pass over the pages, the extractors take turns on every
page; ``pages_per_s_ratio`` is storyline's pages/s over that of
``trafilatura.extract(..., with_metadata=True)``, what a user would run instead, in
the same run. Both sides do the same job, extraction with metadata: storyline's side
is ``storyline.extract`` (decoding, hygiene, trafilatura's body and metadata, the
line-level cleaning, repeats, language and the quality report), not ``analyze``, so
no language model runs.

    python bench/extraction.py [DATA_DIR]     # default $STORYLINE_DATA/article-extraction-benchmark
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
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

DATA = Path(
    os.environ.get("STORYLINE_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")
)
DEFAULT = DATA / "article-extraction-benchmark"


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
    extractors: dict[str, Callable[[bytes, str], str]], pages: list[tuple[bytes, str, str]]
) -> dict[str, dict[str, float]]:
    """Each extractor's scores and pages/s, timed page by page in turn.

    Taking turns on every page spreads load from other processes on the machine
    evenly over the extractors, so their speeds compare within the run. Each
    extractor first reads every page once untimed: the libraries they share set
    up some of their data on first use (htmldate's fallback date parser loads
    its locale tables on the first page that needs it, a few hundred
    milliseconds), which would otherwise be charged to whichever extractor
    happens to meet that page first.
    """
    for html, url, _ in pages:
        for extractor in extractors.values():
            _body(extractor, html, url)
    pairs: dict[str, list[tuple[str, str]]] = {name: [] for name in extractors}
    elapsed = dict.fromkeys(extractors, 0.0)
    for html, url, truth in pages:
        for name, extractor in extractors.items():
            start = time.perf_counter()
            predicted = _body(extractor, html, url)
            elapsed[name] += time.perf_counter() - start
            pairs[name].append((predicted, truth))
    results = {}
    for name in extractors:
        result = score(pairs[name])
        result["pages_per_s"] = len(pages) / elapsed[name]
        results[name] = {k: round(v, 2 if k == "pages_per_s" else 4) for k, v in result.items()}
    return results


def _body(extractor: Callable[[bytes, str], str], html: bytes, url: str) -> str:
    try:
        return extractor(html, url)
    except StorylineError:
        return ""


def storyline_body(html: bytes, url: str) -> str:
    return extract(RawDocument(data=html, source=url, url=url), Settings()).text


def trafilatura_body(html: bytes, url: str) -> str:
    return trafilatura.extract(html.decode("utf-8", "replace"), url=url) or ""


def trafilatura_with_metadata(html: bytes, url: str) -> str:
    """What a user would run instead of storyline: the body and the page's metadata."""
    return trafilatura.extract(html.decode("utf-8", "replace"), url=url, with_metadata=True) or ""


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
    results = run(
        {
            "storyline": storyline_body,
            "trafilatura": trafilatura_body,
            "trafilatura_metadata": trafilatura_with_metadata,
        },
        pages,
    )
    print(f"Body extraction on {len(pages)} pages ({args.data.name})")
    print(f"{'extractor':<21} {'F1':>7} {'prec.':>7} {'recall':>7} {'acc.':>7} {'pages/s':>8}")
    for name, r in results.items():
        print(
            f"{name:<21} {r['f1']:7.3f} {r['precision']:7.3f} {r['recall']:7.3f} {r['accuracy']:7.3f} {r['pages_per_s']:8.1f}"
        )
    ratio = results["storyline"]["pages_per_s"] / results["trafilatura_metadata"]["pages_per_s"]
    print(f"storyline runs at {ratio:.2f}x the pages/s of trafilatura.extract(with_metadata=True)")
    print(json.dumps({**results, "pages_per_s_ratio": round(ratio, 3)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
