"""``storyline serve`` refuses what it cannot serve before it binds a port."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.cli import main


def test_serve_needs_an_existing_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.db"
    assert main(["serve", "--db", str(missing)]) == 5
    assert capsys.readouterr().err == f"storyline: error: {missing}: no store there\n"
    assert not missing.exists()


def test_ingest_needs_a_token(
    web_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STORYLINE_TOKEN", raising=False)
    assert main(["serve", "--db", str(web_db), "--allow-ingest"]) == 2
    assert "STORYLINE_TOKEN" in capsys.readouterr().err
