"""Fixtures of the speech tests: the browser fixtures for the page's browser test."""

from tests.browser.conftest import browser, login_as, page  # noqa: F401  (the browser test)
