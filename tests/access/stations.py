"""Expected access for the stations endpoints (format: tests/access/__init__.py)."""

A, D, L = "allow", "deny", "login"

_STATION_API = {"anonymous": L, "admin": A, "editor": A, "operator": A, "auditor": A,
                "station": A}
_STATION_API_WRITE = _STATION_API | {"auditor": D}
_STAFF_PAGE = {"anonymous": L, "admin": A, "editor": A, "operator": A, "auditor": A, "station": L}
_READERS_PAGE = _STAFF_PAGE | {"operator": D}

EXPECTED: dict[str, dict[str, str]] = {
    "api.station_playlist GET": _STATION_API,
    "api.station_now GET": _STATION_API,
    "api.station_asrun POST": _STATION_API_WRITE,
    "api.station_heartbeat POST": _STATION_API_WRITE,
    # media 1 is not scheduled on the station: it gets a plain 404, which is access granted.
    "api.media_audio GET": _STATION_API,
    "operator.index GET": _STAFF_PAGE,
    "operator.station GET": _STAFF_PAGE,
    "operator.record_manual POST": _STAFF_PAGE | {"auditor": D},
    "operator.reconcile GET": _READERS_PAGE,
    "operator.compliance GET": _READERS_PAGE,
}
ARGS: dict[str, object] = {"media_id": 1}
