"""The queries behind the pages that browse a store: filters, keyset pages, facets, entities.

Lists are read a page at a time with a keyset: each page ends with the sort key of its
last row, and the next page starts after it, so a deep page costs what the first one
does. ``Filters`` narrows articles by source, date, a named entity or an event type.
Only the store speaks SQL; backends supply the full-text parts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyline.extract.hygiene import CONTROL

Row = dict[str, Any]

# An article's source as a reader knows it: the site's name, else where it was read from.
SOURCE = "COALESCE(a.sitename, a.source)"
FACET_POOL = 200  # best matches a search's facets count over
# A search ranks at most this many matches: the newest ones that pass its filters. Ranking
# scores each match it ranks, so a word found in every article would otherwise cost in
# proportion to the corpus; bounded, a search costs the same at any corpus size.
SEARCH_POOL = 1000
# Around each matched word of a snippet: control characters, which stored text never
# holds (``extract.hygiene``), so a bracket or any other text cannot pass for a mark.
MARK, UNMARK = "\x02", "\x03"
# Newest first; an undated article sorts as the oldest.
ARTICLE_DATE = "COALESCE(a.date, '')"


@dataclass(frozen=True, slots=True)
class Filters:
    """What narrows a list of articles; dates are YYYY, YYYY-MM or YYYY-MM-DD."""

    source: str | None = None
    since: str | None = None
    until: str | None = None
    entity: int | None = None  # a corpus entity id
    type: str | None = None  # PLOVER event type

    def sql(self) -> tuple[list[str], list[Any]]:
        """WHERE conditions on articles ``a``, and their parameters."""
        where: list[str] = []
        params: list[Any] = []
        if self.source:
            where.append(f"{SOURCE} = ?")
            params.append(self.source)
        if self.since:
            # A partial date stands for its whole period: it counts when that period
            # reaches ``since`` or starts by ``until``.
            where.append("a.date >= SUBSTR(?, 1, LENGTH(a.date))")
            params.append(self.since)
        if self.until:
            where.append("SUBSTR(a.date, 1, LENGTH(?)) <= ?")
            params += [self.until, self.until]
        if self.entity is not None:
            where.append(
                "EXISTS (SELECT 1 FROM entities x WHERE x.article_id = a.id AND x.corpus_id = ?)"
            )
            params.append(self.entity)
        if self.type:
            where.append("EXISTS (SELECT 1 FROM events v WHERE v.article_id = a.id AND v.type = ?)")
            params.append(self.type.upper())
        return where, params

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


LIKE_ESCAPE = "ESCAPE '\\'"


def containing(text: str) -> str:
    """A LIKE pattern for values holding ``text`` as typed: its ``%``, ``_`` and ``\\`` escaped.

    Use it with ``LIKE ? {LIKE_ESCAPE}``: the escape character is named, since
    SQLite has none by default and PostgreSQL's default is the same backslash.
    """
    escaped = (
        CONTROL.sub(" ", text).lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    )
    return f"%{escaped}%"


def _and(where: Sequence[str]) -> str:
    return (" WHERE " + " AND ".join(where)) if where else ""


class Browse:
    """Page queries, mixed into ``Store``; they read through its ``query``."""

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        raise NotImplementedError

    def _matching(self, text: str) -> tuple[str, list[Any]]:
        """A subquery of the ids of the articles matching every word of ``text``."""
        raise NotImplementedError

    def _ranked(self, text: str, from_id: int) -> tuple[str, list[Any]]:
        """A subquery of (id, rank) for the articles matching every word of ``text`` whose
        id is at least ``from_id``; a lower rank is a better match."""
        raise NotImplementedError

    def _pool_start(self, text: str, filters: Filters) -> int:
        """The lowest id of the ``SEARCH_POOL`` newest matches that pass ``filters``."""
        matching, params = self._matching(text)
        where, fparams = filters.sql()
        rows = self.query(
            f"SELECT m.id FROM ({matching}) m JOIN articles a ON a.id = m.id{_and(where)}"
            " ORDER BY m.id DESC LIMIT 1 OFFSET ?",
            [*params, *fparams, SEARCH_POOL - 1],
        )
        return int(rows[0]["id"]) if rows else 0

    def _snippets(self, text: str, ids: Sequence[int]) -> dict[int, str]:
        """A snippet of each article, each matched word between ``MARK`` and ``UNMARK``."""
        raise NotImplementedError

    def _best(
        self, text: str, filters: Filters, after: Sequence[Any] | None
    ) -> tuple[str, list[Any]]:
        """The matches that pass ``filters``, after a keyset, best first (no LIMIT), from
        the pool of the newest ``SEARCH_POOL`` of them."""
        ranked, params = self._ranked(text, self._pool_start(text, filters))
        where, fparams = filters.sql()
        if after is not None:
            where.append("(m.rank > ? OR (m.rank = ? AND a.id > ?))")
            fparams += [after[0], after[0], after[1]]
        sql = (
            f"SELECT a.id, a.title, a.date, {SOURCE} AS source, a.url, m.rank"
            f" FROM ({ranked}) m JOIN articles a ON a.id = m.id{_and(where)}"
            " ORDER BY m.rank, a.id"
        )
        return sql, [*params, *fparams]

    def search_page(
        self, text: str, filters: Filters, after: Sequence[Any] | None, limit: int
    ) -> list[Row]:
        """Matching articles best first (``rank`` ascending, then id), after a keyset."""
        sql, params = self._best(text, filters, after)
        rows = self.query(f"{sql} LIMIT ?", [*params, limit])
        snippets = self._snippets(text, [r["id"] for r in rows]) if rows else {}
        for row in rows:
            row["snippet"] = snippets.get(row["id"], "")
        return rows

    def article_page(self, filters: Filters, after: Sequence[Any] | None, limit: int) -> list[Row]:
        """Articles newest first; ``after`` is the (date, id) of the last row seen."""
        where, params = filters.sql()
        if after is not None:
            where.append(f"({ARTICLE_DATE} < ? OR ({ARTICLE_DATE} = ? AND a.id < ?))")
            params += [after[0], after[0], after[1]]
        return self.query(
            f"SELECT a.id, a.title, a.date, {SOURCE} AS source, a.url, a.language,"
            f" {ARTICLE_DATE} AS sort_date FROM articles a{_and(where)}"
            f" ORDER BY {ARTICLE_DATE} DESC, a.id DESC LIMIT ?",
            [*params, limit],
        )

    def search_facets(self, text: str, filters: Filters, size: int = 10) -> dict[str, list[Row]]:
        """Counts over the best ``FACET_POOL`` matches: by source, month, entity, event type.

        Counting over the best matches rather than all keeps a common word as cheap
        to search as a rare one, whatever the size of the corpus.
        """
        best, params = self._best(text, filters, None)
        found = [r["id"] for r in self.query(f"{best} LIMIT ?", [*params, FACET_POOL])]
        if not found:
            return {"source": [], "month": [], "entity": [], "type": []}
        ids = ", ".join("?" for _ in found)
        args = found
        return {
            "source": self.query(
                f"SELECT {SOURCE} AS value, COUNT(*) AS count FROM articles a"
                f" WHERE a.id IN ({ids}) GROUP BY {SOURCE} ORDER BY COUNT(*) DESC, 1 LIMIT ?",
                [*args, size],
            ),
            "month": self.query(
                "SELECT SUBSTR(a.date, 1, 7) AS value, COUNT(*) AS count FROM articles a"
                f" WHERE a.id IN ({ids}) AND a.date IS NOT NULL"
                " GROUP BY SUBSTR(a.date, 1, 7) ORDER BY 1 DESC LIMIT ?",
                [*args, size],
            ),
            "entity": self.query(
                "SELECT c.id AS value, c.name, c.type, COUNT(DISTINCT e.article_id) AS count"
                " FROM entities e JOIN corpus_entities c ON c.id = e.corpus_id"
                f" WHERE e.article_id IN ({ids}) GROUP BY c.id, c.name, c.type"
                " ORDER BY COUNT(DISTINCT e.article_id) DESC, c.name LIMIT ?",
                [*args, size],
            ),
            "type": self.query(
                "SELECT v.type AS value, COUNT(DISTINCT v.article_id) AS count FROM events v"
                f" WHERE v.article_id IN ({ids}) GROUP BY v.type"
                " ORDER BY COUNT(DISTINCT v.article_id) DESC, v.type LIMIT ?",
                [*args, size],
            ),
        }

    def quote_page(
        self,
        speaker: str | None,
        text: str | None,
        filters: Filters,
        after: Sequence[Any] | None,
        limit: int,
    ) -> list[Row]:
        """Quotes newest article first, then in text order; ``after`` is (date, id)."""
        where, params = filters.sql()
        if speaker:
            where.append(f"LOWER(q.speaker_name) LIKE ? {LIKE_ESCAPE}")
            params.append(containing(speaker))
        if text:
            ids = self.search_quotes(text, limit=10_000) or [-1]
            where.append(f"q.id IN ({', '.join('?' for _ in ids)})")
            params.extend(ids)
        if after is not None:
            where.append(f"({ARTICLE_DATE} < ? OR ({ARTICLE_DATE} = ? AND q.id > ?))")
            params += [after[0], after[0], after[1]]
        return self.query(
            "SELECT q.id, q.article_id, a.title, a.date, q.speaker_name, q.kind, q.text,"
            f" q.confidence, s.corpus_id AS speaker_entity, {ARTICLE_DATE} AS sort_date"
            " FROM quotes q JOIN articles a ON a.id = q.article_id"
            " LEFT JOIN entities s ON s.article_id = q.article_id AND s.entity_id = q.speaker"
            f"{_and(where)} ORDER BY {ARTICLE_DATE} DESC, q.id LIMIT ?",
            [*params, limit],
        )

    def search_quotes(self, text: str, limit: int = 50) -> list[int]:
        raise NotImplementedError

    def article_months(self) -> list[Row]:
        return self.query(
            "SELECT SUBSTR(date, 1, 7) AS month, COUNT(*) AS count FROM articles"
            " WHERE date IS NOT NULL GROUP BY SUBSTR(date, 1, 7) ORDER BY 1"
        )

    def overview_counts(self) -> Row:
        """What the front page counts: articles, entities, quotes, events, groups, stories."""
        rows = self.query(
            "SELECT (SELECT COUNT(*) FROM articles) AS articles,"
            " (SELECT COUNT(*) FROM documents) AS documents,"
            " (SELECT COUNT(*) FROM corpus_entities) AS entities,"
            " (SELECT COUNT(*) FROM quotes) AS quotes,"
            " (SELECT COUNT(*) FROM figures) AS figures,"
            " (SELECT COUNT(*) FROM events) AS events,"
            " (SELECT COUNT(*) FROM duplicate_groups) AS duplicate_groups,"
            " (SELECT COUNT(*) FROM stories WHERE articles > 0) AS stories"
        )
        return {k: int(v) for k, v in rows[0].items()}

    def has_stories(self) -> bool:
        return bool(self.query("SELECT 1 AS x FROM stories WHERE articles > 0 LIMIT 1"))
