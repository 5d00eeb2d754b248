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


def test_percentage_points_are_a_unit_of_their_own():
    text = ("BÁO CÁO năm 2024\n\nKhu vực dịch vụ tăng 7,2%, đóng góp 3,15 điểm phần trăm vào mức tăng chung; khu vực "
            "công nghiệp tăng 4%, làm tăng 1,05 điểm phần trăm.\n")
    assert fact(text, "3.15").unit == "điểm phần trăm"
    assert fact(text, "1.05").unit == "điểm phần trăm"
    assert "đóng góp" in fact(text, "3.15").indicator


def test_a_rate_changed_by_points_is_the_rates_change_not_a_figure():
    text = ("BÁO CÁO năm 2024\n\nTỷ lệ hộ nghèo còn 3,2%, giảm 0,8 điểm phần trăm so với năm trước. Tổ chức B dự báo "
            "tăng trưởng đạt 2,9%, điều chỉnh tăng 0,2 điểm phần trăm so với dự báo trước.\n")
    values = {f.value for f in facts(text)}
    assert Decimal("0.8") not in values and Decimal("0.2") not in values
    rate = fact(text, "3.2")
    assert (rate.change_vs_prior, rate.change_unit) == (Decimal("-0.8"), "pp")
    assert fact(text, "2.9").change_unit == "pp"


def test_storms_energy_and_districts_with_towns_are_units():
    text = ("BÁO CÁO năm 2024\n\nTrong năm xảy ra 4 trận mưa lớn. Sản lượng điện sản xuất ước đạt 1.250.000 MWh. "
            "Toàn tỉnh có 6 huyện, thành phố đạt chuẩn; tỉnh gồm 9 huyện, thị xã và 1 thành phố.\n")
    assert fact(text, "4").unit == "trận"
    assert fact(text, "1250000").unit == "MWh"
    assert fact(text, "6").unit == "huyện, thành phố"
    assert fact(text, "9").unit == "huyện, thị xã"


def test_energy_converts_within_its_family_and_districts_count_as_districts():
    from ktxh.engine.text.units import convert

    assert convert(Decimal("1250000"), "MWh", "GWh") == Decimal(1250)
    assert convert(Decimal("3"), "huyện, thành phố", "huyện") == Decimal(3)


def test_the_same_work_counted_in_another_unit_after_a_slash_is_a_figure_of_its_own():
    text = ("BÁO CÁO năm 2023\n\nTiếp 31 lượt/42 người/29 vụ việc (tăng 02 lượt/02 vụ việc so với năm 2022); tuyên "
            "truyền tại 56 thôn/8.120 lượt người.\n")
    found = {(f.value, f.unit) for f in facts(text)}
    assert {(Decimal(31), "lượt"), (Decimal(42), "người"), (Decimal(29), "vụ việc"), (Decimal(56), "thôn"),
            (Decimal(8120), "lượt người")} <= found
    assert fact(text, "31").change_vs_prior == Decimal(2)  # the change after them is the first figure's
    assert (Decimal(2), "vụ việc") not in found
    assert fact(text, "42").indicator == "người"


def test_a_count_over_places_after_a_slash_is_the_places_covered_and_the_same_unit_is_the_plan():
    text = "BÁO CÁO năm 2023\n\nHiện có 35 hợp tác xã/12 xã, thị trấn; làm mới 14,5km/20km đường.\n"
    values = {f.value for f in facts(text)}
    assert Decimal(12) not in values and Decimal(20) not in values
    assert fact(text, "35").plan_value == Decimal(12)
    assert fact(text, "14.5").plan_value == Decimal(20)


def test_thousands_of_billions_written_in_words_are_one_amount():
    text = ("BÁO CÁO năm 2023\n\nTổng sản phẩm trên địa bàn đạt 12 nghìn 305 tỷ đồng, tăng 6,1%; vốn đầu tư đạt "
            "2 tỷ 150 triệu đồng.\n")
    grdp = fact(text, "12305")
    assert (grdp.unit, grdp.change_vs_prior) == ("tỷ đồng", Decimal("6.1"))
    assert fact(text, "2150").unit == "triệu đồng"
    assert Decimal(305) not in {f.value for f in facts(text)}


def test_the_same_amount_restated_in_another_unit_is_not_a_figure():
    text = ("BÁO CÁO năm 2023\n\nThu nhập bình quân đầu người đạt 58,2 triệu đồng/năm, tương đương 2.410 USD; sản "
            "lượng cà phê xuất khẩu đạt 12,5 nghìn tấn, tương ứng khoảng 40,3 triệu USD. Vốn đầu tư tăng 12%, tương "
            "đương 1.050 tỷ đồng; có 45/60 xã đạt chuẩn, tương đương 75%.\n")
    values = {f.value for f in facts(text)}
    assert Decimal(2410) not in values and Decimal("40.3") not in values
    assert fact(text, "58.2").extra["equivalent"] == (Decimal(2410), "USD")
    assert {Decimal(1050), Decimal(75)} <= values  # after a change or a count it is a figure of its own


