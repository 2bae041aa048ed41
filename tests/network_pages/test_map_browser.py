"""The cluster map renders offline: in real Chromium, with every request that is not to the test
server aborted, the map page draws one circle per cluster and asks nothing of another host."""

from __future__ import annotations

import os

import pytest

from tests.factories.network_pages import build_world
from tests.live import TEST_PASSWORD

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("RADIO_CHROMIUM", "/usr/bin/chromium")


def _seed(server) -> int:
    """The test world in the server's own database (before it starts); the clusters of 1/8/2025."""
    from radio.config import normalise_database_url
    from radio.db import Database

    database = Database()
    database.configure(normalise_database_url(server.env["DATABASE_URL"]))
    session = database.session()
    try:
        world = build_world(session)
        session.commit()
        return sum(1 for c in world.clusters.values() if c.valid_to is None)
    finally:
        database.session.remove()
        database.engine.dispose()


@pytest.fixture
def offline_browser(playwright_driver):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium")
    browser = playwright_driver.chromium.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
    yield browser
    browser.close()


def test_the_cluster_map_renders_offline(make_live_server, offline_browser):
    server = make_live_server(demo_data=False)
    expected = _seed(server)
    server.start()
    context = offline_browser.new_context(base_url=server.url,
                                          viewport={"width": 1366, "height": 768})
    requested, aborted = [], []

    def only_the_server(route):
        url = route.request.url
        if url.startswith(server.url + "/"):
            route.continue_()
        else:
            aborted.append(url)
            route.abort()

    context.route("**/*", only_the_server)
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        page.goto("/login")
        page.fill("input[name=username]", "admin")
        page.fill("input[name=password]", TEST_PASSWORD)
        with page.expect_navigation(wait_until="load"):
            page.click("button.primary")
        page.goto("/network/map?on=2025-08-01", wait_until="networkidle")
        svg = page.locator("svg#cluster-map")
        assert svg.is_visible()
        assert expected == 4
        assert svg.locator("circle").count() == expected
        codes = svg.locator("g.point").evaluate_all("els => els.map(e => e.dataset.code)")
        assert sorted(codes) == ["np-cum-linh", "np-cum-my", "np-cum-quang", "np-cum-viet"]
        # drawn inside the frame, with a size, and listed again in the table under the map
        boxes = svg.locator("circle").evaluate_all(
            "els => els.map(e => { const b = e.getBBox(); return [b.x, b.y, b.width]; })")
        width, height = svg.evaluate("e => [e.viewBox.baseVal.width, e.viewBox.baseVal.height]")
        assert all(0 <= x <= width and 0 <= y <= height and w > 0 for x, y, w in boxes)
        assert page.locator("#map-table tbody tr").count() == expected
        assert page.locator("#map-legend [data-technology]").count() == 3
    finally:
        context.close()
    assert aborted == []
    assert requested and all(url.startswith(server.url + "/") for url in requested), requested
