"""Accent folding for search and matching of Vietnamese names."""

from hypothesis import given
from hypothesis import strategies as st

from ktxh.engine.fold import fold


def test_folding_drops_tone_marks_and_lower_cases():
    assert fold("Tỷ lệ che phủ rừng") == "ty le che phu rung"
    assert fold("Phong Thổ") == "phong tho"


def test_d_with_stroke_becomes_plain_d_in_both_cases():
    assert fold("Đồng Đăng đường") == "dong dang duong"


def test_whitespace_is_collapsed_and_trimmed():
    assert fold("  Mường \t Tè\n ") == "muong te"


def test_decomposed_and_composed_input_fold_alike():
    import unicodedata

    text = "Sì Lở Lầu"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text) == "si lo lau"


@given(st.text())
def test_folding_is_idempotent(text):
    assert fold(fold(text)) == fold(text)
