"""Fixtures of the cluster tests: clusters made through the real service."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from radio.clusters import operations
from tests.browser.conftest import browser, login_as, page  # noqa: F401  (the browser test)

_seq = itertools.count(1)


@pytest.fixture
def make_cluster():
    def factory(station: str = "gio-an", code: str | None = None, name: str | None = None,
                valid_from: date | None = None, **kwargs):
        n = next(_seq)
        return operations.add_cluster(None, station=station, code=code or f"{station}-cum-{n}",
                                      name=name or f"Cụm loa thử {n}",
                                      valid_from=valid_from or date(2024, 1, 1), **kwargs)

    return factory