def test_a_signed_figure_opening_a_bracket_is_the_change_of_the_figure_before():
    text = ("BÁO CÁO năm 2023\n\nDịch vụ chiếm 41,2% (+1,05% so với năm 2022); nông nghiệp chiếm 22,6% (-0,7%). Kim "
            "ngạch xuất khẩu đạt 820 triệu USD, giảm 3,1% (-26 triệu USD) so với cùng kỳ.\n")
    values = {f.value for f in facts(text)}
    assert not values & {Decimal("1.05"), Decimal("0.7"), Decimal(26)}
    assert (fact(text, "41.2").change_vs_prior, fact(text, "41.2").change_unit) == (Decimal("1.05"), "pp")
    assert fact(text, "22.6").change_vs_prior == Decimal("-0.7")
    export = fact(text, "820")
    assert (export.change_vs_prior, export.extra["change_amount"]) == (Decimal("-3.1"), (Decimal(-26), "triệu USD"))


def test_a_change_stated_first_with_an_about_and_its_percentage_restated_are_the_figures_change():
    text = ("BÁO CÁO năm 2023\n\nThu nhập bình quân đầu người đạt 47,5 triệu đồng/người/năm, tăng so với năm 2022 "
            "khoảng 4,2 triệu đồng (tương đương tăng 9,7%).\n")
    assert [f.value for f in facts(text)] == [Decimal("47.5")]
    income = fact(text, "47.5")
    assert (income.change_vs_prior, income.change_unit, income.extra["change_pct"]) == (
        Decimal("4.2"), "triệu đồng", Decimal("9.7"))


def test_a_rank_field_a_multiple_a_threshold_and_digits_are_not_counts():
    text = ("BÁO CÁO năm 2023\n\nTăng trưởng đứng thứ 12 so với 63 tỉnh, thành phố; năng suất cao hơn 2 lần bình quân "
            "chung; tỷ lệ trẻ được tiêm đủ ít nhất 3 lần đạt 96%; tiếp tục tăng trưởng 2 con số. Đàn bò có 1.200 con.\n")
    found = {(f.value, f.unit) for f in facts(text)}
    assert not found & {(Decimal(63), "tỉnh"), (Decimal(2), "lần"), (Decimal(3), "lần"), (Decimal(2), "con")}
    assert {(Decimal(96), "%"), (Decimal(1200), "con")} <= found


def test_a_multiple_of_the_figure_before_is_still_read():
    text = "BÁO CÁO năm 2023\n\nVốn đăng ký đạt 5.200 tỷ đồng, tăng 41,5% và gấp 2,3 lần so với cùng kỳ.\n"
    assert fact(text, "5200").extra["times_prior"] == Decimal("2.3")


def test_price_index_groups_all_sectors_and_a_rank_without_its_ordinal_are_not_counts():
    text = ("BÁO CÁO năm 2023\n\nChỉ số giá tiêu dùng bình quân tăng 3,1%, trong đó có 8/11 nhóm hàng hóa và dịch vụ "
            "tăng giá. GRDP tăng 6,4%, tăng ở cả 3 khu vực, đứng 5/13 tỉnh trong vùng. Toàn huyện có 4 nhóm sở thích "
            "và 2 khu vực sản xuất tập trung.\n")
    found = {(f.value, f.unit) for f in facts(text)}
    assert not found & {(Decimal(8), "nhóm"), (Decimal(3), "khu vực"), (Decimal(5), "tỉnh")}
    assert {(Decimal(4), "nhóm"), (Decimal(2), "khu vực"), (Decimal("6.4"), "%")} <= found


def test_citizens_and_pupils_written_short_are_counts():
    text = ("BÁO CÁO năm 2023\n\nĐồn biên phòng tiếp nhận 34 công dân trở về. Trường THCS A có 412 HS; trường B "
            "có 95 HS. Mã số 7 hs không phải đơn vị.\n")
    assert fact(text, "34").unit == "công dân"
    assert (fact(text, "412").unit, fact(text, "95").unit) == ("học sinh", "học sinh")
    assert Decimal(7) not in {f.value for f in facts(text)}


def test_changes_in_a_bracket_go_to_the_earlier_figure_of_their_unit():
    text = ("BÁO CÁO năm 2023\n\nPhát hiện 45 vụ/61 đối tượng vi phạm (tăng 5 vụ, 8 đối tượng so với cùng kỳ); phá 4 "
            "đám, 1.200 m2 cây cấm (giảm 02 đám, tăng 300 m2 so với năm trước).\n")
    values = {(f.value, f.unit) for f in facts(text)}
    assert values == {(Decimal(45), "vụ"), (Decimal(61), "đối tượng"), (Decimal(4), "đám"), (Decimal(1200), "m2")}
    assert fact(text, "61").change_vs_prior == Decimal(8)
    assert fact(text, "4").change_vs_prior == Decimal(-2)
    assert fact(text, "1200").change_vs_prior == Decimal(300)


