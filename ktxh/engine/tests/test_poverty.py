"""The classification rules of the poverty standards, against the decree's own rule text
(Nghị định 07/2021/NĐ-CP, Điều 3-4): worked examples at and around each line."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ktxh.engine import poverty as p

S22 = p.standard_get("2022-2025")
S26 = p.standard_get("2026-2030")
THREE = {"viec_lam", "bao_hiem_y_te", "nha_tieu"}


@pytest.mark.parametrize(("area", "income", "deprived", "expected"), [
    # rural line 1.500.000 đ: at the line with 3 deprivations is poor, with 2 near-poor
    (p.RURAL, "1500000", THREE, p.POOR),
    (p.RURAL, "1500000", {"viec_lam", "nha_tieu"}, p.NEAR_POOR),
    (p.RURAL, "900000", set(), p.NEAR_POOR),
    # one đồng above the line: middle band up to 2.250.000 đ whatever the deprivations
    (p.RURAL, "1500001", set(p.INDICATOR_CODES), p.MIDDLE),
    (p.RURAL, "2250000", THREE, p.MIDDLE),
    (p.RURAL, "2250001", THREE, p.OTHER),
    # urban line 2.000.000 đ, middle up to 3.000.000 đ
    (p.URBAN, "2000000", THREE, p.POOR),
    (p.URBAN, "1999999", {"viec_lam"}, p.NEAR_POOR),
    (p.URBAN, "2400000", THREE, p.MIDDLE),
    (p.URBAN, "3000001", set(), p.OTHER),
])
def test_the_2022_2025_rules_classify_the_worked_examples(area, income, deprived, expected):
    result = p.classify(S22, area=area, income=Decimal(income), deprived=frozenset(deprived))
    assert result.klass == expected
    assert result.deprivations == len(deprived)


def test_the_reason_names_the_income_the_line_and_the_count():
    result = p.classify(S22, area=p.RURAL, income=Decimal(1_200_000), deprived=frozenset(THREE))
    assert result.reason == ("thu nhập 1.200.000 đ ≤ chuẩn nông thôn 1.500.000 đ, thiếu hụt 3 chỉ số "
                             "(từ 3 trở lên)")


def test_the_2026_2030_standard_raises_the_lines_and_is_marked_unverified():
    assert not S26.verified and S26.middle_line is None
    assert p.classify(S26, area=p.RURAL, income=Decimal(2_200_000), deprived=frozenset(THREE)).klass == p.POOR
    assert p.classify(S26, area=p.URBAN, income=Decimal(2_800_000), deprived=frozenset()).klass == p.NEAR_POOR
    # the same household is middle under 2022-2025 and near-poor under 2026-2030
    assert p.classify(S22, area=p.RURAL, income=Decimal(2_000_000), deprived=frozenset()).klass == p.MIDDLE
    assert p.classify(S26, area=p.RURAL, income=Decimal(2_000_000), deprived=frozenset()).klass == p.NEAR_POOR
    assert p.classify(S26, area=p.RURAL, income=Decimal(2_200_001), deprived=frozenset()).klass == p.OTHER


def test_a_year_picks_its_standard_and_2026_keeps_the_old_lines():
    assert p.standard_for_year(2024) is S22
    assert p.standard_for_year(2026) is S22
    assert p.standard_for_year(2027) is S26
    with pytest.raises(p.StandardNotFound):
        p.standard_for_year(2031)


def test_the_standard_has_6_services_and_12_indicators():
    assert len(p.INDICATORS) == 12
    assert {service for service, _ in p.INDICATORS.values()} == set(p.SERVICES)
    assert len(p.SERVICES) == 6


def test_classify_refuses_floats_and_unknown_indicators():
    with pytest.raises(TypeError):
        p.classify(S22, area=p.RURAL, income=1.5e6, deprived=frozenset())
    with pytest.raises(ValueError, match="khong_co"):
        p.classify(S22, area=p.RURAL, income=Decimal(1), deprived=frozenset({"khong_co"}))


@given(income=st.integers(min_value=0, max_value=10_000_000), mask=st.integers(min_value=0, max_value=4095),
       area=st.sampled_from([p.RURAL, p.URBAN]))
def test_poor_and_near_poor_split_exactly_at_three_deprivations_under_the_line(income, mask, area):
    deprived = p.mask_codes(mask)
    result = p.classify(S22, area=area, income=Decimal(income), deprived=deprived)
    under = Decimal(income) <= S22.poor_line[area]
    assert (result.klass in (p.POOR, p.NEAR_POOR)) == under
    if under:
        assert (result.klass == p.POOR) == (len(deprived) >= 3)
    assert p.deprivation_mask(deprived) == mask


@given(income=st.one_of(st.integers(min_value=0, max_value=10_000_000).map(Decimal),
                         st.decimals(min_value=0, max_value=10_000_000, places=2)),
       mask=st.integers(min_value=0, max_value=4095), area=st.sampled_from([p.RURAL, p.URBAN]),
       code=st.sampled_from(list(p.STANDARDS)))
def test_the_stored_households_fast_path_gives_exactly_classify(income, mask, area, code):
    """classify_mask (a province's reclassification, cached) and classify (the rule as read)
    agree on every household: class, count and reason, for both standards."""
    standard = p.standard_get(code)
    assert p.classify_mask(standard, area=area, income=income, mask=mask) == p.classify(
        standard, area=area, income=income, deprived=p.mask_codes(mask))
    # twice: the cached answer is the same as the first (and 1.5 vs 1.50 keep their own text)
    assert p.classify_mask(standard, area=area, income=income, mask=mask).reason == p.classify(
        standard, area=area, income=income, deprived=p.mask_codes(mask)).reason


def test_classify_mask_refuses_a_mask_outside_the_12_indicators():
    with pytest.raises(ValueError):
        p.classify_mask(S22, area=p.RURAL, income=Decimal(1), mask=4096)
    with pytest.raises(TypeError):
        p.classify_mask(S22, area=p.RURAL, income=1.0, mask=0)


def _row(**cells):
    values = {"ma_ho": "H1", "xa": "03583", "khu_vuc": "nong_thon", "so_nhan_khau": "4",
              "thu_nhap_binh_quan": "1.450.000", **{c: "0" for c in p.INDICATOR_CODES}}
    values.update(cells)
    header = list(values)
    mapping, errors = p.map_header(header)
    assert errors == []
    return p.parse_row(2, [values[h] for h in header], mapping)


def test_a_row_reads_vietnamese_and_plain_incomes():
    assert _row()[0].income == Decimal(1_450_000)
    assert _row(thu_nhap_binh_quan="1450000")[0].income == Decimal(1_450_000)
    assert _row(viec_lam="1", nha_tieu="x")[0].deprived == {"viec_lam", "nha_tieu"}


@pytest.mark.parametrize(("cells", "message"), [
    ({"thu_nhap_binh_quan": "một triệu"}, "không phải số"),
    ({"thu_nhap_binh_quan": "-5"}, "âm"),
    ({"viec_lam": "2"}, "viec_lam = '2' không hợp lệ"),
    ({"khu_vuc": "mien nui"}, "khu vực 'mien nui' không hợp lệ"),
    ({"so_nhan_khau": "0"}, "số nhân khẩu"),
    ({"ma_ho": ""}, "thiếu mã hộ"),
])
def test_a_bad_row_gets_its_vietnamese_message(cells, message):
    row, errors = _row(**cells)
    assert row is None and any(message in e for e in errors)


def test_the_lists_vietnamese_headers_map_onto_the_plain_columns():
    header = ["Mã hộ", "Xã", "Khu vực", "Số nhân khẩu", "Thu nhập bình quân", "Thôn", "Họ tên chủ hộ",
              *[name for _, name in p.INDICATORS.values()]]
    mapping, errors = p.map_header(header)
    assert errors == [] and mapping["thon"] == 5 and mapping["chu_ho"] == 6
    assert mapping["tiep_can_thong_tin"] == len(header) - 1
    assert "Thiếu cột: ma_ho" in p.map_header(header[1:])[1][0]


def test_movement_and_the_fall_in_the_rate():
    assert p.movement(p.POOR, p.NEAR_POOR) == "escaped"
    assert p.movement(p.NEAR_POOR, p.POOR) == "newly_poor"
    assert p.movement(p.OTHER, p.NEAR_POOR) == "newly_near_poor"
    assert p.movement(None, p.POOR) == "new"
    assert p.movement(p.POOR, p.POOR, "died") == "died"
    assert p.rate(820, 2790) == Decimal("29.39")
    assert p.rate_fall(Decimal("31.43"), Decimal("29.39")) == Decimal("2.04")
    assert p.rate(1, 0) is None


def test_the_2026_2030_standard_cites_its_decree_by_number_and_stays_unverified():
    assert S26.source.startswith("Nghị định 351/2025/NĐ-CP ngày 30/12/2025")
    assert "chưa đối chiếu văn bản gốc" in S26.source and not S26.verified


def test_each_message_of_a_row_names_its_column_when_the_file_columns_are_known():
    header = [*p.PLAIN_COLUMNS]
    mapping, errors = p.map_header(header)
    assert errors == []
    row = ["H-1", "03583", "NT", "0", "abc", *["x"] * 3, "7", *[""] * 8]
    where = {name: f"cột {chr(65 + i)}" for name, i in mapping.items()}
    parsed, messages = p.parse_row(9, row, mapping, where)
    assert parsed is None and messages == [
        "số nhân khẩu '0' phải là số nguyên từ 1 đến 100 (cột D)",
        "thu nhập bình quân 'abc' không phải số (đồng/người/tháng, ví dụ 1.450.000) (cột E)",
        "chỉ số thiếu hụt bao_hiem_y_te = '7' không hợp lệ (0 hoặc 1) (cột I)",
    ]
    row[3], row[4], row[8] = "4", "1.200.000", ""
    parsed, messages = p.parse_row(9, row, mapping, where)
    assert messages == [] and parsed.area == p.RURAL and len(parsed.deprived) == 3  # "NT": nông thôn
    assert p.parse_row(9, row, mapping)[0] == parsed  # without `where`: the plain messages, same rows
