"""Loading catalog, targets and values from files: whole-file validation."""

from decimal import Decimal

import pytest

from ktxh.catalog.models import Target
from ktxh.imports.loader import LoadError, load_file
from ktxh.values.models import DataValue

pytestmark = pytest.mark.django_db

HEADER = "indicator,org_unit,period,kind,value,comparator,value_high,legal_basis,source,comment\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_long_format_csv_loads_targets_and_values_in_vietnamese_notation(tmp_path, phong_tho):
    path = write(tmp_path, "ok.csv", HEADER
                 + '02.01,109,2030,target,"36.100",>=,,,test,\n'
                 + '02.01,109,2030,estimate,"36.595,83",,,,test:1,\n'
                 + '07.04,109,2030,target,"17,4",dưới,,,test,\n')
    result = load_file(path)
    assert result.counts == {"chỉ tiêu kế hoạch": 2, "số liệu": 1}
    assert Target.objects.get(indicator__code="07.04", period="2030").comparator == "<"  # "dưới" is strict
    assert Target.objects.get(indicator__code="02.01", org_unit=phong_tho, period="2030").value == Decimal("36100")
    assert DataValue.objects.get(indicator__code="02.01", org_unit=phong_tho, period="2030").value == Decimal("36595.83")


def test_loading_the_same_file_twice_writes_no_new_history(tmp_path, phong_tho):
    path = write(tmp_path, "twice.csv", HEADER + '02.01,109,2031,estimate,"1.234,5",,,,test,\n')
    load_file(path)
    row = DataValue.objects.get(period="2031", indicator__code="02.01")
    assert row.history.count() == 1
    load_file(path)
    assert row.history.count() == 1


def test_one_bad_row_rejects_the_file_with_every_problem_and_writes_nothing(tmp_path):
    before = (Target.objects.count(), DataValue.objects.count())
    path = write(tmp_path, "bad.csv", HEADER
                 + '02.01,109,2032,estimate,"100",,,,ok,\n'
                 + 'NO.SUCH,109,2032,estimate,"1",,,,,\n'
                 + '02.01,nowhere,2032-Q5,guess,"12.34.5",,,,,\n'
                 + '02.01,109,2032,target,"5",range,"3",,,\n'
                 + '02.01,109,2032,target,"5",>=,,99/NQ-X,,\n')
    with pytest.raises(LoadError) as caught:
        load_file(path)
    found = {(p.row, p.column) for p in caught.value.problems}
    assert {(3, "indicator"), (4, "org_unit"), (4, "period"), (4, "kind"), (4, "value"),
            (5, "comparator"), (6, "legal_basis")} <= found
    assert (2, "value") not in found
    assert (Target.objects.count(), DataValue.objects.count()) == before


def test_a_file_with_unknown_columns_or_type_is_rejected_clearly(tmp_path):
    with pytest.raises(LoadError) as caught:
        load_file(write(tmp_path, "cols.csv", "a,b\n1,2\n"))
    assert "thiếu cột: indicator, org_unit" in str(caught.value.problems[0])
    with pytest.raises(LoadError) as caught:
        load_file(write(tmp_path, "notes.txt", "hello"))
    assert "chỉ nhận .csv hoặc .xlsx" in str(caught.value.problems[0])
    with pytest.raises(LoadError):
        load_file(tmp_path / "missing.csv")


def test_an_xlsx_in_long_format_loads_numeric_and_text_cells(tmp_path, phong_tho):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["indicator", "org_unit", "period", "kind", "value", "comparator"])
    sheet.append(["02.01", "109", "2033", "estimate", 36595.83, None])
    sheet.append(["02.01", "Phong Thổ", "2033", "target", "36.440", ">="])
    path = tmp_path / "values.xlsx"
    book.save(path)
    load_file(path)
    assert DataValue.objects.get(period="2033", indicator__code="02.01").value == Decimal("36595.83")
    assert Target.objects.get(period="2033", indicator__code="02.01").value == Decimal("36440")


def test_a_catalog_csv_adds_indicators_and_rejects_bad_enums(tmp_path):
    from ktxh.catalog.models import Indicator

    good = "code,name,group,unit,measure_kind,direction,synonyms\n99.01,Số hợp tác xã,01,HTX,level,up,HTX;hợp tác xã\n"
    load_file(write(tmp_path, "catalog.csv", good))
    assert Indicator.objects.get(code="99.01").synonyms == ["HTX", "hợp tác xã"]
    bad = "code,name,group,unit,measure_kind,direction\n99.02,X,nogroup,ha,volume,sideways\n"
    with pytest.raises(LoadError) as caught:
        load_file(write(tmp_path, "catalog_bad.csv", bad))
    assert {p.column for p in caught.value.problems} >= {"group", "measure_kind", "direction"}
    assert not Indicator.objects.filter(code="99.02").exists()


def test_loading_the_demo_data_again_writes_nothing_new():
    from ktxh.catalog.models import Indicator
    from ktxh.demo.load import demo_load

    history = (DataValue.history.count(), Target.history.count(), Indicator.history.count())
    demo_load()
    assert (DataValue.history.count(), Target.history.count(), Indicator.history.count()) == history


def test_a_file_touching_a_submitted_report_lists_the_locked_value_and_writes_nothing(
        tmp_path, client_as, department_officer):
    from ktxh.entry.tests.entry_helpers import agriculture_set, fill_all, grid_url

    data_set = agriculture_set()
    client = client_as(department_officer)
    fill_all(client, data_set)
    client.post(grid_url(data_set, "nop/"))
    locked = DataValue.objects.get(indicator__code="02.01", org_unit__code="109", period="2025-H1")
    before = locked.value
    path = write(tmp_path, "locked.csv", HEADER
                 + '02.01,109,2034,estimate,"1",,,,ok,\n'
                 + f'02.01,109,2025-H1,{locked.kind},"1",,,,late,\n')
    with pytest.raises(LoadError) as caught:
        load_file(path)
    assert [(p.row, p.column) for p in caught.value.problems] == [(3, "value")]
    assert "đã nộp" in caught.value.problems[0].reason
    locked.refresh_from_db()
    assert locked.value == before
    assert not DataValue.objects.filter(period="2034").exists()
