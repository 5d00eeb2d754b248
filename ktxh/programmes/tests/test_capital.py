"""Capital of the national target programmes: the page, the checks against what
reports print, disbursement entry, and the annex workbook."""

import io
from datetime import date
from decimal import Decimal

import openpyxl

from ktxh.programmes.capital.models import CapitalLine, Disbursement
from ktxh.programmes.capital.selectors import capital_view
from ktxh.programmes.capital.services import capital_line_upsert

PAGE_2023 = "/chuong-trinh/von/?unit=109&period=2023&ngay=31/12/2023"
PAGE_PLAN = "/chuong-trinh/von/?unit=109&period=2023-2025&ngay=31/12/2023"


def line(code):
    return CapitalLine.objects.get(org_unit__code="109", code=code)


def test_the_2023_page_sums_plans_and_disbursements_of_000_and_003(client_as, leader):
    html = client_as(leader).get(PAGE_2023).content.decode()
    # 000's 188.685 includes NTM's 3.244 (a "trong đó" line): 188.685 + 5.939 + 1.570 + 1.868 = 198.062;
    # 102.531 (its disbursement, NTM's 1.290 included) + 3.890 = 106.421
    assert "Tổng kế hoạch 198.062 triệu đồng; đã giải ngân 106.421 triệu đồng, đạt 53,73%" in html
    assert "Tổng cộng = dòng 1 (188.685) + dòng 2 (5.939) + dòng 3 (1.570) + dòng 4 (1.868)" in html
    rest = html.split('data-testid="capital-rest"')[1].split("</tr>")[0]
    assert "Phần còn lại chưa tách chi tiết" in rest and "185.441" in rest and "101.241" in rest
    assert "65,50" in html  # 3.890 / 5.939


def test_the_printed_percent_and_a_total_that_is_not_its_parts_are_flagged(client_as, planner):
    assert "báo cáo ghi giải ngân 65,6%" in client_as(planner).get(PAGE_2023).content.decode()
    html = client_as(planner).get(PAGE_PLAN).content.decode()
    assert "văn bản ghi tổng 271.034, các dòng chi tiết cộng lại 271.502 (lệch 468)" in html
    assert "1.790.878" in html


def test_summaries_by_source_type_and_year_of_origin_come_from_the_leaves(planner):
    view = capital_view(unit=line("2023-NTM-DT").org_unit, period="2023", as_of=date(2023, 12, 31))
    origin = dict(view.by_origin)
    assert origin[2022].plan == Decimal("7509") and origin[2022].disbursed == Decimal("3890")
    programmes = dict(view.by_programme)  # NTM's 3.244 counted under NTM, and only the rest under MTQG
    assert programmes["MTQG xây dựng nông thôn mới"].plan == Decimal("12621")
    assert programmes["03 chương trình MTQG"].plan == Decimal("185441")
    types = dict(view.by_type)
    assert types["Vốn sự nghiệp"].disbursed == 0
    plan = capital_view(unit=line("004-V").org_unit, period="2023-2025", as_of=date(2023, 12, 31))
    assert plan.total.plan == Decimal("1791346")  # leaves: the 468 of 004 §V shows up in the total


def test_lagging_lines_follow_the_chosen_pace(client_as, planner):
    html = client_as(planner).get(PAGE_2023 + "&nhip=60").content.decode()
    lagging = html.split('data-testid="capital-lagging"')[1].split("</table>")[0]
    assert "Vốn đầu tư NTM năm 2023" in lagging  # 1.290 / 3.244 = 39,77%
    assert "Vốn đầu tư các chương trình MTQG năm 2023" in lagging  # 54,34% < 60%
    assert "Vốn đầu tư NTM năm 2022 chuyển nguồn" not in lagging  # 65,50% ≥ 60%


def test_the_planner_records_a_disbursement(client_as, planner):
    target = line("2023-NTM-DT")
    response = client_as(planner).post("/chuong-trinh/von/giai-ngan/",
                                       {"line": target.pk, "date": "20/12/2023", "amount": "1.000,5"}, follow=True)
    assert "Đã ghi giải ngân" in response.content.decode()
    entry = Disbursement.objects.get(line=target, date=date(2023, 12, 20))
    assert entry.amount == Decimal("1000.5") and entry.created_by == planner


def test_a_disbursement_larger_than_what_remains_is_refused_and_nothing_is_written(client_as, planner):
    target = line("2023-NTM-DT")  # 3.244 planned, 1.290 disbursed
    before = Disbursement.objects.count()
    response = client_as(planner).post("/chuong-trinh/von/giai-ngan/",
                                       {"line": target.pk, "date": "20/12/2023", "amount": "2.000"}, follow=True)
    assert "lớn hơn số kế hoạch còn lại 1.954 triệu đồng" in response.content.decode()
    assert Disbursement.objects.count() == before


def test_a_disbursement_after_the_carry_over_deadline_is_refused(client_as, planner):
    target = line("2023-NTM-DT-CN2022")
    response = client_as(planner).post("/chuong-trinh/von/giai-ngan/",
                                       {"line": target.pk, "date": "05/01/2024", "amount": "10"}, follow=True)
    assert "sau hạn giải ngân 31/12/2023" in response.content.decode()


