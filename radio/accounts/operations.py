"""Account writes: create users, change passwords and roles, sign-in, staff tokens (flush only)."""

from __future__ import annotations

import re

from sqlalchemy import select

from radio import audit, clock
from radio.db import db
from radio.errors import Conflict, DomainError
from radio.i18n import _
from radio.models import Role, Station, User
from radio.passwords import check_password, one_time_password
from radio.security import (
    hash_password,
    hash_token,
    new_token,
    verify_password,
)

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


def _snapshot(user: User) -> dict:
    return audit.snapshot(user, ["username", "full_name", "role", "active"]) | {
        "stations": [s.code for s in user.stations]
    }


def parse_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise DomainError(
            _("Vai trò “%(role)s” không tồn tại. Chọn một trong: admin, editor, operator, auditor.",
              role=role), "invalid_role", field="role") from None


def _resolve_stations(codes: list[str]) -> list[Station]:
    stations = []
    for code in codes:
        station = db.session.scalar(select(Station).where(Station.code == code))
        if station is None:
            raise DomainError(_("Không có đài/trạm mã “%(code)s”.", code=code), "station_not_found",
                              field="stations")
        stations.append(station)
    return stations


def create_user(actor: User | None, *, username: str, password: str, role: str,
                station_codes: list[str] | None = None, full_name: str = "") -> User:
    username = (username or "").strip().lower()
    if not USERNAME_RE.match(username):
        raise DomainError(
            _("Tên đăng nhập “%(name)s” không hợp lệ: 2–64 ký tự thường không dấu, số, . _ -.",
              name=username), "invalid_username", field="username")
    role_value = parse_role(role)
    check_password(password, username)
    stations = _resolve_stations(station_codes or [])
    if role_value == Role.operator and not stations:
        raise DomainError(_("Người vận hành phải được gán ít nhất một đài/trạm."),
                          "operator_needs_station", field="stations")
    if db.session.scalar(select(User.id).where(User.username == username)):
        raise Conflict(_("Tên đăng nhập “%(name)s” đã tồn tại.", name=username), "duplicate_user",
                       field="username")
    user = User(username=username, full_name=full_name.strip(), role=role_value,
                password_hash=hash_password(password),
                stations=stations if role_value == Role.operator else [])
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "user.create", "user", user.username, after=_snapshot(user),
                 summary=user.full_name or user.username)
    return user


def update_user(actor: User | None, user: User, *, role: str | None = None,
                station_codes: list[str] | None = None, active: bool | None = None,
                full_name: str | None = None) -> User:
    before = _snapshot(user)
    new_role = parse_role(role) if role is not None else user.role
    stations = _resolve_stations(station_codes) if station_codes is not None else user.stations
    if new_role == Role.operator and not stations:
        raise DomainError(_("Người vận hành phải được gán ít nhất một đài/trạm."),
                          "operator_needs_station", field="stations")
    if actor is not None and actor.id == user.id and (active is False or new_role != Role.admin):
        raise DomainError(_("Bạn không thể tự khóa hoặc tự hạ quyền tài khoản của mình."),
                          "self_lockout")
    user.role = new_role
    user.stations = list(stations) if new_role == Role.operator else []
    if active is not None:
        user.active = active
    if full_name is not None:
        user.full_name = full_name.strip()
    db.session.flush()
    after = _snapshot(user)
    if after != before:
        audit.record(actor, "user.update", "user", user.username, before=before, after=after)
    return user


def set_password(actor: User | None, user: User, password: str, *,
                 one_time: bool = False) -> None:
    """Set a password. `one_time`: someone else knows it, so it must be changed at the next
    sign-in (an admin's reset)."""
    check_password(password, user.username)
    user.password_hash = hash_password(password)
    user.must_change_password = one_time
    db.session.flush()
    audit.record(actor, "user.password_reset" if one_time else "user.password", "user",
                 user.username,
                 summary=_("Đặt lại mật khẩu") if one_time else _("Đổi mật khẩu"))


def reset_password(actor: User | None, user: User) -> str:
    """A generated one-time password, returned once; the user must replace it at sign-in."""
    password = one_time_password()
    set_password(actor, user, password, one_time=True)
    return password


def change_own_password(user: User, current: str, new: str, confirm: str) -> None:
    """The signed-in user replaces their password, proving they know the current one."""
    if not verify_password(user.password_hash, current or ""):
        raise DomainError(_("Mật khẩu hiện tại không đúng."), "wrong_password",
                          field="current_password")
    if new != confirm:
        raise DomainError(_("Hai lần nhập mật khẩu mới không khớp."), "password_mismatch",
                          field="confirm_password")
    if new == current:
        raise DomainError(_("Mật khẩu mới phải khác mật khẩu hiện tại."), "password_unchanged",
                          field="password")
    set_password(user, user, new)




def authenticate(username: str, password: str) -> User | None:
    user = db.session.scalar(select(User).where(User.username == (username or "").strip().lower()))
    if user is None or not user.active or not verify_password(user.password_hash, password or ""):
        return None
    user.last_login_at = clock.now()
    return user


def rotate_api_token(actor: User | None, user: User) -> str:
    token = new_token()
    user.api_token_hash = hash_token(token)
    db.session.flush()
    audit.record(actor, "user.token", "user", user.username, summary=_("Cấp mã API mới"))
    return token
