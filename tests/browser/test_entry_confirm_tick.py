"""A warning in the entry grid needs one tick, whether the reason is typed before or
after it (issue 15): typing the reason saves the row and redraws its state cell, which
used to drop a tick given meanwhile."""

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_entry_flow import open_my_report, row, type_and_wait

pytestmark = pytest.mark.browser


def saved(page, code):
    page.wait_for_selector("tr.htmx-request", state="detached")
    return "Đã lưu" in row(page, code).locator(".cell-state").inner_text()


@pytest.mark.parametrize("width", [1366, 390])
def test_a_warning_is_confirmed_with_one_tick_whatever_the_order(page_for, width):
    page = page_for("department", width=width, height=900)
    if width < 640:
        page.click("label.menu-button")  # the phone menu is folded behind its button
    open_my_report(page)
    line = row(page, "02.02")
    # reason first: the reason's save redraws the cell while the tick is being given
    type_and_wait(page, "02.02", "754.200")
    assert "gấp" in line.inner_text() and not saved(page, "02.02")
    line.locator("input[name=comment]").fill("Số liệu rà soát lại theo bản đồ địa chính")
    with page.expect_response(lambda r: "/luu/" in r.url):
        line.locator("input[name=confirmed]").check()  # blurs the reason: two saves, queued
    assert saved(page, "02.02"), line.inner_text()
    screenshot(page, f"entry-grid-confirmed-{width}")
    # tick first, then the reason
    line.locator("input[name=comment]").fill("")
    type_and_wait(page, "02.02", "7.542.000")
    line.locator("input[name=confirmed]").check()
    page.wait_for_selector("tr.htmx-request", state="detached")
    assert not saved(page, "02.02")  # no reason yet
    assert line.locator("input[name=confirmed]").is_checked()  # the redraw keeps the tick
    line.locator("input[name=comment]").fill("Đã kiểm tra với phòng Nông nghiệp")
    with page.expect_response(lambda r: "/luu/" in r.url):
        line.locator("input[name=comment]").press("Tab")
    assert saved(page, "02.02"), line.inner_text()
    # leave a plain value that test_entry_flow's figures (760 for 02.02) still change
    line.locator("input[name=comment]").fill("")
    type_and_wait(page, "02.02", "755")
