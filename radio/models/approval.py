"""Approval before air (biên tập → duyệt → phát): the state every approvable row carries.

Media items and programme occurrences (their rundown) use `ApprovalFields`. Only `approved`
material reaches a playlist. The transitions and their rules (no self-approval, a reason to
return, audit rows in the chain) live in `radio.approvals`.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship


class ApprovalState(enum.StrEnum):
    draft = "draft"  # bản nháp
    submitted = "submitted"  # chờ duyệt
    approved = "approved"  # đã duyệt
    returned = "returned"  # trả lại (with a reason)


class ApprovalFields:
    """Columns of the current approval state. New rows are drafts unless their creator decides
    otherwise (`radio.approvals.initial_state`): nothing reaches air by forgetting a step."""

    approval: Mapped[ApprovalState] = mapped_column(
        Enum(ApprovalState, native_enum=False, length=16), default=ApprovalState.draft,
        server_default=ApprovalState.approved.value, index=True)
    submitted_at: Mapped[datetime | None]
    approval_at: Mapped[datetime | None]  # when it was approved or returned
    return_reason: Mapped[str] = mapped_column(String(1000), default="", server_default="")

    @declared_attr
    def submitted_by_id(cls) -> Mapped[int | None]:  # noqa: N805
        return mapped_column(ForeignKey("users.id"))

    @declared_attr
    def approval_by_id(cls) -> Mapped[int | None]:  # noqa: N805
        return mapped_column(ForeignKey("users.id"))

    @declared_attr
    def submitted_by(cls):  # noqa: N805
        return relationship("User", foreign_keys=f"{cls.__name__}.submitted_by_id")

    @declared_attr
    def approval_by(cls):  # noqa: N805
        return relationship("User", foreign_keys=f"{cls.__name__}.approval_by_id")

    @property
    def is_approved(self) -> bool:
        return self.approval == ApprovalState.approved
