"""Expected access for the remote command pages and acknowledgements (task H2; format:
tests/access/__init__.py)."""

A, D, L = "allow", "deny", "login"

EXPECTED: dict[str, dict[str, str]] = {
    # A readers' page (admin/editor send, auditor reads); operators use the operator pages.
    "commands.station GET": {"anonymous": L, "admin": A, "editor": A, "operator": D,
                             "auditor": A, "station": L},
    "commands.station POST": {"anonymous": L, "admin": A, "editor": A, "operator": D,
                              "auditor": D, "station": L},
    "commands.send POST": {"anonymous": L, "admin": A, "editor": A, "operator": D,
                           "auditor": D, "station": L},
    # No command 999999: a 404 for those let through.
    "api.station_command_ack POST": {"anonymous": L, "admin": A, "editor": A, "operator": A,
                                     "auditor": D, "station": A},
}

ARGS: dict[str, object] = {"command_id": 999999}
