"""The record of scheduled job runs: one row per run, written in its own short transaction.

`schedules.jobs.run` calls `started` before a job and `finished` after it, each in a session of
its own that commits at once, so a failing job's rollback never takes its record with it. Old
rows are pruned as runs finish: a job keeps its last KEEP_PER_JOB runs, none older than KEEP_DAYS.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from radio import clock
from radio.db import db
from radio.models import JobRun

KEEP_PER_JOB = 200
KEEP_DAYS = 30
ERROR_CHARS = 2000


def _write(fn):
    """Run `fn(session)` in a session of its own and commit it (not the caller's session)."""
    with db.factory() as session, session.begin():
        return fn(session)


def started(job_id: str, owner: str = "") -> int:
    def add(session) -> int:
        run = JobRun(job_id=job_id, started_at=clock.now(), owner=owner[:200])
        session.add(run)
        session.flush()
        return run.id

    return _write(add)


def finished(run_id: int, *, result=None, error: BaseException | None = None) -> None:
    def close(session) -> None:
        run = session.get(JobRun, run_id)
        if run is None:
            return
        run.finished_at = clock.now()
        run.ok = error is None
        if error is not None:
            run.error = f"{type(error).__name__}: {error}"[:ERROR_CHARS]
        elif result is not None:
            run.result = str(result)[:200]
        _prune(session, run.job_id, run.finished_at)

    _write(close)


def _prune(session, job_id: str, now: datetime) -> None:
    session.execute(delete(JobRun).where(JobRun.started_at < now - timedelta(days=KEEP_DAYS)))
    cutoff = session.scalar(select(JobRun.id).where(JobRun.job_id == job_id)
                            .order_by(JobRun.id.desc()).offset(KEEP_PER_JOB).limit(1))
    if cutoff is not None:
        session.execute(delete(JobRun).where(JobRun.job_id == job_id, JobRun.id <= cutoff))


def latest(session=None) -> dict[str, JobRun]:
    """The newest run of every job that has one, by job id."""
    return _newest(session or db.session)


def last_ok(session=None) -> dict[str, JobRun]:
    """The newest successful run of every job, by job id (shown next to a failing last run)."""
    return _newest(session or db.session, JobRun.ok.is_(True))


def _newest(session, *where) -> dict[str, JobRun]:
    newest = (select(JobRun.job_id, func.max(JobRun.id).label("id"))
              .where(*where).group_by(JobRun.job_id).subquery())
    rows = session.scalars(select(JobRun).join(newest, JobRun.id == newest.c.id)).all()
    return {r.job_id: r for r in rows}
