"""Reads of the alerts: the threshold that applies to a station, alerts in a scope, rules."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from radio import scopes
from radio.alerts.rules import DEFAULTS, Threshold, station_unit_id
from radio.db import db
from radio.models import AdminUnit, Alert, AlertRule, AlertSubscription, Station, UnitLevel


def _province_id(unit_id: int | None) -> int | None:
    seen = set()
    while unit_id is not None and unit_id not in seen:
        seen.add(unit_id)
        unit = db.session.get(AdminUnit, unit_id)
        if unit is None:
            return None
        if unit.level == UnitLevel.province.value:
            return unit.id
        unit_id = unit.parent_id
    return None


class RuleBook:
    """Thresholds by kind and station: the station's unit, else its province, else the default
    row (unit None), else DEFAULTS. Loads the rule rows once per check."""

    def __init__(self, day: date):
        self.day = day
        self.rows = {(r.kind, r.unit_id): r for r in db.session.scalars(select(AlertRule))}

    def __call__(self, kind: str, station: Station | None) -> Threshold:
        unit_id = station_unit_id(station, self.day) if station is not None else None
        keys = [k for k in (unit_id, _province_id(unit_id)) if k is not None] + [None]
        for key in keys:
            row = self.rows.get((str(kind), key))
            if row is not None:
                return Threshold(row.threshold, row.escalate_minutes, row.enabled)
        value, escalate = DEFAULTS[kind]
        return Threshold(value, escalate)


def list_alerts(user=None, *, open_only: bool = False, closed_only: bool = False,
                unit_id: int | None = None, limit: int = 200) -> list[Alert]:
    q = select(Alert).order_by(Alert.closed_at.is_not(None), Alert.opened_at.desc())
    if open_only:
        q = q.where(Alert.closed_at.is_(None))
    if closed_only:
        q = q.where(Alert.closed_at.is_not(None))
    if unit_id is not None:
        q = q.where(Alert.unit_id == unit_id)
    if user is not None:
        ids = scopes.visible_station_ids(user)
        if ids is not None:
            q = q.where(Alert.station_id.in_(ids))
    return list(db.session.scalars(q.limit(limit)))


def list_rules() -> list[AlertRule]:
    return list(db.session.scalars(select(AlertRule).order_by(AlertRule.kind, AlertRule.unit_id)))


def subscriptions_of(user) -> list[AlertSubscription]:
    return list(db.session.scalars(select(AlertSubscription).where(
        AlertSubscription.user_id == user.id).order_by(AlertSubscription.id)))


def alert_json(alert: Alert) -> dict:
    station = db.session.get(Station, alert.station_id) if alert.station_id else None
    unit = db.session.get(AdminUnit, alert.unit_id) if alert.unit_id else None
    return {"id": alert.id, "kind": str(alert.kind), "level": str(alert.level),
            "station": station.code if station else None, "unit": unit.code if unit else None,
            "message": alert.message,
            "opened_at": alert.opened_at.isoformat(),
            "closed_at": alert.closed_at.isoformat() if alert.closed_at else None}
