from decimal import Decimal

from ktxh.engine.text import CatalogEntry, analyse, check_text, extract_facts
from ktxh.engine.text.normalize import normalize

WRAPPED = (
    "A. KẾT QUẢ THỰC HIỆN NĂM 2023\n\nUBND huyện Phong Thổ báo cáo.\n\n"
    "(2). Tổng sản lượng lương thực có hạt ước đạt 36.595,83 tấn (vượt \n\n"
    "0,43%KH); tỷ lệ che phủ rừng 44,3% (không đạt KH).\n"
)


def one(text, **kw):
    facts = extract_facts(text)
    return [f for f in facts if all(getattr(f, k) == v for k, v in kw.items())]


def test_wrapped_sentence_keeps_original_offsets():
    facts = extract_facts(WRAPPED)
    grain = [f for f in facts if f.unit == "tấn"][0]
    assert grain.value == Decimal("36595.83")
    assert grain.indicator == "tổng sản lượng lương thực có hạt"
    assert grain.kind == "estimate" and grain.period == "2023" and grain.org_unit == "Phong Thổ"
    assert grain.excess == Decimal("0.43") and grain.excess_unit == "%"
    assert WRAPPED[grain.start : grain.end] == grain.quote == "36.595,83 tấn"
    assert grain.line == 5
    forest = [f for f in facts if f.unit == "%"][0]
    assert forest.status == "not_met" and forest.value == Decimal("44.3")


def test_footnote_block_is_a_separate_segment_and_marker_removed():
    text = (
        "Diện tích gieo trồng 4.623,3ha1 đạt 100,8% so với kế hoạch; năng suất \n\n"
        "                   \n1 Trong đó: Lúa Đông xuân diện tích 754,80ha.\n"
        " 47,85 tạ/ha.\n"
    )
    doc = normalize(text)
    assert [s.kind for s in doc.segments] == ["body", "footnote"]
    assert "năng suất 47,85" in doc.segments[0].text
    assert "4.623,3ha đạt" in doc.segments[0].text
    facts = extract_facts(text)
    area = [f for f in facts if f.value == Decimal("4623.3")][0]
    assert area.pct_of_plan == Decimal("100.8")
    assert any(f.in_footnote and f.value == Decimal("754.80") for f in facts)


def test_value_over_plan_and_change_and_permille():
    text = "Diện tích gieo cấy 772,7/738ha, đạt 104,7% so với kế hoạch, tăng 240,29 tấn so với cùng kỳ.\n"
    f = extract_facts(text)[0]
    assert f.plan_value == Decimal("738") and f.pct_of_plan == Decimal("104.7")
    f2 = extract_facts("Mức giảm tỷ suất sinh 2,14%o (vượt 1,64% KH).\n")[0]
    assert f2.unit == "‰" and f2.excess_unit == "pp"
    f3 = extract_facts("Khách du lịch ước đạt 37.380 nghìn lượt khách, tăng 4,8% so cùng kỳ.\n")[0]
    assert f3.unit == "nghìn lượt khách" and f3.change_vs_prior == Decimal("4.8")


def test_plan_section_gives_targets_for_next_year():
    text = ("A. KẾT QUẢ NĂM 2023\nThu nhập đạt 40 triệu đồng.\n"
            "B. KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2024\nThu nhập bình quân đạt 42 triệu đồng.\n")
    facts = extract_facts(text)
    assert [(f.kind, f.period) for f in facts] == [("actual", "2023"), ("target", "2024")]


def test_pct_mismatch_and_count_and_sum():
    findings = check_text(
        "Chỉ tiêu 2.3: Đường ngõ xóm đạt 146,51km/187,62km, đạt 75%.\n"
        "Có 03 xã không đạt tiêu chí gồm Sì Lở Lầu, Vàng Ma Chải.\n"
        "Ngân sách Trung ương: 271.034 triệu đồng (Vốn đầu tư 136.502 triệu đồng; vốn sự nghiệp 135.000 triệu đồng).\n"
    )
    types = sorted(f.type for f in findings)
    assert types == ["count_mismatch", "pct_mismatch", "sum_mismatch"]
    pct = [f for f in findings if f.type == "pct_mismatch"][0]
    assert pct.computed == "78,09" and pct.stated == "75"


