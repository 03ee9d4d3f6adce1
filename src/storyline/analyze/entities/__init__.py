"""Entities: one per real-world referent (``entities(doc)``), the recipe in ``stage``."""

from storyline.analyze.entities.stage import entities, entity_key

__all__ = ["entities", "entity_key"]
