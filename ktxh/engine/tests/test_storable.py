"""The one gate for stored numbers (engine.numbers.storable_number) and the ASCII-only parser."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ktxh.engine.numbers import (
    STORED_DIGITS,
    NumberFormatError,
    NumberOutOfBounds,
    parse_number,
    storable_number,
)


@pytest.mark.parametrize("value", ["999999999999999", "-999999999999999", "123456789.123456", "0.000001",
                                   "0", "1.500000", "1E+14", "36595.83"])
def test_values_the_columns_hold_exactly_pass(value):
    assert storable_number(Decimal(value)) == Decimal(value)


@pytest.mark.parametrize(("value", "says"), [
    ("111111111111111111111111111111", "tối đa 15 chữ số phần nguyên"),
    ("1E+16", "tối đa 15 chữ số phần nguyên"),
    ("1E+30", "quá lớn"),
    ("1234567890.123456", "tối đa 15 chữ số"),  # 16 digits: SQLite's float would round it
    ("0.1234567", "tối đa 6 chữ số sau dấu phẩy"),
    ("1.123456789012345678901234567890", "không tự làm tròn"),
    ("Infinity", "hữu hạn"), ("-Infinity", "hữu hạn"), ("NaN", "hữu hạn"),
])
def test_values_beyond_a_bound_are_refused_with_the_limit_named(value, says):
    with pytest.raises(NumberOutOfBounds, match=says):
        storable_number(Decimal(value))


@pytest.mark.parametrize("text", ["١٢٣", "１２３", "१२३", "12٣", "1e16", "1E+16", "inf", "NaN", "1" * 100])
def test_the_parser_reads_ascii_vietnamese_notation_only(text):
    with pytest.raises(NumberFormatError):
        parse_number(text)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6,
                   min_value=Decimal("-999999999.999999"), max_value=Decimal("999999999.999999")))
def test_every_value_of_at_most_15_digits_passes_and_survives_a_float_round_trip(value):
    # The SQLite bound: 15 significant digits survive the 8-byte float it stores.
    if len(value.normalize().as_tuple().digits) <= STORED_DIGITS:
        assert storable_number(value) == value
        assert Decimal(repr(float(value))) == value.normalize() or Decimal(repr(float(value))) == value


@given(st.decimals(allow_nan=True, allow_infinity=True))
def test_any_decimal_is_either_stored_or_refused_with_a_message(value):
    try:
        storable_number(value)
    except NumberOutOfBounds as error:
        assert str(error)
