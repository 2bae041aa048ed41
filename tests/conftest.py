"""Test harness: one app per session, each test inside a rolled-back transaction.

The database is SQLite in a temporary folder, or PostgreSQL when DATABASE_URL is set (a schema
of its own per run, so runs never collide). Live-server tests get their own process and database.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from flask import g

os.environ["RADIO_ADMIN_PASSWORD"] = "test-password-1"
os.environ.pop("RADIO_DATA_DIR", None)
# Most tests are about other things than approval before air: their material is approved when
# made. The approval tests (tests/editorial) turn it on with approval_required=True or
# RADIO_APPROVAL=required for a live server.
os.environ["RADIO_APPROVAL"] = "off"

from radio import demo, migrate  # noqa: E402
from radio.db import db  # noqa: E402
from tests.dbutil import base_url, checkpoint, drop_database, fresh_database_url  # noqa: E402
from tests.live import TEST_PASSWORD, LiveServer  # noqa: E402

pytest_plugins = [
    "tests.factories.core",
    "tests.factories.media",
    "tests.factories.schedules",
    "tests.factories.stations",
    "tests.factories.archive",
]


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="session")
def database_url(data_dir):
    url = fresh_database_url(data_dir, "suite")
    yield url
    db.session.remove()
    if db.engine is not None:
        db.engine.dispose()
    drop_database(url)


@pytest.fixture(scope="session")
def app(data_dir, database_url):
    from web import create_app

    app = create_app({"data_dir": data_dir, "database_url": database_url,
                      "secret_key": "test-secret", "TESTING": True, "WTF_CSRF_ENABLED": False})
    migrate.upgrade(db.engine)
    with app.app_context():
        demo.load_network(demo.DemoReport(lines=[]))
        db.session.commit()
    return app


@pytest.fixture(autouse=True)
def db_session(request, app):
    """Run each test in a transaction that is rolled back; commits become savepoints."""
    if "no_db" in request.keywords:
        yield None
        return
    conn = db.engine.connect()
    trans = conn.begin()
    db.session.remove()
    db.factory.configure(bind=conn, join_transaction_mode="create_savepoint")
    ctx = app.app_context()
    ctx.push()
    try:
        yield db.session
    finally:
        ctx.pop()
        db.session.remove()
        trans.rollback()
        conn.close()
        db.factory.configure(bind=db.engine)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


DEMO_USERNAMES = {username for username, *_rest in demo.DEMO_ACCOUNTS}
_demo_sessions: dict[str, str] = {}  # username -> session cookie of a real sign-in


@pytest.fixture
def login(client, app):
    """Log the test client in as a username (demo accounts share the test password).

    The first sign-in of each demo account in a session posts the form; later ones reuse its
    session cookie (the demo accounts live for the whole session), which saves a password hash
    check (scrypt, about 0.1 s) per test. Other accounts, and a client whose session holds
    something else, always post the form."""
    cookie = app.config["SESSION_COOKIE_NAME"]

    def do(username: str, password: str = TEST_PASSWORD):
        current = client.get_cookie(cookie)
        # Reuse only on a client without a session of its own (a chosen language, say).
        reuse = (username in DEMO_USERNAMES and password == TEST_PASSWORD
                 and (current is None or current.value in _demo_sessions.values()))
        if reuse and username in _demo_sessions:
            client.set_cookie(cookie, _demo_sessions[username])
            # Requests share the test's app context, so its `g`: forget the user Flask-Login
            # cached there (as login_user() does when the form is posted).
            g.pop("_login_user", None)
            return client
        resp = client.post("/login", data={"username": username, "password": password})
        assert resp.status_code == 302, resp.text
        if reuse:
            _demo_sessions[username] = client.get_cookie(cookie).value
        return client

    return do


# What `radio init` loads for each kind of live server: nothing (False), the 2022 network still
# running today (True: what the live tests were written against), or the whole demo story
# ("story": the 2025 reorganisation and both CCHC years, tests/demo).
INIT_ARGS: dict[bool | str, list[str]] = {False: [], True: ["--demo", "--demo-2022"],
                                          "story": ["--demo"]}


@pytest.fixture(scope="session")
def live_templates(tmp_path_factory):
    """Installations made by `radio init [--demo]` once per session, copied for each live server.

    `init --demo` takes several seconds; copying its SQLite file and media store takes a few
    milliseconds. On PostgreSQL (a schema per server) each server still runs `radio init`.
    """
    made: dict[bool | str, Path] = {}

    def template(demo_data: bool | str) -> Path | None:
        if base_url():
            return None
        if demo_data not in made:
            name = {False: "empty", True: "demo", "story": "story"}[demo_data]
            folder = tmp_path_factory.mktemp(f"live-template-{name}")
            server = LiveServer(folder, fresh_database_url(folder, "live"))
            server.cli("init", *INIT_ARGS[demo_data])
            checkpoint(folder)
            made[demo_data] = folder
        return made[demo_data]

    return template


def new_live_server(folder: Path, template, demo_data: bool | str = True,
                    extra_env: dict | None = None) -> tuple[LiveServer, str]:
    """A live server in `folder` (not started): a copy of the session's template, or a fresh init."""
    url = fresh_database_url(folder, "live")
    server = LiveServer(folder, url, extra_env)
    source = template(demo_data)
    if source is None:
        server.cli("init", *INIT_ARGS[demo_data])
    else:
        shutil.copytree(source, folder, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("server.log"))
    return server, url


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, live_templates):
    """A real `radio serve` process with the whole demo loaded, shared by a session."""
    server, url = new_live_server(tmp_path_factory.mktemp("live"), live_templates)
    server.start()
    yield server
    server.stop()
    drop_database(url)


@pytest.fixture
def make_live_server(tmp_path, live_templates):
    """Build extra live servers on demand (for tests that stop/start or need a clean slate).

    Without `demo_data` the server holds what plain `radio init` makes: the admin account only.
    """
    made: list[tuple[LiveServer, str]] = []

    def factory(demo_data: bool | str = True, extra_env: dict | None = None) -> LiveServer:
        folder = tmp_path / f"live{len(made)}"
        folder.mkdir()
        server, url = new_live_server(folder, live_templates, demo_data, extra_env)
        made.append((server, url))
        return server

    yield factory
    for server, url in made:
        server.stop()
        drop_database(url)
    shutil.rmtree(tmp_path, ignore_errors=True)


@pytest.fixture(scope="session")
def playwright_driver():
    """One Playwright driver for the whole run: a second sync_playwright() in the same thread
    fails ("Sync API inside the asyncio loop"), so every browser fixture launches from this."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p
