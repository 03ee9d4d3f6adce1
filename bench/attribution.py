"""Attribution (who said what) on PolNeAR: source, cue and content spans.

PolNeAR annotates every attribution in brat standoff: ``T`` lines are spans
(``Source``, ``Cue``, ``Content``; a span may have several fragments,
``start end;start end``), ``E`` lines tie one attribution's spans together.
An article annotated twice is scored against its first annotation file.

Spans are compared per role (source, cue, content), each fragment a span of
its own and each span counted once however many attributions share it (the
tag-sequence view the published results use), with edge whitespace trimmed:

- exact: a predicted span is right when a gold span of the role has the same
  offsets; precision, recall and F1 over spans;
- token overlap: the word tokens (``\\w+``) inside the role's spans, predicted
  against gold; precision, recall and F1 over tokens.

"Direct" restricts both sides to direct quotes: gold attributions whose
content opens and closes with a quotation mark, storyline quotes of kind
``direct``. Speaker accuracy: over gold direct quotes whose source contains a
proper name, the share of those storyline found (content overlap) whose
speaker as written overlaps the gold source, or whose speaker entity has a
mention there; coverage says how many were found. The calibration table
sorts those found quotes by the record's ``confidence`` into bands and gives
each band's speaker accuracy: a confidence that means something rises with it.

Conventions mapped, not tuned: PolNeAR's direct content includes the
quotation marks, storyline's quote text does not, so a direct or partial
quote's span is widened over the marks around it; a quote running over
several paragraphs is split at the line breaks, as the annotation is.

The stages run on ``nlp(text)`` of the PolNeAR text itself (entities, then
quotes, as in the pipeline), not through extraction: cleaning would drop the
headline and rejoin paragraphs, and the gold offsets are into the raw text.
articles/s counts parsing and both stages.

    python bench/attribution.py [DIR]     # default ../shared/data/polnear/dev
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from storyline import nlp
from storyline.analyze.entities import entities as find_entities
from storyline.analyze.quotes import quotes as find_quotes
from storyline.models import Entity, Quote

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev"
ROLES = ("source", "cue", "content")
MARKS = "\"'“”‘’«»„‚‹›`"

Spans = set[tuple[int, int]]


@dataclass
class Gold:
    spans: dict[str, Spans] = field(default_factory=lambda: {r: set() for r in ROLES})
    direct: dict[str, Spans] = field(default_factory=lambda: {r: set() for r in ROLES})
    direct_sources: list[tuple[Spans, Spans]] = field(default_factory=list)  # (content, source)


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def read_gold(text: str, ann: Path) -> Gold:
    """Spans per role from one brat file (Content2 counts as content)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if re.match(r"T\d+\t", line):
            parts = line.split("\t")
            _label, _, offsets = parts[1].partition(" ")
            frags = []
            for frag in offsets.split(";"):
                a, b = frag.split()
                t = trim(text, int(a), int(b))
                if t:
                    frags.append(t)
            spans[parts[0]] = frags
        elif re.match(r"E\d+\t", line):
            roles = dict(arg.lower().partition(":")[::2] for arg in line.split("\t")[1].split())
            relations.append({role: tid.upper() for role, tid in roles.items()})
    gold = Gold()
    for roles in relations:
        by_role = {
            "source": spans.get(roles.get("source", ""), []),
            "cue": spans.get(roles.get("cue", ""), []),
            "content": spans.get(roles.get("content", ""), [])
            + spans.get(roles.get("content2", ""), []),
        }
        for role, frags in by_role.items():
            gold.spans[role].update(frags)
        if is_direct(text, by_role["content"]):
            for role, frags in by_role.items():
                gold.direct[role].update(frags)
            if by_role["source"]:
                gold.direct_sources.append((set(by_role["content"]), set(by_role["source"])))
    return gold


def is_direct(text: str, content: list[tuple[int, int]]) -> bool:
    if not content:
        return False
    first, last = min(content), max(content)
    return text[first[0]] in MARKS and text[last[1] - 1] in MARKS


def named(doc: Doc, source: Spans) -> bool:
    """The source contains a proper noun: the speaker is named, not only "he"."""
    for a, b in source:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None and any(t.pos_ == "PROPN" for t in span):
            return True
    return False


def widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a quote's span over the quotation marks around it (and any space inside them)."""
    left = start
    while left > 0 and text[left - 1] in " \t":
        left -= 1
    if left > 0 and text[left - 1] in MARKS:
        start = left
        while start > 0 and text[start - 1] in MARKS:
            start -= 1
    right = end
    while right < len(text) and text[right] in " \t":
        right += 1
    if right < len(text) and text[right] in MARKS:
        end = right
        while end < len(text) and text[end] in MARKS:
            end += 1
    return start, end


