"""Alert writes: open, de-duplicate, escalate and close (from the rules' findings), the rule
thresholds and the subscriptions. Flush, never commit."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from radio import audit
from radio.alerts.rules import CHECKS, DEFAULTS, Finding
from radio.alerts.util import RuleBook
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.models import (
    AdminUnit,
    Alert,
    AlertKind,
    AlertLevel,
    AlertRule,
    AlertSubscription,
    Station,
)


@dataclass
class CheckCounts:
    opened: int = 0
    repeated: int = 0
    escalated: int = 0
    closed: int = 0
    open: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def evaluate(now: datetime) -> dict[str, tuple[str, Finding]]:
    """Every finding of every check, by key."""
    book = RuleBook(now.date())
    found: dict[str, tuple[str, Finding]] = {}
    for kind, check in CHECKS.items():
        for finding in check(now, book):
            found.setdefault(finding.key, (kind, finding))
    return found


def apply_findings(now: datetime, found: dict[str, tuple[str, Finding]]) -> CheckCounts:
    counts = CheckCounts()
    book = RuleBook(now.date())
    open_alerts = {a.key: a for a in db.session.scalars(
        select(Alert).where(Alert.closed_at.is_(None)))}
    for key, (kind, finding) in found.items():
        alert = open_alerts.get(key)
        if alert is None:
            db.session.add(Alert(kind=AlertKind(kind), key=key, station_id=finding.station_id,
                                 unit_id=finding.unit_id, level=AlertLevel.warning,
                                 message=finding.message[:1000], details=finding.details,
                                 opened_at=now, last_seen_at=now))
            counts.opened += 1
            continue
        alert.last_seen_at = now  # a repeat: no new message
        counts.repeated += 1
        station = db.session.get(Station, alert.station_id) if alert.station_id else None
        escalate = book(kind, station).escalate_minutes
        if alert.level == AlertLevel.warning and escalate > 0 \
                and now - alert.opened_at >= timedelta(minutes=escalate):
            alert.level = AlertLevel.critical
            alert.escalated_at = now
            counts.escalated += 1
    for key, alert in open_alerts.items():
        if key not in found:
            alert.closed_at = now
            counts.closed += 1
    db.session.flush()
    counts.open = len(db.session.scalars(select(Alert.id).where(Alert.closed_at.is_(None))).all())
    return counts


def check(now: datetime) -> CheckCounts:
    """Run the rules once and bring the open alerts in line (flushes)."""
    return apply_findings(now, evaluate(now))


def recovery_message(alert: Alert) -> str:
    return _("Đã khắc phục: %(message)s", message=alert.message)


# -- rules and subscriptions ------------------------------------------------------------------

def _unit(code: str | None) -> AdminUnit | None:
    if not code:
        return None
    unit = db.session.scalar(select(AdminUnit).where(AdminUnit.code == code)
                             .order_by(AdminUnit.valid_from.desc()).limit(1))
    if unit is None:
        raise DomainError(_("Không có đơn vị mã %(code)s.", code=code), "not_found", field="unit")
    return unit


def set_rule(actor, kind: str, *, threshold: float, unit_code: str | None = None,
             escalate_minutes: int | None = None, enabled: bool = True,
             now: datetime) -> AlertRule:
    if kind not in DEFAULTS:
        raise DomainError(_("Loại cảnh báo không hợp lệ: %(kind)s.", kind=kind), "invalid_field",
                          field="kind")
    if threshold < 0 or (escalate_minutes is not None and escalate_minutes < 0):
        raise DomainError(_("Ngưỡng và thời gian nâng mức phải không âm."), "invalid_field",
                          field="threshold")
    unit = _unit(unit_code)
    unit_id = unit.id if unit else None
    row = db.session.scalar(select(AlertRule).where(AlertRule.kind == kind,
                                                    AlertRule.unit_id.is_(None) if unit_id is None
                                                    else AlertRule.unit_id == unit_id))
    before = None
    if row is None:
        row = AlertRule(kind=kind, unit_id=unit_id, escalate_minutes=DEFAULTS[kind][1])
        db.session.add(row)
    else:
        before = {"threshold": row.threshold, "escalate_minutes": row.escalate_minutes,
                  "enabled": row.enabled}
    row.threshold = float(threshold)
    if escalate_minutes is not None:
        row.escalate_minutes = escalate_minutes
    row.enabled = enabled
    row.updated_at = now
    db.session.flush()
    audit.record(actor, "alert_rule.update", "alert_rule", row.id, before=before, after={
        "kind": kind, "unit": unit_code or None, "threshold": row.threshold,
        "escalate_minutes": row.escalate_minutes, "enabled": row.enabled})
    return row


def subscribe(actor, *, unit_id: int | None, address: str) -> AlertSubscription:
    address = (address or "").strip()
    if "@" not in address or len(address) > 254 or " " in address:
        raise DomainError(_("Địa chỉ e-mail không hợp lệ."), "invalid_field", field="address")
    row = db.session.scalar(select(AlertSubscription).where(
        AlertSubscription.user_id == actor.id,
        AlertSubscription.unit_id.is_(None) if unit_id is None
        else AlertSubscription.unit_id == unit_id))
    if row is None:
        row = AlertSubscription(user_id=actor.id, unit_id=unit_id)
        db.session.add(row)
    row.address = address
    row.email = True
    db.session.flush()
    audit.record(actor, "alert_subscription.create", "alert_subscription", row.id,
                 after={"unit_id": unit_id, "address": address})
    return row


def unsubscribe(actor, subscription: AlertSubscription) -> None:
    if subscription.user_id != actor.id:
        raise DomainError(_("Đây không phải đăng ký của bạn."), "forbidden")
    audit.record(actor, "alert_subscription.delete", "alert_subscription", subscription.id,
                 before={"unit_id": subscription.unit_id, "address": subscription.address})
    db.session.delete(subscription)
    db.session.flush()
