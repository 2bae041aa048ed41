"""Expected access for the core endpoints (format: tests/access/__init__.py)."""

A, D, L = "allow", "deny", "login"

_EVERYONE = {"anonymous": A, "admin": A, "editor": A, "operator": A, "auditor": A, "station": A}
_STAFF_PAGE = {"anonymous": L, "admin": A, "editor": A, "operator": A, "auditor": A, "station": L}
_ADMIN_PAGE = {"anonymous": L, "admin": A, "editor": D, "operator": D, "auditor": D, "station": L}
_ADMIN_WRITE = _ADMIN_PAGE  # an auditor is denied either way

EXPECTED: dict[str, dict[str, str]] = {
    "auth.login GET": _EVERYONE,
    "auth.login POST": _EVERYONE,
    "auth.logout POST": _STAFF_PAGE | {"auditor": A},  # signing out changes no data
    "auth.set_language GET": _EVERYONE,
    "dashboard.index GET": _STAFF_PAGE,
    "account.password GET": _STAFF_PAGE,
    "account.password POST": _STAFF_PAGE,  # auditors too: their own password
    "admin.stations GET": _ADMIN_PAGE,
    "admin.station_new GET": _ADMIN_PAGE,
    "admin.station_new POST": _ADMIN_WRITE,
    "admin.station_edit GET": _ADMIN_PAGE,
    "admin.station_edit POST": _ADMIN_WRITE,
    "admin.station_merge POST": _ADMIN_WRITE,
    "admin.station_token POST": _ADMIN_WRITE,
    "admin.users GET": _ADMIN_PAGE,
    "admin.user_new GET": _ADMIN_PAGE,
    "admin.user_new POST": _ADMIN_WRITE,
    "admin.user_edit GET": _ADMIN_PAGE,
    "admin.user_edit POST": _ADMIN_WRITE,
    "admin.user_password POST": _ADMIN_WRITE,
    "admin.user_token POST": _ADMIN_WRITE,
    "audit.index GET": _ADMIN_PAGE | {"auditor": A},
    "audit.export_csv GET": _ADMIN_PAGE | {"auditor": A},
    "api.audit_log GET": {"anonymous": L, "admin": A, "editor": D, "operator": D, "auditor": A,
                          "station": D},
    "api.openapi GET": _EVERYONE,
    "api.whoami GET": {"anonymous": L, "admin": A, "editor": A, "operator": A, "auditor": A,
                       "station": A},
}
ARGS: dict[str, object] = {"username": "editor"}
