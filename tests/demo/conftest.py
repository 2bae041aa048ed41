"""The whole demo story (`radio init --demo`), built once per session and read by the tests."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from radio.config import normalise_database_url
from tests.dbutil import drop_database, fresh_database_url
from tests.live import LiveServer


def _engine(tmp_path_factory, live_templates, kind):
    folder = live_templates(kind)  # the session's cached template (SQLite), never written to
    url, own = (f"sqlite:///{folder / 'live.db'}", False) if folder is not None else (None, True)
    if own:  # PostgreSQL: a schema of its own, loaded once for the session
        from tests.conftest import INIT_ARGS

        folder = tmp_path_factory.mktemp(f"demo-{kind}")
        url = fresh_database_url(folder, "demo")
        LiveServer(folder, url).cli("init", *INIT_ARGS[kind])
    engine = create_engine(normalise_database_url(url))
    return engine, url, own


@pytest.fixture(scope="session")
def story(tmp_path_factory, live_templates):
    """A read-only session on the database `radio init --demo` made."""
    engine, url, own = _engine(tmp_path_factory, live_templates, "story")
    with Session(engine) as session:
        yield session
    engine.dispose()
    if own:
        drop_database(url)


@pytest.fixture(scope="session")
def world_2022(tmp_path_factory, live_templates):
    """A read-only session on `radio init --demo --demo-2022` (what the live tests use)."""
    engine, url, own = _engine(tmp_path_factory, live_templates, True)
    with Session(engine) as session:
        yield session
    engine.dispose()
    if own:
        drop_database(url)


@pytest.fixture(autouse=True)
def db_session():
    """These tests read the demo's own database, not the suite's rolled-back one."""
    yield None
