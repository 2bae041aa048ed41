"""Inline SVG bar charts (no JavaScript): broadcasts per station and per month."""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from radio import numbers


def _fmt(n: float) -> str:
    return numbers.number(n)


def hbar_chart(labels: list[str], values: list[float], title: str, *, width: int = 720,
               bar: int = 18, label_w: int = 240) -> Markup:
    """Horizontal bars, one per label (stations)."""
    top = 28
    height = top + len(labels) * (bar + 6) + 8
    peak = max(values) if values and max(values) > 0 else 1
    span = width - label_w - 70
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" '
             f'viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">',
             f'<title>{escape(title)}</title>',
             f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>']
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + i * (bar + 6)
        w = round(span * value / peak, 1)
        parts.append(f'<text x="{label_w - 6}" y="{y + bar - 5}" font-size="12" '
                     f'text-anchor="end">{escape(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar}" fill="#2f6f9f">'
                     f'<title>{escape(label)}: {_fmt(value)}</title></rect>')
        parts.append(f'<text x="{label_w + w + 4}" y="{y + bar - 5}" font-size="12">'
                     f'{_fmt(value)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def vbar_chart(labels: list[str], values: list[float], title: str, *, width: int = 720,
               height: int = 260) -> Markup:
    """Vertical bars, one per label (months)."""
    top, bottom, left = 28, 40, 10
    n = max(len(labels), 1)
    slot = (width - left * 2) / n
    bar = max(slot * 0.7, 2)
    peak = max(values) if values and max(values) > 0 else 1
    span = height - top - bottom - 14
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" '
             f'viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">',
             f'<title>{escape(title)}</title>',
             f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>']
    base = height - bottom
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = left + i * slot + (slot - bar) / 2
        h = round(span * value / peak, 1)
        parts.append(f'<rect x="{x:.1f}" y="{base - h}" width="{bar:.1f}" height="{h}" '
                     f'fill="#3d8b5a"><title>{escape(label)}: {_fmt(value)}</title></rect>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{base - h - 3}" font-size="11" '
                     f'text-anchor="middle">{_fmt(value)}</text>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{base + 14}" font-size="11" '
                     f'text-anchor="middle">{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def report_charts(data) -> dict[str, Markup]:
    from radio.i18n import _

    short = [f"{r.key[5:7]}/{r.key[2:4]}" if len(r.key) == 7 else r.name for r in data.months]
    return {
        "stations": hbar_chart([r.name for r in data.stations],
                               [r.broadcasts for r in data.stations],
                               _("Số lần phát theo đài trạm")),
        "months": vbar_chart(short, [r.broadcasts for r in data.months],
                             _("Số lần phát theo tháng")),
    }
