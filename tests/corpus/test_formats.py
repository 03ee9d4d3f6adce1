"""Rows as a table, JSON or CSV, as the commands print them."""

from __future__ import annotations

from storyline.corpus.formats import render_rows, table, width


def test_a_table_aligns_wide_characters_by_the_columns_they_take() -> None:
    rows = [{"id": 1, "title": "地震发生后"}, {"id": 22, "title": "Quake hits"}]
    assert table(rows, ["id", "title"]).splitlines() == [
        "id  title",
        "--  ----------",
        "1   地震发生后",
        "22  Quake hits",
    ]
    (cell,) = table([{"t": "地" * 50}], ["t"]).splitlines()[2:]
    assert width(cell) == 69 and cell.endswith("地…")


def test_csv_cells_that_open_as_formulas_stay_text() -> None:
    rows = [{"a": "=1+1", "b": -5, "c": "-x", "d": "@cmd", "e": "ok", "f": None}]
    assert render_rows(rows, "csv", list("abcdef")) == "a,b,c,d,e,f\r\n'=1+1,-5,'-x,'@cmd,ok,\r\n"


def test_a_long_cell_is_cut_to_the_table_width() -> None:
    (cell,) = table([{"t": "x" * 100_000}], ["t"]).splitlines()[2:]
    assert cell == "x" * 69 + "…"
