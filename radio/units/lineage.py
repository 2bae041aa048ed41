"""A unit's lineage both ways: the units it came from (predecessors) and went into (successors),
direct or transitive, each step with its date and kind."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import aliased

from radio.db import db
from radio.models import AdminUnit, UnitLineage


@dataclass(frozen=True)
class Step:
    """One lineage row reached `depth` steps from the unit the walk started at; `unit` is its
    far end (a predecessor or a successor)."""

    unit: AdminUnit
    effective_on: date
    kind: str
    depth: int  # 1 = direct
    link: UnitLineage

    @property
    def predecessor(self) -> AdminUnit:
        return self.link.predecessor

    @property
    def successor(self) -> AdminUnit:
        return self.link.successor

    def ref(self) -> dict:
        return {"code": self.unit.code, "valid_from": self.unit.valid_from.isoformat()}


def predecessors(unit: AdminUnit, *, transitive: bool = False,
                 every_link: bool = False) -> list[Step]:
    """The units that became (part of) `unit`; with `transitive`, theirs too, nearest first.
    With `every_link`, every lineage row met, also those reaching a unit already listed (a
    lineage table); else each unit once."""
    return _walk(unit, UnitLineage.successor_id, UnitLineage.predecessor_id, transitive,
                 every_link)


def successors(unit: AdminUnit, *, transitive: bool = False,
               every_link: bool = False) -> list[Step]:
    """The units `unit` became (part of); with `transitive`, theirs too, nearest first (for
    `every_link`, see predecessors)."""
    return _walk(unit, UnitLineage.predecessor_id, UnitLineage.successor_id, transitive,
                 every_link)


def _walk(unit: AdminUnit, from_col, to_col, transitive: bool, every_link: bool) -> list[Step]:
    out: list[Step] = []
    seen = {unit.id}
    frontier = [unit.id]
    depth = 0
    while frontier:
        depth += 1
        rows = db.session.execute(
            select(UnitLineage, AdminUnit).join(AdminUnit, AdminUnit.id == to_col)
            .where(from_col.in_(frontier))
            .order_by(UnitLineage.effective_on, AdminUnit.code, UnitLineage.id)).all()
        frontier = []
        for line, other in rows:
            if other.id in seen:
                if every_link:
                    out.append(Step(other, line.effective_on, line.kind, depth, line))
                continue
            seen.add(other.id)
            out.append(Step(other, line.effective_on, line.kind, depth, line))
            frontier.append(other.id)
        if not transitive:
            break
    return out


def direct_index() -> tuple[dict[int, list[dict]], dict[int, list[dict]]]:
    """For lists: unit id → its direct predecessors, and → its direct successors, as code and
    edition date, read in one query."""
    pred, succ = aliased(AdminUnit), aliased(AdminUnit)
    before: dict[int, list[dict]] = defaultdict(list)
    after: dict[int, list[dict]] = defaultdict(list)
    rows = db.session.execute(
        select(UnitLineage, pred.code, pred.valid_from, succ.code, succ.valid_from)
        .join(pred, pred.id == UnitLineage.predecessor_id)
        .join(succ, succ.id == UnitLineage.successor_id)
        .order_by(UnitLineage.effective_on, pred.code, succ.code)).all()
    for line, p_code, p_from, s_code, s_from in rows:
        before[line.successor_id].append({"code": p_code, "valid_from": p_from.isoformat()})
        after[line.predecessor_id].append({"code": s_code, "valid_from": s_from.isoformat()})
    return before, after


def predecessor_ids(ids: Iterable[int], *, level: str | None = None) -> set[int]:
    """The ids of every unit that lineage makes a predecessor of `ids`, transitively, in one
    query per step (for scopes over many units). With `level`, the walk follows only
    predecessors of that level. The units of `ids` themselves are left out."""
    start = set(ids)
    seen: set[int] = set()
    frontier = set(start)
    while frontier:
        query = (select(UnitLineage.predecessor_id)
                 .join(AdminUnit, AdminUnit.id == UnitLineage.predecessor_id)
                 .where(UnitLineage.successor_id.in_(frontier)))
        if level is not None:
            query = query.where(AdminUnit.level == level)
        frontier = set(db.session.execute(query).scalars()) - seen - start
        seen |= frontier
    return seen
