"""SDMX exports read back with sdmx1 and compared value by value; the `ktxh export`
command and the downloads of the evaluation page."""

import io
import json
from decimal import Decimal

import pytest
import sdmx as sdmx1

from ktxh.cli import main
from ktxh.exchange.exports import export_file
from ktxh.exchange.sdmx import code_of
from ktxh.orgunits.models import OrgUnit
from ktxh.values.models import DataValue
from ktxh.values.selectors import published_values


@pytest.fixture(autouse=True)
def in_process_cli(monkeypatch):
    monkeypatch.setattr("ktxh.cli.database_check", lambda: None)


def export(fmt, unit="109", period="2023"):
    return export_file(values=published_values(), units=OrgUnit.objects.all(), unit=OrgUnit.objects.get(code=unit),
                       period=period, fmt=fmt).content


def stored(unit="109", period="2023") -> dict:
    return {(v.indicator.code, v.kind): v.value
            for v in published_values().filter(org_unit__code=unit, period=period).select_related("indicator")}


def dsd():
    message = sdmx1.read_sdmx(io.BytesIO(export("sdmx-structure")))
    return message, message.structure["KTXH_DSD"]


def test_the_structure_has_the_dimensions_attributes_and_codelists(db):
    message, structure = dsd()
    dims = [d.id for d in structure.dimensions.components]
    assert dims == ["INDICATOR", "REF_AREA", "VALUE_KIND", "TIME_PERIOD"]
    assert {a.id for a in structure.attributes.components} == {"UNIT_MEASURE", "OBS_STATUS", "SOURCE"}
    areas = message.codelist["CL_AREA"]
    assert str(areas["109"].name) == "Huyện Phong Thổ"
    assert len(areas) == OrgUnit.objects.count()
    assert "02_01" in message.codelist["CL_INDICATOR"]
    assert set(message.codelist["CL_VALUE_KIND"].items) == {"estimate", "official", "revised"}


def test_sdmx_ml_data_reads_back_value_by_value(db):
    _, structure = dsd()
    message = sdmx1.read_sdmx(io.BytesIO(export("sdmx-ml")), structure=structure)
    observations = message.data[0].obs
    expected = stored()
    assert len(observations) == len(expected) > 10
    for obs in observations:
        key = obs.key.get_values()
        indicator, unit, kind, period = (str(v) for v in key)
        assert (unit, period) == ("109", "2023")
        assert Decimal(str(obs.value)) == expected[(code_of(indicator), kind)], indicator
    first = next(o for o in observations if str(o.key.get_values()[0]) == "02_01")
    from ktxh.catalog.models import Indicator

    assert str(first.attrib["OBS_STATUS"].value) == "E"  # an estimate in the demo
    assert first.attrib["UNIT_MEASURE"].value == Indicator.objects.get(code="02.01").unit
    assert first.attrib["SOURCE"].value


def test_sdmx_csv_reads_back_value_by_value(db, tmp_path):
    _, structure = dsd()
    path = tmp_path / "data.csv"
    path.write_bytes(export("sdmx-csv"))
    assert path.read_text().startswith("STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,REF_AREA,VALUE_KIND,TIME_PERIOD")
    message = sdmx1.read_sdmx(path, structure=structure)
    expected = stored()
    got = {(code_of(str(o.key.get_values()[0])), str(o.key.get_values()[2])): Decimal(str(o.value))
           for o in message.data[0].obs}
    assert got == expected


def test_periods_without_a_reporting_period_type_are_time_ranges(planner):
    from ktxh.catalog.models import Indicator
    from ktxh.values.services import value_set

    indicator = Indicator.objects.get(code="02.01")
    value_set(actor=planner, indicator=indicator, org_unit=OrgUnit.objects.get(code="109"), period="2025-9M",
              kind="official", value=Decimal("27000.125"))
    _, structure = dsd()
    message = sdmx1.read_sdmx(io.BytesIO(export("sdmx-ml", period="2025-9M")), structure=structure)
    (obs,) = message.data[0].obs
    assert str(obs.key.get_values()[3]) == "2025-01-01/P9M" and Decimal(str(obs.value)) == Decimal("27000.125")
    assert json.loads(export("dhis2-json", period="2025-9M"))["dataValues"] == []  # DHIS2 has no 9-month period


def test_ktxh_export_writes_sdmx_and_dhis2_files(db, tmp_path, capsys):
    out = tmp_path / "phong-tho.xml"
    assert main(["export", "sdmx", "--unit", "phong tho", "--period", "2023", "--format", "sdmx-ml",
                 "-o", str(out)]) == 0
    assert "Đã ghi" in capsys.readouterr().out
    _, structure = dsd()
    assert len(sdmx1.read_sdmx(out, structure=structure).data[0].obs) == len(stored())
    dhis2 = tmp_path / "phong-tho.json"
    assert main(["export", "dhis2", "--unit", "109", "--period", "2023", "--format", "json", "-o", str(dhis2)]) == 0
    values = json.loads(dhis2.read_text())["dataValues"]
    assert {"dataElement": "02.01", "period": "2023", "orgUnit": "109", "value": "36595.83"}.items() <= \
        next(v for v in values if v["dataElement"] == "02.01").items()
    csv = tmp_path / "phong-tho.csv"
    assert main(["export", "dhis2", "--unit", "109", "--period", "2023", "--format", "csv", "-o", str(csv)]) == 0
    assert csv.read_text().splitlines()[0].startswith("dataelement,period,orgunit")
    assert main(["export", "sdmx", "--unit", "109", "--period", "2023-13", "-o", str(out)]) == 2
    assert "Lỗi:" in capsys.readouterr().err


def test_the_evaluation_page_offers_the_downloads_within_the_users_scope(client_as, commune_clerk, leader):
    page = client_as(leader).get("/danh-gia/?unit=109&period=2023").content.decode()
    assert "/trao-doi/tai-xuong/?unit=109&amp;period=2023&amp;format=sdmx-ml" in page
    response = client_as(leader).get("/trao-doi/tai-xuong/?unit=109&period=2023&format=dhis2-csv")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert "02.01,2023,109" in response.content.decode()
    response = client_as(leader).get("/trao-doi/tai-xuong/?unit=109&period=2023&format=sdmx-csv")
    assert response.content.decode().count("\n") == len(stored()) + 1
    assert client_as(commune_clerk).get("/trao-doi/tai-xuong/?unit=109&period=2023&format=sdmx-ml").status_code \
        == 404


def test_drafts_stay_out_of_the_exports(planner):
    from ktxh.entry.models import Submission
    from ktxh.entry.tests.entry_helpers import agriculture_set, demo_round

    assert b"02_01" in export("sdmx-csv")
    submission = Submission.objects.get_or_create(province=demo_round().province, round=demo_round(),
                                                  data_set=agriculture_set())[0]
    DataValue.objects.filter(org_unit__code="109", period="2023", indicator__code="02.01").update(
        submission=submission)
    assert b"02_01" not in export("sdmx-csv")
