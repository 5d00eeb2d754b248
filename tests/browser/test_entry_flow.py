"""The whole entry path in the browser: a department officer types the half-year
figures (Enter moves down, each cell saves itself), submits; the planning office
returns it with a reason; the officer fixes and resubmits; a leader approves; the
evaluation page shows the approved figure."""

import pytest

from tests.browser.conftest import menu_click, screenshot

pytestmark = pytest.mark.browser

FIGURES = {"02.01": "4.512,5", "02.02": "760", "02.03": "35", "02.04": "4,5", "02.05": "44,9",
           "02.06": "5", "02.07": "12,8", "02.08": "31,25", "02.10": "120", "05.04": "91"}


def open_my_report(page):
    menu_click(page, "Nhập liệu, duyệt số liệu")
    page.click("[data-testid=my-report] >> text=Phòng Nông nghiệp")
    page.wait_for_selector("table.entry-grid")


def row(page, code):
    return page.locator(f"tr[data-code='{code}']")


def type_and_wait(page, code, text):
    cell = row(page, code).locator("input[name=value]")
    cell.fill(text)
    with page.expect_response(lambda r: "/luu/" in r.url):
        cell.press("Enter")
    # a selector wait, not wait_for_function: the page's CSP forbids evaluating strings
    page.wait_for_selector("tr.htmx-request", state="detached")


def test_enter_submit_return_fix_submit_approve_and_see_it_on_the_dashboard(page_for, live_app):
    page = page_for("department")
    open_my_report(page)
    first = row(page, "02.01").locator("input[name=value]")
    first.focus()
    for code, text in FIGURES.items():
        type_and_wait(page, code, text)
    # The report's badge follows the saves without a reload.
    assert "10/10" in page.inner_text("[data-testid=report-state]")
    # Enter moves the cursor down the value column, like a spreadsheet.
    first.focus()
    first.press("Enter")
    assert page.evaluate("document.activeElement.closest('tr').dataset.code") == "02.02"
    # A thousandfold slip is stopped until confirmed with a comment.
    type_and_wait(page, "02.02", "754.200")
    assert "gấp" in row(page, "02.02").inner_text()
    screenshot(page, "entry-grid-warning")
    type_and_wait(page, "02.02", "760")
    page.reload()
    assert row(page, "02.01").locator("input[name=value]").input_value() == "4.512,5"
    screenshot(page, "entry-grid-filled")
    page.click("button:has-text('Nộp báo cáo')")
    assert "Đã nộp" in page.inner_text(".messages")
    assert row(page, "02.01").locator("input[name=value]").count() == 0  # locked: shown as text

    planner = page_for("planner")
    planner.goto(page.url)
    planner.fill(".reason-form input[name=reason]", "Sản lượng lương thực chưa khớp số thống kê")
    planner.click("button:has-text('Trả lại')")
    assert "Đã trả lại" in planner.inner_text(".messages")

    page.reload()
    assert "chưa khớp số thống kê" in page.inner_text("[role=alert]")
    with page.expect_response(lambda r: "/luu/" in r.url):
        row(page, "02.01").locator("select[name=kind]").select_option("official")
    type_and_wait(page, "02.01", "4.498,2")
    screenshot(page, "entry-grid-returned-fixed")
    page.click("button:has-text('Nộp báo cáo')")

    leader = page_for("leader")
    leader.goto(page.url)
    leader.click("button:has-text('Duyệt')")
    assert "Đã duyệt" in leader.inner_text(".messages")
    screenshot(leader, "entry-grid-approved")
    row(leader, "02.01").locator(".history-link").click()
    history = leader.inner_text("[data-testid=value-history]")
    assert "4.512,5" in history and "4.498,2" in history and "Cán bộ Phòng Nông nghiệp" in history
    screenshot(leader, "entry-value-history")
    leader.goto(live_app + "/danh-gia/?unit=109&period=2025-H1")
    grain = leader.locator("tr", has_text="Tổng sản lượng lương thực có hạt").first
    assert "4.498,2" in grain.inner_text()
    screenshot(leader, "entry-dashboard-after-approval")

    leader.goto(live_app + "/nhap-lieu/")
    leader.click("text=Tổng hợp tình hình báo cáo")
    assert "Đã duyệt" in leader.inner_text("[data-testid=overview-summary]")
    screenshot(leader, "entry-overview")


def test_the_entry_grid_is_usable_on_a_phone(page_for):
    page = page_for("commune", width=390, height=844)
    page.click("label.menu-button")  # on a phone the menu opens behind its button
    page.click("nav >> text=Nhập liệu, duyệt số liệu")
    page.click("[data-testid=my-report]")
    page.wait_for_selector("table.entry-grid")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    screenshot(page, "entry-grid-phone")
