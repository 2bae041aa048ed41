"""Expected access for the fleet page and its API (format: tests/access/__init__.py)."""

A, D, L = "allow", "deny", "login"

EXPECTED: dict[str, dict[str, str]] = {
    "fleet.index GET": {"anonymous": L, "admin": A, "editor": A, "operator": A, "auditor": A,
                        "station": L},
    "api.fleet_records GET": {"anonymous": L, "admin": A, "editor": A, "operator": D,
                              "auditor": A, "station": D},
}
