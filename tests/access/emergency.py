"""Expected access for the emergency pages (format: tests/access/__init__.py)."""

A, D, L = "allow", "deny", "login"

_EDITORS = {"anonymous": L, "admin": A, "editor": A, "operator": D, "auditor": D, "station": L}
_STAFF_PAGE = {"anonymous": L, "admin": A, "editor": A, "operator": A, "auditor": A,
               "station": L}

EXPECTED: dict[str, dict[str, str]] = {
    "emergency.new GET": _EDITORS,
    "emergency.new POST": _EDITORS,
    "emergency.send POST": _EDITORS,
    "emergency.live GET": _STAFF_PAGE,
    "emergency.cancel GET": _EDITORS,
    "emergency.cancel POST": _EDITORS,
}
ARGS: dict[str, object] = {"batch_id": "no-such-batch"}
