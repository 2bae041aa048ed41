"""A user's subscription to the alerts of a unit (unit None: every unit in their scope)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from radio.models.base import Base, utcnow


class AlertSubscription(Base):
    __tablename__ = "alert_subscriptions"
    __table_args__ = (UniqueConstraint("user_id", "unit_id",
                                       name="uq_alert_subscriptions_user_id_unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("admin_units.id"))
    email: Mapped[bool] = mapped_column(default=True)
    address: Mapped[str] = mapped_column(String(254), default="", server_default="")  # 0015
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
