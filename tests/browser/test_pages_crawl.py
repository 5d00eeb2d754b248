"""Every page reachable from the menu, for every demo persona (the 2025 ones too), at
1366 and 390 px and on paper (A4 landscape): no English text, no file name, no server
error, no table wider than its viewport (issue 15). The text read is the visible text and
the title, aria-label, placeholder and alt attributes (tooltips are read too).

Bounded: the menu's pages, then the first link of each kind found on them (one
indicator page, one commune form, one report...), at most MAX_PAGES a persona; each page
is loaded once and measured at the three widths. The admin ("Danh mục") is Django's own
and is not crawled."""

import re
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PERSONAS = ["admin", "planner", "department", "commune", "leader", "viewer",
            "so_tai_chinh", "so_nong_nghiep", "xa_khong_lao", "lanh_dao_khong_lao"]
MAX_PAGES = 20
A4_LANDSCAPE_PX = 1047  # 297 mm - 2 × 10 mm margins at 96 dpi (ktxh.css @page)

# Words of developer English; none of them is a Vietnamese syllable written without marks.
ENGLISH = re.compile(r"\b(?:the|of|and|with|from|for|unknown|derived|criterion|criteria|per|lists?|not|found|"
                     r"error|page|file|values?|targets?|status|none|null|true|false|is|are|this|that|which|docs|"
                     r"see|draft|approved|submitted|level|ratio|estimate|official|revised|seasonal|linear|says|"
                     r"stated|without|only|after|before|should|must|lines?|assumed|todo|forbidden|server|request)\b",
                     re.IGNORECASE)
IDENTIFIER = re.compile(r"\b[a-z]+_[a-z_]+\b")  # rate_pct, no_target: a code shown instead of its label
FILE_NAME = re.compile(r"\b[\w-]+\.(?:txt|md|py|csv|ya?ml|html|json)\b(?::\d+)?|\b\d{3}_[0-9a-f]{16}\b")
ALLOW = {"ktxh"}  # the product's name
# Nothing is left out: source citations and the NTM findings read as documents too
# ("Báo cáo 375/BC-UBND, dòng 130"), so they are checked like any other text.
SKIP_TEXT = SKIP_FILE_NAMES = "template"  # a selector PAGE_TEXT removes anyway

PAGE_TEXT = """(skip) => { const body = document.body.cloneNode(true);
  body.querySelectorAll(skip).forEach(e => e.remove());
  body.querySelectorAll('script, style, template').forEach(e => e.remove());
  // tooltips, screen-reader labels, placeholders and image texts are read by users too
  const attrs = [];
  for (const e of body.querySelectorAll('[title], [aria-label], [placeholder], [alt]'))
    for (const a of ['title', 'aria-label', 'placeholder', 'alt']) if (e.getAttribute(a)) attrs.push(e.getAttribute(a));
  return body.innerText + ' | ' + attrs.join(' | '); }"""
WIDE_TABLES = """(screen) => { const vw = document.documentElement.clientWidth, out = [];
  for (const t of document.querySelectorAll('table')) {
    const r = t.getBoundingClientRect(); if (!r.width) continue;
    let framed = false;
    for (let p = t.parentElement; screen && p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && p.getBoundingClientRect().right <= vw + 1) { framed = true; break; }
    }
    if (!framed && r.right > vw + 1) out.push((t.className || t.dataset.testid || 'table') + ' ' + Math.round(r.right) + 'px');
  }
  if (screen && document.documentElement.scrollWidth > vw + 1) out.push('page ' + document.documentElement.scrollWidth + 'px');
  return out; }"""


def _skipped(url: str) -> bool:
    path = urlparse(url).path
    return ("/quan-tri/" in path or "dang-xuat" in path or "format=" in url or "tai-xuong" in path
            or "/excel/" in path or re.search(r"\.(xlsx|docx|pdf|json)$", path) is not None)


def _pattern(url: str) -> str:
    return re.sub(r"\d+", "N", urlparse(url).path)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_menu_page_reads_vietnamese_and_fits_phone_desktop_and_paper(page_for, live_app, persona):
    page = page_for(persona, width=1366, height=900)
    home = page.url
    menu = [live_app + a.get_attribute("href") for a in page.query_selector_all("nav.nav a")
            if a.get_attribute("href").startswith("/")]
    assert menu, f"{persona} has no menu"
    queue, seen, problems = [home, *menu], set(), []
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if _skipped(url) or _pattern(url) in seen:
            continue
        seen.add(_pattern(url))
        response = page.goto(url, wait_until="load")
        where = f"{persona} {url.replace(live_app, '')}"
        if response is None or response.status >= 500:
            problems.append(f"{where}: HTTP {response.status if response else '?'}")
            continue
        text = page.evaluate(PAGE_TEXT, SKIP_TEXT)
        english = {w for w in ENGLISH.findall(text) if w.lower() not in ALLOW}
        english |= set(IDENTIFIER.findall(text))
        if english:
            problems.append(f"{where}: English {sorted(english)}")
        names = FILE_NAME.findall(page.evaluate(PAGE_TEXT, SKIP_FILE_NAMES))
        if names:
            problems.append(f"{where}: file name {sorted(set(names))[:3]}")
        for width, media in ((1366, "screen"), (390, "screen"), (A4_LANDSCAPE_PX, "print")):
            page.emulate_media(media=media)
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_timeout(150)  # the charts follow the new width (ResizeObserver)
            wide = page.evaluate(WIDE_TABLES, media == "screen")
            if wide:
                problems.append(f"{where} at {width} px ({media}): {wide}")
        page.emulate_media(media="screen")
        page.set_viewport_size({"width": 1366, "height": 900})
        if url in (home, *menu):  # one level below the menu: the first link of each kind
            queue += [live_app + h for h in (a.get_attribute("href") for a in page.query_selector_all("main a[href]"))
                      if h and h.startswith("/")]
    screenshot(page, f"crawl-{persona}-last")
    assert not problems, "\n".join(problems)
