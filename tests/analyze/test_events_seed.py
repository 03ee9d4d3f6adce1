"""Events of the seed article (skips when ../shared/data is absent)."""

from __future__ import annotations

from typing import Any

from storyline.models import Actor, Event, Record


def names(record: Record, actors: tuple[Actor, ...]) -> set[str]:
    out = set()
    for actor in actors:
        entity = record.entity(actor.entity)
        out.add(entity.name if entity else actor.text)
    return out


def find(record: Record, kind: str, trigger: str) -> list[Event]:
    return [e for e in record.events if e.type == kind and trigger in e.trigger.text.lower()]


def test_release_of_the_prisoners(seed_record: Any) -> None:
    record: Record = seed_record
    releases = [
        e
        for e in find(record, "RETREAT", "release")
        if e.mode == "release" and names(record, e.sources) & {"Belarus", "Alexander Lukashenko"}
    ]
    assert releases
    fifty_two = {f.id for f in record.figures if f.text == "52"}
    if fifty_two:  # the figures stage found the count: it belongs to the release
        assert any(set(e.figures) & fifty_two for e in releases)


def test_call_to_release_detainees(seed_record: Any) -> None:
    record: Record = seed_record
    calls = [
        e
        for e in find(record, "REQUEST", "call")
        if "Donald Trump" in names(record, e.sources)
        and "Alexander Lukashenko" in names(record, e.targets)
    ]
    assert calls
    assert calls[0].act == "RETREAT" and calls[0].mode == "yield"


def test_sanctions_relief_for_the_airline(seed_record: Any) -> None:
    record: Record = seed_record
    [relief] = find(record, "CONCEDE", "sanctions relief")
    assert "United States" in names(record, relief.sources)
    assert relief.modality == "future"


def test_downing_of_the_drones(seed_record: Any) -> None:
    record: Record = seed_record
    downings = find(record, "ASSAULT", "shot down")
    assert downings
    for event in downings:
        assert names(record, event.sources) == {"Poland"}
        assert names(record, event.targets) == {"Russia"}


def test_joint_military_exercises(seed_record: Any) -> None:
    # The manual (3.14.1): joint military operations are COOPERATE, one country's are MOBILIZE.
    record: Record = seed_record
    drills = find(record, "COOPERATE", "exercises")
    assert drills
    for event in drills:
        assert names(record, event.sources) == {"Russia", "Belarus"}


def test_release_timed_a_day_after_the_downing(seed_record: Any) -> None:
    record: Record = seed_record
    by_id = {e.id: e for e in record.events}
    timed = [e for e in record.events if e.time and e.time.text == "a day after"]
    assert timed
    assert all(by_id[e.relative_to or ""].type == "ASSAULT" for e in timed)
