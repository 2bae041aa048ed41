"""`POST /streams/auth`: Icecast's URL authentication of a listener (media.streams.auth).

Icecast calls it, not a browser: no session, no CSRF token; the answer is only yes or no.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from media.streams.auth import listener_allowed
from media.streams.icecast import AUTH_HEADER, AUTH_PATH
from radio.clock import now
from web.access import PUBLIC, allow

bp = Blueprint("streamauth", __name__)
csrf_exempt = True


@bp.post(AUTH_PATH)
@allow(PUBLIC, changes_data=False)
def listener_auth():
    resp = Response(status=200)
    if listener_allowed(request.form, current_app.config["SECRET_KEY"], now()):
        resp.headers[AUTH_HEADER] = "1"
    else:
        resp.headers["icecast-auth-message"] = "forbidden"
    return resp
