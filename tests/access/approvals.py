"""Expected access for the approval pages (format: tests/access/__init__.py). Approving and
returning are for approvers only (a role this matrix does not sign in as: tests/approvals)."""

A, D, L = "allow", "deny", "login"

_READ = {"anonymous": L, "admin": A, "editor": A, "operator": D, "auditor": A, "station": L}
_APPROVE = {"anonymous": L, "admin": D, "editor": D, "operator": D, "auditor": D, "station": L}
_SUBMIT = {"anonymous": L, "admin": A, "editor": A, "operator": D, "auditor": D, "station": L}

EXPECTED: dict[str, dict[str, str]] = {
    "approvals.index GET": _READ,
    "approvals.show GET": _READ,
    "approvals.approve POST": _APPROVE,
    "approvals.return_ POST": _APPROVE,
    "approvals.submit POST": _SUBMIT,
}

# No item has this id: an allowed role gets a 404, the others are stopped first.
ARGS: dict[str, object] = {"kind": "media", "obj_id": 999999}
