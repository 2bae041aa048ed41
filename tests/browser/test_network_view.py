"""The network view can be read: at 1366 px every item is a link that is not covered by another;
at 390 px it is a list per station without sideways scrolling."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

CLICKABLE = """() => [...document.querySelectorAll('#network .lane .blk:not(.gap)')].map(el => {
  el.scrollIntoView({block: 'center', inline: 'center'});
  const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return {tag: el.tagName, href: el.getAttribute('href'), width: r.width,
          reachable: hit === el || el.contains(hit)};
})"""


def test_every_item_of_the_network_view_is_clickable_at_1366(page, login_as):
    login_as("editor")
    page.goto("/planning/")
    items = page.evaluate(CLICKABLE)
    assert len(items) >= 10  # the demo's day on 18 stations
    bad = [i for i in items if i["tag"] != "A" or not i["href"] or i["width"] < 13
           or not i["reachable"]]
    assert bad == []
    first = page.locator("#network .lane a.blk:not(.gap)").first
    target = first.get_attribute("href")
    first.click()
    page.wait_for_load_state()
    assert page.url.endswith(target.split("#")[0]) or target.split("#")[0] in page.url


def test_the_network_view_is_a_list_on_a_phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        from tests.live import TEST_PASSWORD

        page.goto("/login")
        page.fill("input[name=username]", "editor")
        page.fill("input[name=password]", TEST_PASSWORD)
        with page.expect_navigation(wait_until="load"):
            page.click("button.primary")
        page.goto("/planning/")
        assert page.locator("#network-list").is_visible()
        assert not page.locator("#network").is_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"page is {width} px wide"
        assert page.locator("#network-list section").count() >= 10
    finally:
        context.close()
