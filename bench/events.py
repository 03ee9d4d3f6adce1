"""PLOVER event coding on the gold-standard records: type and actors.

Each gold record is one sentence with one event: its type, and source and
target actors as text. The older names in the records are mapped to the
current manual's: DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, INVESTIGATE ->
ACCUSE, FIGHT -> ASSAULT.

What is scored is the product: the events the pipeline itself produces,
found by the same stages ``storyline analyze`` runs (the same parse, the
entities and quotes stages, then ``events.events``) on the sentence alone,
with no article date; figures and times, which only fill in an event's
figures and date, are left empty. The pipeline may find several events in a
sentence; they are reduced to one by ``events.main_event``, the library's
rule: the event whose trigger lies nearest the root of the dependency parse
(ties: a verb before a noun, then the earlier trigger). Acts folded into a frame ("called on X to
release") are already part of the frame's event. The rule is fixed in the
library and does not look at the gold.

The keyword-only baseline looks each word's lemma up in the same lexicon
(verb senses for verbs, noun senses otherwise) and takes the first hit in the
sentence, with no parse, frames or modality; its source is the nearest named
entity before the trigger and its target the nearest one after it.

Scores, over all records:
- type accuracy: the predicted type equals the gold type (no event counts wrong);
- macro-F1: per-type F1 over the 16 types, averaged;
- source / target match: over records whose gold names a source (target),
  the share where a predicted actor's text overlaps a gold actor's text,
  i.e. they share a word other than a stop word. An actor linked to an
  entity is read with the entity's name too, so a resolved pronoun counts.
sentences/s counts parsing and all stages, for storyline only.

    python bench/events.py [FILE]     # default ../shared/data/plover/gold-dev.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from storyline import nlp
from storyline.analyze.entities import entities as find_entities
from storyline.analyze.events import events as find_events
from storyline.analyze.events import main_event
from storyline.analyze.events.lexicon import TYPES
from storyline.analyze.events.lexicon import load as load_lexicon
from storyline.analyze.quotes import quotes as find_quotes
from storyline.models import Actor

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "plover" / "gold-dev.json"
OLD_NAMES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "with",
        "from",
        "its",
        "their",
        "his",
        "her",
        "s",
    ]
)
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


@dataclass(frozen=True, slots=True)
class Prediction:
    type: str | None
    sources: tuple[str, ...]
    targets: tuple[str, ...]


def actor_texts(value: Any) -> list[str]:
    """Gold actor texts: the field is a list of actors, an empty string or absent."""
    if not isinstance(value, list):
        return []
    return [a["actorText"] for a in value if isinstance(a, dict) and a.get("actorText")]


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if w not in STOP}


def overlaps(predicted: tuple[str, ...], gold: list[str]) -> bool:
    gold_words = set().union(*(words(g) for g in gold)) if gold else set()
    return any(words(p) & gold_words for p in predicted)


def storyline(doc: Doc) -> Prediction:
    entities = find_entities(doc)
    quotes = find_quotes(doc, entities)
    event = main_event(find_events(doc, entities, quotes, (), (), None), doc)
    if event is None:
        return Prediction(None, (), ())
    names = {e.id: e.name for e in entities}

    def texts(actors: tuple[Actor, ...]) -> tuple[str, ...]:
        # A pronoun's words are its entity's name: "it" in "Syria says it will".
        return tuple(f"{a.text} {names[a.entity]}" if a.entity in names else a.text for a in actors)

    return Prediction(event.type, texts(event.sources), texts(event.targets))


def baseline(doc: Doc) -> Prediction:
    lex = load_lexicon()
    for token in doc:
        lemma = token.lemma_.lower()
        entry = lex.verbs.get(lemma) if token.pos_ == "VERB" else lex.nouns.get(lemma)
        if entry is None:
            continue
        before = [e for e in doc.ents if e.label_ in ACTOR_LABELS and e.end <= token.i]
        after = [e for e in doc.ents if e.label_ in ACTOR_LABELS and e.start > token.i]
        return Prediction(
            entry.type,
            (before[-1].text,) if before else (),
            (after[0].text,) if after else (),
        )
    return Prediction(None, (), ())


def score(golds: list[dict[str, Any]], preds: list[Prediction]) -> dict[str, float]:
    types = [OLD_NAMES.get(g["event"], g["event"]) for g in golds]
    right = sum(p.type == t for p, t in zip(preds, types, strict=True))
    f1s = []
    for kind in TYPES:
        tp = sum(p.type == kind == t for p, t in zip(preds, types, strict=True))
        fp = sum(p.type == kind != t for p, t in zip(preds, types, strict=True))
        fn = sum(t == kind != p.type for p, t in zip(preds, types, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    src = [(p, actor_texts(g.get("source"))) for p, g in zip(preds, golds, strict=True)]
    tgt = [(p, actor_texts(g.get("target"))) for p, g in zip(preds, golds, strict=True)]
    src = [(p, a) for p, a in src if a]
    tgt = [(p, a) for p, a in tgt if a]
    return {
        "type_accuracy": 100 * right / len(golds),
        "macro_f1": 100 * sum(f1s) / len(f1s),
        "source_match": 100 * sum(overlaps(p.sources, a) for p, a in src) / max(len(src), 1),
        "target_match": 100 * sum(overlaps(p.targets, a) for p, a in tgt) / max(len(tgt), 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    args = parser.parse_args(argv)
    if not args.file.exists():
        print(f"no gold records at {args.file}", file=sys.stderr)
        return 2
    golds = json.loads(args.file.read_text(encoding="utf-8"))
    language = nlp.load()
    language("warm up")
    started = time.perf_counter()
    docs = list(language.pipe(g["text"] for g in golds))
    ours = [storyline(doc) for doc in docs]
    speed = len(golds) / (time.perf_counter() - started)
    base = [baseline(doc) for doc in docs]
    mine, theirs = score(golds, ours), score(golds, base)

    print(f"PLOVER gold records: {len(golds)} sentences ({args.file})")
    print(f"{'metric':<16}{'storyline':>11}{'keywords':>11}")
    for key in mine:
        print(f"{key:<16}{mine[key]:>10.1f}%{theirs[key]:>10.1f}%")
    print(f"sentences/s     {speed:>10.1f}")
    print()
    print(f"{'type':<11}{'gold':>5}{'storyline':>11}{'keywords':>10}")
    gold_types = [OLD_NAMES.get(g["event"], g["event"]) for g in golds]
    counts = Counter(gold_types)
    for kind in TYPES:
        hit = sum(p.type == kind == t for p, t in zip(ours, gold_types, strict=True))
        hit_base = sum(p.type == kind == t for p, t in zip(base, gold_types, strict=True))
        print(f"{kind:<11}{counts[kind]:>5}{hit:>11}{hit_base:>10}")
    missed = sum(p.type is None for p in ours)
    print(f"no event found: {missed} sentences")
    figures = {
        **mine,
        "baseline_type_accuracy": theirs["type_accuracy"],
        "baseline_source_match": theirs["source_match"],
        "baseline_target_match": theirs["target_match"],
        "sentences_per_s": speed,
    }
    print(json.dumps({k: round(v, 1) for k, v in figures.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
