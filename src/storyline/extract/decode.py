"""Bytes to text: encoding detection and telling HTML from plain text.

Order of trust: the transport's declared charset (HTTP header), a byte-order
mark, an HTML ``<meta charset>``, then statistical detection. Declared
charsets that fail to decode are ignored rather than trusted.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from storyline.errors import BinaryInputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_TAG = re.compile(r"</?(?:p|div|span|a|br|article|section|h[1-6]|li|meta|script)\b[^>]*>", re.I)


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The text in ``data`` and the encoding used; BinaryInputError if not text."""
    if _looks_binary(data):
        raise BinaryInputError("the input is binary data, not text or HTML")
    for prefix, name in _BOMS:
        if data.startswith(prefix):
            return data.decode(name), name
    candidates: list[str | None] = [declared]
    meta = _META_CHARSET.search(data[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "replace"))
    for candidate in [*candidates, "utf-8"]:
        text = _try(data, candidate)
        if text is not None:
            return text, _normal_name(candidate)
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise BinaryInputError("the input's character encoding cannot be detected")
    return str(best), best.encoding


def looks_like_html(text: str, content_type: str | None = None) -> bool:
    """True when ``text`` is an HTML document rather than plain text."""
    if content_type and "html" in content_type.lower():
        return True
    head = text[:5000]
    return bool(_HTML_START.match(head)) or len(_TAG.findall(head)) >= 5


def _try(data: bytes, name: str | None) -> str | None:
    if not name:
        return None
    try:
        return data.decode(_normal_name(name))
    except (LookupError, UnicodeDecodeError):
        return None


def _normal_name(name: str | None) -> str:
    """Browsers read latin-1 declarations as windows-1252; so do we."""
    lowered = (name or "utf-8").lower()
    if lowered in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
        return "cp1252"
    return lowered


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample) > 0.05
