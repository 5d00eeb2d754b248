"""A PDF made by the job worker of the real app (reports/jobs.py): the page shows
its progress, then the download link, without reloading by hand."""

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_a_planner_follows_the_pdf_of_the_ntm_report_until_its_download_link(page_for, live_app):
    page = page_for("planner")
    page.goto(live_app + "/bao-cao/")
    page.select_option("select[name=kind]", "ntm")
    page.select_option("select[name=unit]", "109")
    page.fill("input[name=period]", "2023")
    page.click("button:has-text('Lập báo cáo')")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=ntm-matrix] tbody tr").count() == 17  # 16 communes + totals
    screenshot(page, "report-ntm-preview")
    page.click("button:has-text('Tải PDF')")
    page.wait_for_selector("[data-testid=job-status]")
    assert "Đang tạo tệp PDF" in page.inner_text("[data-testid=job-status]") or \
        page.locator("[data-testid=job-download]").count() == 1
    screenshot(page, "report-job-running")
    page.wait_for_selector("[data-testid=job-download]", timeout=120_000)  # LibreOffice: a few seconds here
    assert "Đã tạo xong tệp PDF" in page.inner_text("[data-testid=job-status]")
    with page.expect_download() as download:
        page.click("[data-testid=job-download]")
    assert download.value.suggested_filename == "bao-cao-ntm-109-2023.pdf"
    screenshot(page, "report-job-done")
