"""The network pages in English: no Vietnamese left once the data (unit, station and cluster
names) is taken out."""

from __future__ import annotations

import flask_babel
from sqlalchemy import select

from radio.db import db
from radio.models import AdminUnit, Cluster
from tests.foundation.test_english_pages import _data_strings, _leftovers

PAGES = ["/network/?on=2022-06-01", "/network/?on=2025-08-01", "/?on=2025-08-01",
         "/network/units/99495?on=2025-08-01", "/network/units/99513/2020-01-01",
         "/network/stations?on=2025-08-01&unit=9902", "/network/clusters?on=2025-08-01",
         "/network/map?on=2025-08-01", "/network/map?on=2022-06-01&unit=99513"]


def test_the_network_pages_are_all_english(network_world, client, login):
    network_world.clusters["np-cum-viet"].latitude = None  # the "no coordinates" wording too
    login("admin")
    for path in PAGES:
        assert client.get(path).status_code == 200, path
    flask_babel.refresh()
    client.get("/lang/en")
    data = _data_strings()
    for col in (AdminUnit.name, AdminUnit.unit_type, Cluster.name, Cluster.covers):
        data += [v for v in db.session.scalars(select(col)) if v]
    data = sorted(set(data), key=len, reverse=True)
    found = {}
    for path in PAGES:
        left = _leftovers(client.get(path).get_data(as_text=True), data)
        if left:
            found[path] = left
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())
