"""Eighth round (issue 14): catalog matching and units, each rule with a made-up sentence (none copied
from a devset text). A phrase is given an indicator only when its head noun and qualifiers fit.

Each case is (rule, text after a title, value, expected catalog code or None). A title "BÁO CÁO năm
2024." opens every text."""

import pytest

from ktxh.engine.text import CatalogEntry, analyse

CATALOG = [
    CatalogEntry("01.02", "Thu nhập bình quân đầu người", ("thu nhập bình quân",), "triệu đồng/người/năm"),
    CatalogEntry("02.01", "Tổng sản lượng lương thực có hạt", ("sản lượng lương thực",), "tấn"),
    CatalogEntry("04.03", "Tổng lượt khách du lịch", ("lượt khách du lịch",), "lượt"),
    CatalogEntry("08.01", "Mức giảm tỷ lệ hộ nghèo", ("Giảm tỷ lệ hộ nghèo theo tiêu chuẩn nghèo đa chiều",), "%"),
    CatalogEntry("08.05", "Tỷ lệ hộ nghèo", ("tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều",), "%"),
    CatalogEntry("08.07", "Số hộ nghèo", (), "hộ"),
    CatalogEntry("08.10", "Tỷ lệ hộ cận nghèo", (), "%"),
    CatalogEntry("09.03", "Tỷ lệ thôn, bản, tổ dân phố đạt tiêu chuẩn văn hóa", (), "%"),
    CatalogEntry("11.01", "Tuyển quân", ("giao nhận quân",), "người"),
    CatalogEntry("12.03", "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ", ("Đảng viên hoàn thành tốt nhiệm vụ",), "%"),
]


def fact(text, value, title="BÁO CÁO năm 2024.\n\n"):
    from decimal import Decimal

    return next(f for f in analyse(title + text + "\n", catalog=CATALOG)[0] if f.value == Decimal(value))


CASES = [
    # --- a rate is never a count
    ("a completed share is not the number of recruits", "Xã đã hoàn thành 100% chỉ tiêu giao nhận quân.", "100", None),
    ("… 'hoàn thành' alone names nothing", "Tỷ lệ công trình hoàn thành đạt 85%.", "85", None),
    ("… the count of recruits still matches", "Năm 2024 giao nhận quân 42 người, đạt chỉ tiêu.", "42", "11.01"),
    # --- the poverty standard is no qualifier; a reduction and a level reached
    ("'theo tiêu chí mới' is the standard, a reduction stays the reduction", "Phấn đấu giảm tỷ lệ hộ nghèo theo tiêu chí mới 1,5%.", "1.5", "08.01"),
    ("'đa chiều' is the standard of the rate", "Đến cuối năm, tỷ lệ hộ nghèo đa chiều còn 2,3%.", "2.3", "08.05"),
    ("'theo chuẩn nghèo đa chiều' too", "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều còn 3,4%.", "3.4", "08.05"),
    ("'giảm còn' gives the level reached", "Tỷ lệ hộ nghèo đa chiều giảm còn 1,9%.", "1.9", "08.05"),
    ("… 'giảm xuống dưới' too", "Tỷ lệ hộ nghèo toàn xã giảm xuống dưới 2%.", "2", "08.05"),
    ("… and 'giảm … dưới' after the subject", "Năm 2025 phấn đấu giảm tỷ lệ hộ nghèo đa chiều dưới 0,8%.", "0.8", "08.05"),
    ("… but a plain 'giảm' is the reduction", "Tỷ lệ hộ nghèo giảm 1,3% so với năm trước.", "1.3", "08.01"),
    ("… and 'giảm trên' is a reduction too", "Tỷ lệ hộ nghèo giảm trên 1,1%.", "1.1", "08.01"),
    ("near-poor without its noun is of households", "Tỷ lệ hộ nghèo còn 2,8%, cận nghèo 3,6%.", "3.6", "08.10"),
    ("'tỷ lệ nghèo' is of households", "Tỷ lệ nghèo đa chiều còn 4,2%.", "4.2", "08.05"),
    # --- per head and per year left unsaid
    ("an income per year of a place is the income per head", "Đến năm 2030, thu nhập bình quân đầu người trên địa bàn xã đạt 75 triệu đồng/năm.", "75", "01.02"),
    ("… an income in triệu đồng of some communes too", "Thu nhập bình quân đầu người/năm ở 4 xã vùng cao đạt 38,5 triệu đồng.", "38.5", "01.02"),
    # --- a grade the name says must be said
    ("members who completed their tasks are not those who completed them well", "Hằng năm có 96% đảng viên hoàn thành nhiệm vụ.", "96", None),
    ("… 'hoàn thành tốt' is", "Năm 2024 có 88% đảng viên hoàn thành tốt nhiệm vụ.", "88", "12.03"),
    # --- a name listing places: one of them said is that indicator
    ("one place of the name's list, 'chuẩn' for 'tiêu chuẩn'", "Năm 2024 có 96% thôn đạt chuẩn văn hóa.", "96", "09.03"),
    ("… another place of the list", "Tỷ lệ tổ dân phố đạt tiêu chuẩn văn hóa đạt 91%.", "91", "09.03"),
    ("a rate followed by the residential areas it is of names its own subject", "Tỷ lệ trẻ em được tiêm chủng đạt 98%, 94% khu dân cư đạt chuẩn văn hóa.", "94", "09.03"),
    ("… and so do party members after a rate", "Kết nạp 20 đảng viên mới, 91% đảng viên hoàn thành tốt nhiệm vụ.", "91", "12.03"),
    # --- a product named only after its tonnes is its output
    ("'… ha gieo trồng, N tấn lương thực' is the food output", "Vụ mùa thắng lợi với 1.150 ha gieo trồng, 6.420 tấn lương thực.", "6420", "02.01"),
    ("… milling is not", "Các cơ sở xay xát 2.300 tấn lương thực.", "2300", None),
    # --- visitors the locality attracted
    ("'toàn huyện thu hút được' states the tourist count", "Sáu tháng đầu năm, toàn huyện thu hút được trên 250.000 lượt khách.", "250000", "04.03"),
    ("… also without the place", "Du lịch khởi sắc, đã thu hút được 18.000 lượt khách tham quan.", "18000", "04.03"),
]


