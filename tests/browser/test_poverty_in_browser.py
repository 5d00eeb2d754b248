"""The poverty review pages (issue 17) in Debian's chromium against the real app: the commune
clerk of Xã Khổng Lào walks the demo's open 2026 review (register list, one household's
correction, the import, publish and the A4 posting list), the chair approves, on a desktop
(1366 px) and a phone (390 px); the summary is checked at both widths and on paper.
Screenshots in test-artifacts/poverty-*.png."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from ktxh.poverty.demo import commune_list_xlsx
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

DEMO_LIST = Path(__file__).resolve().parents[2] / "ktxh" / "poverty" / "data" / "ra_soat_kl_2026.csv"
A4_PORTRAIT_PX = 680  # 210 mm - 2 × 15 mm margins at 96 dpi (poverty.css @page)
PHONE = 390

FITS = """(vw) => { const out = [];
  if (document.documentElement.scrollWidth > vw + 1) out.push('page ' + document.documentElement.scrollWidth + 'px');
  for (const e of document.querySelectorAll('main input, main select, main button, main .bar-row, main h1, main form')) {
    const r = e.getBoundingClientRect();
    if (r.width && r.right > vw + 1) out.push(e.tagName.toLowerCase() + (e.name ? '[' + e.name + ']' : '') + ' '
                                               + Math.round(r.right) + 'px');
  }
  for (const t of document.querySelectorAll('table')) {
    const r = t.getBoundingClientRect(); if (!r.width) continue;
    let framed = false;
    for (let p = t.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && p.getBoundingClientRect().right <= vw + 1) { framed = true; break; }
    }
    if (!framed && r.right > vw + 1) out.push('table ' + (t.dataset.testid || t.className) + ' ' + Math.round(r.right) + 'px');
  }
  return out; }"""


def _fits(page, width: int) -> list[str]:
    return page.evaluate(FITS, width)


def _review_url(page, live_app) -> str:
    page.goto(live_app + "/ho-ngheo/")
    page.click("[data-testid=poverty-reviews] tr:has-text('2026') a:has-text('Khổng Lào')")
    page.wait_for_load_state("networkidle")
    return page.url


@pytest.mark.parametrize("width", [1366, PHONE])
def test_the_register_list_and_a_household_correction_fit_desktop_and_phone(page_for, live_app, width):
    page = page_for("xa_khong_lao", width=width, height=900)
    page.goto(live_app + "/ho-ngheo/")
    assert page.locator("[data-testid=poverty-reviews] tbody tr").count() >= 2
    assert _fits(page, width) == []
    screenshot(page, f"poverty-index-{width}")
    review = _review_url(page, live_app)
    page.click("main a:has-text('Danh sách hộ')")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=households] tbody tr").count() == 200  # one page of 320
    assert "Hộ giả định KL-0001" in page.inner_text("[data-testid=households]")
    assert _fits(page, width) == []
    tallest = page.evaluate("Math.max(...[...document.querySelectorAll('[data-testid=households] tbody tr')]"
                            ".map(r => r.getBoundingClientRect().height))")
    screenshot(page, f"poverty-list-{width}")
    assert tallest < 360, f"a household's row is {tallest} px tall at {width} px"
    page.click("[data-testid=households] tbody tr:has-text('KL-0002') a:has-text('Sửa')")
    page.wait_for_load_state("networkidle")
    assert _fits(page, width) == []
    screenshot(page, f"poverty-edit-{width}")
    page.fill("input[name=income]", "1.100.000")
    for code in ("viec_lam", "bao_hiem_y_te", "nha_tieu"):
        page.check(f"input[name={code}]")
    page.click("button:has-text('Lưu và phân loại lại')")
    page.wait_for_load_state("networkidle")
    assert "Đã lưu hộ KL-0002" in page.inner_text(".messages")
    row = page.inner_text("[data-testid=households] tbody tr:has-text('KL-0002')")
    assert "hộ nghèo" in row.lower() and "1.100.000" in row, row
    # a bad income is refused in Vietnamese and nothing is saved
    page.click("[data-testid=households] tbody tr:has-text('KL-0002') a:has-text('Sửa')")
    page.fill("input[name=income]", "-5")
    page.click("button:has-text('Lưu và phân loại lại')")
    assert "âm" in page.inner_text("[role=alert]")
    page.goto(review)
    assert page.url == review


def test_import_publish_print_and_approve_on_desktop_and_phone(page_for, live_app, tmp_path):
    clerk = page_for("xa_khong_lao", width=1366, height=900)
    review = _review_url(clerk, live_app)
    screenshot(clerk, "poverty-summary-1366")
    # a bad list: every problem listed, nothing written
    bad = DEMO_LIST.read_text(encoding="utf-8").splitlines()
    cells = bad[3].split(",")
    cells[4] = "abc"  # thu_nhap_binh_quan of line 4
    bad[3] = ",".join(cells)
    bad_path = tmp_path / "ds-loi.csv"
    bad_path.write_text("\n".join(bad) + "\n", encoding="utf-8")
    before = clerk.inner_text("[data-testid=by-class]")
    clerk.set_input_files("input[name=file]", str(bad_path))
    clerk.click("button:has-text('Nhập danh sách')")
    clerk.wait_for_load_state("networkidle")
    # the plain format's columns are all proposed; the job (ktxh worker) lists every problem
    clerk.click("button:has-text('Kiểm tra và nhập')")
    clerk.wait_for_selector("[data-testid=problems]", timeout=30_000)
    assert "Dòng 4" in clerk.inner_text("main") and "(cột E)" in clerk.inner_text("main"), \
        clerk.inner_text("main")[:2000]
    screenshot(clerk, "poverty-import-errors-1366")
    clerk.goto(review)
    assert clerk.inner_text("[data-testid=by-class]") == before
    # the real list
    clerk.set_input_files("input[name=file]", str(DEMO_LIST))
    clerk.click("button:has-text('Nhập danh sách')")
    clerk.wait_for_load_state("networkidle")
    clerk.click("button:has-text('Kiểm tra và nhập')")
    clerk.wait_for_url(review, timeout=30_000)  # htmx follows the job, then HX-Redirect to the review
    assert "Đã nhập 320 hộ từ ra_soat_kl_2026.csv (0 hộ mới, " in clerk.inner_text(".messages")
    # phone: the same review, the import form and the summary fit
    phone = page_for("xa_khong_lao", width=PHONE, height=844)
    phone.goto(review)
    assert _fits(phone, PHONE) == []
    screenshot(phone, "poverty-summary-390")
    phone.click("button:has-text('Niêm yết danh sách')")
    phone.wait_for_load_state("networkidle")
    assert "Đã niêm yết" in phone.inner_text(".messages")
    assert phone.inner_text("[data-testid=review-state]") == "Đã niêm yết" or "niêm yết" in \
        phone.inner_text("[data-testid=review-state]").lower()
    # the A4 posting list: on paper every column fits the page, the heading and signatures are there
    phone.goto(review.rstrip("/") + "/danh-sach/?in=1")
    text = phone.inner_text("body")
    assert "DANH SÁCH KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2026" in text
    assert "CHỦ TỊCH" in text and "Hộ giả định KL-0320" in text
    screenshot(phone, "poverty-print-390")
    phone.emulate_media(media="print")
    phone.set_viewport_size({"width": A4_PORTRAIT_PX, "height": 1000})
    phone.wait_for_timeout(100)
    assert phone.evaluate("document.querySelector('.print-list').getBoundingClientRect().right") <= A4_PORTRAIT_PX + 1
    screenshot(phone, "poverty-print-a4")
    pdf = phone.pdf(format="A4")
    assert pdf[:4] == b"%PDF"
    # the chair approves on a phone; the figures go to the indicators
    chair = page_for("lanh_dao_khong_lao", width=PHONE, height=844)
    chair.goto(review)
    assert _fits(chair, PHONE) == []
    screenshot(chair, "poverty-approve-390")
    chair.click("button:has-text('Phê duyệt kết quả rà soát')")
    chair.wait_for_load_state("networkidle")
    assert "Đã phê duyệt" in chair.inner_text(".messages")
    assert "Đã phê duyệt" in chair.inner_text("[data-testid=review-state]") or "phê duyệt" in \
        chair.inner_text("[data-testid=review-state]").lower()
    screenshot(chair, "poverty-approved-390")
    # on paper the summary's tables fit A4
    chair.emulate_media(media="print")
    chair.set_viewport_size({"width": A4_PORTRAIT_PX, "height": 1000})
    chair.wait_for_timeout(100)
    assert _fits(chair, A4_PORTRAIT_PX) == []


def test_a_viewer_of_another_unit_sees_the_summary_and_no_names(page_for, live_app):
    page = page_for("so_tai_chinh", width=PHONE, height=844)
    page.goto(live_app + "/ho-ngheo/")
    page.click("[data-testid=poverty-reviews] a:has-text('Khổng Lào')")
    page.wait_for_load_state("networkidle")
    text = page.inner_text("main")
    assert "Theo phân loại" in text and "Hộ giả định" not in text and "Danh sách hộ</a>" not in page.content()
    assert _fits(page, PHONE) == []
    screenshot(page, "poverty-summary-viewer-390")


@pytest.mark.parametrize("width", [1280, PHONE])
def test_a_communes_own_excel_list_is_mapped_with_the_keyboard_and_imported(page_for, live_app, tmp_path, width):
    """A commune's own list (title, merged two-row header, numbering row, village title rows,
    signatures; 2.000 households): the mapping page proposes every column, fits the width, is
    walked with the keyboard, and the job's progress is followed without reloading."""
    year = "2027" if width == PHONE else "2028"
    clerk = page_for("xa_khong_lao", width=width, height=900 if width > PHONE else 844)
    clerk.goto(live_app + "/ho-ngheo/")
    clerk.fill("input[name=year]", year)
    clerk.click("button:has-text('Mở đợt rà soát')")
    clerk.wait_for_load_state("networkidle")
    review = clerk.url
    path = commune_list_xlsx(tmp_path / f"Danh sach ho ngheo {year}.xlsx", size=2_000, year=int(year),
                             prefix=f"B{year}")
    clerk.set_input_files("input[name=file]", str(path))
    clerk.click("button:has-text('Nhập danh sách')")
    clerk.wait_for_load_state("networkidle")
    assert "Ghép cột của tệp" in clerk.inner_text("h1")
    assert clerk.input_value("#hang_dau") == "4" and clerk.input_value("#hang_cuoi") == "6"
    assert clerk.input_value("#cot_thu_nhap_binh_quan") == "7" and clerk.input_value("#cot_bao_hiem_y_te") == "11"
    assert _fits(clerk, width) == []
    screenshot(clerk, f"poverty-mapping-{width}")
    # keyboard: every choice is reached by Tab in the page's order, changed with the arrows
    clerk.focus("#cot_ma_ho")
    order = []
    for _ in range(23):
        order.append(clerk.evaluate("document.activeElement.id"))
        clerk.keyboard.press("Tab")
    assert order[:5] == ["cot_ma_ho", "cot_xa", "cot_khu_vuc", "cot_so_nhan_khau", "cot_thu_nhap_binh_quan"]
    assert order[-1] == "cot_nam"
    clerk.focus("#cot_nam")
    clerk.keyboard.press("ArrowDown")  # "— Không có cột này —" -> column A (STT): not a year; put back
    assert clerk.input_value("#cot_nam") == "0"
    clerk.keyboard.press("ArrowUp")
    assert clerk.input_value("#cot_nam") == ""
    clerk.focus("button:has-text('Kiểm tra và nhập')")
    clerk.keyboard.press("Enter")
    clerk.wait_for_selector("[data-testid=poverty-job-status], .messages", timeout=30_000)
    if "/tien-do/" in clerk.url:
        try:  # the step as htmx swaps it in, when the poll falls inside the job (it may be done first)
            clerk.wait_for_selector("[data-testid=job-step]", timeout=15_000)
            assert re.search(r"bước [123]/3", clerk.inner_text("[data-testid=job-step]"))
        except PlaywrightError:  # timed out, or the page left for the review meanwhile
            pass
        if "/tien-do/" in clerk.url:
            screenshot(clerk, f"poverty-import-progress-{width}")
    clerk.wait_for_url(review, timeout=60_000)
    assert "Đã nhập 2.000 hộ từ Danh sach ho ngheo" in clerk.inner_text(".messages")
    assert "bỏ qua 9 dòng không phải hộ" in clerk.inner_text(".messages")
