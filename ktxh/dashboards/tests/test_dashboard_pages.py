"""Overview filters, indicator page, commune comparison (+ XLSX) and progress."""

import io
from decimal import Decimal

import openpyxl
import pytest

pytestmark = pytest.mark.django_db


def rows_of(page: str) -> list[str]:
    return [chunk.split("</tr>")[0] for chunk in page.split("<tr data-indicator=")[1:]]


def test_accent_free_search_finds_forest_cover(client_as, leader):
    page = client_as(leader).get("/danh-gia/?unit=109&period=2023&q=che+phu+rung").content.decode()
    rows = rows_of(page)
    assert len(rows) == 1 and "Tỷ lệ che phủ rừng" in rows[0]


def test_filters_by_group_status_and_agency_narrow_the_table(client_as, leader):
    client = client_as(leader)
    not_met = rows_of(client.get("/danh-gia/?unit=109&period=2023&status=not_met").content.decode())
    assert len(not_met) == 1 and "che phủ rừng" in not_met[0]
    group = rows_of(client.get("/danh-gia/?unit=109&period=2023&group=03").content.decode())
    assert group and all("03." in r[:12] for r in group)
    agency = rows_of(client.get("/danh-gia/?unit=109&period=2023&agency=GDDT").content.decode())
    assert agency and all('"06.' in r[:8] or '"05.05' in r[:8] for r in agency)


def test_the_attention_filter_names_the_communes_behind_plan(client_as, leader):
    page = client_as(leader).get("/danh-gia/?unit=109&period=2023&status=attention").content.decode()
    rows = {r[1:6]: r for r in rows_of(page)}
    assert set(rows) == {"02.05", "02.07"}
    assert "Xã Hoang Thèn" in rows["02.07"] and "Xã Mường So" not in rows["02.07"]


def test_the_six_month_overview_projects_the_year_end(client_as, leader):
    page = client_as(leader).get("/danh-gia/?unit=109&period=2024-H1").content.decode()
    rows = {r[1:6]: r for r in rows_of(page)}
    assert "38.721,79" in rows["02.01"] and "có thể đạt" in rows["02.01"]
    assert "khó đạt" in rows["04.01"]


def test_the_indicator_page_shows_series_kinds_sources_and_communes_sorted(client_as, leader):
    page = client_as(leader).get("/chi-tieu/02.07/?unit=109&period=2023").content.decode()
    assert "Diễn biến qua các kỳ" in page and "Chính thức" in page and "Ước" in page
    # the value's source, cited as a document (never the seed's file name)
    assert "Báo cáo tình hình kinh tế - xã hội năm 2023 của UBND huyện Phong Thổ, dòng 1402" in page
    assert "3d678b2bb456158c" not in page and "derived:" not in page
    communes = page[page.index('data-testid="communes"'):]
    order = [communes.index(n) for n in ("Xã Mường So", "Xã Khổng Lào", "Xã Hoang Thèn")]
    assert order == sorted(order)
    hoang_then = communes[communes.index('data-commune="109-10"'):]
    assert "không đạt" in hoang_then[:hoang_then.index("</tr>")]
    assert 'id="chart-data"' in page and "chart.umd.min.js" in page


def test_an_indicator_without_commune_values_says_so(client_as, leader):
    page = client_as(leader).get("/chi-tieu/02.05/?unit=109&period=2023").content.decode()
    assert "chưa có số liệu theo xã" in page


def test_the_indicator_page_lists_the_history_of_values(client_as, planner):
    page = client_as(planner).get("/chi-tieu/02.01/?unit=109&period=2023").content.decode()
    history = page[page.index('data-testid="history"'):]
    assert "Nhập mới" in history and "36.595,83" in history


def test_an_unknown_indicator_is_a_404(client_as, leader):
    assert client_as(leader).get("/chi-tieu/99.99/?unit=109").status_code == 404


def test_the_commune_comparison_colours_cells_and_sorts_by_a_commune(client_as, leader):
    client = client_as(leader)
    page = client.get("/so-sanh-xa/?unit=109&period=2023").content.decode()
    assert 'class="n cell status-not_met" data-commune="109-10"' in page
    behind = client.get("/so-sanh-xa/?unit=109&period=2023&status=not_met").content.decode()
    assert len(rows_of(behind)) == 1 and "02.07" in rows_of(behind)[0][:8]
    assert client.get("/so-sanh-xa/?unit=109&period=2023&sort=109-14").status_code == 200


