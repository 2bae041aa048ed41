"""Expected access for the abbreviation settings page (format: tests/access/__init__.py)."""

A, D, L = "allow", "deny", "login"

_READ = {"anonymous": L, "admin": A, "editor": A, "operator": D, "auditor": A, "station": L}
_WRITE = {"anonymous": L, "admin": A, "editor": A, "operator": D, "auditor": D, "station": L}

EXPECTED: dict[str, dict[str, str]] = {
    "speech.index GET": _READ,
    "speech.create POST": _WRITE,
    "speech.edit GET": _WRITE,
    "speech.edit POST": _WRITE,
    "speech.delete POST": _WRITE,
}

# No row has this id: editors and admins get a 404 (allowed), the others are stopped first.
ARGS: dict[str, object] = {"abbreviation_id": 999999}
