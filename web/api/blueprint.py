"""The /api/v1 blueprint. Route modules (one per feature) add their rules to `bp`.

Each route module also exposes OPENAPI_PATHS, merged into /api/v1/openapi.json.
"""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# Token-authenticated; session-authenticated writes are CSRF-checked in web.access.
csrf_exempt = True

from web.api import archive, core, media, schedules, stations  # noqa: E402  (registers routes)

ROUTE_MODULES = [core, media, schedules, stations, archive]
