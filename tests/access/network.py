"""Expected access for the network pages (format: tests/access/__init__.py): read-only pages for
admins, editors and auditors."""

A, D, L = "allow", "deny", "login"

_READERS_PAGE = {"anonymous": L, "admin": A, "editor": A, "operator": D, "auditor": A,
                 "station": L}

EXPECTED: dict[str, dict[str, str]] = {
    "network.index GET": _READERS_PAGE,
    # an unknown unit code ("x") is a plain 404 after access passed
    "network.unit GET": _READERS_PAGE,
    "network.unit_edition GET": _READERS_PAGE,
    "network.stations GET": _READERS_PAGE,
    "network.clusters GET": _READERS_PAGE,
    "network.cluster_map GET": _READERS_PAGE,
    # task E (gating): an admin lets a unit's editors send emergencies alone
    "network.emergency_by_editor POST": {"anonymous": L, "admin": A, "editor": D, "operator": D,
                                         "auditor": D, "station": L},
}
ARGS: dict[str, object] = {"valid_from": "2020-01-01"}
