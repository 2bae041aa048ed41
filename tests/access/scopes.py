"""Expected access for the scope endpoints (format: tests/access/__init__.py)."""

A, D, L = "allow", "deny", "login"

EXPECTED: dict[str, dict[str, str]] = {
    # An admin re-scopes an account (the username comes from tests/access/core.py ARGS).
    "admin.user_scope POST": {"anonymous": L, "admin": A, "editor": D, "operator": D,
                              "auditor": D, "station": L},
}