def test_only_the_planning_office_records_disbursements(client_as, department_officer):
    response = client_as(department_officer).post("/chuong-trinh/von/giai-ngan/",
                                                  {"line": line("2023-NTM-DT").pk, "date": "20/12/2023", "amount": "1"})
    assert response.status_code == 403


def test_the_annex_workbook_has_the_three_sheets_with_numbers_as_numbers(client_as, planner):
    response = client_as(planner).get("/chuong-trinh/von/phu-bieu.xlsx?unit=109&period=2023&ngay=31/12/2023")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Phụ biểu 04", "Phụ biểu 05", "Chậm giải ngân"]
    sheet = book["Phụ biểu 04"]
    rows = {r[1].value.strip(): r for r in sheet.iter_rows(min_row=5) if r[1].value}
    carry = rows["Vốn đầu tư NTM năm 2022 chuyển nguồn sang năm 2023 (48 dự án)"]
    assert carry[6].value == 5939 and carry[7].value == 3890 and round(carry[8].value, 2) == 65.50
    assert "#,##0" in carry[6].number_format


def test_text_from_users_is_written_as_text_never_as_a_formula(client_as, planner):
    unit = line("2023-NTM-DT").org_unit
    capital_line_upsert(actor=planner, org_unit=unit, code="X-EVIL", label='=HYPERLINK("http://x","y")',
                        period="2023", amount=Decimal(1), fund_source="district", capital_type="investment",
                        source="@SUM(1)")
    response = client_as(planner).get("/chuong-trinh/von/phu-bieu.xlsx?unit=109&period=2023")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Phụ biểu 04"]
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    assert all(c.data_type == "s" for row in sheet.iter_rows() for c in row if c.value == "@SUM(1)")
    # Quote-prefixed (issue 13, finding 9): editing the cell in Excel cannot make it a formula.
    assert all(c.quotePrefix for c in cells if c.value.startswith("="))
    assert all(c.quotePrefix for row in sheet.iter_rows() for c in row if c.value == "@SUM(1)")


def test_the_planner_adds_a_carried_over_line_and_bad_amounts_are_refused(client_as, planner):
    client = client_as(planner)
    form = {"unit": "109", "period": "2024", "label": "Vốn NTM năm 2023 chuyển nguồn", "programme": "NTM",
            "fund_source": "central", "capital_type": "investment", "amount": "1954.0", "carried_from": "2023",
            "deadline": "31/12/2024"}
    response = client.post("/chuong-trinh/von/them/", form, follow=True)
    assert "Kế hoạch vốn &#x27;1954.0&#x27; không hợp lệ" in response.content.decode()
    assert not CapitalLine.objects.filter(period="2024").exists()
    response = client.post("/chuong-trinh/von/them/", {**form, "amount": "1.954"}, follow=True)
    assert "Đã thêm dòng kế hoạch vốn" in response.content.decode()
    added = CapitalLine.objects.get(period="2024")
    assert added.amount == 1954 and added.origin_year == 2023 and added.deadline == date(2024, 12, 31)


def test_a_new_line_takes_the_next_free_code_and_never_overwrites_one(planner):
    from ktxh.orgunits.models import OrgUnit
    from ktxh.programmes.capital.services import capital_line_create

    unit = OrgUnit.objects.get(code="109")
    common = {"actor": planner, "org_unit": unit, "period": "2027", "amount": Decimal("10"),
              "fund_source": "central", "capital_type": "investment"}
    # a line coded as the old count()+1 rule would have coded the next one
    capital_line_upsert(**common, code=f"2027-{CapitalLine.objects.filter(org_unit=unit).count() + 1}", label="có sẵn")
    first = capital_line_create(**common, label="một")
    second = capital_line_create(**common, label="hai")
    assert len({first.code, second.code}) == 2 and first.code.startswith("2027-")
    labels = set(CapitalLine.objects.filter(org_unit=unit, period="2027").values_list("label", flat=True))
    assert labels == {"có sẵn", "một", "hai"}


def test_a_30_digit_amount_in_the_capital_forms_is_refused_and_the_pages_still_open(client_as, planner):
    """Issue 13, finding 1: a huge amount typed into the capital form once took down the
    capital page and its annex for everyone (SQLite stored a float Django could not read)."""
    client = client_as(planner)
    huge = "111.111.111.111.111.111.111.111.111.111"
    form = {"unit": "109", "period": "2024", "label": "Dòng thử quá lớn", "programme": "NTM",
            "fund_source": "central", "capital_type": "investment", "amount": huge}
    response = client.post("/chuong-trinh/von/them/", form, follow=True)
    assert response.status_code == 200 and "tối đa 15 chữ số phần nguyên" in response.content.decode()
    assert not CapitalLine.objects.filter(label="Dòng thử quá lớn").exists()
    target = line("2023-NTM-DT")
    before = Disbursement.objects.count()
    response = client.post("/chuong-trinh/von/giai-ngan/", {"line": target.pk, "date": "01/06/2023",
                                                             "amount": huge}, follow=True)
    assert response.status_code == 200 and "quá lớn" in response.content.decode()
    assert Disbursement.objects.count() == before
    for url in ("/chuong-trinh/von/?unit=109&period=2023", "/chuong-trinh/von/phu-bieu.xlsx?unit=109&period=2023"):
        assert client.get(url).status_code == 200
