"""Re-scoping an account: set or clear the unit its role applies to (audited, flush only).

The account keeps its id, so its audit rows (which name the user id and username) stay its own;
nothing is deleted. The audit row of the change records the unit before and after, each by code,
edition date and name, since a code alone is ambiguous across editions.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from radio import audit, clock
from radio.db import db
from radio.errors import DomainError, NotFound
from radio.i18n import _
from radio.models import AdminUnit, Role, User


def unit_by_code(code: str, on: date | None = None) -> AdminUnit:
    """The edition of unit `code` that exists on `on` (default: today); else its latest one."""
    code = (code or "").strip()
    rows = list(db.session.scalars(select(AdminUnit).where(AdminUnit.code == code)
                                   .order_by(AdminUnit.valid_from.desc())))
    if not rows:
        raise NotFound(_("Không có đơn vị hành chính mã “%(code)s”.", code=code),
                       "unit_not_found", field="unit")
    day = on or clock.today()
    current = [u for u in rows if u.exists_on(day)]
    if current:
        return current[0]
    if on is not None:
        raise NotFound(_("Đơn vị mã “%(code)s” không tồn tại vào ngày %(d)s.", code=code,
                         d=f"{on:%d/%m/%Y}"), "unit_not_found", field="unit")
    return rows[0]


def unit_snapshot(unit: AdminUnit | None) -> dict | None:
    if unit is None:
        return None
    return {"id": unit.id, "code": unit.code, "name": unit.name, "level": unit.level,
            "valid_from": unit.valid_from.isoformat()}


def set_unit(actor: User | None, user: User, unit: AdminUnit | None) -> User:
    """Apply the user's role to `unit` (None: the whole network). Audited when it changes."""
    if unit is not None and user.role == Role.admin:
        raise DomainError(_("Quản trị viên luôn làm việc trên toàn mạng lưới; không gán đơn vị."),
                          "admin_unscoped", field="unit")
    before = unit_snapshot(user.unit)
    if (user.unit_id or None) == (unit.id if unit else None):
        return user
    user.unit = unit
    user.unit_id = unit.id if unit else None
    db.session.flush()
    after = unit_snapshot(unit)
    audit.record(actor, "user.scope", "user", user.username, before={"unit": before},
                 after={"unit": after},
                 summary=_("Phạm vi: %(name)s", name=unit.name) if unit else
                 _("Phạm vi: toàn mạng lưới"))
    return user

