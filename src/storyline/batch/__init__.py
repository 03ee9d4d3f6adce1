"""Batch engines: map storyline's analysis over many documents; they hold no analysis logic."""

from storyline.batch.pool import analyze_items, run

__all__ = ["analyze_items", "run"]
