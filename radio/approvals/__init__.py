"""Approval before air: draft → submitted → approved or returned, for media items and programme
occurrences (their rundown). See `radio.models.approval`."""

from __future__ import annotations

from radio.models.approval import ApprovalState


def initial_state(settings) -> ApprovalState:
    """The state of newly made material: a draft, or approved when the installation runs without
    approval (RADIO_APPROVAL=off)."""
    required = True if settings is None else settings.approval_required
    return ApprovalState.draft if required else ApprovalState.approved
