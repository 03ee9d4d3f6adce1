"""The record types: what each stage produces and what the JSON contract says.

Every type is a frozen, slotted dataclass with tuple fields, so records are
hashable, cheap and safe to send to worker processes. ``to_dict`` and
``from_dict`` round-trip through plain JSON values; ``json_schema`` derives the
shipped JSON Schema from the same type hints, so the two cannot drift.

Offsets (``start``/``end``) are always character offsets into ``Record.text``.
Facts keep text order: paragraphs, quotes, figures, time expressions and summary
sentences by ``start``, events by their trigger, an entity's mentions by ``start``.
"""

from __future__ import annotations

import dataclasses
import operator
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar, Union

SCHEMA_VERSION = "1.2"

T = TypeVar("T")


# --- extraction -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RawDocument:
    """Bytes as read from a source, before any decoding or extraction."""

    data: bytes
    source: str
    content_type: str | None = None  # from HTTP headers or a container (WARC)
    url: str | None = None
    encoding: str | None = None  # declared by the transport, if any
    title: str | None = None  # known from a container (feed item, JSONL)
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None  # ISO 8601 date
    sitename: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    source: str | None = None  # file path, URL or "-"
    input_format: str = "text"  # "html" or "text"
    encoding: str | None = None
    dateline: str | None = None  # "MINSK –" kept out of the first sentence


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Removed:
    """A line taken out of the text, and the rule that took it."""

    text: str
    reason: str  # plain-language label, e.g. "ad-network placeholder"
    rule: str  # machine name of the rule, e.g. "ad_placeholder"


@dataclass(frozen=True, slots=True)
class Repeat:
    """A paragraph left out because it repeats an earlier one."""

    text: str
    of: str  # text of the earlier paragraph it repeats
    of_paragraph: int  # index of that paragraph in ``Record.paragraphs``
    similarity: float


@dataclass(frozen=True, slots=True)
class Quality:
    removed: tuple[Removed, ...] = ()
    repeats: tuple[Repeat, ...] = ()
    chars_in: int = 0
    chars_out: int = 0
    chars_removed: int = 0
    repeated_share: float = 0.0  # share of body paragraphs that were repeats
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """Clean text and what was removed to get it: the extract stage's output."""

    text: str
    paragraphs: tuple[Paragraph, ...]
    metadata: Metadata
    quality: Quality


# --- analysis ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    pronoun: bool = False
    confidence: float = 1.0
    metonymy: bool = False  # "Washington" standing for the US government


@dataclass(frozen=True, slots=True)
class Role:
    text: str
    start: int
    end: int
    affiliation: str | None = None  # entity id
    affiliation_name: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str  # PERSON, ORG, GPE, LOC, NORP
    key: str  # normalised name + type, for matching across articles
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    mentions: tuple[Mention, ...] = ()
    mention_count: int = 0
    first_position: int = 0
    ambiguous: bool = False


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    kind: str  # direct, partial, indirect, mixed
    text: str
    start: int
    end: int
    cue: Span | None = None
    speaker: str | None = None  # entity id
    speaker_name: str | None = None
    speaker_text: Span | None = None  # the speaker as written ("she")
    speaker_role: str | None = None
    confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class Figure:
    id: str
    text: str
    start: int
    end: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    alternatives: tuple[float, ...] = ()  # "1,300 or 1,400"
    unit: str | None = None  # normalised: percent, USD, year, km, ...
    kind: str = "cardinal"  # cardinal, percent, money, duration, quantity, ordinal
    concept: str | None = None  # what is counted
    concept_span: Span | None = None
    qualifier: str = "="  # =, ~, >, <, up, down
    about: str | None = None  # entity id
    subject: Span | None = None  # whom or what the figure is told of, as written
    direction: str | None = None  # up or down when the figure is a change or a level reached
    frame: str | None = None  # lemma of the verb or noun the figure depends on ("release")


@dataclass(frozen=True, slots=True)
class TimeExpression:
    text: str
    start: int
    end: int
    value: str | None = None  # ISO date or year, normalised where possible
    relative: bool = False


@dataclass(frozen=True, slots=True)
class Check:
    kind: str  # share, restatement, total
    verdict: str  # consistent, inconsistent, unclear
    explanation: str
    figures: tuple[str, ...] = ()  # figure ids compared


@dataclass(frozen=True, slots=True)
class Actor:
    text: str
    start: int
    end: int
    entity: str | None = None  # entity id, or None for a generic actor


