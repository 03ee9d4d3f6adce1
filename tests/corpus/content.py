"""Two stores compared by content: rows with every id replaced by what it names.

Ids differ between two stores of the same content (PostgreSQL sequences do not
roll back), so each row is digested with its ids replaced by content: an article
by its content hash, a document by its key, and so on, inside JSON columns too.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from storyline.corpus.store import TABLES as STORE_TABLES
from storyline.corpus.store import Store

# Columns that are not content: ids (sequences do not roll back) and clocks.
NOT_CONTENT = {"id", "ingested_at", "created_at"}
ENTITY_KEY = re.compile(r"e:(\d+)")  # a corpus entity in a story profile or index key


@dataclass
class Names:
    """What each id stands for, by content: the names ``content`` puts in place of ids."""

    article: dict[int, str] = field(default_factory=dict)  # its content hash
    document: dict[int, str] = field(default_factory=dict)  # its key
    group: dict[int, str] = field(default_factory=dict)  # its original document's key
    entity: dict[int, str] = field(default_factory=dict)  # its name and type
    story: dict[int, str] = field(default_factory=dict)  # its articles' content hashes

    def plain(self, key: str, value: Any) -> Any:
        """``value`` of column or JSON key ``key`` with ids replaced by what they name."""
        if isinstance(value, bytes | memoryview):
            return bytes(value).hex()
        if isinstance(value, str) and value[:1] in "{[":
            try:
                value = json.loads(value)
            except ValueError:
                return value
        if isinstance(value, dict):
            return {self._entity(k): self.plain(k, v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.plain(key, v) for v in value]
        if isinstance(value, str):
            return self._entity(value)
        names = self.ids.get(key)
        return names.get(value, value) if names is not None and value is not None else value

    def _entity(self, text: str) -> str:
        found = ENTITY_KEY.fullmatch(text)
        return f"e:{self.entity.get(int(found[1]))}" if found else text

    @property
    def ids(self) -> dict[str, dict[int, str]]:
        return {
            "article_id": self.article,
            "central_article": self.article,
            "copy_of": self.article,
            "original_document": self.document,
            "group_id": self.group,
            "corpus_id": self.entity,
            "story_id": self.story,
            "runner_up": self.story,
            "story": self.story,
        }


def names(store: Store) -> Names:
    found = Names()
    for r in store.query("SELECT id, content_hash FROM articles"):
        found.article[r["id"]] = r["content_hash"]
    for r in store.query("SELECT id, key FROM documents"):
        found.document[r["id"]] = r["key"]
    for r in store.query("SELECT id, original_document FROM duplicate_groups"):
        found.group[r["id"]] = found.document.get(r["original_document"], "?")
    for r in store.query("SELECT id, name, type FROM corpus_entities"):
        found.entity[r["id"]] = f"{r['name']}|{r['type']}"
    members: dict[int, list[str]] = {}
    for r in store.query("SELECT story_id, article_id FROM story_articles"):
        members.setdefault(r["story_id"], []).append(found.article.get(r["article_id"], "?"))
    found.story = {k: "|".join(sorted(v)) for k, v in members.items()}
    return found


def content(store: Store) -> dict[str, list[str]]:
    """Per table, the sorted digests of its rows, with every id replaced by content.

    An article is named by its content hash, a document by its key, a duplicate
    group by its original's key, a corpus entity by its name and type, a story by
    the content hashes of its articles, inside JSON columns too.
    """
    named = names(store)
    out: dict[str, list[str]] = {}
    for table in TABLES:
        digests = []
        for batch in store.rows(table):
            for row in batch:
                kept = {k: named.plain(k, v) for k, v in row.items() if k not in NOT_CONTENT}
                if table == "stories":
                    kept["members"] = named.story.get(row["id"])
                canonical = json.dumps(kept, sort_keys=True, default=str)
                digests.append(hashlib.sha256(canonical.encode()).hexdigest())
        out[table] = sorted(digests)
    return out


def differences(one: dict[str, list[str]], other: dict[str, list[str]]) -> dict[str, str]:
    """Tables whose content differs, with the row counts of each side."""
    return {
        table: f"{len(one[table])} rows against {len(other[table])}"
        + (", same count, other content" if len(one[table]) == len(other[table]) else "")
        for table in one
        if one[table] != other[table]
    }


TABLES = tuple(t for t in STORE_TABLES if t != "watches")
