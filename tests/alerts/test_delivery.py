"""Delivery: a real local SMTP server (aiosmtpd) and a local HTTP receiver get exactly one
message per open and per recovery; a repeat sends nothing; SMTP down keeps the alert and
delivers it on the next check."""

from __future__ import annotations

import dataclasses
import json
import socket
import threading
from datetime import timedelta
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from radio import config
from radio.alerts import jobs, operations
from radio.db import db
from radio.fleet.health import record_health
from radio.models import Alert
from tests.alerts.conftest import NOW, health


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content,
                                                                    policy=policy.default)))
        return "250 OK"


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def hook():
    got = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            got.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/alerts", got
    server.shutdown()
    server.server_close()


@pytest.fixture
def subscribers(world, create_user):
    editor = create_user("editor")
    editor.unit_id = world.province.id
    operations.subscribe(editor, unit_id=world.commune.id, address="bientap@example.vn")
    elsewhere = create_user("editor")
    elsewhere.unit_id = world.province.id
    operations.subscribe(elsewhere, unit_id=world.other.id, address="xakhac@example.vn")
    db.session.flush()
    return editor


def settings(smtp_port: int, webhook: str):
    return dataclasses.replace(config.app_settings(),
                               smtp_url=f"smtp://127.0.0.1:{smtp_port}",
                               mail_from="canhbao@example.vn", alert_webhook=webhook)


def test_open_repeat_recover(world, smtp, hook, subscribers):
    controller, inbox = smtp
    url, posts = hook
    conf = settings(controller.port, url)
    world.station.last_contact_at = NOW + timedelta(hours=1)
    record_health(world.station, health(free_disk_bytes=512 * 1024 ** 2), NOW)
    counts = jobs.run_check(NOW, conf)
    assert (counts["opened"], counts["sent"], counts["failed"]) == (1, 2, 0)
    [(to, msg)] = inbox.messages
    assert to == ["bientap@example.vn"]
    assert msg["Subject"] == "[Cảnh báo] Trạm Xã Cửa Việt: ổ đĩa chỉ còn 512 MB trống."
    assert msg["From"] == "canhbao@example.vn"
    assert msg.get_content_charset() == "utf-8"
    assert msg.get_content().splitlines()[0] == "Trạm Xã Cửa Việt: ổ đĩa chỉ còn 512 MB trống."
    alert = db.session.scalar(select(Alert).where(Alert.station_id == world.station.id))
    assert posts == [{"event": "open", "alert": {
        "id": alert.id, "kind": "low_disk", "level": "warning", "station": "cua-viet-t",
        "unit": "T97001", "message": "Trạm Xã Cửa Việt: ổ đĩa chỉ còn 512 MB trống.",
        "opened_at": NOW.isoformat(), "closed_at": None}}]

    # The same condition again: nothing new is sent.
    counts = jobs.run_check(NOW + timedelta(minutes=1), conf)
    assert (counts["repeated"], counts["sent"]) == (1, 0)
    assert (len(inbox.messages), len(posts)) == (1, 1)

    # Recovery: one message on each channel.
    record_health(world.station, health(), NOW + timedelta(minutes=2))
    counts = jobs.run_check(NOW + timedelta(minutes=2), conf)
    assert (counts["closed"], counts["sent"]) == (1, 2)
    assert len(inbox.messages) == 2
    assert inbox.messages[1][1]["Subject"] == ("[Đã khắc phục] Trạm Xã Cửa Việt: ổ đĩa chỉ "
                                               "còn 512 MB trống.")
    assert posts[1]["event"] == "close"
    assert posts[1]["alert"]["closed_at"] == (NOW + timedelta(minutes=2)).isoformat()
    assert jobs.run_check(NOW + timedelta(minutes=3), conf)["sent"] == 0
    assert (len(inbox.messages), len(posts)) == (2, 2)


def test_smtp_down_then_delivered(world, smtp, hook, subscribers):
    controller, inbox = smtp
    url, posts = hook
    world.station.last_contact_at = NOW + timedelta(hours=1)
    record_health(world.station, health(free_disk_bytes=0), NOW)
    down = settings(free_port(), url)  # nobody listens there
    counts = jobs.run_check(NOW, down)
    assert (counts["opened"], counts["sent"], counts["failed"]) == (1, 1, 1)
    alert = db.session.scalar(select(Alert).where(Alert.station_id == world.station.id))
    assert alert.closed_at is None and alert.notified_open_at is None
    assert inbox.messages == [] and len(posts) == 1

    counts = jobs.run_check(NOW + timedelta(minutes=1), settings(controller.port, url))
    assert (counts["sent"], counts["failed"]) == (1, 0)  # the e-mail only; the webhook had it
    assert len(inbox.messages) == 1 and len(posts) == 1
    assert alert.notified_open_at == NOW + timedelta(minutes=1)


def test_starttls_and_login_never_log_the_password(world, subscribers, tmp_path, monkeypatch,
                                                   caplog):
    """The server offers STARTTLS (a self-signed certificate the test trusts) and requires a
    login: the mail goes through TLS with the URL's user, and the password is in no log."""
    import ssl
    import subprocess

    from aiosmtpd.smtp import AuthResult

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password, session.ssl is not None))
        return AuthResult(success=auth_data.password == b"mat@khau-9")

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), tls_context=tls,
                            require_starttls=True, authenticator=authenticator,
                            auth_require_tls=True)
    controller.start()
    try:
        world.station.last_contact_at = NOW + timedelta(hours=1)
        record_health(world.station, health(free_disk_bytes=0), NOW)
        conf = dataclasses.replace(
            config.app_settings(), alert_webhook=None, mail_from="canhbao@example.vn",
            smtp_url=f"smtp://canhbao:mat%40khau-9@127.0.0.1:{controller.port}")
        counts = jobs.run_check(NOW, conf)
    finally:
        controller.stop()
    assert (counts["sent"], counts["failed"]) == (1, 0)
    assert logins == [(b"canhbao", b"mat@khau-9", True)]
    assert len(inbox.messages) == 1
    assert "khau-9" not in caplog.text


def test_wrong_password_is_retried_and_not_logged(world, subscribers, caplog):
    from aiosmtpd.smtp import AuthResult

    def refuse(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=False, handled=False)

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(),
                            authenticator=refuse, auth_require_tls=False)
    controller.start()
    try:
        world.station.last_contact_at = NOW + timedelta(hours=1)
        record_health(world.station, health(free_disk_bytes=0), NOW)
        conf = dataclasses.replace(config.app_settings(), alert_webhook=None,
                                   smtp_url=f"smtp://u:bi-mat-42@127.0.0.1:{controller.port}")
        counts = jobs.run_check(NOW, conf)
    finally:
        controller.stop()
    assert (counts["opened"], counts["sent"], counts["failed"]) == (1, 0, 1)
    alert = db.session.scalar(select(Alert).where(Alert.station_id == world.station.id))
    assert alert.notified_open_at is None and inbox.messages == []
    assert "email delivery of open failed (SMTPAuthenticationError)" in caplog.text
    assert "bi-mat-42" not in caplog.text
