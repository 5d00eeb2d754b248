"""Files are measured before they are parsed (finding 2 and 6 of issue 13)."""

import time

import pytest

from ktxh.core import safefiles
from ktxh.core.safefiles import SheetBounds, UnsafeFile, check_xlsx, check_zip, load_yaml, read_csv
from ktxh.core.tests import hostile

BASE = hostile.xlsx([["indicator", "value"], ["02.01", 12345]])


def test_an_ordinary_workbook_passes():
    check_xlsx(BASE, "ok.xlsx")


def test_a_row_of_two_hundred_thousand_cells_is_refused_before_openpyxl_reads_it():
    data = hostile.wide_row(BASE, 200_000)
    assert len(data) < 200_000
    started = time.perf_counter()
    with pytest.raises(UnsafeFile, match="bom nén"):
        check_xlsx(data, "wide.xlsx")
    assert time.perf_counter() - started < 5


def test_a_row_wider_than_the_column_bound_is_refused_even_when_it_compresses_normally():
    with pytest.raises(UnsafeFile, match="giới hạn 500.000 dòng × 100 cột"):
        check_xlsx(hostile.wide_row(BASE, 150), "wide.xlsx")


def test_a_declared_dimension_of_the_whole_sheet_is_refused():
    with pytest.raises(UnsafeFile, match="1.048.576 dòng × 16.384 cột"):
        check_xlsx(hostile.declared(BASE), "dim.xlsx")


def test_a_member_inflating_a_thousand_times_is_refused():
    with pytest.raises(UnsafeFile, match="bom nén"):
        check_zip(hostile.inflating(BASE), "bomb.xlsx")


def test_too_many_members_or_too_much_in_total_is_refused(monkeypatch):
    monkeypatch.setattr(safefiles, "ZIP_MAX_MEMBERS", 3)
    with pytest.raises(UnsafeFile, match="thành phần nén; giới hạn 3"):
        check_zip(BASE, "many.xlsx")
    monkeypatch.setattr(safefiles, "ZIP_MAX_MEMBERS", 1000)
    monkeypatch.setattr(safefiles, "ZIP_MAX_TOTAL_BYTES", 1024)
    with pytest.raises(UnsafeFile, match="giải nén ra"):
        check_zip(BASE, "big.xlsx")


def test_entity_bombs_do_not_expand_in_the_scan():
    with pytest.raises(UnsafeFile):
        check_xlsx(hostile.laughs(BASE), "laughs.xlsx")


def test_not_a_zip_is_one_clear_message():
    with pytest.raises(UnsafeFile, match="không phải tệp Office"):
        check_zip(b"hello", "x.xlsx")


def test_csv_bounds_fields_rows_and_columns_without_touching_the_global_limit():
    import csv

    limit = csv.field_size_limit()
    with pytest.raises(UnsafeFile, match="một ô dài hơn 128 KB"):
        read_csv("a,b\n" + "x" * 200_000 + ",1\n", "big.csv")
    with pytest.raises(UnsafeFile, match="hơn 3 dòng"):
        read_csv("a\n" * 10, "rows.csv", SheetBounds(max_rows=3))
    with pytest.raises(UnsafeFile, match="cột; giới hạn 100"):
        read_csv(",".join(["x"] * 150), "cols.csv")
    assert csv.field_size_limit() == limit


def test_yaml_aliases_are_refused_at_once():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    started = time.perf_counter()
    with pytest.raises(UnsafeFile, match="bí danh YAML"):
        load_yaml(bomb, "bomb.yaml")
    assert time.perf_counter() - started < 1


def test_yaml_node_count_is_bounded(monkeypatch):
    monkeypatch.setattr(safefiles, "YAML_MAX_NODES", 10)
    with pytest.raises(UnsafeFile, match="hơn 10 mục YAML"):
        load_yaml("[" + ", ".join(["1"] * 20) + "]", "long.yaml")
    assert load_yaml("a: 1", "ok.yaml") == {"a": 1}
