"""A story as Markdown: what ``storyline story ID`` prints."""

from __future__ import annotations

from typing import Any


def _cell(value: Any) -> str:
    return " ".join(str("" if value is None else value).split()).replace("|", "\\|")


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    return [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows),
    ]


def story_markdown(story: dict[str, Any]) -> str:
    """The story's title, facts, sources, articles, figures, quotes, events and timeline."""
    out = [f"# {story['title'] or '(untitled)'}", ""]
    out += [
        f"- **Story:** {story['id']}",
        f"- **Dates:** {story['first_date'] or 'undated'} – {story['last_date'] or 'undated'}",
        f"- **Articles:** {story['article_count']}",
        f"- **Sources:** {', '.join(story['sources'])}",
        "",
    ]
    if story["summary"]:
        out += ["## Summary", ""]
        out += [f"> {s['text']} [article {s['article_id']}]" for s in story["summary"]]
        out.append("")
    out += ["## Articles", ""]
    out += _table(
        ["Id", "Date", "Source", "Title", "Copies"],
        [
            [
                a["id"],
                a["date"],
                a["source"],
                a["title"],
                ", ".join(f"{c['document']} ({c['source']})" for c in a["copies"]),
            ]
            for a in story["articles"]
        ],
    )
    if story["entities"]:
        out += ["", "## Who's who", ""]
        out += _table(
            ["Name", "Type", "Articles", "Roles"],
            [
                [e["name"], e["type"], e["articles"], "; ".join(e["roles"])]
                for e in story["entities"]
            ],
        )
    if story["figures"]:
        out += ["", "## Figures across sources", ""]
        out += _table(
            ["Counts", "Values", "Sources disagree"],
            [
                [
                    f"{f['concept']} ({f['frame']})" if f["frame"] else f["concept"],
                    "; ".join(
                        f"{v['text']} ({v['source']}, article {v['article_id']})"
                        for v in f["values"]
                    ),
                    "**yes**" if f["disagreement"] else "no",
                ]
                for f in story["figures"]
            ],
        )
    if story["quotes"]:
        out += ["", "## Who said what", ""]
        for group in story["quotes"]:
            out.append(f"**{group['speaker']}**")
            out += [f"- “{q['text']}” (article {q['article_id']})" for q in group["quotes"]]
            out.append("")
    out += ["", "## Timeline", ""]
    out += _table(
        ["Date", "Kind", "Article", "What"],
        [
            [i["date"] or "undated", i["kind"], i["article_id"], i["text"]]
            for i in story["timeline"]
        ],
    )
    if "explain" in story:
        out += ["", "## Why these articles", ""]
        out += _table(
            ["Article", "Decision", "Score", "Signals", "Runner-up"],
            [
                [
                    m["article_id"],
                    m["decision"],
                    m["score"],
                    ", ".join(f"{k} {v:.2f}" for k, v in m["signals"].items()),
                    (
                        f"story {m['runner_up']['story']} at {m['runner_up']['score']:.2f}"
                        if m["runner_up"]
                        else "none"
                    ),
                ]
                for m in story["explain"]
            ],
        )
    return "\n".join(out).rstrip() + "\n"
