"""Record -> JSON, Markdown brief, HTML brief."""

from __future__ import annotations

import json

from storyline.models import Record
from storyline.render.html import to_html
from storyline.render.markdown import to_markdown

FORMATS = ("json", "md", "html")


def render(record: Record, fmt: str) -> str:
    """``record`` in format ``fmt`` (json, md or html)."""
    if fmt == "json":
        return json.dumps(record.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "md":
        return to_markdown(record)
    if fmt == "html":
        return to_html(record)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "render"]
