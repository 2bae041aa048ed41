"""Real Chromium (Debian's package) driven by Playwright against a live server."""

from __future__ import annotations

import os

import pytest

from tests.live import TEST_PASSWORD

CHROMIUM = os.environ.get("RADIO_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser(playwright_driver):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    browser = playwright_driver.chromium.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run"],
    )
    yield browser
    browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 768},
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def login_as(page):
    def do(username: str, password: str = TEST_PASSWORD):
        page.goto("/login")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        # Wait for the form's own navigation: wait_for_load_state() alone can return while the
        # login page is still the current document (a race seen in CI).
        with page.expect_navigation(wait_until="load"):
            page.click("button.primary")
        return page

    return do
