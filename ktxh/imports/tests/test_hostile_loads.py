"""`ktxh load` of hostile files: one clear Vietnamese problem each, never a traceback,
nothing written (issue 13, findings 1, 2, 6 and 8)."""

from decimal import Decimal

import pytest

from ktxh.catalog.models import Indicator, IndicatorGroup, Target
from ktxh.core.tests import hostile
from ktxh.imports.loader import LoadError, load_file
from ktxh.values.models import DataValue

pytestmark = pytest.mark.django_db

HEADER = "indicator,org_unit,period,kind,value,comparator\n"
INDICATOR = """indicators:
  - code: "99.{n}"
    name: Chỉ tiêu thử
    group: "{group}"
    unit: tấn
    measure_kind: level
    direction: up
"""


@pytest.fixture
def group_code(db):
    return IndicatorGroup.objects.first().code


def counts():
    return Target.objects.count(), DataValue.objects.count(), Indicator.objects.count(), IndicatorGroup.objects.count()


def refused(path, *fragments):
    before = counts()
    with pytest.raises(LoadError) as caught:
        load_file(path)
    text = " | ".join(str(p) for p in caught.value.problems)
    for fragment in fragments:
        assert fragment in text
    assert counts() == before
    return text


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("value", "says"), [
    ("111111111111111111111111111111", "tối đa 15 chữ số phần nguyên"),
    ("1,1234567890123456789012345678", "tối đa 6 chữ số sau dấu phẩy"),  # refused, never rounded to 6
    ("١٢٣", "Không đọc được số"),
    ("１２３", "Không đọc được số"),
    ("१२३", "Không đọc được số"),
    ("1e16", "Không đọc được số"),
    ("inf", "Không đọc được số"),
    ("NaN", "Không đọc được số"),
])
def test_a_number_beyond_the_columns_or_not_ascii_vietnamese_is_refused(tmp_path, value, says):
    for kind in ("official", "target"):
        refused(write(tmp_path, "v.csv", HEADER + f'02.01,109,2030,{kind},"{value}",>=\n'), "cột value", says)


def test_a_negative_level_is_refused_not_loaded(tmp_path):
    refused(write(tmp_path, "neg.csv", HEADER + '02.01,109,2030,official,"-5",\n'), "Giá trị không được âm")


def test_the_largest_allowed_value_loads_and_reads_back_exactly(tmp_path):
    load_file(write(tmp_path, "ok.csv", HEADER + '02.01,109,2039,official,"999.999.999.999.999",\n'
                    + '02.01,109,2039,target,"123.456.789,123456",>=\n'))
    assert DataValue.objects.get(indicator__code="02.01", org_unit__code="109", period="2039").value == \
        Decimal("999999999999999")
    assert Target.objects.get(indicator__code="02.01", org_unit__code="109", period="2039").value == \
        Decimal("123456789.123456")


def test_a_csv_field_over_128_kb_is_one_problem(tmp_path):
    refused(write(tmp_path, "big.csv", HEADER + "02.01,109,2030,official," + "1" * 200_000 + ",\n"), "128 KB")


@pytest.mark.parametrize(("cell", "says"), [("1E+400", "cột value: Không đọc được số từ 'inf'"),
                                            ("-1E+400", "'-inf'"), ("NaN", "có ô hỏng"),
                                            ("1E+30", "cột value: Giá trị 1.000.000.000.000.000.000.000.000.000.000 "
                                                      "quá lớn"),
                                            ("1E+16", "tối đa 15 chữ số phần nguyên")])
def test_xlsx_cells_that_are_not_finite_or_too_large_are_refused(tmp_path, cell, says):
    data = hostile.xlsx([["indicator", "org_unit", "period", "kind", "value", "comparator"],
                         ["02.01", "109", "2030", "official", 12345, ""]])
    path = tmp_path / "cells.xlsx"
    path.write_bytes(hostile.number_cell(data, "12345", cell))
    refused(path, says)


