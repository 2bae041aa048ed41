"""A server-rendered SVG sparkline of a station's 24 h of contact (no JavaScript): one bar per
5-minute bucket that heard from the station, taller for more reports (up to 5)."""

from __future__ import annotations

from markupsafe import Markup, escape

HEIGHT = 18
FULL_AT = 5


def contact_svg(buckets: list[int], title: str) -> Markup:
    bars = "".join(
        f"M{i}.5 {HEIGHT}v-{4 + (HEIGHT - 4) * min(c, FULL_AT) // FULL_AT}"
        for i, c in enumerate(buckets) if c > 0)
    heard = sum(1 for c in buckets if c > 0)
    path = f'<path d="{bars}" stroke="#0b6e4f" stroke-width="1"/>' if bars else ""
    return Markup(
        f'<svg class="sparkline" width="{len(buckets)}" height="{HEIGHT}" '
        f'viewBox="0 0 {len(buckets)} {HEIGHT}" role="img" data-heard="{heard}">'
        f'<title>{escape(title)}</title>'
        f'<rect width="{len(buckets)}" height="{HEIGHT}" fill="#eef2f6"/>{path}</svg>')
