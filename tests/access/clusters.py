"""Expected access for the cluster admin pages (format: tests/access/__init__.py)."""

A, D, L = "allow", "deny", "login"

_ADMIN_PAGE = {"anonymous": L, "admin": A, "editor": D, "operator": D, "auditor": D, "station": L}

EXPECTED: dict[str, dict[str, str]] = {
    "clusters.index GET": _ADMIN_PAGE,
    "clusters.new GET": _ADMIN_PAGE,
    "clusters.new POST": _ADMIN_PAGE,
    "clusters.edit GET": _ADMIN_PAGE,
    "clusters.edit POST": _ADMIN_PAGE,
    "clusters.end POST": _ADMIN_PAGE,
}

# No demo cluster has this code: the admin gets a 404 (allowed), the others are stopped first.
ARGS: dict[str, object] = {"cluster_code": "no-such-cluster"}
