"""Sixth round (issue 14): indicator words and catalog codes, each rule with a made-up sentence.

Each case is (rule, sentence after a title, value, expected indicator or None to skip, expected
catalog code or ... to skip). A title "BÁO CÁO năm 2024." opens every text."""

from decimal import Decimal

import pytest

from ktxh.engine.text import CatalogEntry, analyse

CATALOG = [
    CatalogEntry("01.01", "Tổng giá trị sản xuất", ("giá trị sản xuất",), "tỷ đồng"),
    CatalogEntry("01.02", "Thu nhập bình quân đầu người", ("thu nhập bình quân",), "triệu đồng/người/năm"),
    CatalogEntry("03.01", "Thu ngân sách nhà nước trên địa bàn", ("thu ngân sách trên địa bàn",), "tỷ đồng"),
    CatalogEntry("04.03", "Tổng lượt khách du lịch", ("lượt khách du lịch",), "lượt"),
    CatalogEntry("02.06", "Số xã đạt chuẩn nông thôn mới", (), "xã"),
]
SKIP = ...


def fact(text, value, title="BÁO CÁO năm 2024.\n\n"):
    return next(f for f in analyse(title + text + "\n", catalog=CATALOG)[0] if f.value == Decimal(value))


CASES = [
    # --- matching
    ("sectors joined by a bare hyphen are a qualifier", "Giá trị sản xuất ngành Nông-Lâm nghiệp đạt 812 tỷ đồng. Giá trị sản xuất đạt 2.450 tỷ đồng.", "812", None, None),
    ("… and the plain name still matches", "Giá trị sản xuất ngành Nông-Lâm nghiệp đạt 812 tỷ đồng. Giá trị sản xuất đạt 2.450 tỷ đồng.", "2450", None, "01.01"),
    ("a period in the clause is not a monthly measure", "Thu ngân sách nhà nước trên địa bàn 9 tháng năm là 1.204,5 tỷ đồng, đạt 71% dự toán.", "1204.5", None, "03.01"),
    ("… but a monthly income is one", "Thu nhập bình quân tháng của lao động đạt 6,2 triệu đồng.", "6.2", None, None),
    ("'xây dựng nông thôn mới' is not the building sector; a topic before 'có' leaves the subject after the count", "Trong lĩnh vực xây dựng nông thôn mới có 21/30 xã đạt chuẩn nông thôn mới.", "21", "xã đạt chuẩn nông thôn mới", "02.06"),
    ("a qualifier of the figure before 'và' is not this one's", "Có 3 thôn đạt chuẩn nông thôn mới kiểu mẫu và 2 xã đạt chuẩn nông thôn mới.", "2", None, "02.06"),
    # --- indicator words: the place, the estimate verb
    ("the figure's own place (của xã X … hiện) is not what is measured", "Thu nhập bình quân đầu người của xã Tân Lập hiện đạt 58 triệu đồng.", "58", "thu nhập bình quân đầu người", "01.02"),
    ("… nor a district named after the subject", "Giá trị sản xuất huyện Đồng Xuân đạt 3.100 tỷ đồng.", "3100", "giá trị sản xuất", "01.01"),
    ("… but 'xã' alone is what is counted", "Tỷ lệ xã đạt chuẩn đạt 40%.", "40", "tỷ lệ xã đạt chuẩn", SKIP),
    ("… and a part at a place keeps its place", "Diện tích lúa tại xã Tân Lập đạt 120 ha.", "120", "diện tích lúa tại xã tân lập", SKIP),
    ("an estimate verb opening the clause is not part of the subject", "Ước thực hiện thu ngân sách nhà nước trên địa bàn là 912 tỷ đồng.", "912", "thu ngân sách nhà nước trên địa bàn", "03.01"),
    # --- after a bracket
    ("a change verb after a bracket takes the subject before it", "Chỉ số giá tiêu dùng (CPI) năm 2024 tăng 3,1% so cùng kỳ.", "3.1", "chỉ số giá tiêu dùng tăng", SKIP),
    ("… an estimated change too", "Chỉ số sản xuất công nghiệp (IIP) ước tính tăng 7,4% so với cùng kỳ.", "7.4", "chỉ số sản xuất công nghiệp ước tính tăng", SKIP),
    ("… and a place after a bracket", "Tổng sản phẩm (GRDP) 6 tháng trên địa bàn toàn tỉnh (giá so sánh 2010) ước đạt 9.120 tỷ đồng.", "9120", "tổng sản phẩm trên địa bàn toàn tỉnh", SKIP),
    ("a label ending in a bracket before a colon", "- Thu nhập bình quân (TNBQ): 61 triệu đồng.", "61", "thu nhập bình quân", "01.02"),
    ("a change in a count after a bracket is not its level", "Có 7/12 xã đạt tiêu chí (Tân Lập, Yên Hòa) tăng 02 xã so với năm 2023.", "2", "tăng", SKIP),
    # --- sector names
    ("a comma inside a sector's name is not a list separator", "Trong đó khu vực nông, lâm nghiệp và thủy sản đạt 1.250 tỷ đồng, tăng 3,2%.", "1250", "khu vực nông, lâm nghiệp và thủy sản", None),
    ("… 'công nghiệp, xây dựng' too", "Khu vực công nghiệp, xây dựng tăng 9,1%.", "9.1", "khu vực công nghiệp, xây dựng tăng", SKIP),
    ("… but items with figures of their own are a list", "Trồng trọt 800 tỷ đồng, lâm nghiệp 120 tỷ đồng.", "120", "lâm nghiệp", SKIP),
    # --- the clause's subject when only a verb stands before the figure
    ("only a verb after a comma: the clause's opening words", "Khu vực dịch vụ tăng mạnh, đạt 9,8%.", "9.8", "khu vực dịch vụ", SKIP),
    ("… past a comparison before the comma", "Tổng sản phẩm của tỉnh tăng 8,1% so với cùng kỳ, đạt gần 21.000 tỷ đồng.", "21000", "tổng sản phẩm", SKIP),
    ("… after 'và', through a bracket", "Tăng trưởng kinh tế (GRDP) năm 2024 của tỉnh tiếp tục duy trì ở mức cao và đạt 8,2%.", "8.2", "tăng trưởng kinh tế của tỉnh", SKIP),
    ("… an amount after 'với'", "Khu vực công nghiệp tiếp tục đóng vai trò động lực của nền kinh tế với 7.340 tỷ đồng.", "7340", "khu vực công nghiệp", SKIP),
    ("… 'với mức tăng'", "Khu vực nông nghiệp tăng khá với mức tăng 3,6%.", "3.6", "khu vực nông nghiệp tăng", SKIP),
    # --- counts
    ("a count after 'và' keeps what it counts", "Trồng 120 ha rau màu các loại và 4.000 cây ăn quả.", "4000", "cây ăn quả", SKIP),
    ("… and after 'với'", "Đoàn đã làm việc với 35 cán bộ.", "35", "cán bộ", SKIP),
    ("a place before 'có' leaves the subject after the count", "Toàn tỉnh có 512 doanh nghiệp thành lập mới.", "512", "doanh nghiệp thành lập mới", SKIP),
    ("… not after a head noun", "Tổng số hộ có 1.200 hộ.", "1200", "tổng số hộ", SKIP),
    # --- other series, consequence and goal words, names, cut-offs
    ("an item naming only a price base is the subject before it", "Giá trị sản xuất công nghiệp (theo giá so sánh 2010) đạt 4.210 tỷ đồng, tăng 6,1% so với cùng kỳ; theo giá hiện hành là 7.950 tỷ đồng, tăng 9,4%.", "7950", "giá trị sản xuất công nghiệp theo giá hiện hành", SKIP),
    ("a consequence word opens the subject", "Do sản xuất của một số ngành giảm sâu nên tổng thu ngân sách trên địa bàn ước đạt 3.020 tỷ đồng.", "3020", "tổng thu ngân sách trên địa bàn", "03.01"),
    ("… and a goal word", "Năm 2025, Đảng bộ xã tập trung thực hiện mục tiêu thu nhập bình quân đạt 60 triệu đồng/người/năm.", "60", "thu nhập bình quân", "01.02"),
    ("the names after 'gồm' are which ones", "Có 2 xã đạt chuẩn nông thôn mới gồm xã Tân Lập và xã Yên Hòa.", "2", "xã đạt chuẩn nông thôn mới", "02.06"),
    ("after a count, 'với tổng số' opens the total's own subject", "Toàn tỉnh có 215 doanh nghiệp thành lập mới với tổng số vốn đăng ký đạt 2.150 tỷ đồng.", "2150", "tổng số vốn đăng ký", SKIP),
    ("'sơ bộ' (a preliminary figure) is not the indicator", "Tổng sản phẩm 9 tháng ước tăng 8,2% (sơ bộ quý II tăng 7,1%; sơ bộ 6 tháng đầu năm tăng 7,6%).", "7.6", "tăng", SKIP),
    ("a cut-off date is a period word", "Tổng thu ngân sách nhà nước đến ngày 30/11/2024 đạt 410 tỷ đồng.", "410", "tổng thu ngân sách nhà nước", SKIP),
    ("a cut-off before the period is a period word", "Ước giá trị giải ngân vốn đầu tư công (kể cả vốn kéo dài) đến hết 6 tháng đạt 1.150 tỷ đồng.", "1150", "giá trị giải ngân vốn đầu tư công", SKIP),
]


