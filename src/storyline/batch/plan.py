"""A batch's work, cut into chunks that travel to workers as paths and byte ranges.

The plan is made once, on the machine that starts the batch: every input is
listed (a folder's files, a JSON Lines file's lines, a WARC file's HTML
records) and the documents are cut into chunks of about the same size. A chunk
holds no document, only where to read it: a file path, a byte range of a JSON
Lines or WARC file, or the address of a feed item. The worker that gets the
chunk reads its documents itself.

The plan is saved with the output, so that a re-run with the same output folder
works on the same chunks and skips those already finished, whatever number of
workers it has.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from storyline.errors import ArgumentError, StorylineError
from storyline.ingest import Item, collect, is_url
from storyline.ingest.collect import BROKEN, nothing_in
from storyline.ingest.jsonl import line_offsets, read_jsonl
from storyline.ingest.warc import DamagedWarc, read_warc, warc_offsets
from storyline.settings import Settings

CHUNKS_PER_WORKER = 8  # enough chunks that no worker waits long at the end of a run
MAX_CHUNK = 256  # documents: a chunk redone after a crash costs at most this many
PLAN_VERSION = 1


@dataclass(frozen=True, slots=True)
class Part:
    """Documents of one input: a whole file, a byte range of a file, or listed items."""

    kind: str  # file, jsonl, warc, items
    source: str
    start: int = 0  # byte offsets in the (uncompressed) file, for jsonl and warc
    end: int | None = None
    line: int = 1  # the line number at ``start``, for jsonl
    items: tuple[Item, ...] = ()  # for kind "items": feed entries, URLs, broken inputs

    def read(self) -> Iterator[Item]:
        """The Items of this part; a container that breaks part-way yields one error Item."""
        try:
            if self.kind == "file":
                yield Item(key=self.source, source=self.source)
            elif self.kind == "jsonl":
                yield from read_jsonl(Path(self.source), self.start, self.end, self.line)
            elif self.kind == "warc":
                yield from read_warc(Path(self.source), self.start, self.end)
            else:
                yield from self.items
        except (OSError, StorylineError) as exc:
            key = f"{self.kind}:{self.source}@{getattr(exc, 'at', self.start)}"  # where it broke
            yield Item(key=key, source=self.source, error=f"{self.source}: {exc}")


@dataclass(frozen=True, slots=True)
class Chunk:
    id: str
    documents: int
    parts: tuple[Part, ...]

    def items(self) -> Iterator[Item]:
        for part in self.parts:
            yield from part.read()


@dataclass(frozen=True, slots=True)
class Plan:
    sources: tuple[str, ...]
    kind: str | None
    chunks: tuple[Chunk, ...]
    embeddings: bool = False  # whether the records carry their dense vectors
    # (path, size, modified in ns) of each file the chunks read by byte ranges: a resumed
    # batch whose files changed would read its ranges out of other bytes
    stamps: tuple[tuple[str, int, int], ...] = ()

    @property
    def documents(self) -> int:
        return sum(c.documents for c in self.chunks)

    def to_json(self) -> str:
        return json.dumps({"version": PLAN_VERSION, **asdict(self)}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Plan:
        data = json.loads(text)
        chunks = tuple(
            Chunk(
                c["id"],
                c["documents"],
                tuple(
                    Part(**{**p, "items": tuple(Item(**i) for i in p["items"])}) for p in c["parts"]
                ),
            )
            for c in data["chunks"]
        )
        stamps = tuple((str(p), int(n), int(t)) for p, n, t in data.get("stamps", []))
        return cls(
            tuple(data["sources"]), data["kind"], chunks, data.get("embeddings", False), stamps
        )


# One document: (kind, source, start, line, item); the end of its range is the next one's start.
_Unit = tuple[str, str, int, int, Item | None]


def make_plan(
    sources: Sequence[str],
    settings: Settings,
    *,
    kind: str | None = None,
    workers: int = 1,
    chunk_size: int | None = None,
) -> Plan:
    """Every document behind ``sources``, in chunks sized for ``workers``."""
    units = list(_units(sources, kind, settings))
    size = chunk_size or chunk_size_for(len(units), workers)
    chunks = []
    for i in range(0, len(units), size):
        group = units[i : i + size]
        following = units[i + size] if i + size < len(units) else None
        parts = tuple(_parts(group, following))
        digest = hashlib.sha1(
            json.dumps([asdict(p) for p in parts], sort_keys=True).encode("utf-8")
        ).hexdigest()[:16]
        chunks.append(Chunk(digest, len(group), parts))
    ranged = sorted({u[1] for u in units if u[0] in ("jsonl", "warc")})
    return Plan(tuple(sources), kind, tuple(chunks), settings.embeddings, tuple(map(stamp, ranged)))


def stamp(path: str) -> tuple[str, int, int]:
    """A file's path, size and time of last change: what tells that it changed."""
    try:
        found = os.stat(path)
    except OSError:
        return (path, -1, -1)
    return (path, found.st_size, found.st_mtime_ns)


