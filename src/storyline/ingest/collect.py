"""Many sources to Items: files, folders (recursive), globs, URL lists, feeds, JSONL, WARC.

Each SOURCE becomes one or more Inputs of a kind, guessed from its name and
first bytes unless given: ``file`` (one article: HTML or text, ``.gz`` ok),
``jsonl``, ``warc``, ``feed`` (RSS/Atom, by URL or file) or ``urls`` (a text
file of one URL a line). An Input counts its documents cheaply, for progress,
and yields them as Items.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from storyline.errors import StorylineError
from storyline.ingest import feed, jsonl, warc
from storyline.ingest.items import Item
from storyline.ingest.sources import is_url
from storyline.models import RawDocument
from storyline.settings import Settings

KINDS = ("file", "jsonl", "warc", "feed", "urls")
EMPTY = "holds no article"
_FEED_WORDS = frozenset(("rss", "rss2", "atom", "feed", "feeds"))


# A compressed input that breaks part-way raises these, not an OSError.
BROKEN = (OSError, EOFError, zlib.error, StorylineError)


@dataclass(slots=True)
class Input:
    kind: str
    source: str
    _items: list[Item] | None = field(default=None, repr=False)
    error: str | None = None  # why it cannot be read at all (reported, not read)
    empty: bool = False  # the error is that it holds no article (an empty folder)

    def count(self, settings: Settings) -> int:
        """Its documents; a container that holds none counts the one failure it gives."""
        if self.kind == "file" or self.error is not None:
            return 1
        if self.kind == "jsonl":
            return max(1, self._guard(lambda: jsonl.count_jsonl(Path(self.source))))
        if self.kind == "warc":
            return max(1, self._guard(lambda: warc.count_warc(Path(self.source))))
        return max(1, len(self._listed(settings)))

    def items(self, settings: Settings) -> Iterator[Item]:
        """Its documents as Items; a JSON Lines file, WARC, feed or URL list that holds
        none gives a failure that says so, as a broken one does."""
        if self.error is not None:
            yield Item(
                key=f"{self.kind}:{self.source}",
                source=self.source,
                error=self.error,
                empty=self.empty,
            )
            return
        empty = True
        for item in self._items_of(settings):
            empty = False
            yield item
        if empty and self.kind != "file":
            yield nothing_in(self.kind, self.source)

    def _items_of(self, settings: Settings) -> Iterator[Item]:
        try:
            if self.source == "-":
                yield _stdin(settings)
            elif self.kind == "file":
                key = self.source if is_url(self.source) else os.path.abspath(self.source)
                yield Item(key=key, source=self.source)
            elif self.kind == "jsonl":
                yield from jsonl.read_jsonl(Path(self.source))
            elif self.kind == "warc":
                yield from warc.read_warc(Path(self.source))
            else:
                yield from self._listed(settings)
        except BROKEN as exc:
            # The container broke part-way: report it once and go on with the next input.
            why = str(exc) or type(exc).__name__
            yield Item(
                key=f"{self.kind}:{self.source}", source=self.source, error=f"{self.source}: {why}"
            )

    def _guard(self, count: Callable[[], int]) -> int:
        try:
            return count()
        except BROKEN:
            return 1

    def _listed(self, settings: Settings) -> list[Item]:
        """Feed items and URL lists are small: read once and kept for count and items."""
        if self._items is None:
            try:
                if self.kind == "feed":
                    self._items = feed.read_feed(self.source, settings)
                else:
                    self._items = [
                        _url_item(self.source, n, u) for n, u in _urls(Path(self.source))
                    ]
            except BROKEN as exc:
                self._items = [Item(key=self.source, source=self.source, error=str(exc))]
        return self._items


def collect(
    sources: Sequence[str], kind: str | None = None, skip: Collection[Path] = ()
) -> list[Input]:
    """The Inputs behind ``sources``; ``kind`` forces one kind for every source. The files
    in ``skip`` (real paths: a store's own, when a folder holding it is ingested) are left
    out, named or in a folder; a folder, or a pattern's folders, holding no other file
    holds no article."""

    def wanted(found: Input) -> bool:
        return not skip or Path(os.path.realpath(found.source)) not in skip

    out: list[Input] = []
    for source in sources:
        if is_url(source):
            out.append(Input(kind or ("feed" if _feed_address(source) else "file"), source))
        elif source == "-":
            out.append(Input("file", source))
        elif os.path.isdir(source):
            out.extend(list(filter(wanted, _folder(Path(source), kind))) or [nothing(source)])
        elif os.path.isfile(source):
            out.append(Input(kind or classify(Path(source)), source))
        elif os.path.exists(source):  # named: read as it is, a pipe (<(cmd)) too, unpeeked
            out.append(Input(kind or "file", source))
        elif any(c in source for c in "*?["):
            matches = _glob(source)
            if not matches:  # reported as a missing file is
                out.append(Input("file", source, error=f"{source}: no file matches the pattern"))
            inside = [
                each
                for match in matches
                for each in (
                    _folder(Path(match), kind)
                    if os.path.isdir(match)
                    else [_file(Path(match), kind)]
                )
                if wanted(each)
            ]
            out.extend(inside or ([nothing(source)] if matches else []))
        else:
            out.append(Input("file", source))  # reading it reports the missing file
    # A file given twice, or named and inside a folder given too, is read once.
    seen: set[str] = set()
    unique = []
    for found in out:
        where = (
            found.source
            if is_url(found.source)
            else os.path.normpath(os.path.abspath(found.source))
        )
        if where not in seen and wanted(found):
            seen.add(where)
            unique.append(found)
    return unique


def nothing(source: str) -> Input:
    """The Input of a folder, or of a pattern's folders, that hold no file."""
    return Input("file", source, error=f"{source}: {EMPTY}", empty=True)


def nothing_in(kind: str, source: str) -> Item:
    """The failure of a ``kind`` of input that holds no article."""
    return Item(key=f"{kind}:{source}", source=source, error=f"{source}: {EMPTY}", empty=True)


def _folder(root: Path, kind: str | None) -> Iterator[Input]:
    # Links to folders are not followed (a link up the tree would walk it for ever).
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield _file(Path(dirpath) / name, kind)


def _file(path: Path, kind: str | None) -> Input:
    """A file's Input; a pipe, a device or a link that leads nowhere is reported, never
    read (reading a pipe would wait for ever)."""
    try:
        regular = stat.S_ISREG(path.stat().st_mode)
    except (OSError, RuntimeError):  # a broken link, or a loop of links
        return Input("file", str(path), error=f"{path}: a link that leads to no file")
    if not regular:
        return Input("file", str(path), error=f"{path}: not a regular file")
    return Input(kind or classify(path), str(path))


def _glob(pattern: str) -> list[str]:
    """The paths a pattern matches, as ``glob`` finds them, except that ``**`` does not
    follow links to folders (a link up the tree would be walked for ever): a folder
    given whole is walked the same way."""
    if "**" not in pattern:
        return sorted(glob.glob(pattern))
    parts = pattern.split("/")
    fixed = next(i for i, part in enumerate(parts) if any(c in part for c in "*?["))
    base = "/".join(parts[:fixed]) or ("/" if pattern.startswith("/") else ".")
    matcher = re.compile(_path_pattern(parts[fixed:]))
    found = []
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames.sort()
        for name in [*dirnames, *filenames]:
            path = os.path.join(dirpath, name)
            if matcher.fullmatch(os.path.relpath(path, base)):
                found.append(os.path.normpath(path))
    return sorted(found)


def _path_pattern(parts: list[str]) -> str:
    """A regular expression for a relative path matching the pattern's ``parts``: ``**``
    stands for any number of folders, ``*`` and ``?`` for characters within one name, and
    a name starting with a dot is matched only by a part that starts with one."""
    out = ""
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "**":
            out += r"(?:[^/.][^/]*/)*" if not last else r"(?:[^/.][^/]*/)*[^/.][^/]*"
            continue
        out += ("" if part.startswith(".") else r"(?!\.)") + _name_pattern(part)
        out += "" if last else "/"
    return out


def _name_pattern(part: str) -> str:
    out, i = "", 0
    while i < len(part):
        c = part[i]
        if c == "*":
            out += "[^/]*"
        elif c == "?":
            out += "[^/]"
        elif c == "[" and "]" in part[i + 2 :]:
            close = part.index("]", i + 2)
            body = part[i + 1 : close]
            out += "[" + ("^" + body[1:] if body.startswith("!") else body) + "]"
            i = close
        else:
            out += re.escape(c)
        i += 1
    return out


def _feed_address(url: str) -> bool:
    """Whether a URL names a feed: a part of its path (``/rss``, ``/feeds/``,
    ``rss.php``), of its host (``feeds.example.com``) or of its query (``?feed=rss2``)
    that is a feed's usual name, or a path ending in ``.rss``, ``.atom`` or ``.xml``;
    not any word holding those letters (``/atomic-plant``, ``/feedback``)."""
    parts = urlsplit(url)
    path = [p for p in parts.path.lower().split("/") if p]
    if path and path[-1].endswith(feed.SUFFIXES):
        return True
    names = {p.split(".")[0] for p in path}
    names |= set((parts.hostname or "").lower().split(".")[:1])
    names |= {w for pair in parse_qsl(parts.query.lower()) for w in pair}
    return bool(names & _FEED_WORDS)


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


def _urls(path: Path) -> list[tuple[int, str]]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return [
        (n, ln.strip())
        for n, ln in enumerate(lines, 1)
        if ln.strip() and not ln.strip().startswith("#")
    ]


def _url_item(source: str, line: int, url: str) -> Item:
    """An Item of a URL list: only web pages are fetched, never a file a line names."""
    if is_url(url):
        return Item(key=url, source=url)
    where = f"{source}:{line}"
    return Item(key=where, source=where, error=f"{where}: {url[:200]!r} is not an http(s) URL")


def _stdin(settings: Settings) -> Item:
    """Standard input, read now: keyed by its bytes, so that another text piped in later
    is another document, and the same one again is skipped."""
    data = sys.stdin.buffer.read(settings.max_bytes + 1)
    raw = RawDocument(data=data, source="-")
    return Item(key=f"sha256:{hashlib.sha256(data).hexdigest()}", source=raw)
