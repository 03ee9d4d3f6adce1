"""Hypothesis strategies and settings shared by the property tests.

Generated articles mix words, sentences and quotation marks (nested, unbalanced), with
control characters, right-to-left script, emoji and combining marks. The seed is fixed
and the example counts are bounded for CI; ``STORYLINE_PROPERTY_EXAMPLES`` raises them
for a longer run (the tests that parse with spaCy run a tenth of that number).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("STORYLINE_PROPERTY_EXAMPLES", "150"))
FAST = settings(max_examples=EXAMPLES, deadline=None, derandomize=True)
SLOW = settings(max_examples=max(EXAMPLES // 10, 12), deadline=None, derandomize=True)

WORDS = [
    "the",
    "port",
    "Mayor",
    "Ana",
    "Ruiz",
    "said",
    "on",
    "Monday",
    "31",
    "fishermen",
    "were",
    "freed",
    "4.5%",
    "of",
    "$12",
    "million",
    "José",
    "Zoë",
    "Müller",
    "reopened",
    "strike",
    "agreed",
    "told",
    "reporters",
    "“We",
    "will”",
    "«non»",
    "‘no’",
]
ODD = [
    '"',
    "“",
    "”",
    "'",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "\x1b[31m",
    "\x1b]0;t\x07",
    "\x00",
    "\x07",
    "\u200b",
    "\u200d",
    "\u202e",
    "\ufeff",
    "e\u0301",
    "\u0301",
    "مرحبا",
    "שלום",
    "👨\u200d👩\u200d👧",
    "🇫🇷",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    ". ",
    ", ",
    " said ",
]
PIECES = st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD), st.text(max_size=4))
ARTICLE = st.lists(PIECES, min_size=1, max_size=80).map(" ".join)


def spans(value: Any) -> Iterator[dict[str, Any]]:
    """Every object in a record's dict with a start, an end and a text."""
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("text"), str):
            yield value
        for item in value.values():
            yield from spans(item)
    elif isinstance(value, list):
        for item in value:
            yield from spans(item)


NAMES = ["Ana Ruiz", "José Müller", "Zoë", "the mayor", "Police", "she", "The ministry", "Obama"]
PLACES = ["Lisbon", "the port", "Kyiv", "São Paulo", "مرحبا"]
CLAUSES = ["we will reopen the port", "no", "the talks failed", "31 fishermen were freed", ""]
TEMPLATES = [
    "{name} said “{clause}.”",
    "“{clause},” {name} told reporters on Monday.",
    "“{clause}” — {name}.",
    "{name} said that {clause}.",
    "{name} arrested {number} protesters in {place} on 3 March.",
    "{name} met {other} in {place} and signed an agreement.",
    "{name} threatened to attack {place} after {number} people were killed.",
    "The strike cost ${number} million, up {number}% from {number} last year.",
    "{number} of the {number} fishermen, or {number}%, were freed.",
]
NUMBERS = ["31", "4.5", "1,300", "12", "two", "0", "99999999999999999999"]
SENTENCE = st.builds(
    lambda template, name, other, place, clause, number, odd: (
        template.format(name=name, other=other, place=place, clause=clause, number=number) + odd
    ),
    st.sampled_from(TEMPLATES),
    st.sampled_from(NAMES),
    st.sampled_from(NAMES),
    st.sampled_from(PLACES),
    st.sampled_from(CLAUSES),
    st.sampled_from(NUMBERS),
    st.sampled_from(["", " ", "\n\n", *ODD]),
)
# News-like text: sentences the stages find facts in, mixed with the odd pieces above.
NEWS = st.lists(st.one_of(SENTENCE, PIECES), min_size=1, max_size=40).map(" ".join)
# One paragraph of a few hundred distinct sentences (numbered, so the repeat detector keeps them).
HUGE = st.lists(SENTENCE, min_size=150, max_size=400).map(
    lambda sentences: " ".join(f"Report {i}: {s}" for i, s in enumerate(sentences))
)
FEW = settings(max_examples=max(EXAMPLES // 50, 3), deadline=None, derandomize=True)
