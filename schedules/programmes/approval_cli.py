"""`radio occurrence submit|approve|return OCC_ID`: the approval steps of a programme
occurrence's rundown from the command line, as `radio media submit|approve|return` does for a
library item (same rules, same --json, errors exit 2)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from media.approval_cli import CommandError, approve_step, return_step, run_step, submit_step
from radio.db import db
from radio.i18n import _
from radio.models import Occurrence

occurrence_cli = AppGroup("occurrence", help="Số phát chương trình: gửi duyệt, duyệt, trả lại.")


def _occurrence(occ_id: int) -> Occurrence:
    occ = db.session.get(Occurrence, occ_id)
    if occ is None:
        raise CommandError(_("không có số phát %(id)s.", id=occ_id))
    return occ


@occurrence_cli.command("submit")
@click.argument("occ_id", type=int)
@click.option("--by", "username", default=None, help="Tài khoản gửi duyệt.")
@click.option("--json", "as_json", is_flag=True)
def submit_command(occ_id, username, as_json):
    """Send an occurrence's rundown for approval."""
    run_step(submit_step, occ_id, username, as_json, get=_occurrence)


@occurrence_cli.command("approve")
@click.argument("occ_id", type=int)
@click.option("--by", "username", required=True, help="Tài khoản lãnh đạo duyệt.")
@click.option("--json", "as_json", is_flag=True)
def approve_command(occ_id, username, as_json):
    """Approve an occurrence's rundown for air (never one's own)."""
    run_step(approve_step, occ_id, username, as_json, get=_occurrence)


@occurrence_cli.command("return")
@click.argument("occ_id", type=int)
@click.option("--by", "username", required=True, help="Tài khoản lãnh đạo duyệt.")
@click.option("--reason", default="", help="Lý do trả lại (bắt buộc).")
@click.option("--json", "as_json", is_flag=True)
def return_command(occ_id, username, reason, as_json):
    """Return a submitted rundown to its editor, with a reason."""
    run_step(return_step, occ_id, username, as_json, get=_occurrence, reason=reason)
