"""storyline: turn raw news into facts a reader can check."""

import importlib
import types
from typing import TYPE_CHECKING

from storyline.errors import (
    BinaryInputError,
    EmptyInputError,
    FetchError,
    InputError,
    ModelMissingError,
    NoArticleError,
    StoreError,
    StorylineError,
)
from storyline.settings import Settings, load_settings

__version__ = "0.1.0"

try:
    from storyline.models import SCHEMA_VERSION, Record
    from storyline.pipeline import Failure, analyze, analyze_many, analyze_text

    if TYPE_CHECKING:  # imported on first use: see __getattr__ below
        # mypy takes `ingest` here for the readers' subpackage the pipeline imports
        from storyline.corpus import Corpus, Store, ingest, open_store  # type: ignore[no-redef]
except ImportError as exc:
    # A dependency does not import: a broken install. The package still imports so that
    # the command line can name the fix in one line (storyline.deps); the names above
    # raise the cause when used.
    _cause: ImportError | None = exc
else:
    _cause = None

if not TYPE_CHECKING:  # a module __getattr__ seen by mypy would hide misspelt names from it
    # The store's names (Corpus, Store, ingest, open_store) are imported on first use: a program
    # that only analyses text does not pay for the store's imports (Parquet, MinHash, SQL
    # drivers). Importing the pipeline binds subpackages under two public names, `ingest`
    # (the readers) and, when the import fails part-way, `analyze`: unbound here, the names
    # go to __getattr__ and give the function or the cause.
    for _name in ("analyze", "ingest"):
        if isinstance(globals().get(_name), types.ModuleType):
            del globals()[_name]

    def __getattr__(name: str) -> object:
        if name not in __all__:
            raise AttributeError(f"module 'storyline' has no attribute {name!r}")
        try:
            if _cause is not None:
                raise _cause
            value = getattr(importlib.import_module("storyline.corpus"), name)
        except ImportError as exc:
            raise ImportError(f"storyline.{name} cannot be imported: {exc}") from exc
        globals()[name] = value
        return value


__all__ = [
    "SCHEMA_VERSION",
    "BinaryInputError",
    "Corpus",
    "EmptyInputError",
    "Failure",
    "FetchError",
    "InputError",
    "ModelMissingError",
    "NoArticleError",
    "Record",
    "Settings",
    "Store",
    "StoreError",
    "StorylineError",
    "__version__",
    "analyze",
    "analyze_many",
    "analyze_text",
    "ingest",
    "load_settings",
    "open_store",
]
