"""The NTM matrix in the running app: who sees and edits what, bad input, findings,
and publishing computed figures into the main-indicator table."""

import re
from decimal import Decimal

import pytest

from ktxh.programmes.ntm.models import CommuneCriterion
from ktxh.programmes.ntm.selectors import ntm_indicator
from ktxh.values.models import DataValue

MATRIX = "/chuong-trinh/nong-thon-moi/?unit=109&year=2023"
SI_LO_LAU = "/chuong-trinh/nong-thon-moi/xa/109-02/2023/"  # the commune clerk's commune
MUONG_SO = "/chuong-trinh/nong-thon-moi/xa/109-14/2023/"


def rows_of(html: str) -> list[str]:
    return re.findall(r'<th scope="row" class="commune">(?:<a [^>]*>)?([^<]+)', html)


def test_the_planner_sees_all_16_communes_of_phong_tho_coloured_with_aggregates(client_as, planner):
    html = client_as(planner).get(MATRIX).content.decode()
    assert len(rows_of(html)) == 16 and "Thị trấn" not in "".join(rows_of(html))
    assert html.count('class="cell met"') > 100 and 'class="cell unknown"' in html
    assert "9,19–9,75" in html  # average range: 9 cells of 003 are unknown


def test_the_matrix_flags_where_003_contradicts_itself(client_as, planner):
    html = client_as(planner).get(MATRIX).content.decode()
    assert "báo cáo ghi 11,06, nhưng bảng tiêu chí chỉ cho phép từ 9,19 đến 9,75" in html
    assert "Số xã đạt 19 tiêu chí: báo cáo ghi 4, bảng tiêu chí cho 0" in html
    assert "ghi 3 xã không đạt nhưng nêu tên 2 xã (Sì Lở Lầu, Vàng Ma Chải)" in html
    assert "số ước 11,19" in html and "ghi 11,06" in html  # 000 §III vs 003 §2


def test_the_2023_estimate_of_the_main_table_is_left_as_the_report_states_it(client_as, planner):
    html = client_as(planner).get("/danh-gia/?unit=109&period=2023").content.decode()
    assert "11,19" in html
    values = DataValue.objects.filter(indicator=ntm_indicator("average"), org_unit__code="109", period="2023")
    assert [(v.kind, v.value) for v in values] == [("estimate", Decimal("11.19"))]


def test_a_commune_clerk_sees_and_edits_only_their_own_commune(client_as, commune_clerk):
    client = client_as(commune_clerk)
    html = client.get("/chuong-trinh/nong-thon-moi/").content.decode()
    assert rows_of(html) == ["Xã Sì Lở Lầu"]
    assert 'data-testid="ntm-aggregates"' not in html
    assert client.get(SI_LO_LAU).status_code == 200
    assert client.get(MUONG_SO).status_code == 404


def test_a_commune_clerk_saves_a_criterion_with_evidence_through_the_form(client_as, commune_clerk):
    response = client_as(commune_clerk).post(SI_LO_LAU, {"state_8": "met", "evidence_8": "Biên bản kiểm tra 12/2023",
                                                          "note_8": ""})
    assert response.status_code == 302
    cell = CommuneCriterion.objects.get(commune__code="109-02", year=2023, criterion__number=8,
                                        criterion__criteria_set__code="1285/QĐ-UBND")
    assert cell.state == "met" and cell.evidence == "Biên bản kiểm tra 12/2023"
    assert cell.history.first().history_user == commune_clerk


def test_a_criterion_number_not_in_the_set_is_refused_and_nothing_is_written(client_as, planner):
    before = list(CommuneCriterion.objects.filter(commune__code="109-02", year=2023).values_list("state", flat=True))
    response = client_as(planner).post(SI_LO_LAU, {"state_2": "met", "state_25": "met"})
    assert response.status_code == 400
    assert "Tiêu chí số 25 không có trong bộ tiêu chí 1285/QĐ-UBND" in response.content.decode()
    after = list(CommuneCriterion.objects.filter(commune__code="109-02", year=2023).values_list("state", flat=True))
    assert before == after


@pytest.mark.parametrize("persona", ["department_officer", "viewer", "leader"])
def test_other_personas_cannot_edit_criteria(client_as, request, persona):
    client = client_as(request.getfixturevalue(persona))
    assert client.post(SI_LO_LAU, {"state_2": "met"}).status_code == 403


def test_publishing_is_refused_while_cells_are_unknown(client_as, planner):
    response = client_as(planner).post("/chuong-trinh/nong-thon-moi/cap-nhat-chi-tieu/",
                                       {"unit": "109", "year": "2023"}, follow=True)
    assert "còn 9 ô chưa rõ" in response.content.decode()
    assert not DataValue.objects.filter(org_unit__code="109", period="2023", kind="official",
                                        source__startswith="derived: NTM").exists()


def test_publishing_a_complete_matrix_writes_official_values_the_main_table_shows(client_as, planner):
    CommuneCriterion.objects.filter(commune__parent__code="109", year=2023, state="unknown").update(state="met")
    client = client_as(planner)
    response = client.post("/chuong-trinh/nong-thon-moi/cap-nhat-chi-tieu/", {"unit": "109", "year": "2023"},
                           follow=True)
    assert "Đã cập nhật số chính thức năm 2023" in response.content.decode()
    official = DataValue.objects.get(indicator=ntm_indicator("average"), org_unit__code="109", period="2023",
                                     kind="official")
    assert official.value == Decimal("9.75")  # 156 criteria / 16 communes
    assert official.source == "derived: NTM matrix (1285/QĐ-UBND, 109, năm 2023)"
    assert DataValue.objects.filter(indicator=ntm_indicator("average"), org_unit__code="109", period="2023",
                                    kind="estimate", value=Decimal("11.19")).exists()
    assert "9,75" in client.get("/danh-gia/?unit=109&period=2023").content.decode()


def test_only_the_planning_office_may_publish(client_as, leader):
    response = client_as(leader).post("/chuong-trinh/nong-thon-moi/cap-nhat-chi-tieu/", {"unit": "109", "year": "2023"})
    assert response.status_code == 403


def test_every_link_on_the_clerks_page_stays_within_their_commune(client_as, commune_clerk):
    client = client_as(commune_clerk)
    html = client.get("/chuong-trinh/nong-thon-moi/").content.decode()
    links = set(re.findall(r'href="(/chuong-trinh/[^"]*)"', html))
    assert links and all("unit=109&" not in link and not link.endswith("unit=109") for link in links)
    assert all(client.get(link.replace("&amp;", "&")).status_code == 200 for link in links)
    assert rows_of(client.get("/chuong-trinh/nong-thon-moi/?unit=109-02&year=2024").content.decode()) == ["Xã Sì Lở Lầu"]
