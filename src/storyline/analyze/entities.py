"""Entities: spaCy's named entities grouped by name (first version)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from storyline.models import Entity, Mention

TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC", "NORP": "NORP"}


def entities(doc: Doc) -> tuple[Entity, ...]:
    """Named entities of ``doc``, one per distinct name."""
    groups: dict[tuple[str, str], list[Mention]] = {}
    for ent in doc.ents:
        kind = TYPES.get(ent.label_)
        if kind is None:
            continue
        name = re.sub(r"['’]s$", "", ent.text).strip()
        groups.setdefault((name, kind), []).append(
            Mention(start=ent.start_char, end=ent.end_char, text=ent.text)
        )
    out = []
    for n, ((name, kind), mentions) in enumerate(
        sorted(groups.items(), key=lambda kv: kv[1][0].start), start=1
    ):
        out.append(
            Entity(
                id=f"E{n}",
                name=name,
                type=kind,
                key=f"{name.lower()}|{kind}",
                mentions=tuple(mentions),
                mention_count=len(mentions),
                first_position=mentions[0].start,
            )
        )
    return tuple(out)
