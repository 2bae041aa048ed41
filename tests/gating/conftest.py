"""The gating tests run with approval before air turned on (the suite runs with it off)."""

from __future__ import annotations

import dataclasses

import pytest


@pytest.fixture
def approval_required(app, monkeypatch):
    """This test's app requires approval (RADIO_APPROVAL=required): new material is a draft."""
    settings = dataclasses.replace(app.config["RADIO_SETTINGS"], approval_required=True)
    monkeypatch.setitem(app.config, "RADIO_SETTINGS", settings)
    return settings


@pytest.fixture
def approver(create_user):
    return create_user("approver")


from tests.factories.units import scoped_user, unit_world  # noqa: E402, F401  (fixtures)
