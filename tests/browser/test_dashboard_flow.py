"""A leader answers "which indicators are we behind on, and in which communes?" in two
clicks; the charts are drawn from the server's numbers."""

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_a_leader_finds_the_indicators_and_communes_behind_plan_in_two_clicks(page_for):
    page = page_for("leader")
    assert "Kết quả thực hiện các chỉ tiêu chủ yếu" in page.inner_text("h1")
    # click 1: the "Cần chú ý" chip of the overview
    page.click("[data-testid=chips] a[data-status=attention]")
    page.wait_for_load_state("networkidle")
    rows = page.locator("tr[data-indicator]")
    codes = sorted(rows.evaluate_all("rs => rs.map(r => r.dataset.indicator)"))
    assert codes == ["02.05", "02.07"]
    assert "Xã Hoang Thèn" in page.locator("tr[data-indicator='02.07']").inner_text()
    assert "không đạt" in page.locator("tr[data-indicator='02.05']").inner_text()
    screenshot(page, "dashboard-attention")
    # click 2: the indicator, with its communes sorted and the one behind marked
    page.click("tr[data-indicator='02.07'] td.name a")
    page.wait_for_load_state("networkidle")
    assert "Bình quân tiêu chí nông thôn mới" in page.inner_text("h1")
    hoang_then = page.locator("[data-testid=communes] tr[data-commune='109-10']")
    assert "không đạt" in hoang_then.inner_text()
    names = page.locator("[data-testid=communes] tbody tr td:first-child").all_inner_texts()
    assert names[0] == "Xã Mường So" and names[-1] == "Xã Hoang Thèn"
    # Chart.js drew both charts (a canvas with a chart instance and a non-zero size)
    drawn = page.evaluate("['series-chart','communes-chart'].map(id => !!Chart.getChart(id))")
    assert drawn == [True, True]
    screenshot(page, "dashboard-indicator")


def test_the_search_is_accent_insensitive_in_the_browser(page_for):
    page = page_for("leader")
    page.fill("[data-testid=search]", "che phu rung")
    page.press("[data-testid=search]", "Enter")
    page.wait_for_load_state("networkidle")
    assert page.locator("tr[data-indicator]").count() == 1
    assert "Tỷ lệ che phủ rừng" in page.locator("tr[data-indicator]").inner_text()


def test_commune_comparison_progress_and_quality_pages_render(page_for):
    page = page_for("planner")
    page.click("nav.dash-tabs >> text=So sánh các xã")
    page.wait_for_load_state("networkidle")
    assert page.locator("td.status-not_met[data-commune='109-10']").count() == 1
    screenshot(page, "dashboard-communes")
    page.click("nav.dash-tabs >> text=Tiến độ trong năm")
    page.wait_for_load_state("networkidle")
    assert "dự báo khó đạt" in page.inner_text("[data-testid=risk-summary]")
    screenshot(page, "dashboard-progress")
    page.click("nav.dash-tabs >> text=Chất lượng số liệu")
    page.wait_for_load_state("networkidle")
    with page.expect_navigation():  # the tab kept the progress page's 6 months
        page.select_option("select[name=period]", "2023")
    assert page.locator("tr[data-rule='NTM-19']").count() == 4
    screenshot(page, "dashboard-quality")


def test_the_indicator_page_fits_a_phone(page_for, live_app):
    page = page_for("leader", width=390, height=844)
    page.goto(live_app + "/chi-tieu/02.07/?unit=109&period=2023")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    screenshot(page, "dashboard-indicator-phone")


# the status of every visible row lies inside the viewport, i.e. readable without scrolling sideways
VISIBLE_INSIDE = """(w) => [...document.querySelectorAll('tr[data-indicator] .status')].map(s => {
  const r = s.getBoundingClientRect(); return r.width > 0 && r.left >= 0 && r.right <= w; })"""


def test_on_a_phone_each_overview_row_is_a_card_with_its_status_in_view(page_for, live_app):
    page = page_for("leader", width=390, height=844)
    page.goto(live_app + "/danh-gia/?unit=109&period=2023")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    assert page.evaluate("document.querySelector('.table-wrap').scrollWidth") <= 390
    inside = page.evaluate(VISIBLE_INSIDE, 390)
    assert inside and all(inside)
    card = page.locator("tr[data-indicator='02.07']")
    assert "Bình quân tiêu chí nông thôn mới" in card.inner_text()
    labels = card.locator("td").evaluate_all("tds => tds.map(td => getComputedStyle(td, '::before').content)")
    assert '"% KH"' in labels and '"Kế hoạch"' in labels and '"Đánh giá"' in labels
    assert page.locator("tr.group-row").first.is_visible()  # group headers stay
    screenshot(page, "dashboard-overview-phone")


def test_on_a_phone_the_progress_table_is_cards_too_and_the_desktop_keeps_its_columns(page_for, live_app):
    phone = page_for("leader", width=390, height=844)
    phone.goto(live_app + "/tien-do/?unit=109&period=2024-H1")
    phone.wait_for_load_state("networkidle")
    inside = phone.evaluate(VISIBLE_INSIDE, 390)
    assert inside and all(inside)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    screenshot(phone, "dashboard-progress-phone")
    desk = page_for("leader", width=1280)
    desk.goto(live_app + "/danh-gia/?unit=109&period=2023")
    desk.wait_for_load_state("networkidle")
    assert desk.locator("table.eval thead th").first.is_visible()  # a real table with its header row
    assert desk.evaluate("getComputedStyle(document.querySelector('tr[data-indicator]')).display") == "table-row"
    screenshot(desk, "dashboard-overview-desktop")
