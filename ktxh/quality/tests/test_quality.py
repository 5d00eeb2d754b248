"""Quality rules on the demo data: what must fire, what must not, follow-ups, access."""

from decimal import Decimal

import pytest

from ktxh.quality.models import Rule, Violation
from ktxh.quality.services import quality_run

pytestmark = pytest.mark.django_db


def fired(unit_code, period, rule):
    return set(Violation.objects.filter(org_unit__path__contains=f"/{unit_code}/", period=period, rule__code=rule,
                                        is_open=True).values_list("org_unit__code", "subject"))


def test_the_demo_rules_find_the_real_problems_of_phong_tho(phong_tho):
    quality_run(unit=phong_tho, period="2023")
    quality_run(unit=phong_tho, period="2024-H1")
    # 003: the four communes recognised in 2017 meet only 12–15 criteria of the new set
    assert {u for u, _ in fired("109", "2023", "NTM-19")} == {"109-09", "109-11", "109-14", "109-17"}
    # 001: '1,95 triệu USD, đạt 38,92% kế hoạch năm' but 1,95 / 5 = 39,00 %
    assert fired("109", "2024-H1", "KH-GHI") == {("109", "04.01")}


def test_consistent_demo_figures_do_not_fire(phong_tho):
    quality_run(unit=phong_tho, period="2023")
    for rule in ("NTM-TONG", "NTM-TL", "NTM-PHAN", "HO-NGHEO", "TL-0-100", "SO-XA", "DOT-BIEN", "TONG-XA"):
        assert fired("109", "2023", rule) == set(), rule


def test_a_rate_target_above_100_is_found_in_muong_te():
    from ktxh.orgunits.models import OrgUnit

    quality_run(unit=OrgUnit.objects.get(code="107"), period="2023")
    assert fired("107", "2023", "KH-TL-0-100") == {("107", "05.05")}


def test_a_value_typed_a_thousand_times_too_large_is_found_and_closes_when_fixed(phong_tho, planner):
    from ktxh.catalog.models import Indicator
    from ktxh.values.services import value_set

    grain = Indicator.objects.get(code="02.01")
    value_set(actor=planner, indicator=grain, org_unit=phong_tho, period="2024", kind="estimate",
              value=Decimal("36595830"))
    result = quality_run(unit=phong_tho, period="2024", actor=planner)
    assert ("109", "02.01") in fired("109", "2024", "DOT-BIEN") and result.new >= 1
    value_set(actor=planner, indicator=grain, org_unit=phong_tho, period="2024", kind="estimate",
              value=Decimal("36600"))
    result = quality_run(unit=phong_tho, period="2024", actor=planner)
    assert ("109", "02.01") not in fired("109", "2024", "DOT-BIEN") and result.resolved >= 1


def test_a_total_must_equal_the_sum_of_its_parts(phong_tho, planner):
    from ktxh.catalog.models import Indicator, IndicatorGroup
    from ktxh.values.services import value_set

    group = IndicatorGroup.objects.get(code="02")
    made = {c: Indicator.objects.create(code=c, name=n, group=group, unit="tấn", measure_kind="level")
            for c, n in (("T.LT", "Lương thực"), ("T.LUA", "Lúa"), ("T.NGO", "Ngô"))}
    Rule.objects.create(code="T-LT", name="Lương thực = lúa + ngô", left="[T.LT]", op="=",
                        right="[T.LUA] + [T.NGO]", tolerance=Decimal("0.01"), unit_kinds="district")
    for code, value in (("T.LT", "100"), ("T.LUA", "70"), ("T.NGO", "30")):
        value_set(actor=planner, indicator=made[code], org_unit=phong_tho, period="2022", kind="official",
                  value=Decimal(value))
    quality_run(unit=phong_tho, period="2022")
    assert fired("109", "2022", "T-LT") == set()
    value_set(actor=planner, indicator=made["T.NGO"], org_unit=phong_tho, period="2022", kind="official",
              value=Decimal("20"))
    quality_run(unit=phong_tho, period="2022")
    violation = Violation.objects.get(rule__code="T-LT", period="2022")
    assert violation.left_value == 100 and violation.right_value == 90
    assert "100 không = 90" in violation.message


def test_the_quality_page_lists_violations_with_their_values(client_as, leader):
    page = client_as(leader).get("/chat-luong/?unit=109&period=2023").content.decode()
    assert "NTM-19" in page and "KH-TL-0-100" not in page  # Mường Tè is not in this subtree
    assert "Xã Mường So" in page and "02.07 = 15" in page
    assert "Đã xác minh, số liệu đúng</button>" not in page  # a leader reads, does not review


