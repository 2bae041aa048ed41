"""The per-station cancel (“×” in a station's week): a confirmation page that lists what will
be cancelled (no JavaScript), then one audited cancel of that entry's remaining airings."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from radio import clock
from radio.airings.util import remaining
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _
from schedules.entries import operations as entry_ops
from schedules.entries import util as entry_util
from web.access import EDITORS, allow, current_actor
from web.confirm import confirmed
from web.planning.bulk import back_url
from web.planning.scope import require_entries


def _week_url(entry) -> str:
    return url_for("planning.week", code=entry.station.code,
                   start=entry.starts_at.astimezone(clock.zone()).date().isoformat())


@allow(EDITORS)
def entry_cancel(entry_id: int):
    entry = entry_util.get_entry(entry_id)
    require_entries([entry])
    whole_batch = bool(request.values.get("batch"))
    back = back_url() if request.values.get("next") else _week_url(entry)
    try:
        rows = entry_util.cancel_targets(entry, whole_batch=whole_batch)
        if request.method == "GET" or not confirmed():
            now = clock.now()
            return render_template(
                "planning/entry_cancel.html", entry=entry, rows=rows, back=back,
                airings=remaining([r.id for r in rows], now), batch=whole_batch,
                title=entry_util.entry_title(entry), already=entry.cancelled_at is not None)
        n = entry_ops.cancel_entry(current_actor(), entry, whole_batch=whole_batch)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(back)
    db.session.commit()
    flash(_("Đã huỷ %(n)s lịch phát.", n=n), "success")
    return redirect(back)
