"""The story, timeline item and digest JSON Schemas that ship in storyline/data hold real output."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from storyline.corpus import add_watch, digest, stories, story, timeline
from storyline.corpus.store import Store
from storyline.models import Record

from .conftest import ingest_all
from .conftest import story as story_of

NAMES = ("story", "timeline-item", "digest")


def schema(name: str) -> dict[str, Any]:
    text = (resources.files("storyline") / "data" / f"{name}.schema.json").read_text()
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def validator(name: str) -> Draft202012Validator:
    registry: Registry = Registry().with_resources(
        (f"{n}.schema.json", Resource.from_contents(schema(n))) for n in NAMES
    )
    Draft202012Validator.check_schema(schema(name))
    return Draft202012Validator(schema(name), registry=registry)


def test_the_views_match_their_schemas(store: Store, told: dict[str, Record]) -> None:
    ingest_all(store, told)
    add_watch(store, "quakes", query="earthquake")
    sid = story_of(store, "veloria-quake.txt")
    validator("story").validate(story(store, sid, explain=True))
    for brief in stories(store):
        validator("story").validate(brief)
    for item in timeline(store, story=sid) + timeline(store, entity="Tomas Ferrante"):
        validator("timeline-item").validate(item)
    validator("digest").validate(digest(store))


def test_a_wrong_view_is_refused() -> None:
    with pytest.raises(Exception, match="'kind'"):
        validator("timeline-item").validate({"date": None, "text": "x", "article_id": 1})
