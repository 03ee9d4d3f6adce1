"""Encodings are detected; binary input is refused."""

from __future__ import annotations

import codecs

import pytest

from storyline.errors import BinaryInputError
from storyline.extract.decode import decode, looks_like_html

RUSSIAN = (
    "Городской совет во вторник проголосовал за закрытие старого моста для грузовиков. "
    "Инженеры обнаружили трещины в двух опорах моста во время проверки в прошлом месяце."
)
WESTERN = (
    "Mayor José Müller said the café in Zürich would reopen on Monday after the flood, and"
    " that the town would pay for the repairs to the old bridge over the river."
)
POLISH = (
    "Posiedzenie rządu odbyło się we wtorek, a ministrowie zgodzili się, że most zostanie"
    " zamknięty dla ciężarówek, ponieważ inżynierowie znaleźli pęknięcia w dwóch filarach."
)
FRENCH = "Le conseil a voté mardi la fermeture du vieux pont aux poids lourds, après l'été."


@pytest.mark.parametrize(
    ("data", "declared", "expected"),
    [
        (RUSSIAN.encode("cp1251"), None, RUSSIAN),  # detected without any declaration
        (
            f'<html><head><meta charset="windows-1251"></head><body><p>{RUSSIAN}</p>'.encode(
                "cp1251"
            ),
            None,
            RUSSIAN,
        ),
        (FRENCH.encode("latin-1"), "iso-8859-1", FRENCH),  # from the HTTP header
        (
            f'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>{FRENCH}'.encode(
                "latin-1"
            ),
            None,
            FRENCH,
        ),
        (codecs.BOM_UTF8 + FRENCH.encode("utf-8"), None, FRENCH),
        (codecs.BOM_UTF16_LE + FRENCH.encode("utf-16-le"), None, FRENCH),
        (FRENCH.encode("utf-8"), "nonsense-charset", FRENCH),  # a bad declaration is ignored
        # Unlabelled Western text is windows-1252, as browsers read it, not a DOS code page.
        (WESTERN.encode("latin-1"), None, WESTERN),
        (POLISH.encode("cp1250"), None, POLISH),  # Central European: its own letters
        # A page's declaration that would not read back in the encoding it names: ignored.
        (f'<html><head><meta charset="utf-16"></head><p>{FRENCH}'.encode(), None, FRENCH),
        (f'<html><head><meta charset="cp037"></head><p>{FRENCH}'.encode(), None, FRENCH),
        (f"{FRENCH}\x00 {FRENCH}".encode(), None, FRENCH),  # one stray NUL: still text
    ],
)
def test_decode(data: bytes, declared: str | None, expected: str) -> None:
    text, _ = decode(data, declared)
    assert expected in text


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        b"%PDF-1.7\n\x00\x01\x02\x03" * 50,
        FRENCH.encode("utf-16-le"),  # NULs between letters: not a text this reads
    ],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(BinaryInputError):
        decode(data)


@pytest.mark.parametrize(
    ("text", "is_html"),
    [
        ("<!DOCTYPE html><html><body><p>Hi</p></body></html>", True),
        ("  <html lang='en'><head></head></html>", True),
        ("<div><p>a</p><p>b</p><p>c</p><span>d</span><a href='#'>e</a></div>", True),
        ("Council closes bridge\n\nThe council voted to close the bridge.", False),
        ("Use the <b> tag sparingly, the style guide says.", False),
    ],
)
def test_looks_like_html(text: str, is_html: bool) -> None:
    assert looks_like_html(text) is is_html
