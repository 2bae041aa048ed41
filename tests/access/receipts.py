"""Expected access for emergency receipts (format: tests/access/__init__.py). Task H3."""

A, D, L = "allow", "deny", "login"

_STATION_API_WRITE = {"anonymous": L, "admin": A, "editor": A, "operator": A, "auditor": D,
                      "station": A}
_STAFF_PAGE = {"anonymous": L, "admin": A, "editor": A, "operator": A, "auditor": A,
               "station": L}

EXPECTED: dict[str, dict[str, str]] = {
    "api.station_receipt POST": _STATION_API_WRITE,
    "emergency.receipts GET": _STAFF_PAGE,
    "emergency.receipts_json GET": _STAFF_PAGE,
    "emergency.receipts_script GET": _STAFF_PAGE,
}
ARGS: dict[str, object] = {"batch_id": "no-such-batch"}
