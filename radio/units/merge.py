"""`radio unit merge`: a reorganisation of units as one audited operation.

On day `on` the predecessor units end (valid_to = on - 1) and a successor edition (code `into`,
valid_from = on) takes their place, with one lineage row (kind merge) from each. The stations
follow the units:

- the successor's station is the one already serving the successor edition on `on`; if there
  is none, the station of the first predecessor that has one takes over: it keeps its id, code
  and name, its unit term ends on `on` - 1 and a term for the successor starts on `on`;
- every other predecessor's station ends (valid_to = on - 1, merged_into = the successor's
  station, token revoked) and its loudspeakers become clusters of the successor's station: its
  own live clusters move there (each old row ends, a new row starts on `on`), or, if it had none,
  one new cluster covers its former unit (former_station = that station);
- a station that takes over and has no clusters yet gets one for its own former unit too, so
  every former unit can be targeted.

Nothing already recorded changes: as-run rows, chains and the archive keep the station ids,
codes and names they had. When no unit edition of code `into` starts on `on`, one is created
(name from --name, else from the edition of that code in force the day before, which then ends
too). A dry run computes the same plan and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from radio import audit
from radio.db import db
from radio.errors import Conflict, DomainError
from radio.i18n import _
from radio.models import AdminUnit, Cluster, LineageKind, Station, UnitLineage, User
from radio.units import lineage, queries
from radio.units.station_units import attach_unit, end_unit_term

UNIT_TYPES = ("Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Phường", "Huyện", "Tỉnh", "Xã")


@dataclass
class MergePlan:
    on: date
    into: dict
    units_ending: list[dict] = field(default_factory=list)
    lineage: list[dict] = field(default_factory=list)
    successor_station: dict | None = None
    stations_ending: list[dict] = field(default_factory=list)
    clusters_created: list[dict] = field(default_factory=list)
    clusters_ending: list[dict] = field(default_factory=list)
    dry_run: bool = False
    # What apply() needs; not part of the plan's text or audit.
    _work: dict = field(default_factory=dict, repr=False)

    def as_dict(self) -> dict:
        return {"on": self.on.isoformat(), "into": self.into, "units_ending": self.units_ending,
                "lineage": self.lineage, "successor_station": self.successor_station,
                "stations_ending": self.stations_ending,
                "clusters_created": self.clusters_created,
                "clusters_ending": self.clusters_ending, "dry_run": self.dry_run}

    def lines(self) -> list[str]:
        d = lambda iso: date.fromisoformat(iso).strftime("%d/%m/%Y")  # noqa: E731
        head = _("Thử (không ghi gì)") if self.dry_run else _("Đã thực hiện")
        out = [_("%(head)s: sáp nhập vào %(code)s %(name)s từ ngày %(d)s%(new)s.", head=head,
                 code=self.into["code"], name=self.into["name"], d=d(self.into["valid_from"]),
                 new=_(" (tạo mới)") if self.into["created"] else "")]
        for u in self.units_ending:
            out.append(_("  Đơn vị kết thúc: %(code)s %(name)s (%(f)s) — hết hiệu lực %(t)s",
                         code=u["code"], name=u["name"], f=d(u["valid_from"]), t=d(u["valid_to"])))
        for line in self.lineage:
            out.append(_("  Kế thừa: %(p)s (%(pf)s) → %(s)s (%(sf)s), %(kind)s",
                         p=line["predecessor"]["code"], pf=d(line["predecessor"]["valid_from"]),
                         s=line["successor"]["code"], sf=d(line["successor"]["valid_from"]),
                         kind=line["kind"]))
        if self.successor_station:
            st = self.successor_station
            out.append(_("  Đài tiếp nhận: %(code)s %(name)s%(how)s", code=st["code"],
                         name=st["name"], how=_(" (chuyển sang đơn vị mới)") if st["takes_over"]
                         else ""))
        for st in self.stations_ending:
            out.append(_("  Đài kết thúc: %(code)s %(name)s — đến %(t)s, sáp nhập vào %(into)s",
                         code=st["code"], name=st["name"], t=d(st["valid_to"]),
                         into=st["merged_into"]))
        for c in self.clusters_ending:
            out.append(_("  Cụm loa kết thúc: %(code)s (%(station)s) — đến %(t)s",
                         code=c["code"], station=c["station"], t=d(c["valid_to"])))
        for c in self.clusters_created:
            out.append(_("  Cụm loa mới: %(code)s %(name)s thuộc %(station)s, phủ %(covers)s",
                         code=c["code"], name=c["name"], station=c["station"],
                         covers=c["covers"]))
        return out


def merge_units(actor: User | None, *, into: str, sources: list[str], on: date,
                dry_run: bool = False, name: str | None = None, source: str = "") -> MergePlan:
    """Plan the merge of `sources` (unit codes in force on `on` - 1) into `into` from `on`;
    unless `dry_run`, apply it in the caller's transaction (flushes, never commits)."""
    plan = _plan(into=into, sources=sources, on=on, name=name)
    plan.dry_run = dry_run
    if not dry_run:
        _apply(actor, plan, source)
    return plan


