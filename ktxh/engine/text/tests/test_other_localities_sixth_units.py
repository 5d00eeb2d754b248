"""Sixth round (issue 14): units of figures and figures the reader missed; each rule with a made-up sentence."""

from decimal import Decimal

from ktxh.engine.text import analyse


def facts(text, **kw):
    return analyse(text, **kw)[0]


def fact(text, value):
    return next(f for f in facts(text) if f.value == Decimal(value))


def test_the_other_spelling_of_the_billion_scale_is_the_same_unit():
    text = ("BÁO CÁO năm 2024\n\nThu ngân sách trên địa bàn xã ước trên 125 tỉ đồng. Vốn đầu tư công đạt 2,5 nghìn tỉ "
            "đồng. Phí dịch vụ thu 80 tỉ.\n")
    assert fact(text, "125").unit == "tỷ đồng"
    assert fact(text, "2.5").unit == "nghìn tỷ đồng"
    assert fact(text, "80").unit == "tỷ đồng"
    assert all(f.value != Decimal(125) or f.unit != "tỉ đồng" for f in facts(text))


def test_a_province_name_is_not_the_billion_scale():
    text = "BÁO CÁO năm 2024\n\nCó 12 tỉnh tham gia hội chợ với 300 gian hàng.\n"
    assert fact(text, "12").unit == "tỉnh"
