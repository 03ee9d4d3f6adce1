"""Text hygiene, binary formats refused by name, and scripts that name their language."""

from __future__ import annotations

import gzip
import io
import zipfile

import pytest
from trafilatura.utils import INVALID_XML_CHARS

from storyline.errors import BinaryInputError
from storyline.extract import extract, hygiene
from storyline.extract.decode import decode
from storyline.extract.hygiene import scrub
from storyline.extract.language import detect_language
from storyline.models import RawDocument, Removed
from storyline.settings import Settings

ESC = "\x1b"


@pytest.mark.parametrize(
    ("text", "clean", "listed"),
    [
        (f"The {ESC}[31mred{ESC}[0m port.", "The red port.", r"\x1b[31m, \x1b[0m"),
        (f"{ESC}]0;owned\x07Calm text.", "Calm text.", r"\x1b]0;owned\x07"),
        (
            f"{ESC}]8;;http://x{ESC}\\link{ESC}]8;;{ESC}\\",
            "link",
            r"\x1b]8;;http://x\x1b\\, \x1b]8;;\x1b\\",
        ),
        ("bell\x07 and nul\x00 go", "bell and nul go", r"\x07, \x00"),
        (f"{ESC}[1m{ESC}[1mbold", "bold", r"\x1b[1m ×2"),
        ("tabs\tand\nnewlines stay", "tabs\tand\nnewlines stay", None),
        ("crlf\r\nlines\rend", "crlf\nlines\nend", None),
    ],
)
def test_control_and_escape_sequences_go_whole(text: str, clean: str, listed: str | None) -> None:
    out, removed = scrub(text)
    assert out == clean
    reason = "control or terminal escape characters"
    expected = [Removed(listed, reason, "control_characters")] if listed else []
    assert removed == expected


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("\u200dJohn Smith said", "John Smith said"),
        ("Jo\u200bhn Sm\u200cith", "John Smith"),
        ("\ufeffHello \u202eevil\u202c \u2066x\u2069", "Hello evil x"),
        ("\ufffeswapped mark and \uffffnone", "swapped mark and none"),  # noncharacters
        ("Jose\u0301 Martí", "José Martí"),  # decomposed accent composed (NFC)
        ("family \U0001f468\u200d\U0001f469\u200d\U0001f467 emoji", "family 👨‍👩‍👧 emoji"),
    ],
)
def test_invisible_characters_go_and_text_is_nfc(text: str, clean: str) -> None:
    assert scrub(text)[0] == clean


def test_the_quality_report_lists_what_hygiene_removed() -> None:
    body = f"{ESC}]0;title\x07Mayor Ana Ruiz said on Monday\u200b that the {ESC}[31mbridge{ESC}[0m would reopen."
    raw = RawDocument(data=body.encode(), source="t.txt", title=f"A {ESC}[1mtitle")
    article = extract(raw, Settings())
    assert article.text == "Mayor Ana Ruiz said on Monday that the bridge would reopen."
    assert article.metadata.title == "A title"
    assert [(r.rule, r.text) for r in article.quality.removed] == [
        ("control_characters", r"\x1b]0;title\x07, \x1b[31m, \x1b[0m"),
        ("invisible_characters", r"\u200b"),
    ]
    assert article.quality.flags[:2] == (
        "control or terminal escape characters",
        "zero-width or bidirectional control characters",
    )


def _zip(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(member, "<xml/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"%PDF-1.4\n1 0 obj\n(Hello world) Tj\n", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "a GIF image"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "a WebP image"),
        (_zip("word/document.xml"), "a Word document"),
        (_zip("xl/workbook.xml"), "an Excel spreadsheet"),
        (_zip("notes.txt"), "a ZIP archive"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
            "an OLE office document (Word, Excel or PowerPoint)",
        ),
        (gzip.compress(b"inner text"), "gzip-compressed data"),
    ],
)
def test_binary_formats_are_refused_by_name(data: bytes, name: str) -> None:
    with pytest.raises(BinaryInputError) as caught:
        decode(data)
    assert str(caught.value) == f"{name}, not an article"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("北京市政府周一宣布，地铁将于下周恢复运营，乘客可以正常出行。", "zh"),
        ("東京都は月曜日に、地下鉄が来週運行を再開すると発表した。", "ja"),
        ("서울시는 월요일 지하철이 다음 주에 운행을 재개한다고 발표했다.", "ko"),
        ("กรุงเทพมหานครประกาศว่ารถไฟฟ้าจะกลับมาให้บริการในสัปดาห์หน้า", "th"),
        ("The council said on Monday that the bridge would reopen to traffic.", "en"),
    ],
)
def test_scripts_name_their_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_each_pattern_runs_when_a_character_it_starts_with_is_present() -> None:
    """Clean text skips the patterns after one scan; that scan misses none of their first characters."""
    bmp = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    for pattern, starter in hygiene._STARTERS.items():
        starts = [c for c in bmp if pattern.match(c + "[0m")]
        assert [c for c in bmp if starter.match(c)] == starts
        assert [c for c in starts if not hygiene._SUSPECT.match(c)] == []
    assert sum(1 for c in bmp if hygiene._SUSPECT.match(c)) == 86


def test_scrubbed_text_holds_no_character_xml_cannot() -> None:
    """The HTML parser relies on it and does not scan the page for them again."""
    refused = [chr(c) for c in range(0x10000) if INVALID_XML_CHARS.match(chr(c))]
    assert len(refused) == 31  # C0 controls but tab, newline and carriage return; U+FFFE, U+FFFF
    for c in refused:
        assert scrub(f"a{c}")[0] == ("a\n" if c in "\v\f" else "a")
