"""Swagger UI and Redoc render the API's operations under the site's Content-Security-Policy
(before: both pages were blank - their inline script and styles were refused)."""

from tests.browser.conftest import screenshot


def _csp_errors(page) -> list[str]:
    return [m for m in page.console_messages if "Content Security Policy" in m and "cdn.redoc.ly" not in m]


def _watch(page):
    page.console_messages = []
    page.on("console", lambda m: page.console_messages.append(m.text))


def test_swagger_ui_lists_the_operations(page_for, live_app):
    page = page_for("planner")
    _watch(page)
    page.goto(live_app + "/api/v1/docs/")
    page.wait_for_selector(".opblock", timeout=30_000)
    assert page.locator(".opblock").count() > 20
    assert page.locator(".opblock-summary-path", has_text="/api/v1/values/bulk/").count() == 1
    assert "ktxh API" in page.inner_text(".info .title")
    assert _csp_errors(page) == []
    screenshot(page, "api-swagger")


def test_redoc_lists_the_operations(page_for, live_app):
    page = page_for("planner")
    _watch(page)
    page.goto(live_app + "/api/v1/redoc/")
    page.wait_for_selector("[data-section-id]", timeout=30_000)
    assert page.locator("[data-section-id]").count() > 20
    assert "values_bulk" in page.content()
    assert _csp_errors(page) == []
    screenshot(page, "api-redoc")
