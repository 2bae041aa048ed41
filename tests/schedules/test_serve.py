"""`radio serve` as a district office runs it: gunicorn, a scheduler child whose jobs succeed,
a fast clean stop, and a dashboard that shows a failing job as failing."""

from __future__ import annotations

import os
import signal
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from radio.config import normalise_database_url
from radio.db import db
from radio.models import ChainSeal, JobRun, Topic
from schedules import jobs
from schedules.scheduler import JOBS

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates

ALL_JOBS = {*JOBS, "archive_seal", "alerts_check", "fleet_housekeeping"}


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait(predicate, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    return predicate()


def _runs(server) -> list[JobRun]:
    engine = create_engine(normalise_database_url(server.env["DATABASE_URL"]))
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(JobRun.job_id, JobRun.ok, JobRun.result, JobRun.error,
                                       JobRun.finished_at)).all()
            seals = conn.scalar(select(func.count()).select_from(ChainSeal))
    finally:
        engine.dispose()
    return rows, seals


@pytest.mark.slow
def test_radio_serve_runs_every_job_without_error_and_stops_its_scheduler(make_live_server):
    server = make_live_server(extra_env={"RADIO_RENDER_AHEAD_HOURS": "720",
                                               "RADIO_JOBS_AT_START": "1"})
    server.start()
    scheduler_pid = _wait(lambda: [p for p in _children(server.proc.pid)
                                   if b"scheduler" in Path(f"/proc/{p}/cmdline").read_bytes()],
                          20)
    assert len(scheduler_pid) == 1, "radio serve did not start one scheduler process"

    def all_finished():
        rows, seals = _runs(server)
        done = {r.job_id for r in rows if r.finished_at is not None}
        return (rows, seals) if done >= ALL_JOBS else None

    found = _wait(all_finished, 90)
    assert found, f"not every job ran: {_runs(server)[0]}\n{server.log.read_text()}"
    rows, seals = found
    failed = [r for r in rows if r.ok is False]
    assert failed == [], f"job runs ended in error: {failed}"
    assert seals > 0  # the daily seal was made
    render = [r for r in rows if r.job_id == "render_ahead"]
    assert int(render[0].result) > 0  # programme audio was rendered ahead
    log = server.log.read_text()
    assert "Working outside of application context" not in log
    assert "job archive_seal done" in log  # the app's INFO logging reaches stderr

    workers = [p for p in _children(server.proc.pid) if p not in scheduler_pid]
    started = time.monotonic()
    server.stop(signal.SIGTERM)  # what systemd sends
    assert time.monotonic() - started < 5
    assert _wait(lambda: not any(_alive(p) for p in [*scheduler_pid, *workers]), 5), \
        "a process of radio serve outlived it"


@pytest.mark.slow
def test_the_scheduler_stops_when_radio_serve_is_killed(make_live_server):
    server = make_live_server(demo_data=False, extra_env={"RADIO_WORKERS": "1"})
    server.start()
    children = _wait(lambda: _children(server.proc.pid), 10)
    assert children
    os.kill(server.proc.pid, signal.SIGKILL)
    server.proc.wait()
    # gunicorn workers and the scheduler notice the parent is gone and leave on their own.
    assert _wait(lambda: not any(_alive(p) for p in children), 10), \
        f"orphans left behind: {[p for p in children if _alive(p)]}"


def test_radio_serve_answers_with_gunicorn_and_50_concurrent_requests_succeed(live_server):
    def get(_i):
        with urllib.request.urlopen(live_server.url + "/login", timeout=30) as resp:
            return resp.status, resp.headers.get("Server", ""), len(resp.read())

    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(get, range(50)))
    assert [a[0] for a in answers] == [200] * 50
    assert all("gunicorn" in a[1].lower() for a in answers), answers[0]
    assert all(a[2] > 0 for a in answers)


def explode() -> None:
    """A job that writes and then fails: its write is rolled back, its run record is kept."""
    db.session.add(Topic(slug="khong-luu", name="Không được lưu"))
    db.session.flush()
    raise ValueError("ổ đĩa đầy")


def test_a_failed_job_keeps_its_record_and_the_dashboard_shows_it_failing(app, login, client):
    jobs.bind_app(app, {"render_ahead": {"func": "tests.schedules.test_serve:explode",
                                         "minutes": 30}})
    with pytest.raises(ValueError):
        jobs.run("render_ahead")
    run = db.session.scalars(select(JobRun).where(JobRun.job_id == "render_ahead")
                             .order_by(JobRun.id.desc())).first()
    assert run is not None and run.ok is False and run.finished_at is not None
    assert run.error == "ValueError: ổ đĩa đầy"
    assert db.session.scalar(select(Topic).where(Topic.slug == "khong-luu")) is None

    login("admin")
    page = client.get("/", follow_redirects=True).text
    assert "Dựng sẵn âm thanh chương trình" in page and "render_ahead</code>" not in page
    line = page[page.index('data-job="render_ahead"'):]
    line = line[:line.index("</li>")]
    assert "job-error" in line and "bị lỗi" in line and "ValueError: ổ đĩa đầy" in line
    assert "việc bị lỗi ở lần chạy gần nhất" in page
    assert "Niêm phong nhật ký hằng ngày" in page and "Tạo trước các số phát" in page
