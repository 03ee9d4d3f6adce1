"""Who said what: the quotes stage (``quotes(doc, entities)``), its recipe in ``stage``."""

from storyline.analyze.quotes.stage import quotes

__all__ = ["quotes"]