def test_project_adjustments_are_counted_in_their_own_unit():
    text = "BÁO CÁO năm 2023\n\nTỉnh cấp mới cho 52 dự án, điều chỉnh 86 lượt dự án.\n"
    assert fact(text, "52").unit == "dự án"
    adjusted = fact(text, "86")
    assert adjusted.unit == "lượt dự án" and "điều chỉnh" in adjusted.indicator


def test_a_range_of_percentages_written_with_both_signs_is_not_a_value():
    text = "BÁO CÁO năm 2023\n\nGRDP tăng 9,1% so với cùng kỳ (kế hoạch tăng từ 10,5%-11%).\n"
    assert [f.value for f in facts(text)] == [Decimal("9.1")]


def test_the_change_restated_as_an_amount_after_the_comparison_is_the_figures_change():
    text = ("BÁO CÁO năm 2023\n\nGiá trị sản xuất nông nghiệp đạt 12.450 tỷ đồng, tăng 4,2% so với cùng kỳ năm 2022 "
            "(tương ứng tăng 502 tỷ đồng).\n")
    assert [f.value for f in facts(text)] == [Decimal(12450)]
    assert fact(text, "12450").extra["change_amount"] == (Decimal(502), "tỷ đồng")


def test_growth_of_a_level_stated_as_tang_truong_is_its_change():
    text = ("BÁO CÁO năm 2023\n\nTổng sản phẩm ước đạt 41.200 tỷ đồng (tăng trưởng 6,9% so với cùng kỳ); GRDP đạt "
            "52.000 tỷ đồng, tốc độ tăng trưởng 7,2% so với cùng kỳ.\n")
    assert fact(text, "41200").change_vs_prior == Decimal("6.9")
    assert Decimal("6.9") not in {f.value for f in facts(text)}
    assert Decimal("7.2") in {f.value for f in facts(text)}  # a named rate is a figure of its own


def test_a_share_of_last_years_value_and_a_councils_plan_are_annotations():
    text = ("BÁO CÁO năm 2023\n\nThu ngân sách đạt 812/950 tỷ đồng, đạt 85,5% dự toán tỉnh giao và bằng 121,3% cùng kỳ "
            "năm trước. Chi ngân sách ước cả năm 1.640 tỷ đồng, đạt 90,2% nhiệm vụ chi và bằng 108,4% so cùng kỳ năm "
            "trước; thu tiền sử dụng đất đạt 96 tỷ đồng, bằng 61,5% so với HĐND huyện giao.\n")
    assert [f.value for f in facts(text)] == [Decimal(812), Decimal(1640), Decimal(96)]
    revenue = fact(text, "812")
    assert (revenue.pct_of_plan, revenue.change_vs_prior, revenue.change_unit) == (
        Decimal("85.5"), Decimal("121.3"), "% of prior")
    assert fact(text, "1640").change_vs_prior == Decimal("108.4")
    assert fact(text, "96").pct_of_plan == Decimal("61.5")


def test_a_price_base_bracket_between_a_level_and_its_growth_is_not_another_subject():
    text = ("BÁO CÁO năm 2024\n\nTổng sản phẩm trên địa bàn ước đạt 28.410 tỷ đồng, (giá so sánh năm 2010) tăng 6,2% "
            "so với cùng kỳ năm trước.\n")
    assert [f.value for f in facts(text)] == [Decimal(28410)]
    assert fact(text, "28410").change_vs_prior == Decimal("6.2")


def test_a_signed_percentage_after_a_comma_is_the_change_of_the_figure_before():
    text = ("BÁO CÁO năm 2023\n\n- Thu ngân sách trên địa bàn: 3.912 tỷ đồng, + 8,40%\n- Vốn đầu tư toàn xã hội: "
            "15.220 tỷ đồng, -4,15%\n")
    assert [f.value for f in facts(text)] == [Decimal(3912), Decimal(15220)]
    assert fact(text, "3912").change_vs_prior == Decimal("8.40")
    assert fact(text, "15220").change_vs_prior == Decimal("-4.15")


def test_an_equivalent_percentage_of_plan_in_the_bracket_after_a_figure_is_its_pct_of_plan():
    text = ("BÁO CÁO năm 2024\n\nTổng sản phẩm ước đạt 19.870 tỷ đồng (tương đương gần 47,2% kế hoạch, tăng 5,1% so "
            "với cùng kỳ).\n")
    assert [f.value for f in facts(text)] == [Decimal(19870)]
    grdp = fact(text, "19870")
    assert (grdp.pct_of_plan, grdp.change_vs_prior) == (Decimal("47.2"), Decimal("5.1"))


def test_criteria_reached_by_a_share_of_communes_describe_the_communes():
    text = ("BÁO CÁO năm 2023\n\nCó 18,5% tổng số xã trên toàn tỉnh đạt 19 tiêu chí; xã Hòa Bình đạt 15 tiêu chí.\n")
    found = {(f.value, f.unit) for f in facts(text)}
    assert (Decimal(19), "tiêu chí") not in found
    assert {(Decimal("18.5"), "%"), (Decimal(15), "tiêu chí")} <= found
