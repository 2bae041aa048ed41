"""The command pages in-process: the station's history and send form, the fleet page's small
form (POST /fleet/commands), scope, read-only readers, bad input; and the CLI's messages."""

from __future__ import annotations

import json

from radio.clusters import operations as clusters
from radio.db import db
from radio.fleet import command_util
from radio.models import CommandStatus
from radio.stations import get_station
from tests.factories.core import PASSWORD


def _history(code: str):
    return command_util.history(get_station(code))


def test_an_editor_sends_from_the_station_page_and_sees_the_history(login, client):
    clusters.add_cluster(None, station="gio-an", code="gio-an-cum-lenh", name="Cụm loa lệnh")
    login("editor")
    page = client.get("/stations/gio-an/commands")
    assert page.status_code == 200 and 'id="send-command"' in page.text
    assert '<option value="gio-an-cum-lenh"' in page.text and 'name="csrf_token"' in page.text
    resp = client.post("/stations/gio-an/commands", data={
        "kind": "volume", "value": "45", "cluster": "gio-an-cum-lenh"})
    assert resp.status_code == 302 and resp.location.endswith("/stations/gio-an/commands")
    [cmd] = _history("gio-an")
    assert (cmd.kind.value, cmd.value, cmd.status) == ("volume", "45", CommandStatus.pending)
    page = client.get("/stations/gio-an/commands")
    assert "Đã gửi lệnh “Đặt âm lượng” tới Xã Gio An (Cụm loa lệnh)." in page.text
    assert f'data-command="{cmd.id}" data-status="pending"' in page.text
    assert "Chờ trạm nhận" in page.text


def test_a_bad_value_is_refused_with_a_vietnamese_message(login, client):
    login("editor")
    resp = client.post("/stations/gio-an/commands", data={"kind": "volume", "value": "150"})
    assert resp.status_code == 400
    assert "Âm lượng phải là số nguyên từ 0 đến 100." in resp.text
    assert _history("gio-an") == []


def test_an_auditor_reads_the_history_without_the_form(login, client):
    login("auditor")
    page = client.get("/stations/gio-an/commands")
    assert page.status_code == 200 and "Lịch sử lệnh" in page.text
    assert 'id="send-command"' not in page.text


def test_an_editor_outside_the_scope_is_refused(create_user, login, client):
    from datetime import date

    from tests.factories.unit_rows import add_unit

    user = create_user("editor", username="editor-xa-khac")
    user.unit = add_unit("t88888", "Xã Khác Xa", valid_from=date(2020, 1, 1),
                         source="tests/commands")
    db.session.flush()
    login("editor-xa-khac", PASSWORD)
    assert client.get("/stations/gio-an/commands").status_code == 403
    resp = client.post("/fleet/commands", data={"station": "gio-an", "kind": "stop",
                                                "next": "/stations"})
    assert resp.status_code == 302
    assert _history("gio-an") == []


def test_the_fleet_form_redirects_to_a_same_site_next_only(login, client):
    login("admin")
    resp = client.post("/fleet/commands", data={"station": "gio-an", "cluster": "",
                                                "kind": "volume", "value": "60",
                                                "next": "/stations/gio-an/commands?x=1"})
    assert resp.status_code == 302 and resp.location.endswith("/stations/gio-an/commands?x=1")
    resp = client.post("/fleet/commands", data={"station": "gio-an", "kind": "stop",
                                                "next": "//evil.example/x"})
    assert resp.status_code == 302 and "evil.example" not in resp.location
    assert [(c.kind.value, c.value) for c in _history("gio-an")] == [("stop", ""),
                                                                      ("volume", "60")]
    resp = client.post("/fleet/commands", data={"station": "gio-an", "kind": "volume",
                                                "value": "x", "next": "/"}, follow_redirects=True)
    assert "Âm lượng phải là số nguyên từ 0 đến 100." in resp.text
    assert len(_history("gio-an")) == 2


def test_the_cli_sends_and_lists_with_json_and_refuses_bad_values(runner):
    sent = runner.invoke(args=["station", "command", "gio-an", "volume", "70", "--json"])
    assert sent.exit_code == 0, sent.output
    [row] = json.loads(sent.output)
    assert (row["kind"], row["value"], row["status"], row["cluster"]) == ("volume", "70",
                                                                          "pending", None)
    text = runner.invoke(args=["station", "command", "gio-an", "stop"])
    assert text.exit_code == 0 and "Đã gửi lệnh stop" in text.output
    listed = json.loads(runner.invoke(args=["station", "command-list", "gio-an", "--json"])
                        .output)
    assert [(r["kind"], r["status"]) for r in listed] == [("stop", "pending"),
                                                          ("volume", "pending")]
    bad = runner.invoke(args=["station", "command", "gio-an", "volume", "101"])
    assert bad.exit_code == 1 and "Âm lượng phải là số nguyên từ 0 đến 100." in bad.output
