"""The cluster map drawn on the server: the projection fits the clusters' box, points are sized
by speakers and coloured by station, and the page holds one circle per cluster with a table."""

from __future__ import annotations

import re
from dataclasses import dataclass

from web.network import svgmap


@dataclass
class S:
    id: int
    code: str
    name: str


@dataclass
class C:
    code: str
    station: S
    latitude: float | None
    longitude: float | None
    speakers: int
    technology: str = "wired"


def test_points_fill_the_frame_and_keep_north_up():
    a, b = S(1, "a", "A"), S(2, "b", "B")
    south_west = C("sw", a, 16.80, 107.00, 4)
    north_east = C("ne", b, 17.00, 107.20, 16, "fm")
    no_place = C("x", a, None, None, 3)
    m = svgmap.build([south_west, north_east, no_place])
    by = {p.cluster.code: p for p in m.points}
    assert set(by) == {"sw", "ne"} and m.unplaced == [no_place]
    assert by["sw"].x < by["ne"].x and by["sw"].y > by["ne"].y  # east right, north up
    xs = sorted(p.x for p in m.points)
    assert xs[0] >= 0 and xs[-1] <= m.width
    assert min(xs[0], m.width - xs[-1]) == svgmap.PAD or \
        min(p.y for p in m.points) == svgmap.PAD  # fitted to the frame on one axis
    assert by["ne"].r == svgmap.R_MAX and by["sw"].r < by["ne"].r
    assert by["sw"].colour != by["ne"].colour
    assert by["ne"].dash == svgmap.DASH["fm"] and by["sw"].dash == svgmap.DASH["wired"]
    assert m.technologies == ["fm", "wired"]
    # equirectangular: a degree of longitude is shorter than one of latitude at 17°N
    dx, dy = by["ne"].x - by["sw"].x, by["sw"].y - by["ne"].y
    assert 0.9 < dx / dy < 0.99
    assert m.scale is not None and m.scale.km > 0
    assert by["ne"].anchor == "end" and by["ne"].label_x < by["ne"].x  # kept inside the frame
    assert m.scale.y > max(p.y + p.r for p in m.points)  # the scale bar is under every point


def test_a_lone_cluster_is_centred():
    m = svgmap.build([C("one", S(1, "a", "A"), 16.9, 107.1, 0)])
    (p,) = m.points
    assert (p.x, p.y) == (m.width / 2, (m.height - svgmap.SCALE_STRIP) / 2)
    assert p.r == svgmap.R_MIN and p.anchor == "start"


def test_the_map_page_has_one_circle_per_placed_cluster(network_world, client, login):
    world = network_world
    world.clusters["np-cum-viet"].latitude = None
    login("auditor")
    html = client.get("/network/map?on=2025-08-01").text
    svg = html.split('<svg id="cluster-map"', 1)[1].split("</svg>", 1)[0]
    circles = re.findall(r'<g class="point" data-code="([^"]+)"', svg)
    assert sorted(circles) == ["np-cum-linh", "np-cum-my", "np-cum-quang"]
    assert svg.count("<circle") == 3
    assert 'id="map-unplaced"' in html
    table = html.split('id="map-table"', 1)[1].split("</table>", 1)[0]
    assert "np-cum-viet" in table and "chưa có tọa độ" in table
    assert "http://" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html
    legend = html.split('id="map-legend"', 1)[1]
    assert 'data-technology="ip"' in legend and 'data-station="np-nam-linh"' in legend
