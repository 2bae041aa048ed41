"""Fixtures of the approval tests: approval before air turned on, the two-world unit network
(tests/factories/units.py) with an editor and approvers in its communes, and signing a test
client in as any user."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pytest

from radio.db import db
from tests.factories.units import scoped_user, unit_world  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def approval_required(app, monkeypatch):
    """RADIO_APPROVAL=required for this test: new material starts as a draft."""
    settings = app.config["RADIO_SETTINGS"]
    monkeypatch.setitem(app.config, "RADIO_SETTINGS",
                        dataclasses.replace(settings, approval_required=True))


@pytest.fixture
def people(scoped_user):  # noqa: F811  (the fixture imported above)
    """An editor and an approver of Xã Cồn Tiên, an approver of Xã Cửa Việt, an unscoped
    approver, and a second editor of Xã Cồn Tiên."""
    return SimpleNamespace(
        editor=scoped_user("editor", "con-tien", username="bientap-contien"),
        approver=scoped_user("approver", "con-tien", username="duyet-contien"),
        other=scoped_user("approver", "cua-viet", username="duyet-cuaviet"),
        boss=scoped_user("approver", None, username="duyet-toanmang"),
        editor2=scoped_user("editor", "con-tien", username="bientap2-contien"),
    )


@pytest.fixture
def draft(create_media_item, people):
    """A draft library item written (uploaded) by the Cồn Tiên editor."""
    def make(title: str = "Thông báo lịch tiếp công dân") -> object:
        item = create_media_item(title, actor=people.editor)
        db.session.commit()
        return item

    return make
