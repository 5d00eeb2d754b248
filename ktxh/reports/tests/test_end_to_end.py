"""End to end on a demo database made as `make run` makes it: the `ktxh report` command,
the PDF (LibreOffice from the DOCX) read back as text and rendered to PNG, and the report
page driven in Debian's chromium."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import menu_click
from tests.webprobe import free_port, wait_up

ROOT = Path(__file__).resolve().parents[3]
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory):
    path = tmp_path_factory.mktemp("report-cli") / "demo.sqlite3"
    env = {**os.environ, "KTXH_DATABASE_URL": f"sqlite:///{path}"}
    for args in (["manage", "migrate", "--noinput", "-v0"], ["demo"]):
        subprocess.run([sys.executable, "-m", "ktxh", *args], env=env, check=True, capture_output=True)
    return env


def ktxh(env, *args):
    return subprocess.run([sys.executable, "-m", "ktxh", *args], env=env, capture_output=True, text=True, cwd=ROOT)


@pytest.mark.slow
def test_the_cli_writes_a_pdf_whose_text_keeps_every_vietnamese_diacritic(demo_database, tmp_path):
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice is missing: run scripts/ensure-system-packages.sh (make test does)")
    out = tmp_path / "bao-cao.pdf"
    result = ktxh(demo_database, "report", "--unit", "phong tho", "--period", "2023", "--kind", "annual",
                  "--format", "pdf", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat and "Độc lập - Tự do - Hạnh phúc" in flat
    assert "Tổng sản lượng lương thực có hạt ước đạt 36.595,83 tấn, vượt 0,43% kế hoạch" in flat
    assert "vượt 0,58 điểm phần trăm so với kế hoạch" in flat
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(out), str(ARTIFACTS / "report-annual")],
                   check=True)
    assert list(ARTIFACTS.glob("report-annual*.png"))


def test_the_cli_writes_the_xlsx_annex(demo_database, tmp_path):
    out = tmp_path / "bieu.xlsx"
    result = ktxh(demo_database, "report", "--unit", "109", "--period", "2024-H1", "--kind", "half-year",
                  "--format", "xlsx", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Báo cáo 6 tháng Huyện Phong Thổ, 6 tháng đầu năm 2024" in result.stdout
    assert out.read_bytes()[:2] == b"PK"


def test_the_cli_refuses_an_unknown_unit_or_a_mismatched_period_in_one_line(demo_database, tmp_path):
    out = tmp_path / "x.docx"
    unknown = ktxh(demo_database, "report", "--unit", "khong co", "--period", "2023", "--kind", "annual",
                   "--format", "docx", "-o", str(out))
    assert unknown.returncode == 2 and unknown.stderr.startswith("Lỗi: Không tìm thấy đơn vị")
    mismatch = ktxh(demo_database, "report", "--unit", "109", "--period", "2023-Q3", "--kind", "nine-month",
                    "--format", "docx", "-o", str(out))
    assert mismatch.returncode == 2 and "Báo cáo 9 tháng không lập cho kỳ" in mismatch.stderr
    assert not out.exists()


@pytest.fixture(scope="module")
def live_url(demo_database):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "ktxh", "manage", "runserver", "--noreload", f"127.0.0.1:{port}"],
                              env=demo_database, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    wait_up(url)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.mark.browser
def test_a_planner_writes_the_annual_report_in_the_browser_and_downloads_the_docx(live_url):
    from playwright.sync_api import sync_playwright

    # Playwright is opened and closed inside the test: its event loop must not outlive it,
    # or the Django tests that follow would refuse to touch the database.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN").new_page()
        page.goto(live_url + "/dang-nhap/")
        page.fill("#id_username", "planner")
        page.fill("#id_password", "ktxh-demo")
        page.press("#id_password", "Enter")
        page.wait_for_load_state("networkidle")
        menu_click(page, "Báo cáo")  # the link, not its group "Báo cáo ▾"
        page.select_option("select[name=kind]", "annual")
        page.fill("input[name=period]", "2023")
        page.click("button:has-text('Lập báo cáo')")
        page.wait_for_load_state("networkidle")
        preview = page.locator("[data-testid=preview]").inner_text()
        assert "Tổng sản lượng lương thực có hạt ước đạt 36.595,83 tấn, vượt 0,43% kế hoạch" in preview
        page.fill("textarea[name=section_limitations]", "Chuyển dịch cơ cấu kinh tế vẫn còn chậm.")
        page.click("button:has-text('Lưu và xem trước')")
        page.wait_for_load_state("networkidle")
        assert "Chuyển dịch cơ cấu kinh tế vẫn còn chậm." in page.locator("[data-testid=preview]").inner_text()
        with page.expect_download() as download:
            page.click("button:has-text('Tải DOCX')")
        assert download.value.suggested_filename == "bao-cao-annual-109-2023.docx"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "report-annual-desktop.png"), full_page=False)
        browser.close()
