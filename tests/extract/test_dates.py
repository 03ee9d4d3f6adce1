"""Dates given with a document become ISO 8601, or are left out with a flag."""

from __future__ import annotations

import pytest

from storyline.extract import extract
from storyline.extract.dates import iso_date
from storyline.models import RawDocument
from storyline.settings import Settings

TEXT = (
    "The harbour office of Tarvik said on Tuesday that the ferry would run every hour from"
    " June, after a new boat joined the line. It hired 40 crew members for the season.\n"
)


@pytest.mark.parametrize(
    ("given", "iso"),
    [
        ("2025", "2025"),
        ("2025-05", "2025-05"),
        ("2025-05-03", "2025-05-03"),
        (" 2025-05-03 ", "2025-05-03"),
        ("20250503", "2025-05-03"),
        ("2025-05-03T10:00:00Z", "2025-05-03T10:00:00+00:00"),
        ("2025-05-03 10:00", "2025-05-03T10:00:00"),
        ("Sat, 03 May 2025 10:00:00 GMT", "2025-05-03"),
        ("January 12, 2025", "2025-01-12"),
        ("Sunday, January 12, 2025", "2025-01-12"),
        ("12th Jan. 2025", "2025-01-12"),
        ("Sept 3, 2024", "2024-09-03"),
        ("yesterday", None),
        ("2025-13", None),
        ("2025-02-30", None),
        ("February 30, 2025", None),
        ("01/02/2025", None),  # January 2 or February 1: not said
        ("0000", None),  # a system's empty date
        ("0000-01", None),
        ("0001", "0001"),
        ("2025-W18", None),  # a week, not a day
        ("2025-w18", None),
        ("2025-W18T10:00", None),
        ("2025-W18-3", "2025-04-30"),  # a day of a week is a day
        ("2025W183", "2025-04-30"),
        ("٢٠٢٥", None),  # digits of another script
        ("", None),
        (None, None),
    ],
)
def test_iso_date(given: str | None, iso: str | None) -> None:
    assert iso_date(given) == iso


def test_a_given_date_that_is_no_date_is_left_out_and_flagged() -> None:
    settings = Settings()
    good = extract(RawDocument(TEXT.encode(), "a.txt", date="March 4, 2025"), settings)
    assert good.metadata.date == "2025-03-04"
    assert not any(f.startswith("date ") for f in good.quality.flags)
    bad = extract(RawDocument(TEXT.encode(), "b.txt", date="last Tuesday"), settings)
    assert bad.metadata.date is None
    assert "date 'last Tuesday' is not a date (left out)" in bad.quality.flags