def split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for m in re.finditer(r"[^\n]+", text[start:end]):
        t = trim(text, start + m.start(), start + m.end())
        if t:
            out.append(t)
    return out


def predicted(text: str, quotes: Iterable[Quote], *, direct_only: bool = False) -> dict[str, Spans]:
    out: dict[str, Spans] = {r: set() for r in ROLES}
    for q in quotes:
        if direct_only and q.kind != "direct":
            continue
        start, end = (q.start, q.end)
        if q.kind in ("direct", "partial"):
            start, end = widen(text, start, end)
        out["content"].update(split_lines(text, start, end))
        for role, span in (("source", q.speaker_text), ("cue", q.cue)):
            if span is not None:
                t = trim(text, span.start, span.end)
                if t:
                    out[role].add(t)
    return out


@dataclass
class Tally:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, pred: Spans | set[int], gold: Spans | set[int]) -> None:
        self.tp += len(pred & gold)
        self.pred += len(pred)
        self.gold += len(gold)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return 100 * p, 100 * r, 100 * f


def token_starts(text: str, spans: Spans, tokens: list[tuple[int, int]]) -> set[int]:
    return {a for a, b in tokens if any(s <= a and b <= e for s, e in spans)}


def speaker_hits(
    doc: Doc,
    gold: Gold,
    quotes: list[Quote],
    entities: dict[str, Entity],
    errors: list[str] | None = None,
    kinds: Counter[str] | None = None,
    outcomes: list[tuple[float, bool]] | None = None,
) -> tuple[int, int, int]:
    """(found, correct, total) over gold direct quotes with a named source;
    each wrong speaker is counted by kind in ``kinds`` and described in
    ``errors``, and each found quote's (confidence, right) is added to
    ``outcomes``, when they are given."""
    text = doc.text
    found = correct = 0
    cases = [(c, s) for c, s in gold.direct_sources if named(doc, s)]
    for content, source in cases:
        best, best_overlap = None, 0
        for q in quotes:
            if q.kind != "direct":
                continue
            qs, qe = widen(text, q.start, q.end)
            overlap = sum(max(0, min(qe, e) - max(qs, s)) for s, e in content)
            if overlap > best_overlap:
                best, best_overlap = q, overlap
        if best is None:
            continue
        found += 1
        spans = [(best.speaker_text.start, best.speaker_text.end)] if best.speaker_text else []
        entity = entities.get(best.speaker or "")
        if entity is not None:
            spans += [(m.start, m.end) for m in entity.mentions]
        right = any(min(e, b) > max(s, a) for s, e in source for a, b in spans)
        if outcomes is not None:
            outcomes.append((best.confidence, right))
        if right:
            correct += 1
            continue
        if kinds is not None:
            kinds[f"{error_kind(best, entity)} ({where(text, best, source)})"] += 1
        if errors is not None:
            errors.append(describe_error(text, best, source, entity))
    return found, correct, len(cases)


PRONOUNS = {"he", "she", "they", "i", "we", "it", "who", "that", "which", "you"}


def error_kind(quote: Quote, entity: Entity | None) -> str:
    """What a wrong speaker is: none found, a pronoun (resolved or not), or another name."""
    if quote.speaker_text is None:
        return "no speaker"
    if quote.speaker_text.text.lower() in PRONOUNS:
        return "pronoun, resolved" if entity is not None else "pronoun, unresolved"
    return "another name" if entity is not None else "a description"


def where(text: str, quote: Quote, source: Spans) -> str:
    """Where the gold speaker is written: in the quote's paragraph (before or
    after it), or in another paragraph."""
    first = min(a for a, _ in source)
    start = text.rfind("\n", 0, quote.start) + 1
    end = text.find("\n", quote.end)
    end = len(text) if end < 0 else end
    if first < start:
        return "gold in an earlier paragraph"
    if first >= end:
        return "gold in a later paragraph"
    return "gold before it" if first < quote.start else "gold after it"


def describe_error(text: str, quote: Quote, source: Spans, entity: Entity | None) -> str:
    """The text around a quote with a wrong speaker, the predicted and the gold speaker."""
    start = max(0, min([quote.start] + [s for s, _ in source]) - 200)
    end = min(len(text), max([quote.end] + [e for _, e in source]) + 200)
    said = quote.speaker_text.text if quote.speaker_text else None
    gold = " / ".join(text[s:e] for s, e in sorted(source))
    context = text[start:end].replace("\n", " ¶ ")
    return (
        f"@{quote.start}: …{context}…\n"
        f"    predicted: {said!r} -> {entity.name if entity else None!r}; gold: {gold!r}"
    )


