"""The planning network view groups the stations by unit of the shown day (the district before
1/7/2025, the province from then on) with counts; entries aimed at clusters name them."""

from __future__ import annotations

import re
from datetime import date

from tests.factories.plan_units import add_entry

BEFORE = date(2025, 6, 2)
AFTER = date(2025, 8, 4)


def _groups(html: str, container: str) -> dict[str, dict]:
    """unit code ('' for no unit) -> its counts and station codes, in page order."""
    part = html.split(f'id="{container}"', 1)[1]
    part = part.split("</table>", 1)[0] if container == "network" else \
        part.split('id="live-slots"', 1)[0]
    out = {}
    pattern = (r'class="unit-group" data-unit="([^"]*)" data-stations="(\d+)" '
               r'data-clusters="(\d+)" data-speakers="(\d+)">(.*?)(?=class="unit-group"|\Z)')
    for code, stations, clusters, speakers, body in re.findall(pattern, part, re.S):
        out[code] = {"counts": (int(stations), int(clusters), int(speakers)),
                     "codes": re.findall(r'data-code="([^"]+)"', body),
                     "head": re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body.split(
                         "</th>" if container == "network" else "</h2>", 1)[0])).strip()}
    return out


def test_before_the_change_stations_are_grouped_by_district(plan_world, client, login):
    login("admin")
    html = client.get(f"/planning/?date={BEFORE.isoformat()}").text
    for container in ("network", "network-list"):  # the wide table and the phone list alike
        groups = _groups(html, container)
        district = groups["980"]
        assert district["codes"] == ["pu-huyen", "pu-an", "pu-binh"]  # the district's own first
        assert district["counts"] == (3, 2, 5)
        assert district["head"].startswith("Huyện Lâm Hà")
        assert "3 đài/trạm · 2 cụm loa · 5 loa" in district["head"]
        assert "9801" not in groups and "9802" not in groups  # no station serves the province
        assert "pu-le" in groups[""]["codes"]
        assert list(groups)[-1] == ""  # the stations without a unit come last
        assert "Chưa gắn đơn vị hành chính" in groups[""]["head"]


def test_after_the_change_communes_are_grouped_by_province(plan_world, client, login):
    login("admin")
    html = client.get(f"/planning/?date={AFTER.isoformat()}").text
    for container in ("network", "network-list"):
        groups = _groups(html, container)
        province = groups["9802"]
        assert province["codes"] == ["pu-an"]  # pu-huyen and pu-binh ended on 30/6/2025
        assert province["counts"] == (1, 2, 16)
        assert province["head"].startswith("Tỉnh Hạ Sơn")
        assert "980" not in groups
        assert "pu-le" in groups[""]["codes"]
        all_codes = [c for g in groups.values() for c in g["codes"]]
        assert "pu-huyen" not in all_codes and "pu-binh" not in all_codes


def test_an_entry_for_two_clusters_names_them(plan_world, db_session, client, login,
                                              create_media_item):
    an = plan_world.stations["pu-an"]
    day = date(2025, 8, 5)
    both = add_entry(db_session, an, day, 9, 0, "", [plan_world.clusters["pu-cum-an"],
                                                     plan_world.clusters["pu-cum-binh"]],
                     create_media_item(title="Họp dân hai cụm", valid_from=date(2025, 1, 1)))
    whole = add_entry(db_session, an, day, 10, 0, "", (),
                      create_media_item(title="Thông báo toàn xã", valid_from=date(2025, 1, 1)))
    login("admin")
    week = client.get(f"/planning/stations/pu-an/week?start={AFTER.isoformat()}").text
    block = week.split(f'id="entry-{both.id}"', 1)[1].split("</div>", 1)[0]
    assert "Họp dân hai cụm" in block
    assert "cụm: Cụm An Thịnh, Cụm Bình Thịnh" in block
    other = week.split(f'id="entry-{whole.id}"', 1)[1].split("</div>", 1)[0]
    assert "Thông báo toàn xã" in other and "cụm:" not in other
    network = client.get(f"/planning/?date={day.isoformat()}").text
    assert 'title="09:00–09:15 Họp dân hai cụm (cụm: Cụm An Thịnh, Cụm Bình Thịnh)"' in network
    assert 'title="10:00–10:15 Thông báo toàn xã"' in network
    phone = network.split('id="network-list"', 1)[1]
    assert "Họp dân hai cụm</a> <span class=\"entry-clusters muted\">cụm: Cụm An Thịnh, " \
           "Cụm Bình Thịnh</span>" in phone
    day_view = client.get(f"/operator/stations/pu-an?date={day.isoformat()}").text
    row = day_view.split("Họp dân hai cụm", 1)[1].split("</tr>", 1)[0]
    assert "cụm: Cụm An Thịnh, Cụm Bình Thịnh" in row
    assert "cụm:" not in day_view.split("Thông báo toàn xã", 1)[1].split("</tr>", 1)[0]
