"""A unit's page: the edition, parent, children, stations over time, and lineage both ways
(transitive, with dates and kinds)."""

from __future__ import annotations

import re
from datetime import date

from radio.units import lineage


def _rows(html, table_id):
    body = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'data-predecessor="([^"]+)" data-successor="([^"]+)" data-depth="(\d)" '
                      r'data-kind="([^"]+)"', body)


def test_lineage_walks_both_ways_transitively(network_world):
    u = network_world.units
    back = [(s.depth, s.link.predecessor.name, s.link.predecessor.valid_from.year)
            for s in lineage.predecessors(u["linh"], transitive=True, every_link=True)]
    assert sorted(back) == [(1, "Nam Linh", 2020), (1, "Nam Mỹ", 2025), (2, "Nam Mỹ", 2020),
                            (2, "Nam Quang", 2020)]
    forward = [(s.depth, s.link.successor.code, s.effective_on)
               for s in lineage.successors(u["quang"], transitive=True, every_link=True)]
    assert forward == [(1, "99507", date(2025, 1, 1)), (2, "99495", date(2025, 7, 1))]
    assert lineage.successors(u["linh"], transitive=True) == [] \
        and lineage.predecessors(u["quang"], transitive=True) == []


def test_the_unit_page_of_the_merged_commune_shows_where_it_came_from(network_world, client,
                                                                      login):
    login("auditor")
    page = client.get("/network/units/99495?on=2025-08-01")
    assert page.status_code == 200
    html = page.text
    assert 'data-valid-from="2025-07-01"' in html and "Xã Nam Linh" in html
    assert sorted(_rows(html, "predecessors")) == [
        ("99495", "99495", "1", "merge"), ("99507", "99495", "1", "merge"),
        ("99507", "99507", "2", "merge"), ("99513", "99507", "2", "merge")]
    assert _rows(html, "successors") == []
    assert "01/07/2025" in html and "Sáp nhập toàn bộ" in html
    assert "Tỉnh Đông Sơn" in html.split('id="unit-parent"', 1)[1].split("</dd>", 1)[0]
    stations = html.split('id="unit-stations"', 1)[1].split("</table>", 1)[0]
    assert 'data-code="np-nam-linh"' in stations and "01/07/2025 – …" in stations
    # the other edition of the same code is one link away
    assert "/network/units/99495/2020-01-01" in html.split('id="editions"', 1)[1]


def test_the_unit_page_of_a_former_commune_shows_where_it_went(network_world, client, login):
    login("editor")
    html = client.get("/network/units/99513/2020-01-01").text
    assert sorted(_rows(html, "successors")) == [("99507", "99495", "2", "merge"),
                                                 ("99513", "99507", "1", "merge")]
    assert _rows(html, "predecessors") == []
    assert "31/12/2024" in html.split('id="unit-period"', 1)[1].split("</dd>", 1)[0]
    assert "Huyện Gio Nam" in html.split('id="unit-parent"', 1)[1].split("</dd>", 1)[0]
    stations = html.split('id="unit-stations"', 1)[1].split("</table>", 1)[0]
    assert 'data-code="np-nam-quang"' in stations and "01/01/2020 – 31/12/2024" in stations
    clusters = html.split('id="unit-clusters"', 1)[1].split("</table>", 1)[0]
    assert 'data-code="np-cum-quang"' in clusters  # its loudspeakers, now a cluster of Nam Linh


def test_the_code_picks_the_edition_in_force_on_the_day(network_world, client, login):
    login("editor")
    assert 'data-valid-from="2020-01-01"' in client.get("/network/units/99495?on=2022-06-01").text
    assert 'data-valid-from="2025-07-01"' in client.get("/network/units/99495?on=2025-07-01").text
    district = client.get("/network/units/990?on=2022-06-01").text
    children = district.split('id="unit-children"', 1)[1].split("</table>", 1)[0]
    assert children.count("<tr data-unit=") == 5  # two editions of Nam Mỹ among them


def test_unknown_units_are_not_found(network_world, client, login):
    login("editor")
    assert client.get("/network/units/00000").status_code == 404
    assert client.get("/network/units/99495/2021-01-01").status_code == 404
    assert client.get("/network/units/99495/not-a-date").status_code == 400


def test_the_unit_page_links_to_its_lists_on_a_day_it_existed(network_world, client, login):
    login("editor")
    html = client.get("/network/units/99513/2020-01-01?on=2025-08-01").text
    lists = html.split('id="unit-lists"', 1)[1].split("</p>", 1)[0]
    assert "unit=99513" in lists and "on=2024-12-31" in lists  # its last day, not after its end
    html = client.get("/network/units/99495/2025-07-01?on=2025-08-01").text
    assert "on=2025-08-01" in html.split('id="unit-lists"', 1)[1].split("</p>", 1)[0]
