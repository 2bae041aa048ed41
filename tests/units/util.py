"""Helpers for the units tests: a dump of every table, and small unit builders."""

from __future__ import annotations

import hashlib
import json
from datetime import date

from sqlalchemy import select

from radio.db import db
from radio.models import AdminUnit, Base


def dump_tables() -> dict[str, list]:
    """Every row of every table, as sorted JSON-ready lists (to compare before/after)."""
    out = {}
    for table in Base.metadata.sorted_tables:
        rows = db.session.execute(select(table)).all()
        out[table.name] = sorted(json.dumps([str(v) for v in row], ensure_ascii=False)
                                 for row in rows)
    return out


def checksum(rows: list) -> str:
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def make_unit(code: str, name: str, *, level: str = "commune", valid_from=date(2020, 1, 1),
              parent: AdminUnit | None = None, unit_type: str = "Xã") -> AdminUnit:
    unit = AdminUnit(code=code, name=name, level=level, unit_type=unit_type,
                     parent_id=parent.id if parent else None, valid_from=valid_from,
                     source="test")
    db.session.add(unit)
    db.session.flush()
    return unit
