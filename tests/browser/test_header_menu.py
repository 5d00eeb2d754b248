"""The header menu is grouped (Số liệu, Báo cáo, Chương trình, Quản trị): one line at
1280 px for every demo user, the provincial planner's ten entries included; a group
opens with the keyboard and says so (aria-expanded), Escape closes it; the current
page's group is marked; at 390 px the whole menu folds behind one button."""

import pytest
from playwright.sync_api import expect

from ktxh.demo.load import DEMO_USERS
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

# Every item of the bar (a group's name or a lone link), its box, and the bar's parts.
BAR = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const items = [...document.querySelectorAll('nav.nav > a, nav.nav > details > summary')].map(box);
  return {items, nav: box(document.querySelector('nav.nav')), logout: box(document.querySelector('form.logout')),
          brand: box(document.querySelector('.brand')), bar: box(document.querySelector('header.topbar')),
          scroll: document.documentElement.scrollWidth};
}"""


@pytest.mark.parametrize("username", sorted(DEMO_USERS))
def test_the_header_menu_fits_one_line_at_1280_px(page_for, live_app, username):
    page = page_for(username, width=1280)
    # the home page, then the last entry's page: its group is marked (bold), so wider
    last = page.locator("nav.nav a").last.get_attribute("href")
    for url in (None, None if "/quan-tri/" in last else live_app + last):
        if url:
            page.goto(url)
        bar = page.evaluate(BAR)
        assert bar["items"], f"{username} has no menu"
        tops = {round(item["top"]) for item in bar["items"]}
        assert len(tops) == 1, f"{username} on {page.url}: the menu wraps onto {len(tops)} lines"
        # brand, menu and the logout form side by side on one row, nothing past the edge
        assert bar["brand"]["right"] <= bar["items"][0]["left"]
        assert bar["items"][-1]["right"] <= bar["logout"]["left"]
        assert abs(bar["logout"]["top"] - bar["brand"]["top"]) < 20 and bar["bar"]["bottom"] < 70
        assert bar["scroll"] <= 1280
    if username == "so_tai_chinh":
        assert page.locator("nav.nav a").count() == 10  # the longest menu of the demo
        screenshot(page, "menu-1280-so_tai_chinh")


def test_a_menu_group_opens_and_closes_by_keyboard_and_marks_the_current_page(page_for, live_app):
    page = page_for("so_tai_chinh", width=1280)
    page.goto(live_app + "/chuong-trinh/nong-thon-moi/")
    current = page.locator("details.menu-group.current")
    assert current.count() == 1 and current.locator("summary").inner_text().startswith("Chương trình")
    assert current.locator("a[aria-current=page]").text_content() == "Nông thôn mới"

    figures = page.locator("details.menu-group", has_text="Số liệu").first
    summary, first_link = figures.locator("summary"), figures.locator("a").first
    assert summary.get_attribute("aria-expanded") == "false" and not first_link.is_visible()
    page.locator(".brand").focus()
    for _ in range(6):  # Tab from the brand reaches the first group
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert page.evaluate("document.activeElement.textContent").startswith("Số liệu")
    page.keyboard.press("Enter")
    expect(summary).to_have_attribute("aria-expanded", "true")  # the toggle event comes a moment later
    assert first_link.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Đánh giá chỉ tiêu"
    screenshot(page, "menu-1280-open")
    page.keyboard.press("Escape")
    expect(summary).to_have_attribute("aria-expanded", "false")
    assert not first_link.is_visible()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"  # focus back on the group
    page.keyboard.press("Space")
    expect(summary).to_have_attribute("aria-expanded", "true")
    # one group open at a time
    page.locator("details.menu-group summary", has_text="Báo cáo").click()
    expect(summary).to_have_attribute("aria-expanded", "false")
    assert page.locator("details.menu-group[open]").count() == 1


def test_at_390_px_the_menu_is_one_button_that_opens_every_entry(page_for):
    page = page_for("so_tai_chinh", width=390, height=844)
    links = page.locator("nav.nav a")
    assert page.locator("label.menu-button").is_visible() and not page.locator("nav.nav").is_visible()
    assert page.evaluate("document.querySelector('header.topbar').getBoundingClientRect().height") < 70
    page.click("label.menu-button")
    assert links.count() == 10
    for i in range(links.count()):  # every entry in the open list, none cut off at the edge
        assert links.nth(i).is_visible(), links.nth(i).inner_text()
        assert links.nth(i).bounding_box()["x"] + links.nth(i).bounding_box()["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "menu-390-open")
    links.get_by_text("Vốn MTQG", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert "/von/" in page.url
