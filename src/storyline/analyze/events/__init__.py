"""PLOVER events: who did what to whom, where, when, with which figures.

``coding`` holds the recipe; ``triggers`` finds event words through the
``lexicon``; ``modality`` folds requested, promised or refused acts into their
frame; ``roles`` reads source and target actors; ``context`` attaches place,
time, figures and the enclosing quote.
"""

from storyline.analyze.events.coding import events, main_event

__all__ = ["events", "main_event"]