def test_the_commune_comparison_exports_to_xlsx(client_as, leader):
    response = client_as(leader).get("/so-sanh-xa/?unit=109&period=2023&format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[4]]
    assert header[:3] == ["Mã", "Chỉ tiêu", "ĐVT"] and "Xã Hoang Thèn" in header
    row = next(r for r in sheet.iter_rows(min_row=5, values_only=True) if r[0] == "02.07")
    assert row[header.index("Xã Hoang Thèn")] == 8


def test_text_starting_with_a_formula_sign_is_exported_as_text(client_as, leader):
    from ktxh.catalog.models import Indicator

    Indicator.objects.filter(code="02.07").update(name="=HYPERLINK(\"http://x\")")
    response = client_as(leader).get("/so-sanh-xa/?unit=109&period=2023&format=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    cell = next(r for r in book.active.iter_rows(min_row=5) if r[0].value == "02.07")[1]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    assert cell.quotePrefix  # editing the cell in Excel keeps it text (issue 13, finding 9)


def test_the_progress_page_puts_indicators_at_risk_first(client_as, leader):
    page = client_as(leader).get("/tien-do/?unit=109").content.decode()
    assert "6 tháng đầu năm 2024" in page and "dự báo khó đạt" in page
    rows = rows_of(page)
    risky = [r for r in rows if "khó đạt" in r]
    assert risky and rows[:len(risky)] == risky
    grain = next(r for r in rows if r.startswith('"02.01"'))
    assert "12,12%" in grain and "theo cơ cấu cùng kỳ năm trước" in grain


def test_a_commune_clerk_cannot_open_district_dashboards(client_as, commune_clerk):
    client = client_as(commune_clerk)
    for url in ("/chi-tieu/02.07/?unit=109", "/so-sanh-xa/?unit=109", "/tien-do/?unit=109",
                "/chat-luong/?unit=109"):
        assert client.get(url).status_code == 404, url


def test_a_draft_value_waiting_for_approval_stays_off_the_dashboards(client_as, leader, planner):
    from ktxh.catalog.models import Indicator
    from ktxh.entry.models import Submission
    from ktxh.entry.tests.entry_helpers import agriculture_set, demo_round
    from ktxh.orgunits.models import OrgUnit
    from ktxh.values.models import DataValue
    from ktxh.values.services import value_set

    submission, _ = Submission.objects.get_or_create(round=demo_round(), data_set=agriculture_set(),
                                                     defaults={"province": OrgUnit.objects.get(code="12")})
    draft = value_set(actor=planner, indicator=Indicator.objects.get(code="02.07"),
                      org_unit=OrgUnit.objects.get(code="109-10"), period="2023", kind="revised",
                      value=Decimal("19"))
    DataValue.objects.filter(pk=draft.pk).update(submission=submission)
    client = client_as(leader)
    for url in ("/chi-tieu/02.07/?unit=109&period=2023", "/so-sanh-xa/?unit=109&period=2023"):
        page = client.get(url).content.decode()
        page = page[max(page.find('data-indicator="02.07"'), 0):]  # the comparison has a 02.06 row first
        cell = page[page.index('data-commune="109-10"'):]
        assert ">8" in cell[:400] and ">19" not in cell[:400], url


def test_the_export_lists_every_values_kind_and_source(client_as, leader):
    response = client_as(leader).get("/so-sanh-xa/?unit=109&period=2024&format=xlsx")
    sources = openpyxl.load_workbook(io.BytesIO(response.content))["Nguồn số liệu"]
    lines = [r for r in sources.iter_rows(min_row=2, values_only=True) if r[2] == "Xã Hoang Thèn"]
    assert lines and all(r[4] in ("Ước", "Chính thức", "Điều chỉnh") and r[6] for r in lines)
    assert not any(".txt" in r[6] for r in lines)  # cited as documents, never as files
    # 2023: the NTM rows cite the criteria table they are computed from
    response = client_as(leader).get("/so-sanh-xa/?unit=109&period=2023&format=xlsx")
    sources = openpyxl.load_workbook(io.BytesIO(response.content))["Nguồn số liệu"]
    lines = [r for r in sources.iter_rows(min_row=2, values_only=True) if r[2] == "Xã Hoang Thèn" and r[0] == "02.07"]
    assert lines == [("02.07", "Bình quân tiêu chí nông thôn mới", "Xã Hoang Thèn", 8, "Tính toán", "không đạt",
                      "Tính từ bảng tiêu chí nông thôn mới (bộ 1285/QĐ-UBND, năm 2023)")]


def td(row: str, commune: str) -> str:
    """The cell of one commune in a comparison row, its attributes included."""
    return next(c for c in row.split("<td")[1:] if f'data-commune="{commune}"' in c).split("</td>")[0]


def test_the_comparison_is_fed_by_the_ntm_matrix(client_as, leader, phong_tho):
    """Issue 15: every commune of the NTM matrix has its count (not "—"), a range where
    cells are unknown, the same figures as the NTM page (programmes.ntm.selectors)."""
    from ktxh.programmes.ntm.selectors import ntm_matrix

    view = ntm_matrix(district=phong_tho, year=2023)
    counts = {c.code: c for c in view.figures.communes}
    page = client_as(leader).get("/so-sanh-xa/?unit=109&period=2023").content.decode()
    assert "Nhóm chỉ tiêu về nông nghiệp, nông thôn" in page  # rows grouped as the catalogue groups them
    assert 'data-testid="ntm-summary"' in page and "bình quân <strong>9,19–9,75</strong>" in page
    row = next(r for r in rows_of(page) if r.startswith('"02.07"'))
    assert "tính từ bảng tiêu chí nông thôn mới" in row
    for u in view.communes:
        cell = td(row, u.code)
        c = counts[u.code]
        text = str(c.met) if not c.unknown else f"{c.met}–{c.possible}"
        assert cell.endswith(f">{text}"), (u.code, cell)
    assert "không xét" in td(row, "109-01")  # the thị trấn
    hoang_then = td(row, "109-10")
    assert "status-not_met" in hoang_then  # 8 criteria against the district's plan of 10,81
    recognised = next(r for r in rows_of(page) if r.startswith('"02.06"'))
    ma_li_pho = td(recognised, "109-09")
    assert "Đạt chuẩn" in ma_li_pho and "935/QĐ-UBND" in ma_li_pho and "status-met" in ma_li_pho
    assert "Chưa đạt" in td(recognised, "109-10")


def test_a_changed_ntm_cell_moves_the_comparison(client_as, leader, planner, phong_tho):
    from ktxh.programmes.ntm.models import CommuneCriterion

    client = client_as(leader)
    before = next(r for r in rows_of(client.get("/so-sanh-xa/?unit=109&period=2023").content.decode())
                  if r.startswith('"02.07"'))
    from ktxh.programmes.ntm.services import commune_criteria_save

    cell = CommuneCriterion.objects.filter(commune__code="109-10", year=2023, state=CommuneCriterion.State.NOT_MET,
                                           criterion__criteria_set__code="1285/QĐ-UBND").select_related(
        "criterion__criteria_set", "commune").first()
    commune_criteria_save(actor=planner, commune=cell.commune, year=2023, criteria_set=cell.criterion.criteria_set,
                          cells={cell.criterion.number: {"state": CommuneCriterion.State.MET}})
    after = next(r for r in rows_of(client.get("/so-sanh-xa/?unit=109&period=2023").content.decode())
                 if r.startswith('"02.07"'))
    assert td(before, "109-10").endswith(">8") and td(after, "109-10").endswith(">9")


def test_the_overview_shows_percent_of_plan_only_where_it_means_something(client_as, leader):
    page = client_as(leader).get("/danh-gia/?unit=109&period=2023").content.decode()
    rows = {r.split('"')[1]: r for r in rows_of(page)}
    pct = lambda row: row.split('data-label="% KH">')[1].split("</td>")[0].strip()  # noqa: E731
    assert pct(rows["04.02"]) == "" and pct(rows["07.03"]) == ""  # growth rate, change in ‰ points
    assert pct(rows["02.01"]) == "100,43"
    assert "+1,64 điểm phần nghìn" in rows["07.03"]


def test_a_target_stated_against_last_year_shows_its_words_and_its_resolved_plan(phong_tho):
    # 000 §B: "tổng lượt khách du lịch tăng 10%"; 2023: 37.000 lượt -> 40.700 (the table cell,
    # the terminal table and the entry grid all write it through core.display.target_text).
    from ktxh.dashboards.templatetags.evaluation import target_cell
    from ktxh.evaluation.table import evaluation_table
    from ktxh.evaluation.text_table import render_text_table

    table = evaluation_table(unit=phong_tho, period="2024-H1", main_only=False)
    row = {r.indicator.code: r for r in table.rows}["04.03"]
    cell = str(target_cell(row))
    assert cell.startswith("tăng 10% so với năm 2023") and "= 40.700" in cell
    assert "tăng 10% so với năm 2023 (= 40.700" in render_text_table(table)


def test_a_stock_such_as_tea_area_is_kept_as_it_stands_and_only_flows_are_projected(client_as, leader):
    rows = {r[1:6]: r for r in rows_of(client_as(leader).get("/tien-do/?unit=109&period=2024-H1").content.decode())}
    tea = rows["02.02"]  # 754,2 ha of tea on 30/06: a linear projection printed 1.508,40 ha (187,57 % KH)
    assert "1.508,4" not in tea and "187,57" not in tea
    assert "754,2" in tea and "số tại thời điểm" in tea
    ntm = rows["02.06"]  # the number of NTM communes is a count, not a rate
    assert "chỉ tiêu tỷ lệ" not in ntm and "số tại thời điểm" in ntm
    export = rows["04.01"]  # a flow without last year's 6 months: extrapolated by months
    assert "ngoại suy tuyến tính" in export


def test_after_a_year_without_plan_gets_values_the_progress_page_opens_on_a_planned_period(client_as, leader, admin_user):
    from ktxh.catalog.models import Indicator
    from ktxh.orgunits.models import OrgUnit
    from ktxh.values.services import value_set

    unit = OrgUnit.objects.get(code="109", vintage="cu")
    value_set(actor=admin_user, indicator=Indicator.objects.get(code="02.01"), org_unit=unit, period="2026-H1",
              kind="estimate", value=Decimal("4000"))
    page = client_as(leader).get("/tien-do/?unit=109").content.decode()
    assert "Chưa có chỉ tiêu nào có kế hoạch năm" not in page
    assert "6 tháng đầu năm 2024" in page.split('class="sub"')[1][:200]
    assert rows_of(page)


def test_the_indicator_chart_draws_one_line_per_kind_of_period_over_the_years(client_as, leader):
    import json
    import re

    page = client_as(leader).get("/chi-tieu/02.01/?unit=109&period=2023").content.decode()
    data = json.loads(re.search(r'id="chart-data"[^>]*>(.*?)</script>', page, re.S).group(1))["series"]
    lines = {line["label"]: line for line in data["lines"]}
    assert set(lines) == {"Cả năm", "6 tháng đầu năm"}  # never a half-year and a year on one line
    assert data["labels"] == sorted(data["labels"]) and "2023" in data["labels"]  # years, not "2.023"
    i = data["labels"].index("2023")
    assert lines["Cả năm"]["texts"][i] == "36.595,83" and lines["6 tháng đầu năm"]["texts"][i] == "4.136,30"
    assert len(data["targets"]) == len(data["labels"])


def test_the_overview_rows_kept_rendered_change_with_a_published_write(client_as, leader, planner):
    """Rows are rendered once per evaluated row (templatetags.evaluation.overview_row):
    a commune's published value must still show in the district's row at once."""
    from ktxh.catalog.models import Indicator
    from ktxh.orgunits.models import OrgUnit
    from ktxh.values.services import value_set

    client = client_as(leader)
    url = "/danh-gia/?unit=109&period=2023"
    first = client.get(url).content.decode()
    assert rows_of(client.get(url).content.decode()) == rows_of(first)  # kept rows render the same
    row = next(r for r in rows_of(first) if r.startswith('"02.07"'))
    assert "Xã Hoang Thèn" in row  # 8 criteria: behind the plan
    value_set(actor=planner, indicator=Indicator.objects.get(code="02.07"), org_unit=OrgUnit.objects.get(code="109-10"),
              period="2023", kind="revised", value=Decimal("19"))
    row = next(r for r in rows_of(client.get(url).content.decode()) if r.startswith('"02.07"'))
    assert "Xã Hoang Thèn" not in row
