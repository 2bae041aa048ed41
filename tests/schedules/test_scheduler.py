"""The job scheduler: one lease holder, coalesced missed runs, config by env, heartbeat panel."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import create_engine

from radio import clock
from radio.db import db
from radio.models import SchedulerLock
from schedules import jobs, scheduler
from tests.dbutil import drop_database, fresh_database_url

pytestmark = pytest.mark.dates  # reads the clock: `make test-dates` runs it at faked dates

RUNS: list[float] = []
TEST_JOBS = {"tick": {"func": "tests.schedules.test_scheduler:record_run", "minutes": 60}}


def record_run() -> int:
    RUNS.append(time.time())
    return len(RUNS)


@pytest.fixture
def lock_engine(tmp_path):
    url = fresh_database_url(tmp_path, "lock")
    engine = create_engine(url)
    SchedulerLock.__table__.create(engine)
    yield engine
    engine.dispose()
    drop_database(url)


def test_only_one_of_two_workers_holds_the_lease(lock_engine):
    now = clock.now()
    assert scheduler.try_lease(lock_engine, "worker-a", now=now)
    assert not scheduler.try_lease(lock_engine, "worker-b", now=now + timedelta(seconds=5))
    assert scheduler.try_lease(lock_engine, "worker-a", now=now + timedelta(seconds=20))
    # worker-a dies; once its lease is stale worker-b takes over and worker-a cannot come back.
    later = now + timedelta(seconds=20 + scheduler.LEASE_S + 1)
    assert scheduler.try_lease(lock_engine, "worker-b", now=later)
    assert not scheduler.try_lease(lock_engine, "worker-a", now=later + timedelta(seconds=1))


def set_next_run(engine, job_id, when):
    """Edit the persistent job store directly, as if time had passed with no server running."""
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler

    store = SQLAlchemyJobStore(engine=engine, tablename=scheduler.JOBSTORE_TABLE)
    store.start(BackgroundScheduler(), "default")
    job = store.lookup_job(job_id)
    job._modify(next_run_time=when)
    store.update_job(job)


def _wait_for(predicate, seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_a_missed_run_runs_once_on_start_up(app, lock_engine):
    RUNS.clear()
    jobs.bind_app(app, TEST_JOBS)
    first = scheduler.SchedulerService(lock_engine, owner="first", jobs=TEST_JOBS)
    assert first.tick() and first.active
    first.stop()
    # The server was down for three intervals: the stored next run lies three hours back.
    set_next_run(lock_engine, "tick", clock.now() - timedelta(hours=3))
    assert RUNS == []
    second = scheduler.SchedulerService(lock_engine, owner="second", jobs=TEST_JOBS)
    try:
        assert second.tick()
        assert _wait_for(lambda: len(RUNS) >= 1)
        time.sleep(0.5)
        assert len(RUNS) == 1  # coalesced: one run, not three
        job = second.scheduler.get_job("tick")
        assert job.next_run_time > clock.now() + timedelta(minutes=55)
    finally:
        second.stop()


def test_a_second_worker_does_not_start_jobs_while_the_first_holds_the_lease(app, lock_engine):
    jobs.bind_app(app, TEST_JOBS)
    a = scheduler.SchedulerService(lock_engine, owner="a", jobs=TEST_JOBS)
    b = scheduler.SchedulerService(lock_engine, owner="b", jobs=TEST_JOBS)
    try:
        assert a.tick() and a.active
        assert not b.tick() and not b.active
    finally:
        a.stop()
        b.stop()
    # a released its lease on stop: b may take it at once.
    assert scheduler.try_lease(lock_engine, "b")


def test_jobs_are_switched_off_and_retimed_by_environment():
    env = {"RADIO_JOBS_OFF": "render_ahead", "RADIO_JOB_MATERIALISE_AHEAD_MINUTES": "15"}
    configured = scheduler.configured_jobs(env)
    assert set(configured) == {"materialise_ahead"}
    assert configured["materialise_ahead"]["minutes"] == 15
    assert scheduler.enabled({"RADIO_SCHEDULER": "0"}) is False
    assert scheduler.enabled({}) is True


def test_dashboard_warns_when_the_heartbeat_is_stale(login, client):
    login("admin")
    now = clock.now()
    db.session.add(SchedulerLock(name=scheduler.LOCK_NAME, owner="web-1",
                                 acquired_at=now - timedelta(hours=2),
                                 heartbeat_at=now - timedelta(minutes=30)))
    db.session.flush()
    resp = client.get("/", follow_redirects=True)
    assert "Không có tín hiệu từ bộ lập lịch" in resp.text
    lock = db.session.get(SchedulerLock, scheduler.LOCK_NAME)
    lock.heartbeat_at = now
    db.session.flush()
    resp = client.get("/", follow_redirects=True)
    assert "Đang chạy (web-1)" in resp.text