def _ref(unit: AdminUnit) -> dict:
    return {"code": unit.code, "valid_from": unit.valid_from.isoformat()}


def _plan(*, into: str, sources: list[str], on: date, name: str | None) -> MergePlan:
    before = on - timedelta(days=1)
    codes = list(dict.fromkeys(c.strip() for c in sources if c and c.strip()))
    if not codes:
        raise DomainError(_("Cần ít nhất một đơn vị được sáp nhập (--from)."), "invalid_merge",
                          field="from")
    preds = [queries.get_unit(code, before) for code in codes]
    successor = queries.edition(into, on)
    template = None
    if successor is None:
        template = queries.unit_on(into, before)
        if template is not None and template not in preds:
            preds.append(template)  # the old edition of the same code ends too
        name = (name or (template.name if template else "")).strip()
        if not name:
            raise DomainError(_("Đơn vị %(code)s chưa có từ ngày %(d)s: cần --name để tạo.",
                                code=into, d=f"{on:%d/%m/%Y}"), "name_required", field="name")
    elif name and name.strip() != successor.name:
        raise DomainError(_("Đơn vị %(code)s từ ngày %(d)s đã có tên “%(name)s”.", code=into,
                            d=f"{on:%d/%m/%Y}", name=successor.name), "invalid_name", field="name")
    for unit in preds:
        if unit.valid_to is not None and unit.valid_to < before:
            raise DomainError(_("%(name)s đã kết thúc trước ngày %(d)s.", name=unit.name,
                                d=f"{on:%d/%m/%Y}"), "invalid_merge", field="from")
        if successor is not None and any(s.unit.id == successor.id for s in lineage.successors(unit)):
            raise Conflict(_("%(name)s đã được sáp nhập vào %(code)s.", name=unit.name, code=into),
                           "already_merged", field="from")
    first = template or preds[0]
    into_ref = ({"code": successor.code, "name": successor.name,
                 "valid_from": successor.valid_from.isoformat(), "created": False}
                if successor else {"code": into, "name": name, "valid_from": on.isoformat(),
                                   "created": True})
    plan = MergePlan(on=on, into=into_ref)
    plan._work = {"preds": preds, "successor": successor, "first": first, "name": name,
                  "ending": [], "moves": [], "new_clusters": []}
    succ_ref = _ref(successor) if successor else {"code": into, "valid_from": on.isoformat()}
    for unit in preds:
        plan.units_ending.append({"code": unit.code, "name": unit.name,
                                  "valid_from": unit.valid_from.isoformat(),
                                  "valid_to": before.isoformat()})
        plan.lineage.append({"predecessor": _ref(unit), "successor": succ_ref,
                             "kind": LineageKind.merge.value, "effective_on": on.isoformat()})
    _plan_stations(plan, before)
    return plan


