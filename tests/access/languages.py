"""Expected access for the language pages (format: tests/access/__init__.py): the list for
readers, the changes for admins."""

A, D, L = "allow", "deny", "login"

_READERS_PAGE = {"anonymous": L, "admin": A, "editor": A, "operator": D, "auditor": A,
                 "station": L}
_ADMIN_PAGE = {"anonymous": L, "admin": A, "editor": D, "operator": D, "auditor": D, "station": L}

EXPECTED: dict[str, dict[str, str]] = {
    "languages.index GET": _READERS_PAGE,
    "languages.add POST": _ADMIN_PAGE,
    # the matrix passes a station code as <code>: no such language, a plain 404 for the admin
    "languages.edit GET": _ADMIN_PAGE,
    "languages.edit POST": _ADMIN_PAGE,
    "languages.delete POST": _ADMIN_PAGE,
}