# The types an entity and an event of a record may have.
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP")
EVENT_TYPES = (  # PLOVER's event types that storyline codes
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str  # PLOVER type
    trigger: Span
    sentence: Span
    mode: str | None = None
    sources: tuple[Actor, ...] = ()
    targets: tuple[Actor, ...] = ()
    place: Span | None = None
    time: TimeExpression | None = None
    figures: tuple[str, ...] = ()  # figure ids
    negated: bool = False
    modality: str = "asserted"  # asserted, attempted, future, planned, possible, hypothetical
    reported: bool = False
    quote: str | None = None  # quote id when the event is inside a quote
    confidence: float = 0.0
    act: str | None = None  # type of the act a request, promise, threat or refusal is about
    relative_to: str | None = None  # event id that ``time`` is relative to ("a day after")
    # PLOVER quad class: verbal cooperation, material cooperation, verbal or material conflict
    quad: str | None = None
    intensity: float | None = None  # PLOVER conflict-cooperation score, -10 to +10
    context: tuple[str, ...] = ()  # PLOVER general contexts the sentence names ("military")


@dataclass(frozen=True, slots=True)
class SummarySentence:
    text: str
    start: int
    end: int
    score: float


@dataclass(frozen=True, slots=True)
class Term:
    """A content-word lemma and how often the body and the headline use it."""

    lemma: str
    count: int  # in the body
    title: int = 0  # in the headline


@dataclass(frozen=True, slots=True)
class Record:
    """One analysed article: the output of ``storyline.analyze``."""

    text: str
    metadata: Metadata
    paragraphs: tuple[Paragraph, ...] = ()
    quality: Quality = field(default_factory=Quality)
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    checks: tuple[Check, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    events: tuple[Event, ...] = ()
    summary: tuple[SummarySentence, ...] = ()
    terms: tuple[Term, ...] = ()  # content-word lemmas, what stories are clustered on
    # The dense vector of the headline and lead (Settings.embeddings); absent when empty.
    embedding: tuple[float, ...] = field(default=(), metadata={"omit_empty": True})
    warnings: tuple[str, ...] = ()
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        return from_dict(cls, data)

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with this id, or None."""
        return next((e for e in self.entities if e.id == entity_id), None)


# --- serialisation ------------------------------------------------------------


def to_dict(obj: Any) -> dict[str, Any]:
    """A dataclass as plain JSON values (tuples become lists); an optional field
    (``omit_empty`` in its metadata) is left out while it is empty."""
    cls = type(obj)
    data = {name: _plain(getattr(obj, name)) for name in _field_names(cls)}
    for name in _OPTIONAL.get(cls, ()):
        if not data[name]:
            del data[name]
    return data


_FIELD_NAMES: dict[type[Any], tuple[str, ...]] = {}
_OPTIONAL: dict[type[Any], tuple[str, ...]] = {}


def _field_names(cls: type[Any]) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        fields = dataclasses.fields(cls)
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields)
        _OPTIONAL[cls] = tuple(f.name for f in fields if f.metadata.get("omit_empty"))
    return names


_SCALARS = frozenset({type(None), str, int, float, bool})


def _plain(value: Any) -> Any:
    # Plain values first: they are most of a record, and the cheapest to recognise, by
    # their exact type; then the record's own types; then subclasses, the slow way.
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is tuple or kind is list:
        return [_plain(v) for v in value]
    names = _FIELD_NAMES.get(kind)
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_dict(value)
    return value


def _reduce_by_fields(cls: type[Any]) -> None:
    """Pickle ``cls`` as its constructor and its field values in order: a record crosses a
    process boundary in half the time of dataclasses' default, which looks the fields up
    and sets each attribute in Python for every object (a record holds hundreds)."""
    names = _field_names(cls)
    values = operator.attrgetter(*names)
    one = len(names) == 1  # attrgetter gives one name's value alone, not in a tuple

    def reduce(self: Any) -> tuple[type[Any], tuple[Any, ...]]:
        return type(self), (values(self),) if one else values(self)

    cls.__reduce__ = reduce  # type: ignore[assignment]


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Build ``cls`` from ``to_dict`` output; unknown keys are ignored."""
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            kwargs[f.name] = _typed(hints[f.name], data[f.name])
    return cls(**kwargs)


def _typed(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _typed(inner[0], value)
    if origin is tuple:
        return tuple(_typed(args[0], v) for v in value)
    if dataclasses.is_dataclass(hint):
        return from_dict(hint, value)  # type: ignore[arg-type]
    if hint is float and isinstance(value, int):
        return float(value)
    return value


for _type in [t for t in list(globals().values()) if isinstance(t, type)]:
    if dataclasses.is_dataclass(_type):
        _reduce_by_fields(_type)


def json_schema(cls: type[Any] = Record) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) for ``cls`` and the types it contains."""
    defs: dict[str, Any] = {}
    _schema_for(cls, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"storyline {cls.__name__} {SCHEMA_VERSION}",
        **defs.pop(cls.__name__),
        "$defs": defs,
    }


def _schema_for(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (Union, types.UnionType):
        return {"anyOf": [_schema_for(a, defs) for a in args]}
    if origin is tuple:
        return {"type": "array", "items": _schema_for(args[0], defs)}
    if hint is type(None):
        return {"type": "null"}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        name = hint.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            hints = typing.get_type_hints(hint)
            fields = dataclasses.fields(hint)
            defs[name] = {
                "type": "object",
                "properties": {f.name: _schema_for(hints[f.name], defs) for f in fields},
                "required": [f.name for f in fields if not f.metadata.get("omit_empty")],
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if hint in simple:
        return {"type": simple[hint]}
    raise TypeError(f"no JSON Schema for {hint!r}")
