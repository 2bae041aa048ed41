"""Shared parts of the fleet end-to-end tests: one live server (no demo data) whose own
scheduled alert check is off (the tests run the check themselves, at the `now` they choose),
a webhook receiver on a local http.server thread, and the alert check run in-process against
the server's database."""

from __future__ import annotations

import json
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from radio.alerts import jobs
from radio.config import load_settings
from radio.models import Alert
from tests.conftest import new_live_server
from tests.dbutil import drop_database
from tests.factories.stations import LiveSeeder


class Webhook:
    """A local HTTP endpoint that keeps every JSON body POSTed to it."""

    def __init__(self):
        self.posts: list[dict] = []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                hook.posts.append(json.loads(body.decode("utf-8")))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/hook/secret-token"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def of(self, code: str) -> list[tuple[str, str, int]]:
        """(event, kind, alert id) of the posts about station `code`, in order."""
        return [(p["event"], p["alert"]["kind"], p["alert"]["id"]) for p in self.posts
                if p["alert"]["station"] == code]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def fleet(tmp_path_factory, live_templates):
    """A started live server of plain `radio init` with RADIO_ALERT_WEBHOOK set to a local
    receiver, its seeder, a station maker and `check(now)`."""
    folder = tmp_path_factory.mktemp("fleet-e2e")
    hook = Webhook()
    env = {"RADIO_ALERT_WEBHOOK": hook.url, "RADIO_JOBS_OFF": "alerts_check"}
    server, url = new_live_server(folder, live_templates, demo_data=False, extra_env=env)
    server.start()
    seeder = LiveSeeder(server, folder / "audio")
    settings = load_settings({"data_dir": server.data_dir, "database_url": url,
                              "alert_webhook": server.env["RADIO_ALERT_WEBHOOK"]})

    def station(code: str) -> str:
        server.cli("station", "add", code, "--name", f"Xã {code}")
        return seeder.token(code)

    def check(now: datetime) -> dict:
        """The alert check once at `now` (as the scheduled job runs it), then delivery."""
        with seeder.writing():
            return jobs.run_check(now, settings)

    try:
        yield {"server": server, "seeder": seeder, "station": station, "check": check,
               "hook": hook}
    finally:
        seeder.close()
        server.stop()
        hook.close()
        drop_database(url)


def alerts_of(fleet, code: str) -> list[Alert]:
    """Every alert row of station `code`, oldest first (a fresh read)."""
    seeder = fleet["seeder"]
    seeder.refresh()
    station = seeder.station(code)
    return list(seeder.session.scalars(select(Alert).where(Alert.station_id == station.id)
                                       .order_by(Alert.id)))
