"""The corpus store: SQLite by default, PostgreSQL by URL, one interface.

Only this package speaks SQL. ``open_store`` picks the backend from the
target: a ``postgresql://`` (or ``postgres://``) URL, else a file path
(``sqlite:///path`` is accepted too). The schema is created or migrated on open.
"""

from __future__ import annotations

from pathlib import Path

from storyline.corpus.store.base import Row, Store
from storyline.corpus.store.schema import SCHEMA_VERSION, TABLES

__all__ = ["SCHEMA_VERSION", "TABLES", "Row", "Store", "is_postgres", "open_store"]


def is_postgres(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def open_store(target: str | Path) -> Store:
    """The store at ``target``, with its schema brought up to date."""
    target = str(target)
    if is_postgres(target):
        from storyline.corpus.store.postgres import PostgresStore

        return PostgresStore(target)
    from storyline.corpus.store.sqlite import SQLiteStore

    return SQLiteStore(
        target.removeprefix("sqlite:///") if target.startswith("sqlite:///") else target
    )
