"""What every network page reads from the query string (?on=, ?unit=), and the labels it shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import g, request

from radio import clock
from radio.errors import NotFound
from radio.i18n import _, _l
from radio.models import AdminUnit, Station
from radio.units import queries, tree
from web.args import parse_date

TECH_LABELS = {"ip": _l("IP (loa thông minh)"), "fm": _l("FM không dây"),
               "wired": _l("Hữu tuyến")}
LINEAGE_LABELS = {"merge": _l("Sáp nhập toàn bộ"), "partial": _l("Sáp nhập một phần"),
                  "rename": _l("Đổi tên, đổi cấp")}
LEVEL_LABELS = {"province": _l("Cấp tỉnh"), "district": _l("Cấp huyện"), "commune": _l("Cấp xã")}
KIND_LABELS = {"province": _l("Đài cấp tỉnh"), "district": _l("Đài huyện"),
               "commune": _l("Trạm cấp xã")}
UNPLACED = _l("Chưa gắn đơn vị hành chính")


def on_arg() -> date:
    """?on=YYYY-MM-DD (or dd/mm/yyyy); today on the station's calendar when absent."""
    return parse_date(request.args.get("on"), "on", default=clock.today())


def unit_arg(day: date) -> AdminUnit | None:
    """?unit=CODE: the edition of that code in force on `day` (404 for a code never listed)."""
    code = (request.args.get("unit") or "").strip()
    if not code:
        return None
    unit = queries.unit_nearest(code, day)
    if unit is None:
        raise NotFound(_("Không có đơn vị hành chính mã “%(code)s”.", code=code), "unit_not_found")
    return unit


def can_see(station: Station) -> bool:
    return g.principal.can_see_station(station)


@dataclass(frozen=True)
class UnitOption:
    code: str
    label: str


def unit_options(hierarchy: tree.Hierarchy) -> list[UnitOption]:
    """The units the network reaches on the hierarchy's day, indented by depth, for a filter."""
    out: list[UnitOption] = []

    def walk(node: tree.UnitNode, depth: int) -> None:
        u = node.unit
        out.append(UnitOption(u.code, "\u2003" * depth + f"{u.unit_type} {u.name}".strip()))
        for child in node.children:
            walk(child, depth + 1)

    for root in hierarchy.roots:
        walk(root, 0)
    return out


def labels() -> dict:
    return {"tech_labels": TECH_LABELS, "lineage_labels": LINEAGE_LABELS,
            "level_labels": LEVEL_LABELS, "kind_labels": KIND_LABELS, "unplaced_label": UNPLACED}
