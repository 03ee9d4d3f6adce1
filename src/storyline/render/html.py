"""The HTML brief: one self-contained page."""

from __future__ import annotations

from html import escape

from storyline.models import Record
from storyline.render.brief import build

_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}blockquote{border-left:3px solid #999;margin:.5rem 0;padding-left:1rem}
dt{font-weight:600;float:left;clear:left;width:7rem}dd{margin-left:8rem}
"""


def to_html(record: Record) -> str:
    brief = build(record)
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(brief.title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(brief.title)}</h1><dl>",
    ]
    parts += [f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in brief.facts]
    parts.append("</dl>")
    if brief.summary:
        parts.append("<h2>Summary</h2>")
        parts += [f"<blockquote>{escape(s)}</blockquote>" for s in brief.summary]
    for table in brief.tables:
        parts.append(f"<h2>{escape(table.heading)}</h2><table><thead><tr>")
        parts += [f"<th>{escape(c)}</th>" for c in table.columns]
        parts.append("</tr></thead><tbody>")
        for row in table.rows:
            parts.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
