"""Analysis speed: storyline.analyze on text against bare spaCy ``nlp.pipe``.

Texts are the 181 article bodies of the article-extraction-benchmark's ground
truth, or, when that data is absent, a generated set built from the shipped
samples. Both sides run in this process on the same texts; the figure that
matters is their ratio, which the machine's speed cancels out of: the two sides
alternate for at least 3 rounds and ``ratio`` is the median of the rounds' ratios.
``startup_ratio`` is storyline's start-up (import and model load) over a bare
``spacy.load`` of the same model, each in fresh interpreters, the median of alternating
rounds (``startup.py``); ``peak_rss_mb`` is the peak memory of a fresh process that loads
storyline and analyses the texts (``analyze_many``), read from the child's resource usage;
the children are started by a small process (``launcher.py``), so that their peaks do not
count this one's memory.

A second table times ``storyline.analyze_text`` on single generated articles of growing
length (about 10 KB, 100 KB and 1 MB by default; see ``long_article.py``) in seconds per
100 KB. ``length_growth`` in the JSON line is the cost per KB of the longest over that of the
shortest: 1.0 when the analysis is linear in the article's length. Last, ``storyline
analyze`` runs as a child process on a generated text of ``max_chars`` characters (the
longest it accepts, 2,000,000 by default): its seconds and peak memory are
``max_chars_seconds`` and ``max_chars_peak_rss_mb`` (target under 1,500 MB).

    python bench/speed.py [GROUND_TRUTH_JSON] [--limit N] [--lengths 10000 100000 1000000]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from spacy.tokens import Doc

from launcher import Launcher
from long_article import article
from startup import startup
from storyline import analyze_text, nlp
from storyline.analyze.entities import entities
from storyline.analyze.events import events
from storyline.analyze.figures import checks, figures
from storyline.analyze.quotes import quotes
from storyline.analyze.summary import summary
from storyline.analyze.times import time_expressions
from storyline.cli import sample_path
from storyline.models import RawDocument
from storyline.pipeline import Failure, analyze_many
from storyline.settings import Settings

DATA = Path(
    os.environ.get("STORYLINE_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")
)
DEFAULT = DATA / "article-extraction-benchmark" / "ground-truth.json"


def load_texts(path: Path, limit: int | None) -> tuple[list[str], str]:
    if path.exists():
        bodies = [item["articleBody"] for item in json.loads(path.read_text()).values()]
        texts, origin = [b for b in bodies if b.strip()], f"{path.parent.name} ground truth"
    else:
        sample = sample_path().read_text()
        texts = [sample.replace("31", str(n)) for n in range(100)]
        origin = "generated from the shipped sample"
    return texts[:limit], origin


def stage_times(docs: Iterable[Doc]) -> dict[str, float]:
    """Seconds each analysis stage takes over ``docs``, run as the pipeline runs them."""
    names = ("entities", "figures", "quotes", "events", "summary")
    spent = dict.fromkeys(names, 0.0)
    clock = time.perf_counter
    for doc in docs:
        marks = [clock()]
        ents = entities(doc)
        marks.append(clock())
        times = time_expressions(doc, None)
        figs = figures(doc, ents, None, times)
        checks(figs, doc.text)
        marks.append(clock())
        found = quotes(doc, ents)
        marks.append(clock())
        events(doc, ents, found, figs, times, None)
        marks.append(clock())
        summary(doc, ents, 3)
        marks.append(clock())
        for name, start, end in zip(names, marks, marks[1:], strict=False):
            spent[name] += end - start
    return spent


def length_sweep(lengths: Iterable[int]) -> list[tuple[int, float]]:
    """(characters, seconds per 100 KB) of ``analyze_text`` on one article of each length."""
    out = []
    for size in lengths:
        text = article(size)
        start = time.perf_counter()
        analyze_text(text)
        seconds = time.perf_counter() - start
        out.append((len(text), seconds * 100_000 / len(text)))
    return out


def child_run(launcher: Launcher, args: list[str]) -> tuple[float, float]:
    """Seconds and peak resident MB of a child process running ``args``, output discarded.

    The child is started by ``launcher``, a small process: started by this one, which holds
    the model and the parsed texts, its peak would count this process's memory too (see
    ``launcher.py``).
    """
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        code, peak = launcher.run(
            args, dict(os.environ), 3600, Path(tmp) / "out", Path(tmp) / "err"
        )
        seconds = time.perf_counter() - start
        if code != 0:
            error = (Path(tmp) / "err").read_text(errors="replace").strip()
            raise SystemExit(f"{' '.join(args)} failed with {code}: {error[-500:]}")
    return seconds, peak


def storyline_peak(launcher: Launcher, data: Path, limit: int | None) -> float:
    """Peak MB of a fresh process that loads storyline and analyses the texts."""
    extra = [] if limit is None else ["--limit", str(limit)]
    command = [sys.executable, __file__, str(data), "--analyze-only", *extra]
    return child_run(launcher, command)[1]


def max_chars_run(launcher: Launcher, max_chars: int) -> tuple[int, float, float]:
    """Characters, seconds and peak MB of ``storyline analyze`` on a generated text just
    under ``max_chars``, cut at a paragraph break."""
    text = article(max_chars)
    text = text[: text.rfind("\n\n", 0, max_chars)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        path.write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "storyline", "analyze", str(path), "-f", "json"]
        seconds, peak = child_run(launcher, command)
    return len(text), seconds, peak


def _timed(run: Callable[[], None]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int)
    parser.add_argument(
        "--rounds", type=int, default=3, help="alternating timed runs of each side (median kept)"
    )
    parser.add_argument(
        "--lengths", type=int, nargs="+", default=[10_000, 100_000, 1_000_000], metavar="CHARS"
    )
    parser.add_argument(
        "--analyze-only", action="store_true", help="only analyse the texts (the memory child)"
    )
    parser.add_argument("--no-max-chars", action="store_true", help="skip the max_chars run")
    args = parser.parse_args()
    texts, origin = load_texts(args.data, args.limit)
    raws = [
        RawDocument(data=t.encode(), source=f"text-{i}", encoding="utf-8")
        for i, t in enumerate(texts)
    ]
    if args.analyze_only:
        sum(1 for _ in analyze_many(raws, Settings()))
        return 0
    words = sum(len(t.split()) for t in texts)
    launcher = Launcher()  # started while this process is small; it starts the measured children
    model = nlp.load()
    model("warm up")

    def bare() -> None:
        for _ in model.pipe(texts, batch_size=16):
            pass

    failed = 0

    def full() -> None:
        nonlocal failed
        failed = sum(isinstance(r, Failure) for r in analyze_many(raws, Settings()))

    # Alternate the two, so that load from other processes on the machine skews
    # neither side; the ratio is the median of the rounds' ratios.
    rounds = [(_timed(bare), _timed(full)) for _ in range(max(3, args.rounds))]
    spacy_s = statistics.median(s for s, _ in rounds)
    storyline_s = statistics.median(t for _, t in rounds)
    peak_rss_mb = storyline_peak(launcher, args.data, args.limit)

    rows = [("spaCy nlp.pipe", spacy_s), ("storyline.analyze", storyline_s)]
    print(f"{len(texts)} texts, {words:,} words ({origin}); {failed} failed")
    print(f"{'':<20} {'seconds':>8} {'articles/s':>11} {'words/s':>9}")
    for name, seconds in rows:
        print(f"{name:<20} {seconds:8.2f} {len(texts) / seconds:11.1f} {words / seconds:9.0f}")
    ratio = statistics.median(s / t for s, t in rounds)
    print(
        f"storyline runs at {ratio:.2f}x the speed of bare spaCy (median of {len(rounds)} rounds)"
    )
    print(f"peak resident memory of storyline analysing these articles: {peak_rss_mb:.0f} MB")
    storyline_start, spacy_start = startup(rounds=5)
    print(f"start-up: storyline {storyline_start:.2f} s, bare spacy.load {spacy_start:.2f} s"
          f" ({storyline_start / spacy_start:.2f}x)")  # fmt: skip
    print()
    stages = stage_times(model.pipe(texts, batch_size=16))
    print(f"{'stage (one pass)':<20} {'seconds':>8} {'% of spaCy':>11}")
    for name, seconds in stages.items():
        print(f"{name:<20} {seconds:8.2f} {100 * seconds / spacy_s:10.1f}%")
    print()
    sweep = length_sweep(args.lengths)
    print(f"{'one article of':<20} {'s per 100 KB':>12}")
    for chars, per_100kb in sweep:
        print(f"{chars:>14,} chars {per_100kb:12.2f}")
    growth = sweep[-1][1] / sweep[0][1]
    print(f"per-KB cost at {sweep[-1][0]:,} characters: {growth:.2f}x that at {sweep[0][0]:,}")
    longest = None if args.no_max_chars else max_chars_run(launcher, Settings().max_chars)
    launcher.close()
    if longest is not None:
        print(
            f"storyline analyze on {longest[0]:,} characters (max_chars): {longest[1]:.0f} s,"
            f" peak resident memory {longest[2]:.0f} MB"
        )
    print(
        json.dumps(
            {
                "spacy_words_per_s": round(words / spacy_s),
                "storyline_words_per_s": round(words / storyline_s),
                "ratio": round(ratio, 3),
                "startup_ratio": round(storyline_start / spacy_start, 3),
                "peak_rss_mb": round(peak_rss_mb),
                "entities_share_of_spacy": round(stages["entities"] / spacy_s, 3),
                "seconds_per_100kb": {str(c): round(s, 2) for c, s in sweep},
                "length_growth": round(growth, 2),
                "max_chars_seconds": round(longest[1]) if longest else None,
                "max_chars_peak_rss_mb": round(longest[2]) if longest else None,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
