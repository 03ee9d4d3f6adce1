"""The record's JSON contract: round-trips, and the shipped schema matches the models."""

from __future__ import annotations

import json
import pickle
from dataclasses import replace
from importlib import resources

from storyline.models import (
    Check,
    Entity,
    Event,
    Figure,
    Mention,
    Metadata,
    Paragraph,
    Quality,
    Quote,
    Record,
    Removed,
    Repeat,
    Role,
    Span,
    json_schema,
)

RECORD = Record(
    text="Mayor Ines Calder said the bridge will close.",
    metadata=Metadata(title="Bridge to close", authors=("A. Writer",), language="en"),
    paragraphs=(Paragraph(0, 45),),
    quality=Quality(
        removed=(Removed("Advertisement", "ad-network placeholder", "ad_placeholder"),),
        repeats=(Repeat("x y z", "x y z", 0, 1.0),),
        flags=("ad-network placeholder",),
    ),
    entities=(
        Entity(
            id="E1",
            name="Ines Calder",
            type="PERSON",
            key="ines calder|PERSON",
            roles=(Role("Mayor", 0, 5),),
            mentions=(Mention(6, 17, "Ines Calder"),),
            mention_count=1,
            first_position=6,
        ),
    ),
    quotes=(
        Quote(
            "Q1",
            "indirect",
            "the bridge will close",
            23,
            44,
            cue=Span(18, 22, "said"),
            speaker="E1",
        ),
    ),
    figures=(
        Figure(
            "F1",
            "about 3%",
            0,
            8,
            value=3.0,
            unit="percent",
            qualifier="~",
            alternatives=(2.0, 3.0),
        ),
    ),
    checks=(Check("share", "consistent", "3% of 1,100 is 33", ("F1",)),),
    events=(Event("V1", "CONCEDE", Span(37, 42, "close"), Span(0, 45, "…")),),
)


def test_round_trip() -> None:
    data = json.loads(json.dumps(RECORD.to_dict()))
    assert Record.from_dict(data) == RECORD


def test_pickle_round_trip_rebuilds_through_the_constructor() -> None:
    # Worker processes hand records back pickled: field values in order, one constructor call.
    assert pickle.loads(pickle.dumps(RECORD)) == RECORD
    assert RECORD.__reduce__() == (Record, tuple(getattr(RECORD, n) for n in Record.__slots__))


def test_json_has_the_contract_keys() -> None:
    data = RECORD.to_dict()
    for key in (
        "schema_version",
        "text",
        "paragraphs",
        "entities",
        "quotes",
        "figures",
        "events",
        "summary",
    ):
        assert key in data
    assert data["metadata"]["title"] == "Bridge to close"
    assert data["quality"]["removed"][0] == {
        "text": "Advertisement",
        "reason": "ad-network placeholder",
        "rule": "ad_placeholder",
    }
    assert {"text", "of", "similarity"} <= set(data["quality"]["repeats"][0])


def test_shipped_schema_matches_the_models() -> None:
    shipped = json.loads((resources.files("storyline") / "data" / "record.schema.json").read_text())
    assert shipped == json_schema(), (
        "regenerate: storyline schema > src/storyline/data/record.schema.json"
    )


def test_schema_describes_every_field() -> None:
    schema = json_schema()
    assert set(schema["properties"]) == set(RECORD.to_dict()) | {"embedding"}
    assert set(schema["required"]) == set(RECORD.to_dict())
    assert schema["$defs"]["Entity"]["properties"]["mentions"]["type"] == "array"


def test_the_optional_vector_is_in_the_json_only_when_present() -> None:
    """Records without a dense vector are what they were before the field existed."""
    dense = replace(RECORD, embedding=(0.6, -0.8))
    assert "embedding" not in RECORD.to_dict()
    assert dense.to_dict() == {**RECORD.to_dict(), "embedding": [0.6, -0.8]}
    assert list(dense.to_dict())[-3:] == ["embedding", "warnings", "schema_version"]
    assert Record.from_dict(json.loads(json.dumps(dense.to_dict()))) == dense
    assert pickle.loads(pickle.dumps(dense)) == dense
    assert json_schema()["properties"]["embedding"] == {
        "type": "array",
        "items": {"type": "number"},
    }
