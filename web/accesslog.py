"""The access log: one redacted line per request on logger `radio.access`, under any WSGI server.

    127.0.0.1 "GET /api/v1/stations/x/playlist?token=[redacted]" 200 1834B 12ms

It wraps the Flask app's WSGI callable, so it holds for every route whatever serves the app
(gunicorn runs with its own access log off). Wrapped inside ProxyFix (web/proxy.py), it sees the
client's address. Secrets in the path and query are removed by radio.logredact.
"""

from __future__ import annotations

import logging
import time
from urllib.parse import quote

from flask import Flask

from radio import logredact

log = logging.getLogger("radio.access")


class AccessLog:
    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        status = ["-"]

        def recording_start_response(status_line, headers, exc_info=None):
            status[0] = status_line.split(" ", 1)[0]
            return start_response(status_line, headers, exc_info)

        sent = 0
        try:
            result = self.wsgi_app(environ, recording_start_response)
            try:
                for chunk in result:
                    sent += len(chunk)
                    yield chunk
            finally:
                if hasattr(result, "close"):
                    result.close()
        finally:
            _log_line(environ, status[0], sent, started)


def _log_line(environ, status: str, sent: int, started: float) -> None:
    path = quote((environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""))
                 .encode("latin-1", "replace"), safe="/;:@&=+$,%~!*'()")
    query = environ.get("QUERY_STRING", "")
    target = logredact.redact(f"{path}?{query}" if query else path)
    ms = (time.perf_counter() - started) * 1000
    log.info('%s "%s %s" %s %dB %.0fms', environ.get("REMOTE_ADDR", "-"),
             environ.get("REQUEST_METHOD", "-"), target, status, sent, ms)


def init_app(app: Flask) -> None:
    logredact.install()
    app.wsgi_app = AccessLog(app.wsgi_app)
