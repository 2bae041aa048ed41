"""Alert delivery: e-mail over SMTP (RADIO_SMTP_URL, STARTTLS when offered, login when a user
is given) to the subscribers of the alert's unit, and a JSON POST to RADIO_ALERT_WEBHOOK.

Runs after the state change is committed. Each event (open, escalate, close) is marked sent
per channel in `details["sent"]`, and `notified_<event>_at` once every configured channel has
it, so a failed channel is retried on the next check and a repeat sends nothing new. The SMTP
password and the webhook URL (it may hold a token) never reach a log.
"""

from __future__ import annotations

import json
import logging
import smtplib
import ssl
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from sqlalchemy import or_, select

from radio import scopes
from radio.alerts.util import alert_json
from radio.db import db
from radio.i18n import _
from radio.models import AdminUnit, Alert, AlertLevel, AlertSubscription, Station, User

log = logging.getLogger(__name__)
EVENTS = (("open", "notified_open_at"), ("escalate", "notified_escalation_at"),
          ("close", "notified_close_at"))


@dataclass
class Channels:
    smtp_url: str | None
    mail_from: str
    webhook: str | None

    @classmethod
    def of(cls, settings) -> Channels:
        return cls(settings.smtp_url, settings.mail_from, settings.alert_webhook)

    def names(self) -> list[str]:
        return [n for n, v in (("email", self.smtp_url), ("webhook", self.webhook)) if v]


def due_events(alert: Alert) -> list[str]:
    out = []
    if alert.notified_open_at is None:
        out.append("open")
    if alert.escalated_at is not None and alert.notified_escalation_at is None \
            and alert.closed_at is None:
        out.append("escalate")
    if alert.closed_at is not None and alert.notified_close_at is None:
        out.append("close")
    return out


def recipients(alert: Alert) -> list[str]:
    """Addresses of the users subscribed to the alert's unit (or, unit None, to every unit in
    their scope) who may see its station."""
    station = db.session.get(Station, alert.station_id) if alert.station_id else None
    subs = db.session.scalars(select(AlertSubscription).where(
        AlertSubscription.email.is_(True), AlertSubscription.address != "")).all()
    out: list[str] = []
    for sub in subs:
        user = db.session.get(User, sub.user_id)
        if user is None or not user.active:
            continue
        if station is not None and not scopes.can_see_station(user, station):
            continue
        if sub.unit_id is not None:
            unit = db.session.get(AdminUnit, sub.unit_id)
            if alert.unit_id is None or alert.unit_id not in scopes.units_in_scope(unit):
                continue
        if sub.address not in out:
            out.append(sub.address)
    return out


def subject_of(alert: Alert, event: str) -> str:
    if event == "close":
        tag = _("Đã khắc phục")
    elif alert.level == AlertLevel.critical:
        tag = _("Cảnh báo nghiêm trọng")
    else:
        tag = _("Cảnh báo")
    subject = f"[{tag}] {alert.message}"
    return subject if len(subject) <= 200 else subject[:199] + "…"


def body_of(alert: Alert, event: str) -> str:
    lines = [_("Đã khắc phục: %(message)s", message=alert.message) if event == "close"
             else alert.message, ""]
    lines.append(_("Mở lúc: %(at)s (UTC)", at=f"{alert.opened_at:%H:%M:%S %d/%m/%Y}"))
    if alert.escalated_at:
        lines.append(_("Nâng mức lúc: %(at)s (UTC)", at=f"{alert.escalated_at:%H:%M:%S %d/%m/%Y}"))
    if alert.closed_at:
        lines.append(_("Đóng lúc: %(at)s (UTC)", at=f"{alert.closed_at:%H:%M:%S %d/%m/%Y}"))
    lines.append(_("Mã cảnh báo: %(id)s", id=alert.id))
    return "\n".join(lines) + "\n"


def send_mail(smtp_url: str, sender: str, to: list[str], subject: str, body: str) -> None:
    url = urlsplit(smtp_url)
    host, port = url.hostname or "localhost", url.port or (465 if url.scheme == "smtps" else 25)
    # No folding of the subject: CPython's folder drops a space between encoded words.
    msg = EmailMessage(policy=policy.SMTP.clone(max_line_length=998))
    msg["From"], msg["To"], msg["Subject"] = sender, ", ".join(to), subject
    msg.set_content(body, charset="utf-8")
    cls = smtplib.SMTP_SSL if url.scheme == "smtps" else smtplib.SMTP
    with cls(host, port, timeout=15) as smtp:
        smtp.ehlo()
        if url.scheme != "smtps" and smtp.has_extn("starttls"):
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        if url.username:
            smtp.login(unquote(url.username), unquote(url.password or ""))
        smtp.send_message(msg)


def post_webhook(url: str, payload: dict) -> None:
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(url, data=data, method="POST",
                                 headers={"Content-Type": "application/json; charset=utf-8"})
    with urllib.request.urlopen(req, timeout=15) as resp:  # noqa: S310 (configured URL)
        if not 200 <= resp.status < 300:
            raise OSError(f"HTTP {resp.status}")


def _send(channel: str, ch: Channels, alert: Alert, event: str) -> None:
    if channel == "email":
        to = recipients(alert)
        if to:
            send_mail(ch.smtp_url, ch.mail_from, to, subject_of(alert, event),
                      body_of(alert, event))
    else:
        post_webhook(ch.webhook, {"event": event, "alert": alert_json(alert)})


def deliver(now: datetime, channels: Channels) -> dict:
    """Send what is due for every alert; flushes the marks (the caller commits)."""
    sent = failed = 0
    names = channels.names()
    pending = db.session.scalars(select(Alert).where(or_(
        Alert.notified_open_at.is_(None),
        Alert.escalated_at.is_not(None) & Alert.notified_escalation_at.is_(None)
        & Alert.closed_at.is_(None),
        Alert.closed_at.is_not(None) & Alert.notified_close_at.is_(None))).order_by(Alert.id))
    for alert in pending:
        details = dict(alert.details or {})
        marks = dict(details.get("sent") or {})
        for event in due_events(alert):
            ok = True
            for channel in names:
                if f"{event}:{channel}" in marks:
                    continue
                try:
                    _send(channel, channels, alert, event)
                except (OSError, smtplib.SMTPException, ValueError) as exc:
                    ok = False
                    failed += 1
                    log.warning("alert %s: %s delivery of %s failed (%s)", alert.id, channel,
                                event, type(exc).__name__)
                    continue
                marks[f"{event}:{channel}"] = now.isoformat()
                sent += 1
            if ok:
                setattr(alert, dict(EVENTS)[event], now)
            else:
                break  # keep the order: a close never overtakes its open
        details["sent"] = marks
        alert.details = details
    db.session.flush()
    return {"sent": sent, "failed": failed}