def test_a_planner_marks_a_violation_checked_with_a_comment(client_as, planner):
    client = client_as(planner)
    violation = Violation.objects.filter(rule__code="NTM-19", is_open=True).first()
    response = client.post(f"/chat-luong/{violation.pk}/xac-minh/", {"comment": "", "unit": "109"}, follow=True)
    assert "Cần ghi rõ lý do" in response.content.decode()
    violation.refresh_from_db()
    assert not violation.checked
    comment = "Xã đạt chuẩn theo QĐ 935/2017, đang rà soát theo bộ tiêu chí mới"
    page = client.post(f"/chat-luong/{violation.pk}/xac-minh/", {"comment": comment, "unit": "109"},
                       follow=True).content.decode()
    violation.refresh_from_db()
    assert violation.checked and violation.checked_by == planner and comment in page


def test_running_the_rules_on_demand_needs_the_planning_role(client_as, planner, leader):
    assert client_as(leader).post("/chat-luong/kiem-tra/", {"unit": "109", "period": "2023"}).status_code == 403
    page = client_as(planner).post("/chat-luong/kiem-tra/", {"unit": "109", "period": "2023"},
                                   follow=True).content.decode()
    assert "Đã kiểm tra" in page


def test_a_commune_clerk_sees_only_their_own_communes_findings(client_as, commune_clerk):
    from ktxh.accounts.models import RoleAssignment

    own = RoleAssignment.objects.get(user=commune_clerk).org_unit
    other = Violation.objects.exclude(org_unit=own).first()
    client = client_as(commune_clerk)
    assert client.post(f"/chat-luong/{other.pk}/xac-minh/", {"comment": "x"}).status_code == 404
    assert client.get(f"/chat-luong/?unit={own.code}&period=2023").status_code == 200


def test_a_rules_file_with_a_bad_rule_is_rejected_whole(tmp_path):
    from ktxh.quality.demo import RulesFileError, rules_load

    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  - {code: A, name: a, left: '[X]', op: '=', right: '[Y]'}\n"
                    "  - {code: B, name: b, left: '[X] +', op: '=', right: '1'}\n"
                    "  - {code: C, name: c, left: '[X]', op: '≈', right: '1'}\n", encoding="utf-8")
    with pytest.raises(RulesFileError) as error:
        rules_load(path)
    assert len(error.value.problems) == 2
    assert not Rule.objects.filter(code="A").exists()


def test_loading_the_demo_rules_twice_changes_nothing():
    from ktxh.quality.demo import DEMO_RULES, rules_load

    assert rules_load(DEMO_RULES) == 0


def test_submitting_a_report_runs_the_rules_and_the_entry_grid_can_list_what_they_found(
        client_as, department_officer, django_capture_on_commit_callbacks):
    from ktxh.entry.tests.entry_helpers import agriculture_set, fill_all, grid_url
    from ktxh.quality.selectors import violations_for

    data_set = agriculture_set()
    assert data_set.indicators.filter(code="02.06").exists()
    client = client_as(department_officer)
    fill_all(client, data_set)  # "40" communes meeting NTM in a district of 17 units
    assert not violations_for(unit=data_set.reporter_unit, period="2025-H1").exists()
    with django_capture_on_commit_callbacks(execute=True):  # the rules run once the submit commits
        assert client.post(grid_url(data_set, "nop/")).status_code == 302
    found = violations_for(unit=data_set.reporter_unit, period="2025-H1", user=department_officer)
    assert ("SO-XA", "02.06") in {(v.rule.code, v.subject) for v in found}
    grid = client.get(grid_url(data_set)).content.decode()
    assert 'data-testid="violations"' in grid and "Số xã đạt chuẩn nông thôn mới" in grid


def test_the_rules_run_only_after_the_submit_is_committed(client_as, department_officer,
                                                         django_capture_on_commit_callbacks):
    from ktxh.entry.tests.entry_helpers import agriculture_set, fill_all, grid_url
    from ktxh.quality.selectors import violations_for

    data_set = agriculture_set()
    client = client_as(department_officer)
    fill_all(client, data_set)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert client.post(grid_url(data_set, "nop/")).status_code == 302
    assert len(callbacks) == 1
    assert not violations_for(unit=data_set.reporter_unit, period="2025-H1").exists()  # not yet
    callbacks[0]()
    assert violations_for(unit=data_set.reporter_unit, period="2025-H1").exists()


def test_an_unreadable_rule_stored_by_hand_is_skipped_not_fatal(phong_tho):
    Rule.objects.create(code="HONG", name="hỏng", left="[02.01] +", op="=", right="1")
    result = quality_run(unit=phong_tho, period="2023")
    assert "HONG" in result.broken and result.found >= 4


def test_the_admin_refuses_a_rule_it_cannot_read(client_as, admin_user):
    client = client_as(admin_user)
    response = client.post("/quan-tri/quality/rule/add/", {
        "code": "X", "name": "x", "kind": "compare", "left": "[02.01] +", "op": "=", "right": "1",
        "tolerance": "0", "factor": "1000", "applies_to": "", "unit_kinds": "", "is_active": "on"})
    assert response.status_code == 200 and "kết thúc giữa chừng" in response.content.decode()
    assert not Rule.objects.filter(code="X").exists()
