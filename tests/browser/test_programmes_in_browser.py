"""The programme pages in Debian's chromium against the real app (tests/browser fixtures)."""

import pytest

from tests.browser.conftest import menu_click, screenshot

pytestmark = pytest.mark.browser


def test_a_planner_opens_the_ntm_matrix_from_the_menu_and_sees_the_findings(page_for):
    page = page_for("planner")
    menu_click(page, "Nông thôn mới")  # the menu names the three programmes
    page.wait_for_load_state("networkidle")
    assert "Bộ tiêu chí xã nông thôn mới" in page.inner_text("h1")
    assert page.locator("[data-testid=ntm-matrix] tbody tr").count() == 16
    assert "Mâu thuẫn" in page.inner_text("[data-testid=findings]")
    screenshot(page, "programmes-ntm-desktop")


def test_a_commune_clerk_edits_a_criterion_of_their_commune(page_for, live_app):
    page = page_for("commune", width=390, height=844)
    page.goto(live_app + "/chuong-trinh/nong-thon-moi/")
    page.click("text=Xã Sì Lở Lầu")
    page.select_option("select[name=state_9]", "met")
    page.fill("textarea[name=evidence_9]", "Biên bản rà soát nhà ở")
    page.click("button:has-text('Lưu')")
    page.wait_for_load_state("networkidle")
    assert "Đã lưu 1 tiêu chí" in page.inner_text(".messages"), page.content()[:3000]
    screenshot(page, "programmes-ntm-commune-phone")


def test_capital_and_tasks_pages_render_for_a_leader(page_for, live_app):
    page = page_for("leader")
    base = live_app
    page.goto(base + "/chuong-trinh/von/?unit=109&period=2023&ngay=31/12/2023")
    assert "53,73%" in page.inner_text("[data-testid=capital-total]")
    screenshot(page, "programmes-capital")
    page.goto(base + "/chuong-trinh/nhiem-vu/?unit=109&ngay=15/03/2024")
    assert "Quá hạn" in page.inner_text("[data-testid=tasks]")
    screenshot(page, "programmes-tasks")