@pytest.mark.parametrize(("rule", "text", "value", "code"), CASES, ids=[c[0] for c in CASES])
def test_matching(rule, text, value, code):
    assert fact(text, value).catalog_code == code, rule


# --- units
@pytest.mark.parametrize("written", ["km2", "km²"])
def test_square_kilometres_are_an_area(written):
    f = fact(f"Xã mới có diện tích tự nhiên 64,25 {written}, dân số 9.120 người.", "64.25")
    assert f.unit == "km2"
    assert fact("Tuyến đường dài 12,5 km được nhựa hóa.", "12.5").unit == "km"


def test_a_hotel_is_not_a_visitor():
    text = "Toàn huyện có 7 khách sạn từ 2 sao trở lên, đón 4.500 khách."
    assert (fact(text, "7").unit, fact(text, "4500").unit) == ("khách sạn", "khách")


def test_a_value_per_hectare_and_year():
    f = fact("Giá trị thu được trên đất nông nghiệp đạt 180 triệu đồng/ha/năm.", "180")
    assert f.unit == "triệu đồng/ha/năm"


def test_units_per_head_and_year_left_unsaid():
    from ktxh.engine.text.units import is_rate, same_measure

    assert same_measure("triệu đồng/năm", "triệu đồng/người/năm")
    assert same_measure("triệu đồng", "triệu đồng/người/năm")
    assert not same_measure("tấn", "ha")
    assert not same_measure("triệu đồng/tháng", "triệu đồng/người/năm")
    assert is_rate("%") and is_rate("%/năm") and not is_rate("người")


def test_a_measure_matched_with_per_head_and_per_year_unsaid_converts_too():
    from decimal import Decimal

    import pytest

    from ktxh.engine.text.units import UnitMismatch, convert_measure

    assert convert_measure(Decimal("58"), "triệu đồng", "triệu đồng/người/năm") == Decimal("58")
    assert convert_measure(Decimal("5400"), "nghìn đồng/năm", "triệu đồng/người/năm") == Decimal("5.4")
    with pytest.raises(UnitMismatch, match="triệu đồng/tháng"):
        convert_measure(Decimal("4"), "triệu đồng/tháng", "triệu đồng/người/năm")
    # only the indicator's per may be unsaid: a figure per head is no total
    with pytest.raises(UnitMismatch, match="triệu đồng/người"):
        convert_measure(Decimal("5"), "triệu đồng/người", "tỷ đồng")