@pytest.mark.parametrize(("rule", "text", "value", "indicator", "code"), CASES, ids=[c[0] for c in CASES])
def test_indicator_and_catalog(rule, text, value, indicator, code):
    f = fact(text, value)
    if indicator is not None:
        assert f.indicator == indicator, rule
    if code is not SKIP:
        assert f.catalog_code == code, rule


def test_the_estimate_verb_taken_off_the_subject_still_marks_an_estimate():
    assert fact("Ước thực hiện thu ngân sách nhà nước trên địa bàn là 912 tỷ đồng.", "912").kind == "estimate"


def test_a_short_verb_before_a_count_keeps_the_unit_but_an_acronym_names_the_subject():
    text = "Treo 350 băng rôn; tuyên truyền PCCCR được 40 cuộc."
    assert fact(text, "350").indicator == "treo băng rôn"
    assert fact(text, "40").indicator == "tuyên truyền pcccr"


def test_a_starting_level_is_not_part_of_the_indicator():
    assert "31" not in fact("Giảm tỷ lệ hộ nghèo từ trên 31% đầu nhiệm kỳ xuống còn 12,5%.", "12.5").indicator


def test_an_acronym_after_a_count_is_kept():
    text = "Toàn tỉnh có 1.020 dự án còn hiệu lực (180 dự án FDI, 840 dự án trong nước)."
    assert fact(text, "180").indicator.endswith(" fdi")


def test_the_count_change_after_a_bracket_differs_from_the_level():
    text = "Có 7/12 xã đạt tiêu chí (Tân Lập, Yên Hòa) tăng 02 xã so với năm 2023."
    assert fact(text, "2").indicator != fact(text, "7").indicator
