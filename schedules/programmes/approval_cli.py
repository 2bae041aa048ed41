"""`radio occurrence submit|approve|return OCC_ID`: the approval steps of a programme
occurrence's rundown from the command line, as `radio media submit|approve|return` does for a
library item (same rules, same --json, errors exit 2)."""

from __future__ import annotations

from flask.cli import AppGroup

from media.approval_cli import CommandError, attach
from radio.db import db
from radio.i18n import _
from radio.models import Occurrence

occurrence_cli = AppGroup("occurrence", help="Số phát chương trình: gửi duyệt, duyệt, trả lại.")


def _occurrence(occ_id: int) -> Occurrence:
    occ = db.session.get(Occurrence, occ_id)
    if occ is None:
        raise CommandError(_("không có số phát %(id)s.", id=occ_id))
    return occ


attach(occurrence_cli, get=_occurrence, what="an occurrence's rundown")
