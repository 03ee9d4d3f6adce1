"""A digest as Markdown or as one self-contained HTML page: what ``storyline digest`` writes."""

from __future__ import annotations

from html import escape
from typing import Any

_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
    "h2{border-bottom:1px solid #ddd}"
)


def _lines(section: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """A watch's news as (heading, lines of plain text)."""
    out: list[tuple[str, list[str]]] = []
    stories = [
        f"{'NEW story' if s['new'] else 'Story'} {s['id']}: {s['title'] or '(untitled)'}"
        f" ({sum(a['copy_of'] is None for a in s['articles'])} new article(s): "
        + "; ".join(
            f"{a['title']} [{a['source']}, {a['date'] or 'undated'}"
            + (f", a copy of article {a['copy_of']}]" if a["copy_of"] is not None else "]")
            for a in s["articles"]
        )
        + ")"
        for s in section["stories"]
    ]
    out.append(("Stories", stories))
    disagreements = [
        f"story {s['id']}: {f['concept']}: "
        + "; ".join(f"{v['text']} ({v['source']})" for v in f["values"])
        for s in section["stories"]
        for f in s["disagreements"]
    ]
    out.append(("Sources disagree", disagreements))
    out.append(
        (
            "Events",
            [f"{e['date'] or 'undated'} {e['type']}: {e['sentence']}" for e in section["events"]],
        )
    )
    out.append(
        ("Quotes", [f"{q['speaker'] or 'unattributed'}: “{q['text']}”" for q in section["quotes"]])
    )
    out.append(("Figures", [f["text"] for f in section["figures"]]))
    return [(h, [" ".join(line.split()) for line in lines]) for h, lines in out if lines]


def _heading(section: dict[str, Any]) -> str:
    if section["watch"] is None:
        return "Everything new"
    return f"Watch: {section['watch']}"


def _since(digest: dict[str, Any]) -> str:
    if digest["since"]:
        return f"Since {digest['since']}."
    if all(section["watch"] is None for section in digest["watches"]):
        return "Everything in the store: there is no watch, so no previous digest."
    return "Since each watch's previous digest (since it was made, before its first)."


def digest_markdown(digest: dict[str, Any]) -> str:
    out = ["# What is new", "", _since(digest), ""]
    for section in digest["watches"]:
        out += [f"## {_heading(section)} ({section['articles']} new article(s))", ""]
        for heading, lines in _lines(section):
            out += [f"### {heading}", "", *(f"- {line}" for line in lines), ""]
    return "\n".join(out).rstrip() + "\n"


def digest_html(digest: dict[str, Any]) -> str:
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8"><title>What is new</title>',
        f"<style>{_STYLE}</style></head><body><h1>What is new</h1>",
        f"<p>{escape(_since(digest))}</p>",
    ]
    for section in digest["watches"]:
        parts.append(f"<h2>{escape(_heading(section))} ({section['articles']} new article(s))</h2>")
        for heading, lines in _lines(section):
            parts.append(f"<h3>{escape(heading)}</h3><ul>")
            parts += [f"<li>{escape(line)}</li>" for line in lines]
            parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
