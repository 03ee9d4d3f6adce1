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


# Leading bytes of the binary formats that arrive where an article is expected.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE office document (Word, Excel or PowerPoint)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg audio or video file"),
    (b"ID3\x03", "an MP3 audio file"),
    (b"ID3\x04", "an MP3 audio file"),
    (b"\x1aE\xdf\xa3", "a Matroska or WebM video"),
)
# Bytes that text does not hold, beyond a few: all below 32 but tab, newlines, form feed and ESC.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
# A ZIP archive is named by the files inside it that office formats keep.
_ZIP_MEMBERS = (
    (b"word/", "a Word document"),
    (b"xl/", "an Excel spreadsheet"),
    (b"ppt/", "a PowerPoint presentation"),
    (b"application/epub+zip", "an EPUB book"),
    (b"application/vnd.oasis.opendocument", "an OpenDocument file"),
)


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The text in ``data`` and the encoding used; BinaryInputError if not text."""
    kind = binary_kind(data)
    if kind:
        raise BinaryInputError(f"{kind}, not an article")
    if _looks_binary(data):
        raise BinaryInputError("the input is binary data, not text or HTML")
    for prefix, name in _BOMS:
        if data.startswith(prefix):
            return data.decode(name), name
    text = _try(data, declared)
    if text is not None:
        return text, _normal_name(declared)
    meta = _META_CHARSET.search(data[:4096])
    if meta:
        # A page's own declaration counts only if, read in the encoding it names, the
        # page still says so: a UTF-8 page declaring "utf-16" or an EBCDIC code page
        # would come out as other characters (browsers read such a page as ASCII-based).
        named = meta.group(1).decode("ascii", "replace")
        text = _try(data, named)
        if (
            text is not None
            and meta.group(0).decode("ascii", "replace").lower() in text[:4096].lower()
        ):
            return text, _normal_name(named)
    text = _try(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise BinaryInputError("the input's character encoding cannot be detected")
    if best.encoding in _WESTERN and (text := _try(data, "cp1252")) is not None:
        return text, "cp1252"
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


def binary_kind(data: bytes) -> str | None:
    """The name of the binary format ``data`` starts with ("a PDF document"), if any."""
    head = data[:16]
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return name
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file"}.get(
            head[8:12], "an AVI video"
        )
    if head[4:8] == b"ftyp":
        return "an MP4 or QuickTime video"
    if head.startswith(b"PK\x03\x04"):
        sample = data[:65536]
        return next((name for member, name in _ZIP_MEMBERS if member in sample), "a ZIP archive")
    return None


# Code pages that a detector tells apart from windows-1252 only by a guess at the language,
# for text in a Western European language: they share its letters. Browsers read such
# unlabelled text as windows-1252, and so does storyline when the bytes fit it. (Central
# European and Baltic code pages are not among them: their letters differ.)
_WESTERN = frozenset(("cp437", "cp775", "cp850", "cp858", "latin_1", "iso8859_15", "mac_roman"))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if sample.count(b"\x00") > max(2, len(sample) // 1000):
        return True  # a stray NUL or two in text is removed with the other controls
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > 0.05
