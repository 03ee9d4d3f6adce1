"""A Record as table rows, and back: generic over the record's fields.

Each fact list with a table of its own (entities, quotes, figures, events)
becomes one row per fact: a few query columns picked from the fact's fields
by name, and the whole fact as JSON. Whatever else the record holds stays in
the article's ``record`` JSON, so fields added to the record types are kept
without any change here or in the schema.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.corpus import dedup
from storyline.corpus.timeline import calendar
from storyline.models import Record

# table -> {column: field of the fact's dict}
FACT_COLUMNS: dict[str, dict[str, str]] = {
    "entities": {
        "entity_id": "id",
        "name": "name",
        "type": "type",
        "key": "key",
        "mention_count": "mention_count",
    },
    "quotes": {
        "quote_id": "id",
        "kind": "kind",
        "text": "text",
        "speaker": "speaker",
        "speaker_name": "speaker_name",
        "char_start": "start",
        "char_end": "end",
        "confidence": "confidence",
    },
    "figures": {
        "figure_id": "id",
        "text": "text",
        "value": "value",
        "unit": "unit",
        "kind": "kind",
        "concept": "concept",
    },
    "events": {"event_id": "id", "type": "type", "mode": "mode"},
}
MENTION_COLUMNS = {"char_start": "start", "char_end": "end", "text": "text"}
# Columns of ``articles`` copied from the record's metadata.
METADATA_COLUMNS = ("url", "title", "date", "sitename", "language")


@dataclass(frozen=True, slots=True)
class ArticleRows:
    """Everything one article writes: its row and the rows of its fact tables."""

    article: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Prepared:
    """An analysed document ready to store: its record and the rows it is stored as
    (taken apart where it was analysed, so a single writer only writes)."""

    record: Record
    rows: ArticleRows

    @classmethod
    def of(cls, record: Record, source: str) -> Prepared:
        return cls(record, to_rows(record, source))


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _pick(data: dict[str, Any], columns: dict[str, str]) -> dict[str, Any]:
    out = {}
    for column, key in columns.items():
        value = data.get(key)
        # A field that becomes structured later is still queryable as text.
        out[column] = _dumps(value) if isinstance(value, dict | list) else value
    return out


def to_rows(record: Record, source: str) -> ArticleRows:
    """The rows for ``record``, with its fingerprints for duplicate detection."""
    data = record.to_dict()
    meta = data.get("metadata") or {}
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in (*FACT_COLUMNS, "mentions")}
    for name, columns in FACT_COLUMNS.items():
        for fact in data.pop(name, None) or []:
            if name == "entities":
                for mention in fact.pop("mentions", None) or []:
                    row = {"entity_id": fact.get("id"), **_pick(mention, MENTION_COLUMNS)}
                    tables["mentions"].append({**row, "data": _dumps(mention)})
            row = _pick(fact, columns)
            if name == "events":
                row["date"] = event_date(fact, data.get("times") or [], meta.get("date"))
                row["sentence"] = (fact.get("sentence") or {}).get("text")
            tables[name].append({**row, "data": _dumps(fact)})
    text = data.pop("text")
    spans = [(p["start"], p["end"]) for p in data.get("paragraphs") or []]
    sig = dedup.signature(text)
    tables["paragraphs"] = [
        {"idx": i, "hash": h, "char_start": spans[i][0], "char_end": spans[i][1]}
        for i, h in dedup.paragraph_hashes(text, spans)
    ]
    tables["minhash_bands"] = [{"band": b, "bucket": k} for b, k in dedup.LAYOUT.buckets(sig)]
    article = {
        "content_hash": dedup.content_hash(text),
        "source": source,
        **{c: meta.get(c) for c in METADATA_COLUMNS},
        "text": text,
        "record": _dumps(data),
        "facts": sum(len(tables[t]) for t in (*FACT_COLUMNS, "mentions")),
        "minhash": sig,
    }
    return ArticleRows(article, tables)


def event_date(
    event: dict[str, Any], times: Sequence[dict[str, Any]], article_date: str | None
) -> str | None:
    """The date of the calendar an event is filed under (``timeline.calendar``), the
    first of:

    1. its own time's date, when that names one;
    2. the date of the record's time expression that lies in the event's sentence
       nearest its trigger, among those that name one (the clock time an event is
       given may share its sentence with the day);
    3. its article's date.
    """
    time = event.get("time") or {}
    value = time.get("value") if isinstance(time, dict) else None
    if day := calendar(str(value) if value else None):
        return day
    if day := _nearest_in_sentence(event, times):
        return day
    return calendar(article_date)


def _nearest_in_sentence(event: dict[str, Any], times: Sequence[dict[str, Any]]) -> str | None:
    """The date of the time expression in ``event``'s sentence nearest its trigger."""
    sentence, trigger = event.get("sentence") or {}, event.get("trigger") or {}
    first, last = sentence.get("start"), sentence.get("end")
    at, to = trigger.get("start"), trigger.get("end")
    if first is None or last is None or at is None or to is None:
        return None
    found = [
        (max(t["start"] - to, at - t["end"], 0), t["start"], day)
        for t in times
        if first <= t["start"]
        and t["end"] <= last
        and (day := calendar(str(t["value"]) if t.get("value") else None))
    ]
    return min(found)[2] if found else None


def from_rows(article: dict[str, Any], tables: dict[str, list[dict[str, Any]]]) -> Record:
    """The Record that ``to_rows`` took apart."""
    data = json.loads(article["record"])
    data["text"] = article["text"]
    mentions: dict[str | None, list[Any]] = {}
    for row in tables.get("mentions", []):
        mentions.setdefault(row["entity_id"], []).append(json.loads(row["data"]))
    for name in FACT_COLUMNS:
        facts = [json.loads(row["data"]) for row in tables.get(name, [])]
        if name == "entities":
            for fact in facts:
                fact["mentions"] = mentions.get(fact.get("id"), [])
        data[name] = facts
    return Record.from_dict(data)
