"""The scheduled job `alerts_check` (every minute): run the rules, commit, then deliver."""

from __future__ import annotations

from radio import clock, config
from radio.alerts import delivery, operations
from radio.db import db

JOB_ID = "alerts_check"


def run_check(now=None, settings=None) -> dict:
    """Check once, commit the state change, then deliver what is due and commit the marks."""
    now = now or clock.now()
    settings = settings or config.app_settings()
    counts = operations.check(now).as_dict()
    db.session.commit()
    counts |= delivery.deliver(now, delivery.Channels.of(settings))
    db.session.commit()
    return counts


def alerts_check_job() -> dict:
    return run_check()
