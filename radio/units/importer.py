"""`radio unit import`: load the July 2025 edition of the official list, idempotently.

One query reads the keys already there; new rows go in by one bulk insert per level. A unit
already there keeps its id (stations, users and lineage point at it); only a differing name,
type or parent is updated.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert, select

from radio import audit
from radio.db import db
from radio.errors import NotFound
from radio.i18n import _
from radio.models import AdminUnit, UnitLevel
from radio.units import data


@dataclass
class ImportResult:
    created: int = 0
    unchanged: int = 0
    updated: int = 0

    @property
    def total(self) -> int:
        return self.created + self.unchanged + self.updated


def import_units(actor=None, *, province: str | None = None) -> ImportResult:
    """Load the whole country, or one province (its code) and its communes. Flushes only."""
    provinces = list(data.provinces_2025())
    communes = list(data.communes_2025())
    if province is not None:
        provinces = [p for p in provinces if p.code == province]
        if not provinces:
            raise NotFound(_("Không có tỉnh mã “%(code)s” trong danh mục 01/07/2025.",
                             code=province), "province_not_found", field="province")
        communes = [c for c in communes if c.province_code == province]
    edition = data.EDITION_2025_07
    existing = {code: (uid, name, unit_type, parent_id) for uid, code, name, unit_type, parent_id
                in db.session.execute(
                    select(AdminUnit.id, AdminUnit.code, AdminUnit.name, AdminUnit.unit_type,
                           AdminUnit.parent_id)
                    .where(AdminUnit.valid_from == edition))}
    result = ImportResult()
    _load(provinces, UnitLevel.province, existing, {}, result)
    province_ids = {code: row[0] for code, row in _reread(edition).items()
                    if code in {p.code for p in provinces}}
    _load(communes, UnitLevel.commune, existing, province_ids, result)
    if result.created or result.updated:
        audit.record(actor, "unit.import", "admin_unit", province or "*",
                     after={"edition": edition.isoformat(), "created": result.created,
                            "updated": result.updated, "unchanged": result.unchanged},
                     summary=_("Nạp danh mục đơn vị hành chính 01/07/2025"))
    return result


def _reread(edition) -> dict[str, tuple]:
    return {code: (uid,) for uid, code in db.session.execute(
        select(AdminUnit.id, AdminUnit.code).where(AdminUnit.valid_from == edition,
                                                   AdminUnit.level == UnitLevel.province.value))}


def _load(rows: list[data.UnitRow], level: UnitLevel, existing: dict, parents: dict[str, int],
          result: ImportResult) -> None:
    new = []
    for row in rows:
        parent_id = parents.get(row.province_code) if row.province_code else None
        have = existing.get(row.code)
        if have is None:
            new.append({"code": row.code, "name": row.name, "level": level.value,
                        "unit_type": row.unit_type, "parent_id": parent_id,
                        "valid_from": data.EDITION_2025_07, "valid_to": None,
                        "source": data.SOURCE_2025_07})
        elif have[1:] == (row.name, row.unit_type, parent_id):
            result.unchanged += 1
        else:
            unit = db.session.get(AdminUnit, have[0])
            unit.name, unit.unit_type, unit.parent_id = row.name, row.unit_type, parent_id
            result.updated += 1
    if new:
        db.session.execute(insert(AdminUnit), new)
        result.created += len(new)
    db.session.flush()