def test_consistent_text_has_no_findings():
    text = ("Diện tích 125/100ha, đạt 125% kế hoạch. Có 2 xã đạt (Mường So, Khổng Lào).\n"
            "Tổng 23 sản phẩm (trong đó 22 sản phẩm 3 sao, 1 sản phẩm 4 sao).\n")
    assert check_text(text) == []


def test_magnitude():
    findings = check_text("Đã trợ giúp 29.000 nghìn đối tượng bảo trợ xã hội.\n")
    assert [f.type for f in findings] == ["magnitude"]


def test_table_status_mismatch_and_dot_decimal():
    text = ("Báo cáo năm 2023 huyện Mường Tè\n"
            "TT\tChỉ tiêu\tĐVT\tKế hoạch năm 2023\tTH năm 2023\tKế hoạch năm 2024\tTH năm 2023 /KH năm 2023 (%)\n"
            "1\tThu nhập bình quân đầu người\tTriệu đồng\t27.60\t27.60\t29.60\t100\n"
            "3.1\tTổng sản lượng lương thực\tTấn\t>17600\t17.501\t17.650\tĐạt\n")
    facts, findings = analyse(text)
    income = [f for f in facts if f.kind == "actual" and f.unit == "triệu đồng"][0]
    assert income.value == Decimal("27.60")
    grain = [f for f in facts if f.kind == "actual" and f.unit == "tấn"][0]
    assert grain.value == Decimal("17501") and text[grain.start : grain.end] == "17.501"
    assert [f.type for f in findings] == ["status_mismatch"]


def test_catalog_matching():
    cat = [CatalogEntry("GRAIN", "Tổng sản lượng lương thực có hạt", ("sản lượng lương thực",))]
    facts = extract_facts(WRAPPED, catalog=cat)
    assert [f.catalog_code for f in facts if f.unit == "tấn"] == ["GRAIN"]


def test_json_fields_are_exact_and_decimal_strings():
    d = extract_facts(WRAPPED)[0].to_dict()
    assert list(d) == ["indicator", "value", "unit", "period", "kind", "org_unit", "quote", "line",
                       "start", "end", "pct_of_plan", "plan_value", "excess", "excess_unit",
                       "change_vs_prior", "change_unit", "status", "catalog_code", "confidence",
                       "comparator", "basis"]
    assert d["value"] == "36595.83"


def test_targets_keep_strict_bounds_and_changes_from_last_year():
    # 004: "còn dưới 30%", "trên 250 lao động", "55% trở lên"; 000 §B: "tổng lượt khách du lịch
    # tăng 10%" (against 2023) but "mức giảm tỷ lệ hộ nghèo giảm 5,43%" (the change itself).
    text = ("2. Một số mục tiêu cụ thể đến năm 2025\n"
            "- Phấn đấu tỷ lệ hộ nghèo đến năm 2025 còn dưới 30%.\n"
            "- Phấn đấu hỗ trợ trên 250 lao động đi làm việc ở nước ngoài.\n"
            "- Phấn đấu tỷ lệ lao động qua đào tạo 55% trở lên.\n"
            "- Phấn đấu tổng lượt khách du lịch tăng 10%.\n"
            "- Phấn đấu mức giảm tỷ lệ hộ nghèo giảm 5,43%.\n")
    facts = {f.value: f for f in extract_facts(text) if f.kind == "target"}
    assert facts[Decimal(30)].comparator == "<" and facts[Decimal(250)].comparator == ">"
    assert facts[Decimal(55)].comparator == ">="
    visitors = facts[Decimal(10)]
    assert visitors.indicator.endswith("tổng lượt khách du lịch")  # the verb is not part of the name
    assert (visitors.basis, visitors.change_vs_prior, visitors.change_unit) == ("prior_pct", Decimal(10), "% of prior")
    assert facts[Decimal("5.43")].basis == "absolute" and facts[Decimal("5.43")].change_vs_prior is None