def _plan_stations(plan: MergePlan, before: date) -> None:
    work = plan._work
    served = [(unit, st) for unit in work["preds"] for st in queries.stations_serving(unit, before)]
    successor = work["successor"]
    station = (queries.stations_serving(successor, plan.on) or [None])[0] if successor else None
    takes_over = station is None and bool(served)
    if takes_over:
        station = served[0][1]
    work.update(station=station, takes_over=takes_over)
    if station is None:
        return
    plan.successor_station = {"code": station.code, "name": station.name, "takes_over": takes_over}
    taken = set()
    if takes_over and not _live_clusters(station, before):
        _new_cluster(plan, station, served[0][0], station, taken)
    for unit, st in served:
        if st.id == station.id or st.id in {s.id for s in work["ending"]}:
            continue
        if st.merged_into_id is not None or st.valid_from > before:
            raise DomainError(_("%(name)s không hoạt động đến ngày %(d)s.", name=st.name,
                                d=f"{before:%d/%m/%Y}"), "invalid_merge", field="from")
        work["ending"].append(st)
        plan.stations_ending.append({"code": st.code, "name": st.name,
                                     "valid_to": before.isoformat(), "merged_into": station.code})
        clusters = _live_clusters(st, before)
        for c in clusters:
            code = _free_code(c.code, taken)
            work["moves"].append((c, code))
            plan.clusters_ending.append({"code": c.code, "station": st.code,
                                         "valid_to": before.isoformat()})
            plan.clusters_created.append({"code": code, "name": c.name, "station": station.code,
                                          "covers": c.covers,
                                          "former_station": (c.former_station or st).code})
        if not clusters:
            _new_cluster(plan, station, unit, st, taken)


def _new_cluster(plan, station: Station, unit: AdminUnit, former: Station, taken: set) -> None:
    code = _free_code(former.code, taken)
    name = _("Cụm loa %(name)s", name=unit.name)
    plan._work["new_clusters"].append((code, name, unit, former))
    plan.clusters_created.append({"code": code, "name": name, "station": station.code,
                                  "covers": unit.name, "former_station": former.code})


def _live_clusters(station: Station, before: date) -> list[Cluster]:
    return list(db.session.scalars(select(Cluster).where(
        Cluster.station_id == station.id, Cluster.valid_from <= before,
        (Cluster.valid_to.is_(None)) | (Cluster.valid_to > before))
        .order_by(Cluster.code)).all())


def _free_code(base: str, taken: set) -> str:
    code, n = base, 1
    while code in taken or db.session.scalar(select(Cluster.id).where(Cluster.code == code)):
        n += 1
        code = f"{base}-{n}"
    taken.add(code)
    return code


def _create_successor(work: dict, on: date, into: str, source: str) -> AdminUnit:
    first: AdminUnit = work["first"]
    name = work["name"]
    unit_type = next((t for t in UNIT_TYPES if name.startswith(t + " ")), first.unit_type)
    parent = first.parent
    if parent is not None and not parent.exists_on(on):
        parent = next((s.unit for s in lineage.successors(parent, transitive=True)
                       if s.unit.exists_on(on)), None)
    unit = AdminUnit(code=into, name=name, level=first.level, unit_type=unit_type,
                     parent_id=parent.id if parent else None, valid_from=on, source=source)
    db.session.add(unit)
    db.session.flush()
    return unit


def _apply(actor: User | None, plan: MergePlan, source: str) -> None:
    work, on = plan._work, plan.on
    before = on - timedelta(days=1)
    successor = work["successor"] or _create_successor(work, on, plan.into["code"], source)
    for unit in work["preds"]:
        unit.valid_to = before
        db.session.add(UnitLineage(predecessor_id=unit.id, successor_id=successor.id,
                                   effective_on=on, kind=LineageKind.merge.value, source=source))
    station = work.get("station")
    if station is not None:
        if work["takes_over"]:
            attach_unit(station, successor, on)
        for st in work["ending"]:
            st.valid_to = before
            st.merged_into_id = station.id
            st.token_hash = None
            end_unit_term(st, before)
        for old, code in work["moves"]:
            old.valid_to = before
            db.session.add(Cluster(
                station_id=station.id, code=code, name=old.name, covers=old.covers,
                unit_id=old.unit_id, former_station_id=old.former_station_id or old.station_id,
                technology=old.technology, latitude=old.latitude, longitude=old.longitude,
                speakers=old.speakers, valid_from=on))
        for code, name, unit, former in work["new_clusters"]:
            db.session.add(Cluster(station_id=station.id, code=code, name=name, covers=unit.name,
                                   unit_id=unit.id, former_station_id=former.id, valid_from=on))
    db.session.flush()
    audit.record(actor, "unit.merge", "admin_unit", successor.code, after=plan.as_dict(),
                 summary=_("Sáp nhập %(from)s vào %(into)s từ %(d)s",
                           **{"from": ", ".join(u["code"] for u in plan.units_ending)},
                           into=successor.code, d=f"{on:%d/%m/%Y}"))
