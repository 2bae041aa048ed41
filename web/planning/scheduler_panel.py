"""The dashboard's scheduler panel: the lease heartbeat and, per job, its last run and next run.

A job is shown by its Vietnamese name (JOB_LABELS; other layers register jobs through
app.extensions["radio.jobs"], so their names are listed here too). A job whose last run failed is
shown as failing with its error text, whatever the heartbeat says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app, render_template
from sqlalchemy import select

from radio import clock
from radio.db import db
from radio.i18n import _l
from radio.models import JobRun, ScheduleEntry
from schedules import job_runs
from schedules.scheduler import JOBS, LEASE_S, configured_jobs, lease_state, next_runs

JOB_LABELS = {
    "materialise_ahead": _l("Tạo trước các số phát"),
    "render_ahead": _l("Dựng sẵn âm thanh chương trình"),
    "archive_seal": _l("Niêm phong nhật ký hằng ngày"),
    "alerts_check": _l("Kiểm tra cảnh báo các trạm"),
    "fleet_housekeeping": _l("Hết hạn lệnh từ xa, xóa lịch sử sức khỏe trạm quá 90 ngày"),
    "nightly_backup": _l("Sao lưu hằng đêm"),
}


@dataclass
class JobLine:
    job_id: str
    label: str
    last: JobRun | None
    last_ok: JobRun | None
    next_run: datetime | None

    @property
    def state(self) -> str:
        if self.last is None:
            return "never"
        if self.last.ok is None:
            return "running"
        return "ok" if self.last.ok else "error"


def job_lines() -> list[JobLine]:
    registered = configured_jobs(jobs=JOBS | current_app.extensions.get("radio.jobs", {}),
                                 settings=current_app.config["RADIO_SETTINGS"])
    latest, good = job_runs.latest(), job_runs.last_ok()
    upcoming = next_runs(db.engine)
    ids = sorted(set(registered) | set(latest), key=lambda j: (j not in registered, j))
    return [JobLine(j, str(JOB_LABELS.get(j, j)), latest.get(j), good.get(j), upcoming.get(j))
            for j in ids]


def scheduler_panel():
    lock = lease_state(db.session)
    now = clock.now()
    stale = lock is None or (now - lock.heartbeat_at).total_seconds() > 2 * LEASE_S
    upcoming = db.session.scalar(select(ScheduleEntry.id).where(
        ScheduleEntry.starts_at > now, ScheduleEntry.cancelled_at.is_(None)).limit(1))
    lines = job_lines()
    return render_template("planning/_scheduler_panel.html", lock=lock, stale=stale,
                           lines=lines, failing=[x for x in lines if x.state == "error"],
                           has_future=bool(upcoming))
