"""Upload a Word report in the browser, review its figures beside the text, accept one."""

import re

import pytest

from tests.browser.conftest import menu_click, screenshot

pytestmark = pytest.mark.browser

PARAGRAPHS = [
    "BÁO CÁO",
    "Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm 2022 của huyện Phong Thổ",
    "1. Tổng sản lượng lương thực có hạt ước đạt 35.120,5 tấn, đạt 101,2% kế hoạch, tăng 4,8% so cùng kỳ.",
    "2. Thu ngân sách nhà nước trên địa bàn đạt 61.500 triệu đồng, bằng 108,44% so với năm 2021.",
    "3. Tỷ lệ che phủ rừng đạt 43,9%; trồng mới 420ha rừng, vượt 20 ha so với kế hoạch.",
    "4. Đường ngõ xóm đạt 120/160km, đạt 70%.",
    "5. Có 03 xã đạt chuẩn nông thôn mới gồm Mường So, Khổng Lào.",
]

REVIEW_URL = re.compile(r".*/nhap-bao-cao/\d+/(\?.*)?$")


@pytest.fixture
def word_report(tmp_path):
    import docx

    document = docx.Document()
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    path = tmp_path / "bao-cao-nam-2022.docx"
    document.save(path)
    return path


def test_a_planner_uploads_a_word_report_reviews_it_and_accepts_a_figure(page_for, live_app, word_report):
    page = page_for("planner")
    menu_click(page, "Nhập báo cáo")
    page.set_input_files("input[name=file]", str(word_report))
    page.click("button:has-text('Tải lên và đọc số liệu')")
    page.wait_for_url(REVIEW_URL, timeout=120_000)  # the job worker reads it; the progress page moves on
    page.wait_for_load_state("networkidle")
    assert "bao-cao-nam-2022.docx" in page.inner_text("h1")
    findings = page.inner_text("[data-testid=import-findings]")
    assert "120/160 = 75%" in findings and "liệt kê 2" in findings
    assert page.locator("[data-testid=import-source] a.q").count() >= 5
    grain = page.locator("[data-testid=import-facts] tr", has_text="35.120,5").first
    assert "Tổng sản lượng lương thực có hạt" in grain.inner_text()
    grain.locator("input[type=checkbox]").check()
    page.click("button:has-text('Nhận các số liệu đã chọn')")
    page.wait_for_load_state("networkidle")
    assert "Đã ghi 1 số liệu" in page.inner_text(".messages")
    screenshot(page, "import-review-desktop")


def test_the_review_page_stacks_on_a_phone(page_for, live_app, word_report):
    page = page_for("planner", width=390, height=844)
    page.goto(live_app + "/nhap-bao-cao/")
    page.set_input_files("input[name=file]", str(word_report))
    page.click("button:has-text('Tải lên và đọc số liệu')")
    page.wait_for_url(REVIEW_URL, timeout=120_000)  # the job worker reads it; the progress page moves on
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=import-facts]").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    screenshot(page, "import-review-phone")
