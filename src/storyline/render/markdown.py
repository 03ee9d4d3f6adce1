"""The Markdown brief."""

from __future__ import annotations

from storyline.models import Record
from storyline.render.brief import build


def to_markdown(record: Record) -> str:
    brief = build(record)
    lines = [f"# {brief.title}", ""]
    lines += [f"- **{label}:** {value}" for label, value in brief.facts]
    if brief.summary:
        lines += ["", "## Summary", ""] + [f"> {s}" for s in brief.summary]
    for table in brief.tables:
        lines += ["", f"## {table.heading}", ""]
        lines.append("| " + " | ".join(table.columns) + " |")
        lines.append("|" + "---|" * len(table.columns))
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
