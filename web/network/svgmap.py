"""The cluster map as data for an inline SVG: an equirectangular projection fitted to the
clusters' bounding box, one point per cluster sized by its speakers, coloured by station, its
outline by technology. Drawn on the server: no tiles, no script, nothing fetched."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

WIDTH = 800
PAD = 36
MIN_HEIGHT, MAX_HEIGHT = 240, 640
R_MIN, R_MAX = 5.0, 18.0
SCALE_STRIP = 28  # room under the points for the scale bar
MIN_SPAN_DEG = 0.01  # about 1 km: a lone cluster still gets a frame around it
KM_PER_DEG = 111.32
# Colour-blind-safe hues (Okabe-Ito, then Tol's muted set) for the stations.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#882255",
           "#117733", "#999933", "#44AA99", "#AA4499", "#332288"]
# Outline per technology: solid for IP, dashed for FM, dotted for wired.
DASH = {"ip": "", "fm": "5 3", "wired": "1.5 2.5"}


@dataclass
class Point:
    cluster: object
    x: float
    y: float
    r: float
    colour: str
    dash: str
    label_x: float = 0.0
    anchor: str = "start"  # labels of points near the right edge go to their left


@dataclass
class ScaleBar:
    x: float
    y: float
    length: float
    km: float


@dataclass
class MapModel:
    width: int
    height: int
    points: list[Point] = field(default_factory=list)
    stations: list[tuple[object, str]] = field(default_factory=list)  # (station, colour)
    technologies: list[str] = field(default_factory=list)
    unplaced: list = field(default_factory=list)  # clusters without coordinates
    scale: ScaleBar | None = None


def _nice_km(target: float) -> float:
    if target <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(target))
    for step in (1, 2, 5, 10):
        if step * exp >= target:
            return step * exp
    return 10 * exp


def build(clusters: list) -> MapModel:
    """The map of `clusters` (objects with latitude, longitude, speakers, technology, station)."""
    placed = [c for c in clusters if c.latitude is not None and c.longitude is not None]
    unplaced = [c for c in clusters if c not in placed]
    stations, colours = [], {}
    for c in sorted(clusters, key=lambda c: (c.station.name, c.station.id)):
        if c.station.id not in colours:
            colours[c.station.id] = PALETTE[len(colours) % len(PALETTE)]
            stations.append((c.station, colours[c.station.id]))
    technologies = sorted({c.technology for c in clusters}, key=lambda t: list(DASH).index(t)
                          if t in DASH else len(DASH))
    if not placed:
        return MapModel(WIDTH, MIN_HEIGHT, [], stations, technologies, unplaced)
    lat0 = sum(c.latitude for c in placed) / len(placed)
    kx = math.cos(math.radians(lat0))
    xs = [c.longitude * kx for c in placed]
    ys = [c.latitude for c in placed]
    span_x = max(max(xs) - min(xs), MIN_SPAN_DEG)
    span_y = max(max(ys) - min(ys), MIN_SPAN_DEG)
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    scale = (WIDTH - 2 * PAD) / span_x
    if span_y * scale + 2 * PAD + SCALE_STRIP > MAX_HEIGHT:
        scale = (MAX_HEIGHT - 2 * PAD - SCALE_STRIP) / span_y
    height = int(max(MIN_HEIGHT, math.ceil(span_y * scale + 2 * PAD + SCALE_STRIP)))
    frame = height - SCALE_STRIP  # the points are centred in the frame above the strip
    most = max((c.speakers or 0) for c in placed)
    points = []
    for c, x, y in zip(placed, xs, ys, strict=True):
        share = math.sqrt((c.speakers or 0) / most) if most else 0.0
        p = Point(c, round(WIDTH / 2 + (x - mid_x) * scale, 1),
                  round(frame / 2 - (y - mid_y) * scale, 1),
                  round(R_MIN + (R_MAX - R_MIN) * share, 1),
                  colours[c.station.id], DASH.get(c.technology, ""))
        right = p.x > WIDTH * 0.7
        p.label_x = round(p.x - p.r - 3 if right else p.x + p.r + 3, 1)
        p.anchor = "end" if right else "start"
        points.append(p)
    # Smaller points drawn last, so that a big one never hides a small neighbour.
    points.sort(key=lambda p: -p.r)
    km_per_px = KM_PER_DEG / scale
    km = _nice_km(km_per_px * WIDTH / 5)
    bar = ScaleBar(PAD / 2, height - SCALE_STRIP / 2, round(km / km_per_px, 1), km)
    return MapModel(WIDTH, height, points, stations, technologies, unplaced, bar)
