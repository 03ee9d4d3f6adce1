"""storyline: turn raw news into facts a reader can check."""

from storyline.corpus import Store, ingest, open_store
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
from storyline.models import SCHEMA_VERSION, Record
from storyline.pipeline import Failure, analyze, analyze_many, analyze_text
from storyline.settings import Settings, load_settings

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "BinaryInputError",
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
