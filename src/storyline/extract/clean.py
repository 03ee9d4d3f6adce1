"""Text-level cleaning that runs on every input, HTML or plain text.

Scrapers and extractors leave residue behind: ad-network placeholders, comment
and share prompts, reaction counters, breadcrumbs, "Read more" lists, cookie
notices. Each rule below removes whole lines and says why; nothing is dropped
without a ``Removed`` entry naming its rule.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from storyline.extract.text import count_words
from storyline.models import Removed

# (rule, plain-language reason, pattern matched against a whole stripped line), in
# the order they are tried.
_LINE_RULES: tuple[tuple[str, str, str], ...] = (
    # Counters: "0", "83", "1.2K", "15 shares", "3 min read" on a line of their own.
    (
        "counter",
        "reaction, share or view counter",
        r"(?:\d[\d,.]*\s*[km]?(?:\s+(?:views?|shares?|likes?|reactions?|comments?|reads?))?|"
        r"\d+\s+min(?:ute)?s?\s+read)",
    ),
    (
        "ad_placeholder",
        "ad-network placeholder",
        r"(?:ezoic(?:\s+\w+)?|advertisement|advertising|advert|sponsored(?: content)?|ad|"
        r"story continues below(?: this)? advertisement|report this ad|"
        r"\(?adsbygoogle\b.*|googletag\..*|continue reading below|scroll to continue)[.:]?",
    ),
    (
        "comment_prompt",
        "comment form",
        r"(?:leave a (?:reply|comment)|post a comment|add (?:a )?comment|comments?|"
        r"\d+ comments?|no comments(?: yet)?|cancel reply|join the (?:conversation|discussion)|"
        r"your email address will not be published\.?.*|required fields are marked.*|"
        r"(?:name|email|website|comment)\s*\*?|save my name, email.*|"
        r"you must be logged in to post a comment\.?|view comments|show comments)[.:]?",
    ),
    (
        "share_prompt",
        "share prompt",
        r"(?:share(?: this(?: article| story| post)?)?|share on \w+|click to share on .*|"
        r"tweet|pin it|print|copy link|e-?mail this|follow us on .*|like this:?|"
        r"(?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|email)"
        r"(?:\s*[|/·]\s*(?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|email))*)"
        r"[.:]?",
    ),
    (
        "subscribe_prompt",
        "subscribe or newsletter prompt",
        r"(?:subscribe(?: now| today| to .*)?|sign up (?:for|to) (?:our|the) .*newsletter.*|"
        r"get (?:our|the) .*newsletter.*|newsletter sign[- ]?up|"
        r"(?:sign up|subscribe) to (?:get|receive) .*|already a subscriber\?.*)[.!:]?",
    ),
    (
        "cookie_notice",
        "cookie notice",
        r"(?:.*\b(?:we|this (?:web)?site) uses? cookies\b.*|accept (?:all )?cookies|"
        r"cookie (?:policy|settings|preferences)|by continuing to (?:use|browse) this site.*)",
    ),
    (
        "related_list",
        "'Read more' or 'Related' list",
        r"(?:read more|read also|see also|related(?: articles| stories| news| posts| content)?|"
        r"more from .{1,40}|you may also like|recommended(?: for you)?|most read|"
        r"trending(?: now)?|more stories|(?:read more|related|see also)\s*:.*)[.:]?",
    ),
    (
        "breadcrumb",
        "breadcrumb trail",
        r"home\s*(?:[>»›/|]\s*[^>»›/|]{1,40}){1,6}",
    ),
)
# All rules in one pattern, each a named branch: one match a line instead of one a
# rule, and the first rule that matches the whole line still wins.
_RESIDUE = re.compile("|".join(f"(?P<{rule}>{pattern})" for rule, _, pattern in _LINE_RULES), re.I)
_REASONS = {rule: reason for rule, reason, _ in _LINE_RULES}
# Counters are only residue before the first or after the last prose paragraph.
_EDGE_ONLY = {"counter"}


@dataclass(frozen=True, slots=True)
class Residue:
    line: str
    rule: str
    reason: str


def classify(line: str) -> Residue | None:
    """The residue rule a whole line matches, ignoring position, or None."""
    stripped = line.strip().strip("•·|–—-").strip()
    if not stripped or len(stripped) > 200:
        return None
    match = _RESIDUE.fullmatch(stripped)
    if match is None or match.lastgroup is None:
        return None
    return Residue(line, match.lastgroup, _REASONS[match.lastgroup])


# Punctuation that closes a sentence, in Latin script and in Chinese and Japanese.
_SENTENCE_END = re.compile(r"[.!?…\"”’)。！？」』）]\s*$")
_PROSE_WORDS = 8


def is_prose(line: str) -> bool:
    """A line that reads as running text: several words and sentence punctuation."""
    return count_words(line, _PROSE_WORDS) >= _PROSE_WORDS and bool(_SENTENCE_END.search(line))


def remove_residue(lines: list[str]) -> tuple[list[str], list[Removed]]:
    """Drop residue lines; counters only at the top or bottom.

    The headline links listed under a "Read more" or "Related" heading go with
    it, up to the next line of prose.
    """
    # The first and the last line of prose, each sought from its end of the text: the
    # lines between them need not be read, and are most of an article.
    first = next((i for i, line in enumerate(lines) if is_prose(line)), len(lines))
    last = next((i for i in range(len(lines) - 1, first - 1, -1) if is_prose(lines[i])), -1)
    kept: list[str] = []
    removed: list[Removed] = []
    in_list = False
    for i, line in enumerate(lines):
        residue = classify(line)
        if residue and (residue.rule not in _EDGE_ONLY or i < first or i > last):
            removed.append(Removed(text=line.strip(), reason=residue.reason, rule=residue.rule))
            in_list = residue.rule == "related_list"
            continue
        if in_list and not is_prose(line) and count_words(line) <= 20:
            removed.append(Removed(line.strip(), "'Read more' or 'Related' list", "related_list"))
            continue
        in_list = False
        kept.append(line)
    return kept, removed


_HARD_WRAP_MIN = 40
# A run of spaces, tabs and no-break spaces becomes one space. A single space is left
# alone, not matched: replacing every space between words with itself rebuilt the text.
_SPACES = re.compile(r"[ \t\u00a0]{2,}|[\t\u00a0]")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of ``text``: blank-line blocks, or lines when no block is hard-wrapped.

    Scraped text puts one paragraph per line, but e-mail and wire copy wrap
    lines at a fixed width; a block whose lines mostly run on into the next
    (no closing punctuation, next line starts lower-case) is joined.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n\n")
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if len(lines) > 1 and _hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return [_SPACES.sub(" ", p) if _spaced(p) else p for p in paragraphs]


def _spaced(paragraph: str) -> bool:
    """True if ``_SPACES`` has something to replace. Most paragraphs have nothing, and
    three substring searches tell so several times faster than the pattern's scan."""
    return "  " in paragraph or "\t" in paragraph or "\u00a0" in paragraph


def _hard_wrapped(lines: list[str]) -> bool:
    runs_on = sum(
        1
        for line, nxt in itertools.pairwise(lines)
        if len(line) >= _HARD_WRAP_MIN and not re.search(r"[.!?:\"”]$", line) and nxt[:1].islower()
    )
    return runs_on >= max(1, (len(lines) - 1) // 2)