BANDS = (0.0, 0.5, 0.7, 0.85, 0.95, 0.99)  # lower edges of the confidence bands


def calibration(outcomes: list[tuple[float, bool]]) -> list[tuple[str, int, float]]:
    """(band, quotes, accuracy %) of found direct quotes by speaker confidence."""
    rows = []
    for n, low in enumerate(BANDS):
        high = BANDS[n + 1] if n + 1 < len(BANDS) else 1.01
        inside = [right for confidence, right in outcomes if low <= confidence < high]
        label = f"[{low:.2f}, {min(high, 1.0):.2f}{')' if high <= 1.0 else ']'}"
        accuracy = 100 * sum(inside) / len(inside) if inside else 0.0
        rows.append((label, len(inside), accuracy))
    return rows


def articles(folder: Path) -> list[tuple[str, str, Path]]:
    out = []
    for txt in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(txt.stem + "_*.ann"))
        if anns:
            out.append((txt.stem, txt.read_text(encoding="utf-8"), anns[0]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=0, help="score only the first N articles")
    parser.add_argument(
        "--show-speaker-errors",
        action="store_true",
        help="print each direct quote whose speaker is wrong, with the text around it",
    )
    args = parser.parse_args(argv)
    items = articles(args.dir)
    if args.limit:
        items = items[: args.limit]
    if not items:
        print(f"no PolNeAR articles under {args.dir}", file=sys.stderr)
        return 2
    model = nlp.load()
    exact = {r: Tally() for r in ROLES}
    overlap = {r: Tally() for r in ROLES}
    direct_exact = {r: Tally() for r in ROLES}
    direct_overlap = {r: Tally() for r in ROLES}
    found = correct = total = 0
    kinds: Counter[str] = Counter()
    outcomes: list[tuple[float, bool]] = []
    elapsed = 0.0
    for name, text, ann in items:
        start = time.perf_counter()
        doc = model(text)
        ents = find_entities(doc)
        quotes = list(find_quotes(doc, ents))
        elapsed += time.perf_counter() - start
        gold = read_gold(text, ann)
        tokens = [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]
        for tallies, tok_tallies, pred, gold_spans in (
            (exact, overlap, predicted(text, quotes), gold.spans),
            (direct_exact, direct_overlap, predicted(text, quotes, direct_only=True), gold.direct),
        ):
            for role in ROLES:
                tallies[role].add(pred[role], gold_spans[role])
                tok_tallies[role].add(
                    token_starts(text, pred[role], tokens),
                    token_starts(text, gold_spans[role], tokens),
                )
        errors: list[str] | None = [] if args.show_speaker_errors else None
        f, c, t = speaker_hits(doc, gold, quotes, {e.id: e for e in ents}, errors, kinds, outcomes)
        for error in errors or ():
            print(f"{name} {error}\n")
        found, correct, total = found + f, correct + c, total + t
    rate = len(items) / elapsed if elapsed else 0.0
    print(f"PolNeAR {args.dir} — {len(items)} articles, {rate:.2f} articles/s")
    print(f"{'':30}{'P':>7}{'R':>7}{'F1':>7}   gold   pred")
    for label, tallies in (
        ("exact", exact),
        ("token overlap", overlap),
        ("direct exact", direct_exact),
        ("direct token overlap", direct_overlap),
    ):
        for role in ROLES:
            p, r, f1 = tallies[role].prf()
            g, pr = tallies[role].gold, tallies[role].pred
            print(f"{label + ' ' + role:30}{p:7.1f}{r:7.1f}{f1:7.1f}  {g:6d} {pr:6d}")
    accuracy = 100 * correct / found if found else 0.0
    coverage = 100 * found / total if total else 0.0
    print(
        f"direct-quote speaker accuracy {accuracy:.1f}% "
        f"({correct}/{found} found; {coverage:.1f}% of {total} named gold direct quotes found)"
    )
    if kinds:
        print("wrong speakers: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    print(f"\n{'speaker confidence':20}{'quotes':>8}{'accuracy':>10}")
    for band, count, share in calibration(outcomes):
        print(f"{band:20}{count:8d}{share:9.1f}%")
    figures = {
        "source_exact_f1": exact["source"].prf()[2],
        "cue_exact_f1": exact["cue"].prf()[2],
        "content_exact_f1": exact["content"].prf()[2],
        "source_overlap_f1": overlap["source"].prf()[2],
        "cue_overlap_f1": overlap["cue"].prf()[2],
        "content_overlap_f1": overlap["content"].prf()[2],
        "direct_source_exact_f1": direct_exact["source"].prf()[2],
        "direct_speaker_accuracy": accuracy,
        "articles_per_s": rate,
    }
    print(json.dumps({k: round(v, 2) for k, v in figures.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
