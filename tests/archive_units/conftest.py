"""The network factories (tests/factories/network.py) for the unit-view report tests, and the
browser tests' Chromium for the browser test."""

from tests.browser.conftest import browser  # noqa: F401  (the browser test)
from tests.factories.network import network  # noqa: F401
