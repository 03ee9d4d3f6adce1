"""Many sources to Items: files, folders (recursive), globs, URL lists, feeds, JSONL, WARC.

Each SOURCE becomes one or more Inputs of a kind, guessed from its name and
first bytes unless given: ``file`` (one article: HTML or text, ``.gz`` ok),
``jsonl``, ``warc``, ``feed`` (RSS/Atom, by URL or file) or ``urls`` (a text
file of one URL a line). An Input counts its documents cheaply, for progress,
and yields them as Items.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storyline.errors import StorylineError
from storyline.ingest import feed, jsonl, warc
from storyline.ingest.items import Item
from storyline.ingest.sources import is_url
from storyline.settings import Settings

KINDS = ("file", "jsonl", "warc", "feed", "urls")
_FEED_WORDS = ("rss", "atom", "feed")


@dataclass(slots=True)
class Input:
    kind: str
    source: str
    _items: list[Item] | None = field(default=None, repr=False)

    def count(self, settings: Settings) -> int:
        if self.kind == "file":
            return 1
        if self.kind == "jsonl":
            return self._guard(lambda: jsonl.count_jsonl(Path(self.source)))
        if self.kind == "warc":
            return self._guard(lambda: warc.count_warc(Path(self.source)))
        return len(self._listed(settings))

    def items(self, settings: Settings) -> Iterator[Item]:
        try:
            if self.kind == "file":
                key = self.source if is_url(self.source) else os.path.abspath(self.source)
                yield Item(key=key, source=self.source)
            elif self.kind == "jsonl":
                yield from jsonl.read_jsonl(Path(self.source))
            elif self.kind == "warc":
                yield from warc.read_warc(Path(self.source))
            else:
                yield from self._listed(settings)
        except (OSError, StorylineError) as exc:
            # The container broke part-way: report it once and go on with the next input.
            yield Item(
                key=f"{self.kind}:{self.source}", source=self.source, error=f"{self.source}: {exc}"
            )

    def _guard(self, count: Callable[[], int]) -> int:
        try:
            return count()
        except (OSError, StorylineError):
            return 1

    def _listed(self, settings: Settings) -> list[Item]:
        """Feed items and URL lists are small: read once and kept for count and items."""
        if self._items is None:
            try:
                if self.kind == "feed":
                    self._items = feed.read_feed(self.source, settings)
                else:
                    self._items = [Item(key=u, source=u) for u in _urls(Path(self.source))]
            except (OSError, StorylineError) as exc:
                self._items = [Item(key=self.source, source=self.source, error=str(exc))]
        return self._items


def collect(sources: Sequence[str], kind: str | None = None) -> list[Input]:
    """The Inputs behind ``sources``; ``kind`` forces one kind for every source."""
    out: list[Input] = []
    for source in sources:
        if is_url(source):
            lower = source.lower()
            feedish = any(w in lower for w in _FEED_WORDS) or lower.endswith(feed.SUFFIXES)
            guess = "feed" if feedish else "file"
            out.append(Input(kind or guess, source))
        elif os.path.isdir(source):
            out.extend(_folder(Path(source), kind))
        elif os.path.exists(source):
            out.append(Input(kind or classify(Path(source)), source))
        elif any(c in source for c in "*?["):
            for match in sorted(glob.glob(source, recursive=True)):
                if os.path.isdir(match):
                    out.extend(_folder(Path(match), kind))
                else:
                    out.append(Input(kind or classify(Path(match)), match))
        else:
            out.append(Input("file", source))  # reading it reports the missing file
    return out


def _folder(root: Path, kind: str | None) -> Iterator[Input]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                path = Path(dirpath) / name
                yield Input(kind or classify(path), str(path))


def classify(path: Path) -> str:
    """The kind of a file, from its name and then its first bytes."""
    name = path.name.lower()
    if name.endswith(jsonl.SUFFIXES):
        return "jsonl"
    if name.endswith(warc.SUFFIXES):
        return "warc"
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError:
        return "file"
    if name.endswith(feed.SUFFIXES) or head.lstrip().startswith(b"<?xml"):
        return "feed" if feed.looks_like_feed(head) else "file"
    if name.endswith((".txt", ".urls", ".lst")) and _all_urls(head):
        return "urls"
    return "file"


def _all_urls(head: bytes) -> bool:
    lines = [ln.strip() for ln in head.decode("utf-8", "replace").splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    return bool(lines) and all(is_url(ln) and " " not in ln for ln in lines[:50])


def _urls(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.strip().startswith("#")]
