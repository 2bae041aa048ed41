"""The hierarchy on a day: province → (district →) communes → stations → clusters, with counts,
on both sides of 1/7/2025; stations that serve no unit are gathered apart."""

from __future__ import annotations

import re
from datetime import date

from radio.units import tree

OLD_DAY = date(2022, 6, 1)
NEW_DAY = date(2025, 8, 1)


def _find(nodes, code):
    for node in nodes:
        if node.unit is not None and node.unit.code == code:
            return node
        found = _find(node.children, code)
        if found is not None:
            return found
    return None


def _counts(node):
    return node.n_stations, node.n_clusters, node.n_speakers


def test_hierarchy_in_2022_has_the_district_and_four_communes(network_world):
    h = tree.hierarchy(OLD_DAY)
    province = _find(h.roots, "9901")
    assert province is not None and province in h.roots
    assert _find(h.roots, "9902") is None  # the new province has no station yet
    district = _find(h.roots, "990")
    assert [c.unit.code for c in province.children] == ["990"]
    assert sorted(c.unit.name for c in district.children) == [
        "Nam Linh", "Nam Mỹ", "Nam Quang", "Nam Việt"]
    assert [s.station.code for s in district.stations] == ["np-huyen"]
    assert _counts(province) == (5, 1, 4)
    assert _counts(district) == (5, 1, 4)
    nam_my = _find(h.roots, "99507")
    assert nam_my.unit.valid_from == date(2020, 1, 1)  # the 2020 edition of the code
    assert _counts(nam_my) == (1, 1, 4)
    assert _counts(_find(h.roots, "99495")) == (1, 0, 0)


def test_hierarchy_after_the_change_is_province_communes_clusters(network_world):
    h = tree.hierarchy(NEW_DAY)
    assert _find(h.roots, "9901") is None and _find(h.roots, "990") is None
    province = _find(h.roots, "9902")
    assert [c.unit.code for c in province.children] == ["99495", "99496"]
    linh = _find(h.roots, "99495")
    assert linh.unit.unit_type == "Xã"
    assert [s.station.code for s in linh.stations] == ["np-nam-linh"]
    assert sorted(c.code for c in linh.stations[0].clusters) == [
        "np-cum-linh", "np-cum-my", "np-cum-quang"]
    assert _counts(linh) == (1, 3, 25)
    assert _counts(_find(h.roots, "99496")) == (1, 1, 10)
    assert _counts(province) == (2, 4, 35)
    unplaced = [s.station.code for s in h.unplaced.stations]
    assert "np-chua-gan" in unplaced and "np-nam-linh" not in unplaced


def test_a_station_scope_narrows_the_counts(network_world):
    h = tree.hierarchy(NEW_DAY, lambda s: s.code == "np-nam-viet")
    province = _find(h.roots, "9902")
    assert [c.unit.code for c in province.children] == ["99496"]
    assert _counts(province) == (1, 1, 10)
    assert h.unplaced.stations == []


def _node_counts(html, code):
    m = re.search(rf'data-unit="{code}" data-stations="(\d+)" data-clusters="(\d+)" '
                  rf'data-speakers="(\d+)"', html)
    assert m, f"no node for {code}"
    return tuple(int(x) for x in m.groups())


def test_the_network_page_shows_the_hierarchy_for_the_date(network_world, client, login):
    login("auditor")
    old = client.get("/network/?on=2022-06-01")
    assert old.status_code == 200
    assert "01/06/2022" in old.text
    assert _node_counts(old.text, "9901") == (5, 1, 4)
    assert _node_counts(old.text, "990") == (5, 1, 4)
    assert 'data-unit="9902"' not in old.text
    new = client.get("/network/?on=2025-08-01")
    assert _node_counts(new.text, "9902") == (2, 4, 35)
    assert _node_counts(new.text, "99495") == (1, 3, 25)
    assert 'data-unit="990"' not in new.text
    assert "Chưa gắn đơn vị hành chính" in new.text
    assert 'data-code="np-chua-gan"' in new.text
    assert "Cụm Nam Quang" in new.text


def test_the_network_page_defaults_to_today_and_refuses_a_bad_date(network_world, client, login,
                                                                   monkeypatch):
    from datetime import UTC, datetime

    from radio import clock

    monkeypatch.setattr(clock, "now", lambda: datetime(2025, 8, 1, 3, 0, tzinfo=UTC))
    login("editor")
    page = client.get("/network/")
    assert "01/08/2025" in page.text
    assert _node_counts(page.text, "99495") == (1, 3, 25)
    assert client.get("/network/?on=2025-13-40").status_code == 400


def test_the_dashboard_shows_the_hierarchy_panel(network_world, client, login):
    login("editor")
    page = client.get("/?on=2022-06-01")
    assert page.status_code == 200
    panel = page.text.split('id="hierarchy-panel"', 1)[1].split("</section>", 1)[0]
    assert "Huyện Gio Nam" in panel and "Xã Nam Quang" in panel
    assert "/network/units/990/2020-01-01" in panel
    later = client.get("/?on=2025-08-01").text.split('id="hierarchy-panel"', 1)[1]
    assert "Xã Nam Linh" in later.split("</section>", 1)[0]


def test_an_operator_sees_the_panel_of_their_station_without_links(network_world, client, login,
                                                                   create_user):
    user = create_user("operator", station_codes=["np-nam-linh"])
    login(user.username)
    page = client.get("/?on=2025-08-01")
    assert page.status_code == 200
    panel = page.text.split('id="hierarchy-panel"', 1)[1].split("</section>", 1)[0]
    assert "Xã Nam Linh" in panel and "Nam Việt" not in panel
    assert "<a " not in panel  # the network pages are not open to operators