@pytest.mark.parametrize("attack", ["laughs", "declared", "wide", "inflating"])
def test_xlsx_bombs_are_refused_before_parsing(tmp_path, attack):
    data = hostile.xlsx([["indicator", "org_unit", "period", "kind", "value", "comparator"],
                         ["02.01", "109", "2030", "official", 12345, ""]])
    data = {"laughs": hostile.laughs, "declared": hostile.declared, "inflating": hostile.inflating,
            "wide": lambda d: hostile.wide_row(d, 3000)}[attack](data)
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(data)
    refused(path, "bomb.xlsx")


def test_entity_bombs_in_shared_strings_are_refused_by_openpyxl_through_defusedxml(tmp_path):
    data = hostile.xlsx([["indicator", "org_unit", "period", "kind", "value", "comparator"],
                         ["02.01", "109", "2030", "official", 12345, ""]])
    data = hostile.rewrite(data, "xl/sharedStrings.xml",
                           lambda xml: hostile.LAUGHS + xml.split("?>", 1)[1].replace("<t>kind</t>", "<t>&lol9;</t>"))
    path = tmp_path / "strings.xlsx"
    path.write_bytes(data)
    refused(path, "XML không an toàn")


@pytest.mark.parametrize(("body", "says"), [
    ('agencies:\n  - code: "X1"\n', "agencies[1], cột name: bắt buộc"),
    ('groups:\n  - code: "G9"\n    name: Nhóm\n    order: abc\n', "groups[1], cột order"),
    (INDICATOR + "    decimals: '²'\n", "cột decimals: phải là số nguyên từ 0 đến 6"),
    (INDICATOR + "    decimals: 9\n", "cột decimals"),
    (INDICATOR + "    tolerance: abc\n", "cột tolerance"),
    (INDICATOR + "    synonyms: abc\n", "cột synonyms: phải là danh sách"),
    (INDICATOR.replace('code: "99.{n}"', "code: [a, b]"), "cột code: phải là một giá trị"),
    (INDICATOR.replace("name: Chỉ tiêu thử", "name: {{a: 1}}"), "cột name: phải là một giá trị"),
    (INDICATOR.replace("name: Chỉ tiêu thử", "name: [a, b]"), "cột name: phải là một giá trị"),
    ("a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b]\n",
     "bí danh YAML"),
    ("indicators: [unclosed\n", "không đọc được YAML"),
])
def test_malformed_catalog_yaml_is_one_problem_per_mistake(tmp_path, group_code, body, says):
    refused(write(tmp_path, "catalog.yaml", body.format(n=1, group=group_code)), says)


def test_a_valid_tolerance_and_synonyms_list_still_load(tmp_path, group_code):
    body = INDICATOR.format(n=2, group=group_code) + "    tolerance: 0.5\n    synonyms: [sản lượng thử]\n"
    load_file(write(tmp_path, "catalog.yaml", body))
    indicator = Indicator.objects.get(code="99.2")
    assert indicator.tolerance == Decimal("0.5")
    assert indicator.synonyms == ["sản lượng thử"]


def test_a_1e16_cell_is_refused_by_the_preview_too_not_only_at_commit(tmp_path, planner):
    """Issue 13, finding 8: the digit check once ignored positive exponents, so 1e16 passed the
    check-only run (the API's dryRun, the same code as `ktxh load`) and failed at commit."""
    from ktxh.imports.loader import facts_file_load

    data = hostile.xlsx([["indicator", "org_unit", "period", "kind", "value", "comparator"],
                         ["02.01", "109", "2030", "official", 12345, ""]])
    path = tmp_path / "preview.xlsx"
    path.write_bytes(hostile.number_cell(data, "12345", "1E+16"))
    before = counts()
    with pytest.raises(LoadError) as caught:
        facts_file_load(path, source="preview.xlsx", actor=planner, dry_run=True)
    assert "tối đa 15 chữ số phần nguyên" in " | ".join(str(p) for p in caught.value.problems)
    assert counts() == before
