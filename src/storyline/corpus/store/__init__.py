"""The corpus store: SQLite by default, PostgreSQL by URL, one interface.

Only this package speaks SQL. ``open_store`` picks the backend from the
target: a ``postgresql://`` (or ``postgres://``) URL, else a file path
(``sqlite:///path`` is accepted too).

The mode says what the caller may do. ``read`` opens an existing store without
writing anything (SQLite ``mode=ro`` and ``query_only``, PostgreSQL read-only
transactions): queries and the web app use it, so a query never creates a store.
``write`` needs an existing store and brings its schema up to date; ``create``
also makes a new SQLite file. A store that cannot be opened in the mode asked
for is refused on open, before any work is done.
"""

from __future__ import annotations

from pathlib import Path

from storyline.corpus.store.base import MODES, Mode, Row, Store
from storyline.corpus.store.schema import SCHEMA_VERSION, TABLES

__all__ = ["MODES", "SCHEMA_VERSION", "TABLES", "Mode", "Row", "Store", "is_postgres", "open_store"]


def is_postgres(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def open_store(target: str | Path, mode: Mode = "read") -> Store:
    """The store at ``target``, opened to ``read``, ``write`` or ``create``."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    target = str(target)
    if is_postgres(target):
        from storyline.corpus.store.postgres import PostgresStore

        return PostgresStore(target, mode)
    from storyline.corpus.store.sqlite import SQLiteStore

    return SQLiteStore(target.removeprefix("sqlite:///"), mode)
