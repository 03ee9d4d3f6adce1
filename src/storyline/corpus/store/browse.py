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

Row = dict[str, Any]

# An article's source as a reader knows it: the site's name, else where it was read from.
SOURCE = "COALESCE(a.sitename, a.source)"
# Newest first; an undated article sorts as the oldest.
ARTICLE_DATE = "COALESCE(a.date, '')"


@dataclass(frozen=True, slots=True)
class Filters:
    """What narrows a list of articles; dates are YYYY, YYYY-MM or YYYY-MM-DD."""

    source: str | None = None
    since: str | None = None
    until: str | None = None
    entity: int | None = None  # any stored row id of the entity (see ``Browse.entity_key``)
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
                "EXISTS (SELECT 1 FROM entities x WHERE x.article_id = a.id"
                " AND x.key = (SELECT key FROM entities WHERE id = ?))"
            )
            params.append(self.entity)
        if self.type:
            where.append("EXISTS (SELECT 1 FROM events v WHERE v.article_id = a.id AND v.type = ?)")
            params.append(self.type.upper())
        return where, params

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


def _and(where: Sequence[str]) -> str:
    return (" WHERE " + " AND ".join(where)) if where else ""


class Browse:
    """Page queries, mixed into ``Store``; they read through its ``query``."""

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        raise NotImplementedError

    def _match_ids(self, text: str) -> tuple[str, list[Any]]:
        """A subquery of the ids of articles matching every word of ``text``."""
        raise NotImplementedError

    def search_page(
        self, text: str, filters: Filters, after: Sequence[Any] | None, limit: int
    ) -> list[Row]:
        """Matching articles best first (``rank`` ascending, then id), after a keyset."""
        raise NotImplementedError

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
        """Counts over every match: by source, month, entity and event type."""
        match, params = self._match_ids(text)
        where, fparams = filters.sql()
        ids = f"SELECT a.id FROM articles a WHERE a.id IN ({match})" + "".join(
            f" AND {w}" for w in where
        )
        args = [*params, *fparams]
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
                "SELECT MIN(e.id) AS value, MIN(e.name) AS name, MIN(e.type) AS type,"
                " COUNT(DISTINCT e.article_id) AS count FROM entities e"
                f" WHERE e.article_id IN ({ids}) GROUP BY e.key"
                " ORDER BY COUNT(DISTINCT e.article_id) DESC, MIN(e.name) LIMIT ?",
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
            where.append("LOWER(q.speaker_name) LIKE ?")
            params.append(f"%{speaker.lower()}%")
        if text:
            ids = self.search_quotes(text, limit=10_000) or [-1]
            where.append(f"q.id IN ({', '.join('?' for _ in ids)})")
            params.extend(ids)
        if after is not None:
            where.append(f"({ARTICLE_DATE} < ? OR ({ARTICLE_DATE} = ? AND q.id > ?))")
            params += [after[0], after[0], after[1]]
        return self.query(
            "SELECT q.id, q.article_id, a.title, a.date, q.speaker_name, q.kind, q.text,"
            f" q.confidence, s.id AS speaker_entity, {ARTICLE_DATE} AS sort_date"
            " FROM quotes q JOIN articles a ON a.id = q.article_id"
            " LEFT JOIN entities s ON s.article_id = q.article_id AND s.entity_id = q.speaker"
            f"{_and(where)} ORDER BY {ARTICLE_DATE} DESC, q.id LIMIT ?",
            [*params, limit],
        )

    def search_quotes(self, text: str, limit: int = 50) -> list[int]:
        raise NotImplementedError

    def entity_rows(self, article_id: int) -> dict[str, int]:
        """The stored row id of each entity of an article, by its id in the record."""
        rows = self.query(
            "SELECT entity_id, id FROM entities WHERE article_id = ? ORDER BY id", (article_id,)
        )
        return {r["entity_id"]: int(r["id"]) for r in rows}

    def entity_key(self, row_id: int) -> Row | None:
        """The corpus entity (key, canonical row id) that stored row ``row_id`` belongs to."""
        rows = self.query(
            "SELECT e.key, (SELECT MIN(id) FROM entities WHERE key = e.key) AS id"
            " FROM entities e WHERE e.id = ?",
            (row_id,),
        )
        return rows[0] if rows else None

    def entity_mentions(self, key: str, limit: int) -> list[Row]:
        """The entity's rows in the newest articles that name it, with the article."""
        return self.query(
            "SELECT e.id, e.article_id, e.entity_id, e.name, e.type, e.mention_count, e.data,"
            " a.title, a.date FROM entities e JOIN articles a ON a.id = e.article_id"
            f" WHERE e.key = ? ORDER BY {ARTICLE_DATE} DESC, a.id DESC LIMIT ?",
            (key, limit),
        )

    def entity_totals(self, key: str) -> Row:
        rows = self.query(
            "SELECT COUNT(DISTINCT article_id) AS articles,"
            " CAST(SUM(mention_count) AS BIGINT) AS mentions FROM entities WHERE key = ?",
            (key,),
        )
        return rows[0]

    def entity_months(self, key: str) -> list[Row]:
        """Articles naming the entity per month, oldest first."""
        return self.query(
            "SELECT SUBSTR(a.date, 1, 7) AS month, COUNT(DISTINCT a.id) AS count"
            " FROM entities e JOIN articles a ON a.id = e.article_id"
            " WHERE e.key = ? AND a.date IS NOT NULL"
            " GROUP BY SUBSTR(a.date, 1, 7) ORDER BY 1",
            (key,),
        )

    def entity_quotes(self, key: str, limit: int) -> list[Row]:
        return self.query(
            "SELECT q.id, q.article_id, a.title, a.date, q.kind, q.text, q.confidence"
            " FROM quotes q JOIN entities e ON e.article_id = q.article_id"
            " AND e.entity_id = q.speaker JOIN articles a ON a.id = q.article_id"
            f" WHERE e.key = ? ORDER BY {ARTICLE_DATE} DESC, q.id LIMIT ?",
            (key, limit),
        )

    def events_of(self, article_ids: Sequence[int]) -> list[Row]:
        if not article_ids:
            return []
        marks = ", ".join("?" for _ in article_ids)
        return self.query(
            "SELECT v.article_id, v.event_id, v.type, v.mode, v.date, v.sentence, v.data"
            f" FROM events v WHERE v.article_id IN ({marks}) ORDER BY v.article_id, v.id",
            list(article_ids),
        )

    def cooccurring(self, key: str, limit: int) -> list[Row]:
        """Entities named in the same articles, most shared articles first."""
        return self.query(
            "SELECT MIN(o.id) AS id, MIN(o.name) AS name, MIN(o.type) AS type,"
            " COUNT(DISTINCT o.article_id) AS articles FROM entities e"
            " JOIN entities o ON o.article_id = e.article_id AND o.key <> e.key"
            " WHERE e.key = ? GROUP BY o.key"
            " ORDER BY COUNT(DISTINCT o.article_id) DESC, MIN(o.name) LIMIT ?",
            (key, limit),
        )

    def top_entities(self, limit: int) -> list[Row]:
        return self.query(
            "SELECT MIN(e.id) AS id, MIN(e.name) AS name, MIN(e.type) AS type,"
            " COUNT(DISTINCT e.article_id) AS articles FROM entities e GROUP BY e.key"
            " ORDER BY COUNT(DISTINCT e.article_id) DESC, MIN(e.name) LIMIT ?",
            (limit,),
        )

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
            " (SELECT COUNT(DISTINCT key) FROM entities) AS entities,"
            " (SELECT COUNT(*) FROM quotes) AS quotes,"
            " (SELECT COUNT(*) FROM figures) AS figures,"
            " (SELECT COUNT(*) FROM events) AS events,"
            " (SELECT COUNT(*) FROM duplicate_groups) AS duplicate_groups,"
            " (SELECT COUNT(*) FROM stories) AS stories"
        )
        return {k: int(v) for k, v in rows[0].items()}

    def has_stories(self) -> bool:
        return bool(self.query("SELECT 1 AS x FROM stories LIMIT 1"))

    def story_of(self, article_id: int) -> Row | None:
        rows = self.query(
            "SELECT s.id, s.title FROM story_articles m JOIN stories s ON s.id = m.story_id"
            " WHERE m.article_id = ? ORDER BY s.id LIMIT 1",
            (article_id,),
        )
        return rows[0] if rows else None
