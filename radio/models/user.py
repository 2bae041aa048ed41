"""A staff account with one role; operators are bound to one or more stations."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Column, Enum, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from radio.models.admin_unit import AdminUnit
from radio.models.base import Base, utcnow
from radio.models.station import Station


class Role(enum.StrEnum):
    admin = "admin"
    editor = "editor"
    approver = "approver"  # lãnh đạo duyệt: approves what goes on air, within a unit
    operator = "operator"
    auditor = "auditor"


user_stations = Table(
    "user_stations",
    Base.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("station_id", ForeignKey("stations.id", ondelete="CASCADE"), primary_key=True),
)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[Role] = mapped_column(Enum(Role, native_enum=False, length=16))
    active: Mapped[bool] = mapped_column(default=True)
    # Staff API token (for scripts uploading media); only its SHA-256 is kept.
    api_token_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # Set by an admin's reset: the one-time password must be replaced at the next sign-in.
    must_change_password: Mapped[bool] = mapped_column(default=False)
    # The unit a role applies to: a province sees its communes, a commune itself. None: the
    # whole network (admins, and accounts from before units existed until an admin scopes them).
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("admin_units.id"))

    stations: Mapped[list[Station]] = relationship(secondary=user_stations, order_by=Station.code)
    unit: Mapped[AdminUnit | None] = relationship()

    # Flask-Login protocol
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)

    def can_see_station(self, station: Station) -> bool:
        from radio import scopes  # the rule lives in radio/scopes.py; the model stays thin

        return scopes.can_see_station(self, station)

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"
