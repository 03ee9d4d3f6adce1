"""One frozen options object threaded through every stage.

Defaults live in code; a TOML config file, then ``STORYLINE_*`` environment
variables, then CLI flags override them, in that order.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Settings:
    # fetching
    timeout: float = field(default=20.0, metadata={"above": 0})  # one whole download: seconds
    max_bytes: int = field(default=20_000_000, metadata={"at_least": 1})  # largest page or file
    user_agent: str = "storyline/0.1 (+news analysis)"
    # cleaning
    # similarity at which a paragraph is a repeat
    repeat_threshold: float = field(default=0.8, metadata={"above": 0, "at_most": 1})
    # analysis
    batch_size: int = field(default=16, metadata={"at_least": 1})  # texts per nlp.pipe batch
    # longest text analysed (plain text as read); longer is refused
    max_chars: int = field(default=2_000_000, metadata={"at_least": 1})
    summary_sentences: int = field(default=3, metadata={"at_least": 1})
    # seconds one document may take in a worker process; 0: none
    time_limit: float = field(default=300.0, metadata={"at_least": 0})
    embeddings: bool = False  # add the article's dense vector (the optional extra 'embeddings')
    # corpus
    db: str = "storyline.db"
    near_duplicate_threshold: float = field(default=0.8, metadata={"above": 0, "at_most": 1})
    workers: int = field(default=1, metadata={"at_least": 1})
    # documents ingest and load write per transaction
    commit_every: int = field(default=32, metadata={"at_least": 1})

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def load_settings(config: Path | None = None, **overrides: Any) -> Settings:
    """Settings from defaults < config file < environment < ``overrides``."""
    settings = Settings()
    named = config or _named_config()
    path = named or Path("storyline.toml")
    if named is not None or path.exists():  # a file named must be there; the default may not
        try:
            with path.open("rb") as f:
                values = tomllib.load(f)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read the settings file ({exc})") from None
        _no_unknown(values, str(path))
        settings = settings.replace(**_known(values, str(path)))
    env = {
        f.name: os.environ[f"STORYLINE_{f.name.upper()}"]
        for f in dataclasses.fields(Settings)
        if f"STORYLINE_{f.name.upper()}" in os.environ
    }
    return settings.replace(**_known(env, "the environment")).replace(**overrides)


def _named_config() -> Path | None:
    value = os.environ.get("STORYLINE_CONFIG")
    return Path(value) if value else None


def _no_unknown(values: dict[str, Any], origin: str) -> None:
    """Refuse a settings file naming a setting there is not (a misspelt one would be
    silently without effect)."""
    names = [f.name for f in dataclasses.fields(Settings)]
    for key in values:
        if key not in names:
            close = difflib.get_close_matches(key, names, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise ConfigError(f"{origin}: {key!r} is not a setting{hint}")


_BOOLEANS = {"1": True, "true": True, "yes": True, "on": True}
_BOOLEANS.update({"0": False, "false": False, "no": False, "off": False})


def _boolean(value: Any) -> bool:
    """A switch from TOML (true) or the environment ("1", "true", "no", ...)."""
    if isinstance(value, bool):
        return value
    return _BOOLEANS[str(value).strip().lower()]


def _known(values: dict[str, Any], origin: str) -> dict[str, Any]:
    """Keep known fields, coerced to the type of their default."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(Settings):
        if f.name in values:
            kind: Any = _boolean if isinstance(f.default, bool) else type(f.default)
            try:
                out[f.name] = kind(values[f.name])
            except (TypeError, ValueError, KeyError):
                name = type(f.default).__name__
                raise ConfigError(
                    f"{origin}: {f.name} must be {name}, not {values[f.name]!r}"
                ) from None
            value, meta = out[f.name], f.metadata
            # Written so that NaN fails every bound.
            if "at_least" in meta and not value >= meta["at_least"]:
                raise ConfigError(
                    f"{origin}: {f.name} must be at least {meta['at_least']}, not {value}"
                )
            if "above" in meta and not value > meta["above"]:
                raise ConfigError(f"{origin}: {f.name} must be above {meta['above']}, not {value}")
            if "at_most" in meta and not value <= meta["at_most"]:
                raise ConfigError(
                    f"{origin}: {f.name} must be at most {meta['at_most']}, not {value}"
                )
    return out