def chunk_size_for(documents: int, workers: int) -> int:
    """Documents per chunk: several chunks per worker, none larger than MAX_CHUNK."""
    if documents <= 0:
        return 1
    return max(1, min(MAX_CHUNK, math.ceil(documents / (max(1, workers) * CHUNKS_PER_WORKER))))


def _units(sources: Sequence[str], kind: str | None, settings: Settings) -> Iterator[_Unit]:
    """Each document once, though a file be given twice (``docs docs/a.txt``)."""
    seen: set[tuple[str, str, int]] = set()
    for unit in _all_units(sources, kind, settings):
        if unit[0] == "items" or unit[:3] not in seen:
            seen.add(unit[:3])
            yield unit


def _all_units(sources: Sequence[str], kind: str | None, settings: Settings) -> Iterator[_Unit]:
    for source in collect(sources, kind):
        path = Path(source.source)
        try:
            if source.error is not None:
                yield ("items", source.source, 0, 1, next(iter(source.items(settings))))
            elif source.kind == "file":
                key = source.source if is_url(source.source) else os.path.abspath(path)
                yield ("file", key, 0, 1, None)
            elif source.kind == "jsonl":
                lines = line_offsets(path)
                for offset, line in lines:
                    yield ("jsonl", str(path.resolve()), offset, line, None)
                if not lines:
                    yield ("items", source.source, 0, 1, nothing_in(source.kind, source.source))
            elif source.kind == "warc":
                empty = True
                try:
                    for offset in warc_offsets(path):
                        empty = False
                        yield ("warc", str(path.resolve()), offset, 1, None)
                except DamagedWarc as exc:
                    # The damage is a document of its own: the part from there reports it,
                    # and the records before it are read in parts that end there.
                    empty = False
                    yield ("warc", str(path.resolve()), exc.at, 1, None)
                if empty:
                    yield ("items", source.source, 0, 1, nothing_in(source.kind, source.source))
            else:
                for item in source.items(settings):
                    yield ("items", source.source, 0, 1, item)
        except BROKEN as exc:
            error = Item(key=f"{source.kind}:{source.source}", source=source.source,
                         error=f"{source.source}: {exc or type(exc).__name__}")  # fmt: skip
            yield ("items", source.source, 0, 1, error)


def _parts(group: list[_Unit], following: _Unit | None) -> Iterator[Part]:
    """Consecutive documents of one file as one byte range; the others one by one."""
    i = 0
    while i < len(group):
        kind, source, start, line, item = group[i]
        if kind in ("jsonl", "warc"):
            j = i
            while j + 1 < len(group) and group[j + 1][:2] == (kind, source):
                j += 1
            after = group[j + 1] if j + 1 < len(group) else following
            end = after[2] if after is not None and after[:2] == (kind, source) else None
            yield Part(kind, source, start, end, line)
            i = j + 1
        elif kind == "items":
            items = [item] if item is not None else []
            while i + 1 < len(group) and group[i + 1][:2] == ("items", source):
                i += 1
                nxt = group[i][4]
                items += [nxt] if nxt is not None else []
            yield Part("items", source, items=tuple(items))
            i += 1
        else:
            yield Part(kind, source)
            i += 1


def load_or_make(
    folder: Path,
    sources: Sequence[str],
    kind: str | None,
    make: Callable[[], Plan],
    embeddings: bool = False,
) -> Plan:
    """The plan saved in ``folder``, else ``make()``'s, saved there; refuses another batch's,
    and a resumed batch that would make some records with dense vectors and some without."""
    path = folder / "plan.json"
    if path.exists():
        saved = Plan.from_json(path.read_text(encoding="utf-8"))
        if (saved.sources, saved.kind) != (tuple(sources), kind):
            raise ArgumentError(
                f"{folder.parent}: holds the output of another batch"
                f" ({' '.join(saved.sources)}); choose a new --out"
            )
        changed = [p for p, n, t in saved.stamps if stamp(p) != (p, n, t)]
        if changed:
            raise ArgumentError(
                f"{folder.parent}: {changed[0]} changed since this batch began, so its"
                " unfinished parts cannot be read as planned; choose a new --out"
            )
        if saved.embeddings != embeddings:
            started = "with" if saved.embeddings else "without"
            raise ArgumentError(
                f"{folder.parent}: this batch was started {started} --embeddings;"
                " resume it the same way, or choose a new --out"
            )
        return saved
    fresh = make()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(fresh.to_json(), encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise ArgumentError(
            f"{folder.parent}: cannot write the output there ({exc.strerror or exc})"
        ) from None
    return fresh
