"""Fixtures of the language tests: the browser ones come from tests/browser."""

from tests.browser.conftest import browser, login_as, page  # noqa: F401  (the browser test)
