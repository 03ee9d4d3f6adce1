"""The brief's content, format-neutral: a title, facts lines and tables.

Markdown and HTML render the same ``Brief``, so the two cannot disagree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from storyline.models import Actor, Event, Record, TimeExpression


@dataclass(frozen=True, slots=True)
class Table:
    heading: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Brief:
    title: str
    facts: tuple[tuple[str, str], ...]  # (label, value) lines under the title
    summary: tuple[str, ...]
    tables: tuple[Table, ...]


def build(record: Record) -> Brief:
    meta = record.metadata
    q = record.quality
    facts = [
        ("Source", meta.url or meta.source or "—"),
        ("Published", meta.date or "unknown"),
        ("Language", meta.language or "unknown"),
    ]
    if meta.authors:
        facts.append(("By", ", ".join(meta.authors)))
    if meta.sitename:
        facts.append(("Site", meta.sitename))
    facts.append(
        (
            "Quality",
            f"{q.chars_out:,} characters kept, {q.chars_removed:,} removed"
            + (f"; {'; '.join(q.flags)}" if q.flags else ""),
        )
    )
    facts.extend(("Warning", w) for w in record.warnings)
    tables = [
        _removed(record),
        _who(record),
        _quotes(record),
        _figures(record),
        _checks(record),
        _events(record),
    ]
    return Brief(
        title=meta.title or "(untitled)",
        facts=tuple(facts),
        summary=tuple(s.text for s in record.summary),
        tables=tuple(t for t in tables if t.rows),
    )


def _removed(record: Record) -> Table:
    removed = record.quality.removed
    rows = [(_cut(r.text), r.reason) for r in removed if r.rule != "boilerplate"]
    boilerplate = [r for r in removed if r.rule == "boilerplate"]
    if boilerplate:
        chars = sum(len(r.text) for r in boilerplate)
        rows.append((f"{len(boilerplate)} blocks, {chars:,} characters", boilerplate[0].reason))
    rows += [
        (_cut(r.text), f"repeats “{_cut(r.of)}” (similarity {r.similarity:.2f})")
        for r in record.quality.repeats
    ]
    return Table("Removed from the text", ("Text", "Why"), tuple(rows))


def _who(record: Record) -> Table:
    """Who's who: each entity with its roles (and whose), other names and mention count."""
    kinds = {"PERSON": "person", "ORG": "organisation", "GPE": "country or city"}
    kinds.update({"LOC": "place", "NORP": "group"})
    rows = []
    for e in sorted(record.entities, key=lambda e: (-e.mention_count, e.first_position)):
        roles = []
        for r in e.roles:
            name = r.affiliation_name
            roles.append(f"{r.text} ({name})" if name and name not in r.text else r.text)
        pronouns = sum(m.pronoun for m in e.mentions)
        count = str(e.mention_count)
        if pronouns:
            count += f" ({pronouns} pronoun{'s' if pronouns > 1 else ''})"
        rows.append(
            (
                e.name + (" (ambiguous)" if e.ambiguous else ""),
                kinds.get(e.type, e.type),
                "; ".join(dict.fromkeys(roles)),
                ", ".join(e.aliases),
                count,
            )
        )
    return Table("Who's who", ("Name", "Type", "Roles", "Also called", "Mentions"), tuple(rows))


def _quotes(record: Record) -> Table:
    """Quotes grouped by speaker (groups in order of first quote), with role and cue."""
    by_speaker: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for quote in record.quotes:
        entity = record.entity(quote.speaker)
        speaker = entity.name if entity else quote.speaker_name or "(unknown)"
        role = quote.speaker_role or (entity.roles[0].text if entity and entity.roles else "")
        cue = quote.cue.text if quote.cue else ""
        by_speaker[entity.id if entity else speaker].append(
            (speaker, role, quote.kind, cue, f"“{_cut(quote.text.rstrip(' ,'), 240)}”")
        )
    rows = tuple(row for group in by_speaker.values() for row in group)
    return Table("Who said what", ("Speaker", "Role", "Kind", "Cue", "Quote"), rows)


