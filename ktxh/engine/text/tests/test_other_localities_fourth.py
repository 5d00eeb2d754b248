"""Fourth round of rules written on other localities' texts (issue 14): each with a made-up sentence."""

from decimal import Decimal

from ktxh.engine.text import CatalogEntry, analyse

CATALOG = [
    CatalogEntry("02.07", "Bình quân tiêu chí nông thôn mới", ("bình quân tiêu chí/xã",), "tiêu chí/xã"),
    CatalogEntry("02.08", "Tỷ lệ xã đạt chuẩn nông thôn mới", ("tỷ lệ xã đạt chuẩn NTM",), "%"),
    CatalogEntry("04.01", "Giá trị xuất khẩu hàng địa phương", ("giá trị xuất khẩu các mặt hàng địa phương",),
                 "triệu USD"),
    CatalogEntry("05.01", "Tỷ lệ thôn, bản có đường xe máy hoặc ô tô đi lại thuận lợi", (), "%"),
]


def facts(text, **kw):
    return analyse(text, catalog=CATALOG, **kw)[0]


def fact(text, value):
    return next(f for f in facts(text) if f.value == Decimal(value))


# --- matching ----------------------------------------------------------------------------------

def test_a_local_reports_export_value_is_of_its_own_goods_but_a_trade_turnover_is_not():
    text = "BÁO CÁO năm 2024\n\nGiá trị xuất khẩu đạt 25,4 triệu USD. Kim ngạch xuất khẩu đạt 1,2 tỷ USD.\n"
    assert fact(text, "25.4").catalog_code == "04.01"
    assert fact(text, "1.2").catalog_code is None


def test_villages_reaching_the_rural_standard_are_not_communes():
    text = ("BÁO CÁO năm 2023\n\nTỷ lệ thôn đạt chuẩn nông thôn mới đạt 41,5%; tỷ lệ xã đạt chuẩn nông thôn mới "
            "đạt 60%; tỷ lệ thôn, bản có đường xe máy hoặc ô tô đi lại thuận lợi đạt 97%.\n")
    assert fact(text, "41.5").catalog_code is None
    assert fact(text, "60").catalog_code == "02.08"
    assert fact(text, "97").catalog_code == "05.01"


def test_an_average_of_criteria_is_per_commune():
    text = "BÁO CÁO năm 2023\n\nBình quân toàn huyện đạt 13,4 tiêu chí. Xã Hòa Bình đạt 15 tiêu chí.\n"
    assert fact(text, "13.4").catalog_code == "02.07"
    assert fact(text, "15").catalog_code is None


# --- kind ----------------------------------------------------------------------------------------

def test_an_estimate_verb_opening_a_paragraph_governs_the_paragraph():
    text = ("Tỉnh A dự kiến hoàn thành 12/12 chỉ tiêu năm 2023\n\nTỉnh A dự kiến GRDP năm 2023 đạt 11,02%. Tổng thu "
            "ngân sách đạt 5.632 tỷ đồng. Tỷ lệ trường đạt chuẩn quốc gia đạt 90,2%.\n")
    assert fact(text, "5632").kind == "estimate"
    assert fact(text, "90.2").kind == "estimate"


def test_an_estimate_verb_later_in_the_paragraph_does_not_reach_back():
    text = "BÁO CÁO năm 2023\n\nTổng thu ngân sách đạt 5.632 tỷ đồng. Tỉnh dự kiến thu thêm 100 tỷ đồng.\n"
    assert fact(text, "5632").kind == "actual"
    assert fact(text, "100").kind == "estimate"
