"""Station and cluster lists by unit and date (?unit=CODE&on=DATE)."""

from __future__ import annotations

import re


def _codes(html, table_id):
    body = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return sorted(re.findall(r'<tr data-code="([^"]+)"', body))


def test_stations_by_unit_and_date(network_world, client, login):
    login("auditor")
    old = client.get("/network/stations?unit=990&on=2022-06-01").text
    assert _codes(old, "station-list") == ["np-huyen", "np-nam-linh", "np-nam-my", "np-nam-quang",
                                            "np-nam-viet"]
    arranged = client.get("/network/stations?unit=990&on=2025-03-01").text
    assert _codes(arranged, "station-list") == ["np-huyen", "np-nam-linh", "np-nam-my",
                                                 "np-nam-viet"]
    new = client.get("/network/stations?unit=9902&on=2025-08-01").text
    assert _codes(new, "station-list") == ["np-nam-linh", "np-nam-viet"]
    one = client.get("/network/stations?unit=99495&on=2025-08-01").text
    assert _codes(one, "station-list") == ["np-nam-linh"]


def test_stations_without_a_unit_filter_are_those_of_the_day(network_world, client, login):
    login("editor")
    codes = _codes(client.get("/network/stations?on=2025-08-01").text, "station-list")
    assert {"np-nam-linh", "np-nam-viet", "np-chua-gan"} <= set(codes)
    assert not {"np-huyen", "np-nam-my", "np-nam-quang"} & set(codes)


def test_clusters_by_unit_and_date(network_world, client, login):
    login("editor")
    old = client.get("/network/clusters?on=2022-06-01&unit=990").text
    assert _codes(old, "cluster-list") == ["np-thon-1"]
    new = client.get("/network/clusters?on=2025-08-01&unit=99495").text
    assert _codes(new, "cluster-list") == ["np-cum-linh", "np-cum-my", "np-cum-quang"]
    assert "trước là Trạm Nam Quang" in new
    # a former commune after its end: the clusters that cover it now
    former = client.get("/network/clusters?on=2025-08-01&unit=99513").text
    assert _codes(former, "cluster-list") == ["np-cum-quang"]
    station = client.get("/network/clusters?on=2025-08-01&station=np-nam-viet").text
    assert _codes(station, "cluster-list") == ["np-cum-viet"]


def test_lists_refuse_unknown_units_and_bad_dates(network_world, client, login):
    login("editor")
    assert client.get("/network/stations?unit=00000").status_code == 404
    assert client.get("/network/clusters?on=31-31-2022").status_code == 400
    assert client.get("/network/stations?on=01/06/2022").status_code == 200  # as shown on screen