def _figures(record: Record) -> Table:
    rows = []
    for f in record.figures:
        if f.alternatives:
            value = " or ".join(f"{v:,.10g}" for v in f.alternatives)
        elif f.low is not None and f.high is not None and f.low != f.high:
            value = f"{f.low:,.10g}–{f.high:,.10g}"
        else:
            value = f"{f.value:,.10g}" if f.value is not None else ""
        qualifier = _QUALIFIERS.get(f.qualifier, f.qualifier)
        if f.direction and f.qualifier not in ("up", "down"):
            move = "a rise" if f.direction == "up" else "a fall"
            qualifier = f"{qualifier}, after {move}".lstrip(", ")  # "fell to 3.2 million"
        about = record.entity(f.about)
        who = about.name if about else (f.subject.text if f.subject else "")
        if who.lower() in _PRONOUNS:
            who = ""  # an unresolved pronoun tells the reader nothing
        rows.append((f.id, f.text, value, f.unit or "", qualifier, f.concept or "", who))
    columns = ("Id", "Figure", "Value", "Unit", "Qualifier", "Counts", "About")
    return Table("Figures", columns, tuple(rows))


_PRONOUNS = frozenset(["it", "they", "he", "she", "we", "i", "you", "this", "that", "these"])
_QUALIFIERS = {
    "=": "",
    "~": "approximately",
    ">": "more than",
    "<": "at most",
    "up": "rise of",
    "down": "fall of",
}


def _checks(record: Record) -> Table:
    verdicts = {
        "consistent": "✓ consistent",
        "inconsistent": "✗ inconsistent",
        "unclear": "? unclear",
    }
    rows = tuple(
        (c.kind, verdicts.get(c.verdict, c.verdict), ", ".join(c.figures), c.explanation)
        for c in record.checks
    )
    return Table("Checks between figures", ("Check", "Verdict", "Figures", "Explanation"), rows)


def _events(record: Record) -> Table:
    """When, who, did what (PLOVER type and mode), to whom, where, in which sentence.

    Bare mentions (an event noun with no actor, time, place or figure, such
    as a later "the release") are counted in the note, not listed.
    """
    by_id = {ev.id: ev for ev in record.events}
    figures = {f.id: f.text for f in record.figures}
    rows = []
    bare = 0
    for ev in record.events:
        if not (ev.sources or ev.targets or ev.time or ev.place or ev.figures):
            bare += 1
            continue
        kind = ev.type + (f" ({ev.mode})" if ev.mode else "")
        flags = [f"about {ev.act}" if ev.act else ""]
        flags += ["negated" if ev.negated else "", "" if ev.modality == "asserted" else ev.modality]
        flags.append(f"reported ({ev.quote})" if ev.quote else "reported" if ev.reported else "")
        told = ", ".join(f for f in flags if f)
        counts = ", ".join(figures.get(f, f) for f in ev.figures)
        rows.append(
            (
                _when(ev.time, by_id.get(ev.relative_to or "")),
                ", ".join(_party(record, a) for a in ev.sources),
                f"{kind}: {ev.trigger.text}"
                + (f" [{told}]" if told else "")
                + (f" ({counts})" if counts else ""),
                ", ".join(_party(record, a) for a in ev.targets),
                ev.place.text if ev.place else "",
                _cut(ev.sentence.text, 200),
            )
        )
    plural = "" if bare == 1 else "s"
    note = f"{bare} further mention{plural} without actors, time, place or figures left out."
    return Table(
        "Events",
        ("When", "Who", "Did what", "To whom", "Where", "Sentence"),
        tuple(rows),
        note if bare else "",
    )


def _party(record: Record, actor: Actor) -> str:
    """The actor's entity name, with the words when they say more ("Russian drones")."""
    entity = record.entity(actor.entity)
    if entity is None:
        return actor.text
    if actor.text == entity.name or actor.text in entity.aliases or len(actor.text.split()) < 2:
        return entity.name
    if entity.name in actor.text:
        return actor.text
    return f"{actor.text} ({entity.name})"


def _when(time: TimeExpression | None, other: Event | None) -> str:
    if time is None:
        return ""
    text = time.text + (f" “{other.trigger.text}”" if other is not None else "")
    return text + (f" ({time.value})" if time.value and time.value != time.text else "")


def _cut(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
