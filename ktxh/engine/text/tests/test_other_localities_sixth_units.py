"""Sixth round (issue 14): units of figures and figures the reader missed; each rule with a made-up sentence."""

from decimal import Decimal

import pytest

from ktxh.engine.text import analyse


def facts(text, **kw):
    return analyse(text, **kw)[0]


def fact(text, value):
    return next(f for f in facts(text) if f.value == Decimal(value))


def report(sentence):
    return f"BÁO CÁO năm 2024\n\n{sentence}\n"


# --- the unit a figure is read with ------------------------------------------------------------

UNITS = [
    ("Thu ngân sách trên địa bàn xã ước trên 125 tỉ đồng.", "125", "tỷ đồng"),  # the other spelling of tỷ
    ("Vốn đầu tư công đạt 2,5 nghìn tỉ đồng.", "2.5", "nghìn tỷ đồng"),
    ("Thu phí dịch vụ đạt 80 tỉ.", "80", "tỷ đồng"),
    ("Có 12 tỉnh tham gia hội chợ với 300 gian hàng.", "12", "tỉnh"),  # a province, not the scale
    ("Khu vực dịch vụ tăng 7,2%, đóng góp 3,15 điểm phần trăm vào mức tăng chung.", "3.15", "điểm phần trăm"),
    ("Khu vực công nghiệp tăng 4%, làm tăng 1,05 điểm phần trăm.", "1.05", "điểm phần trăm"),
    ("Trong năm xảy ra 4 trận mưa lớn.", "4", "trận"),
    ("Sản lượng điện sản xuất ước đạt 1.250.000 MWh.", "1250000", "MWh"),
    ("Toàn tỉnh có 6 huyện, thành phố đạt chuẩn.", "6", "huyện, thành phố"),
    ("Tỉnh gồm 9 huyện, thị xã và 1 thành phố.", "9", "huyện, thị xã"),
    ("Đồn biên phòng tiếp nhận 34 công dân trở về.", "34", "công dân"),
    ("Trường THCS A có 412 HS; trường B có 95 HS.", "95", "học sinh"),
    ("Toàn huyện có 12,4 nghìn HS.", "12.4", "nghìn học sinh"),
    ("Tỉnh cấp mới cho 52 dự án, điều chỉnh 86 lượt dự án.", "86", "lượt dự án"),
    ("Tổng sản phẩm trên địa bàn đạt 12 nghìn 305 tỷ đồng, tăng 6,1%.", "12305", "tỷ đồng"),  # one amount
    ("Vốn đầu tư đạt 2 tỷ 150 triệu đồng.", "2150", "triệu đồng"),
]


@pytest.mark.parametrize(("sentence", "value", "unit"), UNITS)
def test_the_unit_of_a_figure(sentence, value, unit):
    assert fact(report(sentence), value).unit == unit


# --- numbers with a unit word that are not figures ----------------------------------------------

NOT_FIGURES = [
    ("Mã số 7 hs không phải đơn vị.", "7"),  # "HS" only in capitals
    ("Tổng sản phẩm trên địa bàn đạt 12 nghìn 305 tỷ đồng.", "305"),
    ("Tăng trưởng đứng thứ 12 so với 63 tỉnh, thành phố.", "63"),  # the field of a rank
    ("GRDP tăng 6,4%, đứng 5/13 tỉnh trong vùng.", "5"),
    ("Năng suất cao hơn 2 lần bình quân chung.", "2"),  # a multiple
    ("Tỷ lệ trẻ được tiêm đủ ít nhất 3 lần đạt 96%.", "3"),  # a threshold in the name
    ("Thành phố tiếp tục tăng trưởng 2 con số.", "2"),  # digits
    ("Chỉ số giá tiêu dùng tăng 3,1%, có 8/11 nhóm hàng hóa và dịch vụ tăng giá.", "8"),  # the index's groups
    ("GRDP tăng 6,4%, tăng ở cả 3 khu vực.", "3"),  # the economy's sectors, all of them
    ("GRDP tăng 9,1% so với cùng kỳ (kế hoạch tăng từ 10,5%-11%).", "11"),  # a range
    ("Có 18,5% tổng số xã trên toàn tỉnh đạt 19 tiêu chí.", "19"),  # which communes
]


@pytest.mark.parametrize(("sentence", "value"), NOT_FIGURES)
def test_not_a_figure(sentence, value):
    assert Decimal(value) not in {f.value for f in facts(report(sentence))}


