"""Expected access for the live pages and Icecast's listener check (format: tests/access/__init__.py)."""

A, D, L = "allow", "deny", "login"

_STAFF_PAGE = {"anonymous": L, "admin": A, "editor": A, "operator": A, "auditor": A, "station": L}
_GO_LIVE = _STAFF_PAGE | {"auditor": D}

EXPECTED: dict[str, dict[str, str]] = {
    "live.index GET": _STAFF_PAGE,
    "live.station GET": _STAFF_PAGE,
    "live.status GET": _STAFF_PAGE,
    # No stream server runs in the matrix: start answers 409, which is access granted.
    "live.start POST": _GO_LIVE,
    "live.chunk POST": _GO_LIVE,
    "live.stop POST": _GO_LIVE,
    # Icecast calls it without a session; it answers 200 with or without the grant header.
    "streamauth.listener_auth POST": {r: A for r in _STAFF_PAGE},
}
