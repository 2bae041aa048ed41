"""Expected access for the schedules endpoints (format: tests/access/__init__.py)."""

A, D, L = "allow", "deny", "login"

_READERS_PAGE = {"anonymous": L, "admin": A, "editor": A, "operator": D, "auditor": A,
                 "station": L}
_EDITORS = {"anonymous": L, "admin": A, "editor": A, "operator": D, "auditor": D, "station": L}
_STAFF_PAGE = {"anonymous": L, "admin": A, "editor": A, "operator": A, "auditor": A,
               "station": L}
# The signed-URL route is public but the token itself is the credential: a bad one is refused.
_SIGNED = {role: D for role in ("anonymous", "admin", "editor", "operator", "auditor", "station")}

EXPECTED: dict[str, dict[str, str]] = {
    "planning.index GET": _READERS_PAGE,
    "planning.network_month GET": _READERS_PAGE,
    "planning.programme GET": _READERS_PAGE,
    "planning.occurrence GET": _READERS_PAGE,
    "planning.programme_new GET": _EDITORS,
    "planning.programme_new POST": _EDITORS,
    "planning.programme_edit GET": _EDITORS,
    "planning.programme_edit POST": _EDITORS,
    "planning.occurrence_skip POST": _EDITORS,
    "planning.occurrence_move POST": _EDITORS,
    "planning.rundown_update POST": _EDITORS,
    "planning.entry_new GET": _EDITORS,
    "planning.entry_new POST": _EDITORS,
    "planning.entry_cancel GET": _EDITORS,
    "planning.entry_cancel POST": _EDITORS,
    "planning.entries_bulk POST": _EDITORS,
    "planning.week GET": _STAFF_PAGE,
    "planning.station_month GET": _STAFF_PAGE,
    "api.signed_media GET": _SIGNED,
    "api.schedule_add POST": {"anonymous": L, "admin": A, "editor": A, "operator": D,
                              "auditor": D, "station": D},
    "api.station_calendar GET": {"anonymous": L, "admin": A, "editor": A, "operator": A,
                                 "auditor": A, "station": A},
}
ARGS: dict[str, object] = {"programme_id": 999999, "occurrence_id": 999999, "entry_id": 999999,
                           "token": "not-a-token"}
