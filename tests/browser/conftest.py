"""Browser tests: the real app in a subprocess (migrated, demo loaded, served by
`ktxh serve` - gunicorn and the job worker - as `make run` does), driven by Playwright
in Debian's chromium. Screenshots go to
test-artifacts/ to be looked at."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.webprobe import free_port, wait_up

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"




@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    env = dict(os.environ, KTXH_DEMO="1")
    if not env.get("KTXH_DATABASE_URL", "").startswith("postgres"):
        env["KTXH_DATABASE_URL"] = f"sqlite:///{tmp_path_factory.mktemp('browser')}/app.sqlite3"
    ktxh = [sys.executable, "-m", "ktxh"]
    subprocess.run([*ktxh, "manage", "migrate", "--noinput", "-v0"], env=env, check=True)
    subprocess.run([*ktxh, "demo"], env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen([*ktxh, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    if not wait_up(url):
        server.kill()
        pytest.fail("the app did not start")
    yield url
    server.terminate()  # ktxh serve stops gunicorn and the worker
    server.wait(timeout=40)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-system-packages.sh (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
        ])
        yield browser
        browser.close()


@pytest.fixture
def page_for(browser, live_app):
    """page_for(username, width=1280) -> a logged-in page."""
    contexts = []

    def open_page(username: str, width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
        contexts.append(context)
        page = context.new_page()
        page.goto(live_app + "/dang-nhap/")
        page.fill("#id_username", username)
        page.fill("#id_password", "ktxh-demo")
        page.press("#id_password", "Enter")
        page.wait_for_load_state("networkidle")
        return page

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def menu_click(page, label: str) -> None:
    """Follow the header menu's link `label`, opening its group first when it is folded
    (a <details class="menu-group">, ktxh/templates/base.html)."""
    link = page.locator("nav.nav a").get_by_text(label, exact=True).first
    if not link.is_visible():
        inside = page.locator("a").get_by_text(label, exact=True)  # relative to the group
        page.locator("nav.nav details.menu-group", has=inside).locator("summary").click()
    link.click()
