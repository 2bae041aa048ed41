"""The network factories (tests/factories/network.py) for the unit-view report tests, and
Debian's Chromium for the browser test (as tests/browser/conftest.py launches it)."""

import os

import pytest

from tests.factories.network import network  # noqa: F401

CHROMIUM = os.environ.get("RADIO_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser(playwright_driver):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    browser = playwright_driver.chromium.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run"])
    yield browser
    browser.close()
