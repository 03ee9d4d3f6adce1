"""The full record of each shipped sample, compared field by field with the one kept here.

``tests/golden/<sample>.json`` holds ``Record.to_dict()`` of each article in
``src/storyline/samples/``, pretty-printed with sorted keys.  Any change in any stage shows
as a list of the fields that differ, each with its path (``quotes[3].speaker_name: 'X' !=
'Y'``).  When a change is intended, refresh the files and review their diff before committing::

    pytest tests/golden --update-golden
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storyline import analyze

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parents[1] / "src" / "storyline" / "samples"
NAMES = sorted(p.name for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))


def differences(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Each field where ``actual`` differs from ``expected``, as ``path: expected != actual``."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        found: list[str] = []
        for key in sorted(expected.keys() | actual.keys()):
            where = f"{path}.{key}" if path else key
            if key not in actual:
                found.append(f"{where}: missing (expected {expected[key]!r})")
            elif key not in expected:
                found.append(f"{where}: unexpected {actual[key]!r}")
            else:
                found.extend(differences(expected[key], actual[key], where))
        return found
    if isinstance(expected, list) and isinstance(actual, list):
        found = []
        for i in range(max(len(expected), len(actual))):
            where = f"{path}[{i}]"
            if i >= len(actual):
                found.append(f"{where}: missing (expected {_short(expected[i])})")
            elif i >= len(expected):
                found.append(f"{where}: unexpected {_short(actual[i])}")
            else:
                found.extend(differences(expected[i], actual[i], where))
        return found
    if expected != actual or type(expected) is not type(actual):
        return [f"{path}: {expected!r} != {actual!r}"]
    return []


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 120 else text[:117] + "..."


def dump(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_differences_name_the_path_of_each_field() -> None:
    expected = {"quotes": [{"speaker_name": "X", "cue": "said"}], "text": "a"}
    actual = {"quotes": [{"speaker_name": "Y", "cue": "said"}, {"cue": "told"}], "text": "a"}
    assert differences(expected, actual) == [
        "quotes[0].speaker_name: 'X' != 'Y'",
        'quotes[1]: unexpected {"cue": "told"}',
    ]
    assert differences({"a": 1}, {"a": 1.0}) == ["a: 1 != 1.0"]


@pytest.mark.parametrize("name", NAMES)
def test_sample_record_matches_golden(
    name: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(SAMPLES)  # the record's source is the bare file name, wherever tests run
    record = json.loads(json.dumps(analyze(name).to_dict()))
    golden = HERE / f"{Path(name).stem}.json"
    if request.config.getoption("--update-golden"):
        golden.write_text(dump(record), encoding="utf-8")
        return
    assert golden.exists(), f"no golden record for {name}: run pytest --update-golden"
    found = differences(json.loads(golden.read_text(encoding="utf-8")), record)
    assert not found, f"{name}: {len(found)} fields differ\n" + "\n".join(found[:60])
