"""Vietnamese number notation: parsing, formatting and quantities with operators."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ktxh.engine.numbers import (
    NumberFormatError,
    Quantity,
    format_number,
    format_percent,
    parse_number,
    parse_quantity,
)

D = Decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("36.595,83", D("36595.83")),
        ("7.367.800", D("7367800")),
        ("2,14", D("2.14")),
        ("-1,5", D("-1.5")),
        ("\u22121,5", D("-1.5")),
        ("0", D("0")),
        ("1.000", D("1000")),
        (" 12 ", D("12")),
        ("1.234", D("1234")),
        ("04", D("4")),
    ],
)
def test_vietnamese_notation_is_read_exactly(text, expected):
    result = parse_number(text)
    assert result == expected
    assert isinstance(result, Decimal)


@pytest.mark.parametrize("text", ["", "  ", "abc", "1,2,3", "1..2", "36595.83", "1.23", "1.2345", "12,", ",5", "1 000"])
def test_text_that_is_not_vietnamese_notation_raises_number_format_error(text):
    with pytest.raises(NumberFormatError):
        parse_number(text)


def test_number_format_error_is_a_value_error_naming_the_bad_text_in_vietnamese():
    with pytest.raises(ValueError) as info:
        parse_number("36595.83")
    assert "36595.83" in str(info.value)
    assert "Không đọc được số" in str(info.value)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (D("36595.83"), None, "36.595,83"),
        (D("100"), 2, "100,00"),
        (D("100.427"), 2, "100,43"),
        (D("0.425"), 2, "0,43"),  # half-up, not banker's rounding
        (D("50.000"), None, "50"),
        (D("-1.5"), None, "-1,5"),
        (D("1E+3"), None, "1.000"),
        (D("7367800"), None, "7.367.800"),
        (D("-0.001"), 2, "0,00"),
        (D("1234.5"), 0, "1.235"),
        (12, None, "12"),
        (None, None, ""),
    ],
)
def test_format_number_writes_vietnamese_notation(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_format_percent_rounds_to_two_decimals_by_default():
    assert format_percent(D("100.427")) == "100,43%"
    assert format_percent(D("12.1235"), 1) == "12,1%"
    assert format_percent(None) == ""


@given(
    st.decimals(
        min_value=D("-999999999999.999999"),
        max_value=D("999999999999.999999"),
        places=6,
        allow_nan=False,
        allow_infinity=False,
    )
)
def test_format_then_parse_gives_the_value_back(value):
    assert parse_number(format_number(value)) == value


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_formatting_an_integer_never_uses_scientific_notation(n):
    text = format_number(D(n).scaleb(0))
    assert "E" not in text and "e" not in text
    assert parse_number(text) == n


def _q(text):
    return parse_quantity(text)


@pytest.mark.parametrize(
    ("text", "value", "comparator", "unit"),
    [
        ("trên 60 người", D("60"), ">", "người"),
        ("hơn 5", D("5"), ">", None),
        ("ít nhất 5", D("5"), ">=", None),
        ("dưới 30%", D("30"), "<", "%"),
        ("xuống dưới 30%", D("30"), "<", "%"),
        ("còn dưới 30%", D("30"), "<", "%"),
        ("không quá 5", D("5"), "<=", None),
        ("khoảng 300", D("300"), "~", None),
        ("từ 15 trở lên", D("15"), ">=", None),
        ("duy trì 98,5", D("98.5"), "maintain", None),
        ("Duy trì 98,5", D("98.5"), "maintain", None),
        (">17600", D("17600"), ">", None),
        (">=5", D("5"), ">=", None),
        ("<=5", D("5"), "<=", None),
        ("đạt 100%", D("100"), "=", "%"),
        ("2,14%o", D("2.14"), "=", "‰"),
        ("2,14 %o", D("2.14"), "=", "‰"),
        ("0,5‰", D("0.5"), "=", "‰"),
        ("13 tiêu chí/xã", D("13"), "=", "tiêu chí/xã"),
        ("36.595,83 tấn", D("36595.83"), "=", "tấn"),
        ("phấn đấu đạt trên 60 người/năm", D("60"), ">", "người/năm"),
        ("43,75% (7 xã)", D("43.75"), "=", "%"),
    ],
)
def test_quantity_reads_operator_value_and_unit(text, value, comparator, unit):
    q = _q(text)
    assert (q.value, q.comparator, q.unit, q.scale) == (value, comparator, unit, D(1))
    assert q.low is None and q.high is None
    assert q.raw == text


@pytest.mark.parametrize(
    ("text", "unit"),
    [("300-500ha", "ha"), ("300 - 500 ha", "ha"), ("khoảng 300-500ha", "ha"), ("từ 300 đến 500 ha", "ha")],
)
def test_a_range_of_hectares_is_read_as_low_and_high_bounds(text, unit):
    q = _q(text)
    assert q == Quantity(None, D("300"), D("500"), "range", unit, D(1), text)


def test_a_bare_range_has_no_unit():
    q = _q("15-20")
    assert (q.low, q.high, q.comparator, q.unit) == (D("15"), D("20"), "range", None)


def test_nghin_after_a_number_is_a_scale_word_not_part_of_the_unit():
    q = _q("37.380 nghìn lượt")
    assert (q.value, q.scale, q.unit) == (D("37380"), D("1000"), "lượt")


def test_ty_dong_is_a_money_unit_not_a_scale():
    q = _q("6.698 tỷ đồng")
    assert (q.value, q.scale, q.unit) == (D("6698"), D(1), "tỷ đồng")


def test_trieu_dong_and_trieu_usd_are_money_units_in_lower_case():
    assert _q("7.367.800 triệu đồng").unit == "triệu đồng"
    assert _q("6,6 triệu USD").unit == "triệu usd"
    assert _q("40 triệu đ").unit == "triệu đồng"


def test_bare_ty_is_a_scale_of_ten_to_the_ninth():
    q = _q("61 tỷ")
    assert (q.value, q.scale, q.unit) == (D("61"), D(10) ** 9, None)


@pytest.mark.parametrize(
    "text", ["", "abc", "trên", "không còn xã dưới 15 tiêu chí", "dưới 36595.83", "trên 1,2,3 người"]
)
def test_quantity_without_a_readable_number_raises_number_format_error(text):
    with pytest.raises(NumberFormatError):
        parse_quantity(text)


def test_json_numbers_are_plain_exact_strings_rounded_to_six_places_when_longer():
    from ktxh.engine.numbers import json_number

    assert json_number(Decimal("36595.830000")) == "36595.83"
    assert json_number(Decimal("100.4276336992316136")) == "100.427634"
    assert json_number(Decimal("7.3678E+6")) == "7367800"
    assert json_number(None) is None
