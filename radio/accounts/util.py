"""Account reads: a user by name or staff API token, the list of users."""

from __future__ import annotations

from sqlalchemy import select

from radio.db import db
from radio.errors import NotFound
from radio.i18n import _
from radio.models import User
from radio.security import hash_token


def get_user(username: str) -> User:
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(_("Không có tài khoản “%(name)s”.", name=username), "user_not_found")
    return user


def user_by_api_token(token: str) -> User | None:
    if not token:
        return None
    user = db.session.scalar(select(User).where(User.api_token_hash == hash_token(token)))
    return user if user is not None and user.active else None


def list_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.role, User.username)))
