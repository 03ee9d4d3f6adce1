"""The README's library example runs as written, on the walkthrough's articles."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_the_corpus_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (example,) = [b for b in re.findall(r"```python\n(.*?)```", readme, re.S) if "Corpus(" in b]
    for name in ("first.jsonl", "second.jsonl"):
        shutil.copy(ROOT / "docs" / "walkthrough" / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    exec(compile(example, "README.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == [
        "4 stored",
        "1 new for veloria",  # since the watch was made: the follow-up naming him
        "Earthquake strikes Krastova, injuring dozens ['Coast Wire']",
    ]
    assert lines[3] == "2025-06-20 article Earthquake strikes Krastova, injuring dozens"
    assert lines[-1] == "Tomas Ferrante 3 articles"
