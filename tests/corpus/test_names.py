"""The key the names index links entities by (``store.names``)."""

from __future__ import annotations

import pytest

from storyline.corpus.store.names import name_key, rekeyed


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("José Núñez", "jose nunez"),
        ("Jose Nunez", "jose nunez"),
        ("Ekrem İmamoğlu", "ekrem imamoglu"),  # the dot of "İ" is an accent too
        ("The Seán O’Brien", "sean o'brien"),
        ("The The", "the"),  # a leading "the" once, not the name's own
        ("ガンダム", "ガンダム"),  # a voicing mark is no accent: other scripts stay
    ],
)
def test_a_name_is_keyed_without_accents(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize(
    ("old", "key"),
    [("josé núñez", "jose nunez"), ("the", "the"), ("the band", "the band")],
)
def test_a_key_of_an_older_store_loses_its_accents_and_nothing_else(old: str, key: str) -> None:
    assert rekeyed(old) == key
