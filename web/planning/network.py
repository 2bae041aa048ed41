"""The network view laid out for reading: each station's day as clickable blocks with a minimum
width (items too short to show at day scale are grouped into one marked block), emergencies in
their own lane, and the same day as a plain list for phones."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import url_for

from radio.i18n import _, ngettext

MIN_SHARE = 3.5  # % of the lane: the narrowest block drawn (about 38 px at 1366 px)
TITLE_SHARE = 9.0  # narrower than this, a block is labelled by its start time, not its title


@dataclass
class Shown:
    """One block as drawn: position and width in % of the lane, label, link, tooltip."""

    left: float
    width: float
    label: str
    href: str | None
    tooltip: str
    css: str
    blocks: list = field(default_factory=list)


def _href(station, day: date, block, editor: bool) -> str | None:
    if block.kind == "gap":
        if not editor:
            return None
        return url_for("planning.entry_new", date=day.isoformat(), stations=station.code,
                       time=block.starts_at.strftime("%H:%M"))
    if block.occurrence_id:
        return url_for("planning.occurrence", occurrence_id=block.occurrence_id)
    anchor = f"#entry-{block.entry_id}" if block.entry_id else ""
    return url_for("planning.week", code=station.code, start=day.isoformat()) + anchor


def cluster_note(names) -> str:
    """"cụm: Gio An, Gio Sơn" for an entry aimed at some clusters; "" for the whole station."""
    return _("cụm: %(names)s", names=", ".join(names)) if names else ""


def _tooltip(block, waiting: dict | None = None) -> str:
    title = block.title or _("Trống")
    note = cluster_note(getattr(block, "clusters", ()))
    text = f"{block.starts_at:%H:%M}–{block.ends_at:%H:%M} {title}" + (f" ({note})" if note else "")
    w = (waiting or {}).get(block.entry_id)
    return f"{text} [{w.label}] {w.title}" if w is not None else text


def _place(block, hours: tuple[int, int]) -> tuple[float, float]:
    span = (hours[1] - hours[0]) * 60
    m0 = block.starts_at.hour * 60 + block.starts_at.minute + block.starts_at.second / 60
    m1 = m0 + (block.ends_at - block.starts_at).total_seconds() / 60
    left = max(m0 - hours[0] * 60, 0) * 100 / span
    return left, max((m1 - m0) * 100 / span, 0)


def lane(station, day: date, blocks, hours: tuple[int, int], *, editor: bool,
         waiting: dict | None = None) -> list[Shown]:
    """Blocks left to right; neighbours that would overlap at the minimum width are merged
    into one block that names how many items it holds and opens the station's week."""
    shown: list[Shown] = []
    for block in sorted(blocks, key=lambda b: b.starts_at):
        left, width = _place(block, hours)
        last = shown[-1] if shown else None
        if last is not None and block.kind != "gap" and "gap" not in last.css and \
                left < last.left + max(last.width, MIN_SHARE):
            last.blocks.append(block)
            last.width = max(last.width, left + width - last.left)
            n = len(last.blocks)
            last.label = ngettext("%(num)d mục", "%(num)d mục", n)
            last.tooltip = "\n".join(_tooltip(b, waiting) for b in last.blocks)
            last.href = url_for("planning.week", code=station.code, start=day.isoformat())
            last.css = f"{last.blocks[0].kind} {_strongest(last.blocks)} group"
            continue
        shown.append(Shown(left, width, block.title if block.kind != "gap" else "",
                           _href(station, day, block, editor), _tooltip(block, waiting),
                           f"{block.kind} {block.priority}", [block]))
    for s in shown:
        if "gap" in s.css:
            continue
        if waiting and any(b.entry_id in waiting for b in s.blocks):
            s.css += " awaiting"  # its material is not approved: it will not air
        if len(s.blocks) == 1 and s.width < TITLE_SHARE:
            s.label = f"{s.blocks[0].starts_at:%H:%M}"  # the title stays in the tooltip
        s.width = max(s.width, MIN_SHARE)
        s.left = min(s.left, 100 - s.width)
    return shown


def _strongest(blocks) -> str:
    order = ["normal", "priority", "emergency"]
    return max((b.priority for b in blocks), key=lambda p: order.index(p) if p in order else 0)


@dataclass
class Row:
    station: object
    main: list[Shown]
    emergency: list[Shown]
    listed: list  # every block (gaps too), for the phone list


def network_rows(rows, day: date, hours: tuple[int, int], *, editor: bool,
                 waiting: dict | None = None) -> list[Row]:
    out = []
    for station, blocks in rows:
        live = sorted((b for b in blocks if not b.cancelled), key=lambda b: b.starts_at)
        urgent = [b for b in live if b.priority == "emergency"]
        rest = [b for b in live if b.priority != "emergency"]
        out.append(Row(station, lane(station, day, rest, hours, editor=editor, waiting=waiting),
                       lane(station, day, urgent, hours, editor=editor, waiting=waiting),
                       [(b, _href(station, day, b, editor)) for b in live if b.kind != "gap"]))
    return out
