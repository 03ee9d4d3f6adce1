"""Figures: the quantities of an article (``figures(doc, entities, date, times)``) and the
checks between them (``checks(figures, text)``); the recipe is in ``stage``."""

from storyline.analyze.figures.consistency import checks
from storyline.analyze.figures.stage import figures

__all__ = ["checks", "figures"]
