"""Expected access for the alerts pages (format: tests/access/__init__.py). The list and the
subscriptions are for every staff role (each sees its own scope); thresholds are for admins."""

A, D, L = "allow", "deny", "login"

_STAFF = {"anonymous": L, "admin": A, "editor": A, "operator": A, "auditor": A, "station": L}
# Auditors are read-only everywhere (web/access.py): they see the pages but post nothing.
_STAFF_POST = {"anonymous": L, "admin": A, "editor": A, "operator": A, "auditor": D, "station": L}
_ADMIN = {"anonymous": L, "admin": A, "editor": D, "operator": D, "auditor": D, "station": L}

EXPECTED: dict[str, dict[str, str]] = {
    "alerts.index GET": _STAFF,
    "alerts.rules GET": _ADMIN,
    "alerts.rules POST": _ADMIN,
    "alerts.subscriptions GET": _STAFF,
    "alerts.subscriptions POST": _STAFF_POST,
    "alerts.unsubscribe POST": _STAFF_POST,
}

# No subscription has this id: an allowed role gets a 404, the others are stopped first.
ARGS: dict[str, object] = {"sub_id": 999999}
