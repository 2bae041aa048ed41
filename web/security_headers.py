"""Security headers on every response: CSP without inline script, nosniff, no framing, caching.

Pages and API answers are personal (a signed-in user, a token holder, the sign-in form), so
they are `no-store`. A view that sets its own cache lifetime or revalidation (media downloads,
playlists with their ETag) keeps it, made `private` so no shared cache holds it. Static files
keep their normal caching.
"""

from __future__ import annotations

from flask import request

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",  # style attributes are used for layout
    "img-src 'self' data:",
    "media-src 'self' blob:",  # audio players; the microphone later
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers without CSP level 2
}


def add_security_headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.endpoint == "static":
        return response
    cache = response.cache_control
    if cache.max_age is not None or cache.no_cache:
        cache.public = False
        cache.private = True
    else:
        response.headers["Cache-Control"] = "no-store"
    return response
