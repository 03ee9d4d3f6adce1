"""storyline: turn raw news into facts a reader can check."""

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
    from storyline.corpus import Corpus, Store, ingest, open_store
    from storyline.models import SCHEMA_VERSION, Record
    from storyline.pipeline import Failure, analyze, analyze_many, analyze_text
except ImportError as exc:
    # A dependency does not import: a broken install. The package still imports so that
    # the command line can name the fix in one line (storyline.deps); the names above
    # raise the cause when used.
    _cause = exc

    if not TYPE_CHECKING:  # a module __getattr__ would hide misspelt names from mypy

        def __getattr__(name: str) -> object:
            if name in __all__:
                raise ImportError(f"storyline.{name} cannot be imported: {_cause}") from _cause
            raise AttributeError(f"module 'storyline' has no attribute {name!r}")


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
