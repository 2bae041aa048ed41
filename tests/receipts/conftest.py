"""A live server of its own for the receipts tests: five communes, one with a cluster."""

from __future__ import annotations

import pytest

from tests.browser.conftest import browser  # noqa: F401  (Chromium, for test_browser.py)
from tests.conftest import new_live_server
from tests.dbutil import drop_database
from tests.factories.stations import LiveSeeder

STATIONS = {"gio-an": "Xã Gio An", "gio-chau": "Xã Gio Châu", "gio-hai": "Xã Gio Hải",
            "gio-mai": "Xã Gio Mai", "gio-son": "Xã Gio Sơn"}


@pytest.fixture(scope="package")
def fleet(live_templates, tmp_path_factory):
    folder = tmp_path_factory.mktemp("receipts-live")
    # No demo data: the day holds only what these tests schedule.
    server, url = new_live_server(folder, live_templates, demo_data=False)
    for code, name in STATIONS.items():
        server.cli("station", "add", code, "--name", name)
    server.cli("cluster", "add", "--station", "gio-an", "--code", "gio-an-thon-1",
               "--name", "Thôn 1")
    seeder = LiveSeeder(server, tmp_path_factory.mktemp("receipts-audio"))
    server.start()
    try:
        tokens = {code: seeder.token(code) for code in STATIONS}
        yield {"server": server, "seeder": seeder, "tokens": tokens}
    finally:
        seeder.close()
        server.stop()
        drop_database(url)