def test_the_same_words_with_another_count_are_figures():
    text = report("Đàn bò có 1.200 con; toàn huyện có 4 nhóm sở thích và 2 khu vực sản xuất tập trung; xã Hòa Bình "
                  "đạt 15 tiêu chí; tỷ lệ trẻ được tiêm đủ ít nhất 3 lần đạt 96%.")
    assert {(Decimal(1200), "con"), (Decimal(4), "nhóm"), (Decimal(2), "khu vực"), (Decimal(15), "tiêu chí"),
            (Decimal(96), "%")} <= {(f.value, f.unit) for f in facts(text)}
    assert "đóng góp" in fact(report(UNITS[4][0]), "3.15").indicator


def test_energy_converts_within_its_family_and_districts_count_as_districts():
    from ktxh.engine.text.units import convert

    assert convert(Decimal("1250000"), "MWh", "GWh") == Decimal(1250)
    assert convert(Decimal("3"), "huyện, thành phố", "huyện") == Decimal(3)


# --- numbers after a figure that annotate it (the sentence has that one figure) -------------------

ANNOTATIONS = [
    ("Tỷ lệ hộ nghèo còn 3,2%, giảm 0,8 điểm phần trăm so với năm trước.", "3.2", "change_vs_prior", Decimal("-0.8")),
    ("Tổ chức B dự báo tăng trưởng đạt 2,9%, điều chỉnh tăng 0,2 điểm phần trăm so với dự báo trước.", "2.9",
     "change_unit", "pp"),
    ("Thu nhập bình quân đầu người đạt 58,2 triệu đồng/năm, tương đương 2.410 USD.", "58.2", "equivalent",
     (Decimal(2410), "USD")),  # the same amount restated
    ("Sản lượng cà phê xuất khẩu đạt 12,5 nghìn tấn, tương ứng khoảng 40,3 triệu USD.", "12.5", "equivalent",
     (Decimal("40.3"), "triệu USD")),
    ("Dịch vụ chiếm 41,2% (+1,05% so với năm 2022).", "41.2", "change_vs_prior", Decimal("1.05")),  # signed
    ("Nông nghiệp chiếm 22,6% (-0,7%).", "22.6", "change_unit", "pp"),
    ("Kim ngạch xuất khẩu đạt 820 triệu USD, giảm 3,1% (-26 triệu USD) so với cùng kỳ.", "820", "change_amount",
     (Decimal(-26), "triệu USD")),
    ("- Thu ngân sách trên địa bàn: 3.912 tỷ đồng, + 8,40%", "3912", "change_vs_prior", Decimal("8.40")),
    ("- Vốn đầu tư toàn xã hội: 15.220 tỷ đồng, -4,15%", "15220", "change_vs_prior", Decimal("-4.15")),
    ("Thu nhập bình quân đầu người đạt 47,5 triệu đồng/người/năm, tăng so với năm 2022 khoảng 4,2 triệu đồng.",
     "47.5", "change_vs_prior", Decimal("4.2")),
    ("Thu nhập bình quân đạt 47,5 triệu đồng/người/năm, tăng so với năm 2022 khoảng 4,2 triệu đồng (tương đương "
     "tăng 9,7%).", "47.5", "change_pct", Decimal("9.7")),
    ("Giá trị sản xuất đạt 12.450 tỷ đồng, tăng 4,2% so với cùng kỳ năm 2022 (tương ứng tăng 502 tỷ đồng).",
     "12450", "change_amount", (Decimal(502), "tỷ đồng")),
    ("Vốn đăng ký đạt 5.200 tỷ đồng, tăng 41,5% và gấp 2,3 lần so với cùng kỳ.", "5200", "times_prior",
     Decimal("2.3")),  # "gấp" still annotates
    ("Tổng sản phẩm ước đạt 41.200 tỷ đồng (tăng trưởng 6,9% so với cùng kỳ).", "41200", "change_vs_prior",
     Decimal("6.9")),
    ("Thu ngân sách đạt 812/950 tỷ đồng, đạt 85,5% dự toán tỉnh giao và bằng 121,3% cùng kỳ năm trước.", "812",
     "change_unit", "% of prior"),
    ("Chi ngân sách ước cả năm 1.640 tỷ đồng, đạt 90,2% nhiệm vụ chi và bằng 108,4% so cùng kỳ năm trước.",
     "1640", "change_vs_prior", Decimal("108.4")),
    ("Thu tiền sử dụng đất đạt 96 tỷ đồng, bằng 61,5% so với HĐND huyện giao.", "96", "pct_of_plan", Decimal("61.5")),
    ("Ước chi ngân sách trên 215 tỷ đồng, đạt trên 41% dự toán tỉnh và gần 38% dự toán huyện giao.", "215",
     "pct_of_other_plan", Decimal(38)),  # a second plan basis
    ("Thu tiền thuê đất 5,2 tỷ đồng, vượt 104,0% so với chỉ tiêu tỉnh giao và đạt 90,0% so với HĐND huyện giao.",
     "5.2", "pct_of_other_plan", Decimal("90.0")),  # after an excess, the second basis is no % of the first plan
    ("Tổng sản phẩm ước đạt 19.870 tỷ đồng (tương đương gần 47,2% kế hoạch, tăng 5,1% so với cùng kỳ).", "19870",
     "pct_of_plan", Decimal("47.2")),
    ("Tổng sản phẩm ước đạt 28.410 tỷ đồng, (giá so sánh năm 2010) tăng 6,2% so với cùng kỳ năm trước.", "28410",
     "change_vs_prior", Decimal("6.2")),  # the price base is not another subject
]
_NOTES = {"change_amount", "change_pct", "equivalent", "times_prior", "pct_of_other_plan"}


