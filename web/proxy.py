"""Running behind an HTTPS reverse proxy (nginx): trusted forwarded headers and Secure cookies.

With RADIO_BEHIND_PROXY=1 the app trusts one hop of X-Forwarded-For/-Proto/-Host/-Port (Werkzeug's
ProxyFix), so `request.remote_addr`, redirects and the signed media URLs of playlists (built from
`request.host_url`) carry the client's address, https and the public host. Only enable it when
the app listens where nothing but the proxy can reach it (127.0.0.1).
"""

from __future__ import annotations

from flask import Flask, Response
from werkzeug.middleware.proxy_fix import ProxyFix

from radio.config import Settings


class _AbsoluteRedirects(Response):
    """Redirects name the public https URL (the proxy's view), not a path relative to it."""

    autocorrect_location_header = True


def init_app(app: Flask, settings: Settings) -> None:
    if settings.secure_cookies:
        app.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
    if settings.behind_proxy:
        app.config["PREFERRED_URL_SCHEME"] = "https"
        app.response_class = _AbsoluteRedirects
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1, x_port=1)
