"""Expected access for the written bulletin pages (format: tests/access/__init__.py)."""

A, D, L = "allow", "deny", "login"

_EDIT_PAGE = {"anonymous": L, "admin": A, "editor": A, "operator": D, "auditor": D, "station": L}

EXPECTED: dict[str, dict[str, str]] = {
    "bulletins.new GET": _EDIT_PAGE,
    "bulletins.new POST": _EDIT_PAGE,
    "bulletins.edit GET": _EDIT_PAGE,
    "bulletins.edit POST": _EDIT_PAGE,
    "bulletins.preview POST": _EDIT_PAGE,
    "bulletins.preview_audio GET": _EDIT_PAGE,
    "bulletins.script GET": _EDIT_PAGE,
}
ARGS: dict[str, object] = {"token": "not-a-real-preview-token"}
