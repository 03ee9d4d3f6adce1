"""Text hygiene at decode time: what no article should carry into the record.

Terminal escape sequences (``ESC[31m``, ``ESC]0;title BEL``) go whole, not
just their ESC byte, so no colour code or window title reaches a brief; other
control characters go too, except tab and newline (carriage returns, form
feeds and vertical tabs become newlines). Zero-width and bidirectional control
characters are invisible and would otherwise stick to names and span edges;
they go, except a zero-width joiner between two emoji, where it builds one
pictogram; so do U+FFFE (a byte-order mark read in the wrong byte order) and
U+FFFF, which are not characters at all. The text is then normalised to NFC,
so a name written with combining accents is the same name as its precomposed
spelling. What is left is text an XML tree can hold, so the HTML parser need
not scan the page for such characters again.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from storyline.models import Removed

# Every control character, for text that is a query, a key or a name rather than an article.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"[\r\v\f\x85\u2028\u2029]")  # once each "\r\n" is one "\n"
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    r"|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?"  # OSC: window titles, hyperlinks
    r"|\x1b[PX^_][^\x1b\n]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[ -/]*[0-~]?"  # two- and three-byte escapes, or a lone ESC
    r"|\x9b[0-?]*[ -/]*[@-~]"  # eight-bit CSI
    r"|[\x00-\x08\x0e-\x1f\x7f-\x9f]"
)
_PICTOGRAPH = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2bff\u3030\u303d\U0001f000-\U0001faff\ufe0f"
)
# Each branch opens with its character, not a look-behind, so the scan for them is quick.
_INVISIBLE = re.compile(
    r"[\u200b\u200c\u2060\ufeff\ufffe\uffff\u00ad\u180e]"  # zero-width, BOMs, soft hyphen
    r"|[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]"  # bidirectional controls
    rf"|\u200d(?:(?<![{_PICTOGRAPH}]\u200d)|(?![{_PICTOGRAPH}]))"  # a joiner outside an emoji
)
# The characters each pattern above can start with. One scan for all of them is
# several times faster than running the patterns, and most pages have none; a
# pattern runs only when a character it starts with is there.
_STARTS = {
    _NEWLINES: "\r\v\f\x85\u2028\u2029",
    _CONTROL: "\x00-\x08\x0e-\x1f\x7f-\x9f",
    _INVISIBLE: "\u200b-\u200f\u2060\ufeff\ufffe\uffff\u00ad\u180e\u061c\u202a-\u202e\u2066-\u2069",
}
_STARTERS = {pattern: re.compile(f"[{chars}]") for pattern, chars in _STARTS.items()}
_SUSPECT = re.compile(f"[{''.join(_STARTS.values())}]")
CONTROL_REASON = "control or terminal escape characters"
INVISIBLE_REASON = "zero-width or bidirectional control characters"


def scrub(text: str) -> tuple[str, list[Removed]]:
    """``text`` without control, escape and invisible characters, in NFC; and what went."""
    removed = []
    present = "".join(set(_SUSPECT.findall(text)))
    if _STARTERS[_NEWLINES].search(present):
        text = _NEWLINES.sub("\n", text.replace("\r\n", "\n"))
    for pattern, reason, rule in (
        (_CONTROL, CONTROL_REASON, "control_characters"),
        (_INVISIBLE, INVISIBLE_REASON, "invisible_characters"),
    ):
        found = pattern.findall(text) if _STARTERS[pattern].search(present) else []
        if found:
            text = pattern.sub("", text)
            removed.append(Removed(_listed(found), reason, rule))
    return unicodedata.normalize("NFC", text), removed


def scrub_line(text: str | None) -> str | None:
    """A metadata value (a title, a name) scrubbed the same way, on one line."""
    if text is None:
        return None
    return " ".join(scrub(text)[0].split()) or None


def _listed(found: list[str]) -> str:
    """The distinct sequences removed, each written visibly (``\\x1b[31m``) with its count."""
    counts = Counter(found)
    shown = ((item.encode("unicode_escape").decode("ascii"), n) for item, n in counts.items())
    return ", ".join(f"{s} ×{n}" if n > 1 else s for s, n in shown)
