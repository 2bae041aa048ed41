"""CLI shared by the scheduling packages: the `radio schedule` group, date parsing, `radio scheduler`."""

from __future__ import annotations

from datetime import date, datetime

import click
from flask import current_app
from flask.cli import AppGroup

from radio import clock
from radio.db import db
from radio.errors import DomainError
from radio.i18n import _

schedule_cli = AppGroup("schedule", help="Lịch phát: thêm, xem, tạo trước các số phát.")


def parse_date(text: str) -> date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise DomainError(_("Ngày “%(d)s” không đúng dạng YYYY-MM-DD hoặc dd/mm/yyyy.", d=text),
                      "invalid_date")


def parse_local_datetime(text: str) -> datetime:
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"):
        try:
            return datetime.strptime(text.strip(), fmt).replace(tzinfo=clock.zone())
        except ValueError:
            continue
    raise DomainError(_("Thời điểm “%(d)s” không đúng dạng “YYYY-MM-DD HH:MM”.", d=text),
                      "invalid_datetime")


def init_app(app) -> None:
    """Register the `radio schedule` group (its commands come from the packages) and `radio
    scheduler`."""
    app.cli.add_command(schedule_cli)
    app.cli.add_command(scheduler_command)


@click.command("scheduler")
@click.option("--once", is_flag=True, help="Chạy mỗi việc một lần ngay rồi thoát (cho cron).")
@click.option("--parent-pid", type=int, default=None, hidden=True,
              help="Dừng khi tiến trình cha này không còn (dùng bởi “radio serve”).")
def scheduler_command(once, parent_pid):
    """Run the job scheduler in the foreground (`radio serve` starts it as a child process), or
    each job once. RADIO_JOBS_AT_START=1 runs every job once at start-up as well."""
    import signal
    import time

    from radio import logsetup
    from schedules import jobs, scheduler

    logsetup.to_stderr()
    app = current_app._get_current_object()
    settings = app.config["RADIO_SETTINGS"]
    wanted = scheduler.configured_jobs(jobs=scheduler.JOBS | app.extensions.get("radio.jobs", {}),
                                       settings=settings)
    jobs.bind_app(app, wanted)
    if once:
        for job_id in wanted:
            click.echo(f"{job_id}: {jobs.run(job_id)}")
        return
    service = scheduler.SchedulerService(db.engine, jobs=wanted,
                                         run_at_start=scheduler.jobs_at_start(settings=settings),
                                         tz=settings.tz).start()
    stopping: list[int] = []
    signal.signal(signal.SIGTERM, lambda signum, _frame: stopping.append(signum))
    click.echo(_("Bộ lập lịch đang chạy (%(owner)s); Ctrl+C để dừng.", owner=service.owner))
    try:
        # time.sleep, not Event.wait: a timed wait on a threading primitive never returns under
        # libfaketime's moved monotonic clock (the date stage of CI), a sleep does.
        while not stopping:
            time.sleep(1.0)
            if parent_pid is not None and not _parent_alive(parent_pid):
                click.echo(_("Tiến trình cha %(pid)s đã dừng: bộ lập lịch dừng theo.",
                             pid=parent_pid))
                break
    except KeyboardInterrupt:
        pass
    finally:
        service.stop()


def _parent_alive(pid: int) -> bool:
    """True while `pid` is still our parent: an orphan is re-parented (POSIX). On Windows the
    parent id never changes, so there the child relies on `radio serve` stopping it."""
    import os

    return os.getppid() == pid
