"""Web server speed: read pages at 1,000 and 10,000 articles, and POST /api/analyze.

    python bench/serve.py [--seconds 6] [--clients 8] [--sizes 1000,10000]

Stores are generated from the project's own articles (the shipped samples and the
corpus test fixtures), analysed once: each generated article is a copy of one of
their records with a distinct text (an added dated line), title, date and site,
written through the store's own API, ten consecutive ones to a story (without
corpus entity links, so a story page lists no key entities). For each store, ``storyline serve`` runs under
uvicorn in its own process on loopback; 8 clients request one route at a time for a
bounded time. Read routes are measured apart from analysis. Prints a table, then one
JSON line: read_rps, search_p99_ms, article_p99_ms, story_p99_ms, analyze_p99_ms and p99_growth, the worst read route's p99 at the
largest store over its p99 at the smallest, in the same run.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from storyline.corpus import dedup
from storyline.corpus.rows import ArticleRows, to_rows
from storyline.corpus.store import open_store
from storyline.corpus.store import stories as sql
from storyline.pipeline import Failure, analyze_many

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (
    sorted((ROOT / "src/storyline/samples").glob("*.txt"))
    + sorted((ROOT / "src/storyline/samples").glob("*.html"))
    + sorted((ROOT / "tests/corpus/fixtures").glob("*.*"))
)
SITES = ("The Harbour Ledger", "The Coastal Courier", "Morning Wire", "Valley Post", "Daily Atlas")
QUERIES = ("fishermen", "strike", "bridge", "vaccination", "wheat quota", "library fire", "said")
STORY_SIZE = 10  # generated articles per story
SAMPLE = (ROOT / "src/storyline/samples/prisoner-release.txt").read_text(encoding="utf-8")


def base_rows() -> list[ArticleRows]:
    records = [r for r in analyze_many(SOURCES) if not isinstance(r, Failure)]
    return [to_rows(r, "bench") for r in records]


def build_store(path: Path, size: int, bases: list[ArticleRows]) -> None:
    """``size`` articles, each a base article with its own text, title, date and site,
    in stories of ``STORY_SIZE`` consecutive articles."""
    with open_store(path, "create") as store:
        for start in range(0, size, 1000):
            with store.transaction():
                for i in range(start, min(size, start + 1000)):
                    base = bases[i % len(bases)]
                    date = f"{2023 + i % 3}-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
                    text = base.article["text"] + f"\n\nDispatch {i:06d} filed on {date}."
                    article = {
                        **base.article,
                        "text": text,
                        "content_hash": dedup.content_hash(text),
                        "title": f"{base.article['title']} ({i})",
                        "date": date,
                        "sitename": SITES[i % len(SITES)],
                        "source": f"generated/{i:06d}.txt",
                    }
                    document = {
                        "key": f"bench:{i}",
                        "source": article["source"],
                        "url": None,
                        "title": article["title"],
                        "date": date,
                    }
                    article_id = store.add_article(ArticleRows(article, base.tables), document)
                    if i % STORY_SIZE == 0:
                        story_id = sql.new_story(store, article["title"], i)
                    sql.add_member(
                        store,
                        {
                            "story_id": story_id,
                            "article_id": article_id,
                            "copy_of": None,
                            "score": 1.0,
                            "runner_up": None,
                            "manual": 0,
                            "seq": i,
                            "data": {},
                        },
                    )
                    sql.update_story(
                        store,
                        story_id,
                        {
                            "first_date": date,
                            "last_date": date,
                            "articles": i % STORY_SIZE + 1,
                            "seq": i,
                        },
                    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def server(db: Path) -> Iterator[str]:
    """``storyline serve`` in its own process; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "storyline", "serve", "--db", str(db), "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/articles.json?limit=1", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise SystemExit(f"the server did not start: {process.stderr.read()!r}")  # type: ignore[union-attr]
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


@dataclass
class Result:
    requests: int
    errors: int
    busy: int
    seconds: float
    latencies: list[float]

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


def load(
    base: str, request: Callable[[httpx.Client, int], httpx.Response], clients: int, seconds: float
) -> Result:
    """``clients`` threads sending ``request`` back to back for ``seconds``."""
    latencies: list[float] = []
    counts = {"errors": 0, "busy": 0}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(n: int) -> None:
        with httpx.Client(base_url=base, timeout=120) as client:
            for k in itertools.count():
                if time.monotonic() >= stop:
                    return
                started = time.perf_counter()
                answer = request(client, n * 100_000 + k)
                took = time.perf_counter() - started
                with lock:
                    if answer.status_code == 503:
                        counts["busy"] += 1
                    elif answer.status_code != 200:
                        counts["errors"] += 1
                    else:
                        latencies.append(took)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Result(
        len(latencies), counts["errors"], counts["busy"], time.monotonic() - started, latencies
    )


def random_route(
    rng: random.Random, path: str, count: int
) -> Callable[[httpx.Client, int], httpx.Response]:
    """Requests for ``path/ID`` with ids picked at random from 1 to ``count``."""
    return lambda client, k: client.get(f"{path}/{rng.randint(1, count)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="per route and store size")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    bases = base_rows()
    results: dict[tuple[int, str], Result] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            db = Path(folder) / f"corpus-{size}.db"
            started = time.monotonic()
            build_store(db, size, bases)
            print(f"built {size:,} articles in {time.monotonic() - started:.1f} s", file=sys.stderr)
            rng = random.Random(size)
            with server(db) as base:
                routes: dict[str, Callable[[httpx.Client, int], httpx.Response]] = {
                    "/search": lambda c, k: c.get(
                        "/search", params={"q": QUERIES[k % len(QUERIES)]}
                    ),
                    "/articles/{id}": random_route(rng, "/articles", size),
                    "/stories/{id}": random_route(rng, "/stories", size // STORY_SIZE),
                }
                if size == sizes[-1]:
                    routes["POST /api/analyze"] = lambda c, k: c.post(
                        "/api/analyze", json={"text": SAMPLE}
                    )
                for name, request in routes.items():
                    request(httpx.Client(base_url=base, timeout=120), 0)  # warm up
                    results[(size, name)] = load(base, request, args.clients, args.seconds)

    print(
        f"{'articles':>9} {'route':<18} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'503':>5} {'errors':>6}"
    )
    for (size, name), r in results.items():
        print(
            f"{size:>9,} {name:<18} {r.requests:>8} {r.requests / r.seconds:>8.1f}"
            f" {r.pct(0.5):>8.1f} {r.pct(0.99):>8.1f} {r.busy:>5} {r.errors:>6}"
        )
    small, large = sizes[0], sizes[-1]
    reads = ("/search", "/articles/{id}", "/stories/{id}")
    growth = max(results[(large, n)].pct(0.99) / results[(small, n)].pct(0.99) for n in reads)
    summary = {
        "read_rps": round(
            sum(results[(large, n)].requests / results[(large, n)].seconds for n in reads)
            / len(reads),
            1,
        ),
        "search_p99_ms": round(results[(large, "/search")].pct(0.99), 1),
        "article_p99_ms": round(results[(large, "/articles/{id}")].pct(0.99), 1),
        "story_p99_ms": round(results[(large, "/stories/{id}")].pct(0.99), 1),
        "analyze_p99_ms": round(results[(large, "POST /api/analyze")].pct(0.99), 1),
        "p99_growth": round(growth, 2),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
