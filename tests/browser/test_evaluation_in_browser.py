import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_a_planner_logs_in_and_reads_the_2023_evaluation(page_for):
    page = page_for("planner")
    assert "Kết quả thực hiện các chỉ tiêu chủ yếu" in page.inner_text("h1")
    assert "Năm 2023" in page.inner_text(".sub")
    summary = page.inner_text("[data-testid=summary]")
    assert "nhóm chỉ tiêu chủ yếu đạt và vượt" in summary
    grain = page.locator("tr", has_text="Tổng sản lượng lương thực có hạt").first
    assert "vượt" in grain.inner_text() and "36.595,83" in grain.inner_text()
    screenshot(page, "evaluation-desktop")


def test_choosing_another_period_reloads_the_table(page_for):
    page = page_for("leader")
    with page.expect_navigation():
        page.select_option("select[name=period]", "2024-H1")
    assert "6 tháng đầu năm 2024" in page.inner_text(".sub")
    assert page.locator(".status-in_progress").count() > 0
    screenshot(page, "evaluation-2024-h1")


def test_the_table_is_usable_on_a_phone(page_for):
    page = page_for("commune", width=390, height=844)
    assert page.locator("h1").is_visible()
    # The page itself does not scroll sideways; only the table does, inside its frame.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    screenshot(page, "evaluation-phone")
