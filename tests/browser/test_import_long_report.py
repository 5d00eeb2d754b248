"""A real-length, multi-section Word report: accept every matched figure in one go, see the stored
values beside the figures, then replace one from a corrected report with a reason (issue 14).

The sections are real excerpts of 2024 district reports (ktxh/engine/text/devset/eval/texts/)
assembled under a title block; one sentence carries the issue's planted contradiction."""

import re

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

TITLE = [
    "ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ",
    "BÁO CÁO",
    "Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm 2024 của huyện Phong Thổ",
]
SECTIONS = {
    "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ": [
        "Tổng giá trị sản xuất (không tính thủy điện Sông Tranh) theo giá hiện hành ước đạt 2.538,4 tỷ đồng, "
        "tăng 12,87% so với năm 2023. Trong đó, nông - lâm nghiệp, thủy sản ước đạt 806,3 tỷ đồng, tăng 7,33%; "
        "công nghiệp - tiểu thủ công nghiệp - xây dựng ước đạt 740,5 tỷ đồng, tăng 13,49%; thương mại - dịch vụ "
        "ước đạt 991,6 tỷ đồng, tăng 17,31%.",
        "Các ngành kinh tế vẫn có bước phát triển, tổng giá trị sản xuất ước đạt 4.114 tỷ đồng, tăng 6,52% so với "
        "cùng kỳ năm trước. Cơ cấu giá trị sản xuất của các ngành kinh tế chuyển dịch đúng hướng; nông, lâm, thủy "
        "sản chiếm 31,4%, công nghiệp - xây dựng chiếm 37,8%, các ngành dịch vụ chiếm 30,8%; thu nhập bình quân "
        "đầu người ước đạt 42,3 triệu đồng/người/năm.",
        "Thu thường xuyên ngân sách ước đạt 131,1 tỷ đồng, tăng 6% so với dự toán tỉnh giao và tăng 14,9% so với "
        "cùng kỳ.",
    ],
    "II. VĂN HÓA - XÃ HỘI": [
        "Toàn huyện duy trì 100% số xã đạt chuẩn phổ cập giáo dục ở các bậc học tiểu học, THCS và giáo dục mầm "
        "non; 18/24 trường học đạt chuẩn quốc gia mức độ 1. Tỷ lệ hộ nghèo hiện nay còn 25,67%. Năm 2024, huyện "
        "xóa 787 nhà tạm, nhà dột nát, trong đó xây mới 757 nhà, sửa chữa 30 nhà.",
        "Số lao động được giải quyết việc làm trong năm 2.032 người, bằng 150% kế hoạch (kế hoạch 1.070 người).",
    ],
    "III. ĐÁNH GIÁ CHUNG": [
        "Tại hội nghị, các đại biểu đã tập trung thảo luận những khó khăn, thuận lợi cũng như những tồn tại, hạn "
        "chế trong quá trình triển khai thực hiện nhiệm vụ như: công tác triển khai quy hoạch chăn nuôi tập "
        "trung, thuận lợi khó khăn trong xây dựng Nông thôn mới, đầu tư cơ sở vật chất trường học."
    ] * 6,
}

REVIEW_URL = re.compile(r".*/nhap-bao-cao/\d+/(\?.*)?$")


def _docx(path, change=None):
    import docx

    document = docx.Document()
    for line in TITLE:
        document.add_paragraph(line)
    for heading, paragraphs in SECTIONS.items():
        document.add_paragraph(heading)
        for text in paragraphs:
            document.add_paragraph(change(text) if change else text)
    document.save(path)
    return path


def _upload(page, live_app, path):
    page.goto(live_app + "/nhap-bao-cao/")
    page.set_input_files("input[name=file]", str(path))
    page.click("button:has-text('Tải lên và đọc số liệu')")
    page.wait_for_url(REVIEW_URL, timeout=120_000)  # the job worker reads it; the progress page moves on
    page.wait_for_load_state("networkidle")


def test_accept_all_then_replace_one_figure_with_a_reason(page_for, live_app, tmp_path):
    page = page_for("planner")
    _upload(page, live_app, _docx(tmp_path / "bao-cao-kt-xh-2024.docx"))
    assert "bao-cao-kt-xh-2024.docx" in page.inner_text("h1")
    findings = page.inner_text("[data-testid=import-findings]")
    assert "1.070" in findings and "189,91%" in findings  # the planted "bằng 150% kế hoạch" is caught
    assert "31,4" not in findings  # three sectors' shares are not "one indicator, two values"

    page.click("[data-testid=import-accept-all] button")
    page.wait_for_load_state("networkidle")
    messages = page.inner_text(".messages")
    assert "Đã ghi" in messages and "số liệu khớp danh mục" in messages
    poverty = page.locator("[data-testid=import-facts] tr", has_text="25,67%").first
    assert "25,67 % (chính thức," in poverty.locator("[data-testid=import-stored]").inner_text()
    screenshot(page, "import-long-accepted")

    corrected = _docx(tmp_path / "bao-cao-kt-xh-2024-sua.docx", lambda t: t.replace("25,67%", "25,76%"))
    _upload(page, live_app, corrected)
    row = page.locator("[data-testid=import-facts] tr", has_text="25,76%").first
    assert "25,67 % (chính thức," in row.inner_text()  # what is stored, beside the new figure
    row.locator("input[name=chon]").check()
    page.click("button:has-text('Nhận các số liệu đã chọn')")
    page.wait_for_load_state("networkidle")
    assert "Tích “thay thế” và ghi lý do" in page.inner_text(".messages")  # never a silent overwrite

    row = page.locator("[data-testid=import-facts] tr", has_text="25,76%").first
    row.locator("input[name=chon]").check()
    row.locator("input[name^=thay-the]").check()
    row.locator("input[name^=ly-do]").fill("Số liệu rà soát cuối năm của Phòng Lao động - Thương binh và Xã hội")
    page.click("button:has-text('Nhận các số liệu đã chọn')")
    page.wait_for_load_state("networkidle")
    assert "Đã ghi 1 số liệu" in page.inner_text(".messages")
    row = page.locator("[data-testid=import-facts] tr", has_text="25,76%").first
    assert "25,76 % (chính thức," in row.locator("[data-testid=import-stored]").inner_text()
    screenshot(page, "import-long-replaced")
