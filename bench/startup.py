"""Start-up: importing storyline and loading its model, against a bare ``spacy.load``.

Each side runs in a fresh interpreter, timed from the outside (wall clock,
interpreter start included on both sides), in alternating rounds after one
round not counted; the medians are compared. Both sides start from compiled
bytecode, as an installed package does (pip compiles it at install): the
children may write it even where ``PYTHONDONTWRITEBYTECODE`` is set, and the
uncounted round writes what an editable install lacks. Used by
``bench/speed.py``.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import time

from storyline.nlp import MODEL_PACKAGES

STORYLINE = "import storyline; from storyline import nlp; nlp.load()"


def bare_spacy() -> str:
    """The code that loads the same model with spaCy alone."""
    name = next(n for n in MODEL_PACKAGES if importlib.util.find_spec(n) is not None)
    return f"import spacy; spacy.load({name!r})"


_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def _wall(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=_ENV)
    return time.perf_counter() - start


def startup(rounds: int = 3) -> tuple[float, float]:
    """Median seconds to start storyline and to start bare spaCy, over alternating rounds."""
    mine: list[float] = []
    theirs: list[float] = []
    spacy_code = bare_spacy()
    _wall(spacy_code)
    _wall(STORYLINE)
    for _ in range(rounds):
        theirs.append(_wall(spacy_code))
        mine.append(_wall(STORYLINE))
    return statistics.median(mine), statistics.median(theirs)
