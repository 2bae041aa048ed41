"""`radio media submit|approve|return ID`: the approval steps of a library item from the command
line (the rules are radio.approvals.operations). Errors print in Vietnamese and exit 2; on
success one line, or with --json {"id", "status", "by", "at"}."""

from __future__ import annotations

import json
import sys

import click
from sqlalchemy import select

from radio import clock
from radio.approvals import operations
from radio.db import db, expect_writes
from radio.errors import DomainError
from radio.i18n import _
from radio.models import MediaItem, User

STATE_WORDS = {"draft": "bản nháp", "submitted": "chờ duyệt", "approved": "đã duyệt",
               "returned": "trả lại"}


class CommandError(Exception):
    pass


def _fail(message: str) -> None:
    db.session.rollback()
    click.echo(_("Lỗi: %(message)s", message=message), err=True)
    sys.exit(2)


def _user(username: str | None) -> User | None:
    if not username:
        return None
    user = db.session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise CommandError(_("không có tài khoản “%(name)s”.", name=username))
    return user


def _item(item_id: int) -> MediaItem:
    item = db.session.get(MediaItem, item_id)
    if item is None:
        raise CommandError(_("không có mục âm thanh số %(id)s.", id=item_id))
    return item


def run_step(step, item_id: int, username: str | None, as_json: bool, *, get=_item,
             **kwargs) -> None:
    """Find the object and the actor, take the step, commit, print; errors exit 2."""
    expect_writes(True)
    try:
        actor = _user(username)
        obj = get(item_id)
        step(actor, obj, **kwargs)
        db.session.commit()
    except (CommandError, DomainError) as exc:
        _fail(str(exc))
    finally:
        expect_writes(False)
    at = obj.approval_at if obj.approval.value in ("approved", "returned") else obj.submitted_at
    at = at or clock.now()
    if as_json:
        click.echo(json.dumps({"id": obj.id, "status": obj.approval.value,
                               "by": actor.username if actor else None,
                               "at": at.isoformat()}, ensure_ascii=False))
        return
    click.echo(_("Số %(id)s: %(state)s.", id=obj.id, state=STATE_WORDS[obj.approval.value]))


def submit_step(actor, obj):
    operations.submit(actor, obj)


def approve_step(actor, obj):
    if actor is None:
        raise CommandError(_("cần --by: tài khoản lãnh đạo duyệt."))
    operations.approve(actor, obj)


def return_step(actor, obj, reason: str):
    if actor is None:
        raise CommandError(_("cần --by: tài khoản lãnh đạo duyệt."))
    operations.return_(actor, obj, reason)


def attach(group, *, get=_item, what: str = "a library item") -> None:
    """Add submit, approve and return to a click group (`radio media`; `radio occurrence` with
    its own `get` for a programme occurrence's rundown)."""

    @group.command("submit", help=f"Send {what} for approval (draft or returned → submitted).")
    @click.argument("obj_id", type=int)
    @click.option("--by", "username", default=None, help="Tài khoản gửi duyệt.")
    @click.option("--json", "as_json", is_flag=True)
    def submit_command(obj_id, username, as_json):
        run_step(submit_step, obj_id, username, as_json, get=get)

    @group.command("approve", help=f"Approve {what} for air (never one's own).")
    @click.argument("obj_id", type=int)
    @click.option("--by", "username", required=True, help="Tài khoản lãnh đạo duyệt.")
    @click.option("--json", "as_json", is_flag=True)
    def approve_command(obj_id, username, as_json):
        run_step(approve_step, obj_id, username, as_json, get=get)

    @group.command("return", help=f"Return {what} to its editor, with a reason.")
    @click.argument("obj_id", type=int)
    @click.option("--by", "username", required=True, help="Tài khoản lãnh đạo duyệt.")
    @click.option("--reason", default="", help="Lý do trả lại (bắt buộc).")
    @click.option("--json", "as_json", is_flag=True)
    def return_command(obj_id, username, reason, as_json):
        run_step(return_step, obj_id, username, as_json, get=get, reason=reason)
