"""The "Phát trực tiếp" pages: a station's stream, its live sessions, going live from the browser.

The browser captures the microphone (getUserMedia + MediaRecorder) and posts a chunk every
second; media.streams.browser hands them to ffmpeg, which feeds the station's mount. Browsers
allow the microphone only on https:// or http://localhost, which the page says.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from flask import abort, current_app, g, jsonify, render_template, request, url_for

from media.streams import browser, operations, util
from media.streams.icecast import status as stream_status
from media.streams.icecast import stream_config
from media.streams.serve import listeners
from radio.clock import now
from radio.db import db
from radio.i18n import _
from radio.models import LiveSession, LiveStatus
from radio.stations import list_stations
from schedules.entries.live import next_live
from web.access import EDITORS, READERS, STAFF, allow, current_actor
from web.security_headers import CONTENT_SECURITY_POLICY

GO_LIVE = (*EDITORS, "operator")


def _settings():
    return current_app.config["RADIO_SETTINGS"]


# Pages with a player of a station's stream (media.streams.util.player_url).
PLAYER_PAGES = {"live.station", "operator.station"}


def stream_csp(response):
    """after_request: the pages with a stream player may open the stream server's origin."""
    if request.endpoint in PLAYER_PAGES and response.status_code == 200:
        with_stream_csp(response)
    return response


def live_stream_url(code: str) -> str:
    """Template global: the station's stream for this page's player."""
    return util.player_url(_settings(), current_app.config["SECRET_KEY"], code)


def with_stream_csp(response):
    """Let the page's player open the stream server (another origin than the app)."""
    parts = urlsplit(stream_config(_settings()).public_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.replace(
        "media-src 'self' blob:", f"media-src 'self' blob: {origin}")
    return response


@allow(STAFF)
def index():
    stations = list_stations(on=now().astimezone(_settings().tz).date(), visible_to=g.principal)
    live = util.live_now()
    return render_template("live/index.html", stations=stations, live=live,
                           relaying=util.relaying([s.station_id for s in live], now()),
                           sessions=util.recent_sessions(20))


@allow(STAFF, station_arg="code")
def station(code: str):
    station = g.station
    can_go_live = g.principal.role.value in GO_LIVE
    page = render_template(
        "live/station.html", station=station, can_go_live=can_go_live,
        installed=stream_config(_settings()).binary is not None,
        listeners=listeners(_settings(), station.code),
        sessions=util.recent_sessions(10, station), next_live=next_live(station, now()))
    return page


@allow(STAFF, station_arg="code")
def status(code: str):
    count = listeners(_settings(), code)
    return jsonify({"station": code, "on_air": count is not None, "listeners": count or 0})


def _session(session_id: int) -> LiveSession:
    session = db.session.get(LiveSession, session_id)
    if session is None or session.station_id != g.station.id or session.source != "browser":
        abort(404)
    return session


@allow(GO_LIVE, station_arg="code")
def start(code: str):
    if stream_status(stream_config(_settings()), timeout=1.0) is None:
        return jsonify({"error": {"code": "no_stream_server", "message": _(
            "Máy chủ phát trực tuyến (Icecast) không chạy: chưa phát trực tiếp được.")}}), 409
    session = operations.announce(g.station, source="browser", user=current_actor(),
                                  title=request.form.get("title", ""), now=now())
    db.session.commit()
    # The feeder ends with `radio serve` (not with this worker, which may be replaced).
    server_pid = current_app.extensions.get("radio.serve_pid") or os.getpid()
    browser.start_feeder(_settings(), g.station.code, session.id, server_pid)
    return jsonify({"session": session.id,
                    "chunk_url": url_for("live.chunk", code=code, session_id=session.id),
                    "stop_url": url_for("live.stop", code=code, session_id=session.id)})


@allow(GO_LIVE, station_arg="code")
def chunk(code: str, session_id: int):
    session = _session(session_id)
    if session.status in (LiveStatus.ended, LiveStatus.failed):
        return jsonify({"error": {"code": "ended", "message": _("Phiên đã kết thúc.")}}), 409
    if (request.content_length or 0) > browser.MAX_CHUNK:
        return jsonify({"error": {"code": "too_large", "message": _("Tệp tải lên quá lớn.")}}), 413
    size = browser.append(_settings(), session.id, request.get_data(cache=False))
    if size < 0:
        return jsonify({"error": {"code": "ended", "message": _("Phiên đã kết thúc.")}}), 409
    return jsonify({"received": size})


@allow(GO_LIVE, station_arg="code")
def stop(code: str, session_id: int):
    session = _session(session_id)
    browser.request_stop(_settings(), session.id)
    return jsonify({"session": session.id, "stopping": True})


def dashboard_panel():
    principal = g.get("principal")
    if principal is None or principal.role.value not in READERS:
        return ""
    live = util.live_now()
    return render_template("live/_panel.html", live=live,
                           relaying=util.relaying([s.station_id for s in live], now()),
                           sessions=util.recent_sessions(5))
