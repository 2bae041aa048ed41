"""Throttle failed sign-ins and bad tokens, per account and per address, in the database.

After `signin_max_failures` failures in a row (each within `signin_window_s` of the previous
allowed try), every further try for that account or address is refused for a wait that doubles
from `signin_delay_s` up to `signin_max_delay_s`. A refused try checks no password or token.
A successful sign-in resets the account's counter. The state lives in the database, so every
worker process sees the same counters. Services flush; the request commits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from radio import audit, clock
from radio.config import app_settings
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from radio.models import SigninThrottle

ACCOUNT = "account"  # a username typed on the sign-in form
ADDRESS = "address"  # a remote address signing in
TOKEN = "token"  # a remote address presenting station or staff API tokens


class TooManyAttempts(DomainError):
    code = "too_many_attempts"
    status = 429

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message, details={"retry_after": retry_after})
        self.retry_after = retry_after


@dataclass(frozen=True)
class Policy:
    max_failures: int
    window: timedelta
    delay_s: int
    max_delay_s: int

    def delay(self, failures: int) -> timedelta:
        if failures < self.max_failures:
            return timedelta(0)
        steps = min(failures - self.max_failures, 30)
        return timedelta(seconds=min(self.delay_s * 2 ** steps, self.max_delay_s))


def policy() -> Policy:
    s = app_settings()
    return Policy(s.signin_max_failures, timedelta(seconds=s.signin_window_s), s.signin_delay_s,
                  s.signin_max_delay_s)


def _now() -> datetime:
    return clock.now().replace(microsecond=0)


def _key(value: str) -> str:
    return (value or "").strip().lower()[:128]


def _rows(pairs: list[tuple[str, str]]) -> list[SigninThrottle]:
    rows = []
    for scope, key in pairs:
        row = db.session.scalar(select(SigninThrottle).where(
            SigninThrottle.scope == scope, SigninThrottle.key == _key(key)))
        if row is not None:
            rows.append(row)
    return rows


def wait_seconds(pairs: list[tuple[str, str]], now: datetime | None = None) -> int:
    """Seconds until any of these accounts/addresses may try again (0: they may now)."""
    now = now or _now()
    waits = [(row.locked_until - now).total_seconds() for row in _rows(pairs)
             if row.locked_until is not None and row.locked_until > now]
    return math.ceil(max(waits)) if waits else 0


def _wait_words(seconds: int) -> str:
    minutes, secs = divmod(seconds, 60)
    if minutes and secs:
        return _("%(m)d phút %(s)d giây", m=minutes, s=secs)
    if minutes:
        return _("%(m)d phút", m=minutes)
    return _("%(s)d giây", s=secs)


def _refusal(seconds: int, tokens: bool) -> TooManyAttempts:
    at = (_now() + timedelta(seconds=seconds)).astimezone(clock.zone())
    values = {"wait": _wait_words(seconds), "at": at.strftime("%H:%M:%S")}
    if tokens:
        message = _("Quá nhiều mã truy cập sai từ địa chỉ này. Hãy thử lại sau %(wait)s (lúc %(at)s).",
                    **values)
    else:
        message = _("Đăng nhập sai quá nhiều lần. Hãy thử lại sau %(wait)s (lúc %(at)s).", **values)
    return TooManyAttempts(message, seconds)


def _get_or_create(scope: str, key: str, now: datetime) -> SigninThrottle:
    existing = _rows([(scope, key)])
    if existing:
        return existing[0]
    row = SigninThrottle(scope=scope, key=_key(key), failures=0, last_failure_at=now, refused=0)
    try:
        with db.session.begin_nested():  # another worker may insert the same key meanwhile
            db.session.add(row)
    except IntegrityError:
        return _rows([(scope, key)])[0]
    return row


def _fail(pairs: list[tuple[str, str]], p: Policy) -> None:
    now = _now()
    # Counters nobody has touched for a window after their lock ended are forgotten.
    db.session.execute(delete(SigninThrottle).where(
        SigninThrottle.last_failure_at < now - p.window - timedelta(seconds=p.max_delay_s)))
    for scope, key in pairs:
        row = _get_or_create(scope, key, now)
        quiet_since = row.locked_until or row.last_failure_at
        if row.failures and now >= quiet_since + p.window:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        delay = p.delay(row.failures)
        row.locked_until = now + delay if delay else None
        row.refused = 0
    db.session.flush()


def _refuse(pairs: list[tuple[str, str]], wait: int, tokens: bool, audit_args: dict) -> None:
    """Count a refused try; the first refusal of each lock is an audit row (not every flood)."""
    rows = _rows(pairs)
    first = all(row.refused == 0 for row in rows if row.locked_until)
    for row in rows:
        if row.locked_until:
            row.refused += 1
    if first:
        audit.record(None, **audit_args, after={"wait_s": wait}, actor_name="anonymous")
    db.session.flush()
    raise _refusal(wait, tokens)


# -- sign-in ------------------------------------------------------------------------------------

def _signin_pairs(username: str, address: str) -> list[tuple[str, str]]:
    pairs = [(ADDRESS, address)]
    return [(ACCOUNT, username), *pairs] if _key(username) else pairs


def _signin_audit(action: str, username: str, address: str) -> dict:
    return {"action": action, "obj_type": "account", "obj_id": _key(username)[:64],
            "summary": _("Địa chỉ %(address)s", address=address)}


def check_signin(username: str, address: str) -> None:
    """Raise TooManyAttempts (after an audit row) when this account or address must wait."""
    pairs = _signin_pairs(username, address)
    wait = wait_seconds(pairs)
    if wait:
        _refuse(pairs, wait, False, _signin_audit("auth.signin_throttled", username, address))


def signin_failed(username: str, address: str) -> int:
    """Record a wrong password; returns the wait now imposed (0 when none)."""
    pairs = _signin_pairs(username, address)
    _fail(pairs, policy())
    audit.record(None, **_signin_audit("auth.signin_failed", username, address),
                 actor_name="anonymous")
    return wait_seconds(pairs)


def signin_succeeded(username: str) -> None:
    db.session.execute(delete(SigninThrottle).where(
        SigninThrottle.scope == ACCOUNT, SigninThrottle.key == _key(username)))


# -- tokens -------------------------------------------------------------------------------------

def _token_audit(action: str, address: str) -> dict:
    return {"action": action, "obj_type": "token", "obj_id": _key(address)[:64],
            "summary": _("Địa chỉ %(address)s", address=address)}


def token_locked(address: str) -> bool:
    return wait_seconds([(TOKEN, address)]) > 0


def check_token(address: str) -> None:
    wait = wait_seconds([(TOKEN, address)])
    if wait:
        _refuse([(TOKEN, address)], wait, True, _token_audit("auth.token_throttled", address))


def token_failed(address: str) -> None:
    _fail([(TOKEN, address)], policy())
    audit.record(None, **_token_audit("auth.token_failed", address), actor_name="anonymous")