@pytest.mark.parametrize(("sentence", "value", "field", "expected"), ANNOTATIONS)
def test_a_number_after_a_figure_annotates_it(sentence, value, field, expected):
    read = facts(report(sentence))
    assert [f.value for f in read] == [Decimal(value)]
    assert (read[0].extra.get(field) if field in _NOTES else getattr(read[0], field)) == expected


def test_after_a_change_or_a_count_an_equivalent_and_a_named_rate_are_figures_of_their_own():
    text = report("Vốn đầu tư tăng 12%, tương đương 1.050 tỷ đồng; có 45/60 xã đạt chuẩn, tương đương 75%. GRDP đạt "
                  "52.000 tỷ đồng, tốc độ tăng trưởng 7,2% so với cùng kỳ.")
    assert {Decimal(1050), Decimal(75), Decimal("7.2")} <= {f.value for f in facts(text)}


# --- the same work counted again after a slash, and changes in a bracket -----------------------------

def test_the_same_work_counted_in_another_unit_after_a_slash_is_a_figure_of_its_own():
    text = report("Tiếp 31 lượt/42 người/29 vụ việc (tăng 02 lượt/02 vụ việc so với năm 2022); tuyên truyền tại 56 "
                  "thôn/8.120 lượt người.")
    found = {(f.value, f.unit) for f in facts(text)}
    assert {(Decimal(31), "lượt"), (Decimal(42), "người"), (Decimal(29), "vụ việc"), (Decimal(56), "thôn"),
            (Decimal(8120), "lượt người")} <= found
    assert fact(text, "31").change_vs_prior == Decimal(2)  # the change after them is the first figure's
    assert (Decimal(2), "vụ việc") not in found
    assert fact(text, "42").indicator == "người"


def test_a_count_over_places_after_a_slash_is_the_places_covered_and_the_same_unit_is_the_plan():
    text = report("Hiện có 35 hợp tác xã/12 xã, thị trấn; làm mới 14,5km/20km đường.")
    assert [(f.value, f.plan_value) for f in facts(text)] == [(Decimal(35), Decimal(12)), (Decimal("14.5"), Decimal(20))]


def test_changes_in_a_bracket_go_to_the_earlier_figure_of_their_unit():
    text = report("Phát hiện 45 vụ/61 đối tượng vi phạm (tăng 5 vụ, 8 đối tượng so với cùng kỳ); phá 4 đám, 1.200 m2 "
                  "cây cấm (giảm 02 đám, tăng 300 m2 so với năm trước).")
    assert [(f.value, f.unit, f.change_vs_prior) for f in facts(text)] == [
        (Decimal(45), "vụ", Decimal(5)), (Decimal(61), "đối tượng", Decimal(8)), (Decimal(4), "đám", Decimal(-2)),
        (Decimal(1200), "m2", Decimal(300)),
    ]


def test_changes_about_named_figures_go_to_the_figure_they_name():
    text = report("Có 120 hợp tác xã với tổng vốn điều lệ 350 tỷ đồng, tăng 5% về số hợp tác xã và tăng 12,5% về "
                  "vốn điều lệ so với cùng kỳ.")
    assert [(f.value, f.change_vs_prior) for f in facts(text)] == [(Decimal(120), Decimal(5)), (Decimal(350), Decimal("12.5"))]
