"""Approval before air (biên tập → duyệt → phát): draft → submitted → approved or returned, for
media items and programme occurrences (their rundown). The state lives on the rows
(`radio.models.approval.ApprovalFields`); only approved material reaches a playlist.

Map of the package:
    __init__.py     initial_state(settings): a draft, or approved when RADIO_APPROVAL=off
    operations.py   the writes (flush, never commit), each an audit row in the chain: submit,
                    approve, return_, reopen (an edit after approval), approve_as_editor (an
                    emergency where the unit allows it); check_approver holds the rules: the
                    approver role only, in scope by the author's unit, never one's own item
    util.py         the reads: waiting(user, now=...) with the wait and the first air time,
                    counts(user), submitted_by(user, now=...), first_air(obj, now=...),
                    in_scope(user, obj), history(obj) from the audit rows

Elsewhere: `radio media submit|approve|return` (media/approval_cli.py), `radio occurrence
submit|approve|return` (schedules/programmes/approval_cli.py), the pages and the panel partial
(web/approvals/, web/templates/approvals/), the audit labels (web/audit/words.py).
"""

from __future__ import annotations

from radio.models.approval import ApprovalState


def initial_state(settings) -> ApprovalState:
    """The state of newly made material: a draft, or approved when the installation runs without
    approval (RADIO_APPROVAL=off)."""
    required = True if settings is None else settings.approval_required
    return ApprovalState.draft if required else ApprovalState.approved
