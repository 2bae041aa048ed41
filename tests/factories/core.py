"""Factories for stations and users. Each returns a flushed object inside the test's savepoint."""

from __future__ import annotations

import itertools

import pytest
from flask import g

from radio import stations
from radio.accounts import operations as accounts
from radio.db import db
from radio.models import Station, User

PASSWORD = "test-password-1"
_seq = itertools.count(1)


@pytest.fixture
def create_station():
    def factory(code: str | None = None, name: str | None = None, kind: str = "commune",
                **kwargs) -> Station:
        n = next(_seq)
        return stations.create_station(None, code=code or f"test-{n}", name=name or f"Trạm thử {n}",
                                       kind=kind, **kwargs)

    return factory


@pytest.fixture
def create_user():
    def factory(role: str = "editor", username: str | None = None,
                station_codes: list[str] | None = None, password: str = PASSWORD) -> User:
        n = next(_seq)
        if role == "operator" and not station_codes:
            station_codes = ["gio-an"]
        return accounts.create_user(None, username=username or f"{role}{n}", password=password,
                                 role=role, station_codes=station_codes)

    return factory


@pytest.fixture
def sign_in(client):
    """Put a user's id in the test client's session (Flask-Login), as a real sign-in would."""

    def do(user):
        # Keep what the test built: an error answer rolls the request's session back.
        db.session.commit()
        with client.session_transaction() as session:
            session["_user_id"] = str(user.id)
            session["_fresh"] = True
        g.pop("_login_user", None)  # requests share the test's app context and its `g`
        return client

    return do
