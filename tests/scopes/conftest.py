"""Fixtures of the scope tests: the two-world unit network (tests/factories/units.py) and
signing a test client in as any user without posting the form."""

from __future__ import annotations

import pytest
from flask import g

from radio.db import db
from tests.factories.units import scoped_user, unit_world  # noqa: F401  (fixtures)


@pytest.fixture
def sign_in(client):
    """Put a user's id in the client's session (Flask-Login), as a real sign-in would."""

    def do(user):
        # Keep what the test built: an error answer rolls the request's session back.
        db.session.commit()
        with client.session_transaction() as session:
            session["_user_id"] = str(user.id)
            session["_fresh"] = True
        g.pop("_login_user", None)  # requests share the test's app context and its `g`
        return client

    return do
