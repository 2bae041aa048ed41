"""Expected access for the media endpoints (format: tests/access/__init__.py)."""

A, D, L = "allow", "deny", "login"

_READ_PAGE = {"anonymous": L, "admin": A, "editor": A, "operator": D, "auditor": A, "station": L}
_EDIT_PAGE = {"anonymous": L, "admin": A, "editor": A, "operator": D, "auditor": D, "station": L}
_READ_API = {"anonymous": L, "admin": A, "editor": A, "operator": D, "auditor": A, "station": D}
_EDIT_API = _READ_API | {"auditor": D}

EXPECTED: dict[str, dict[str, str]] = {
    "library.index GET": _READ_PAGE,
    "library.item GET": _READ_PAGE,
    "library.audio GET": _READ_PAGE,
    "library.original GET": _READ_PAGE,
    "library.upload GET": _EDIT_PAGE,
    "library.upload POST": _EDIT_PAGE,
    "library.edit_list POST": _EDIT_PAGE,
    "library.edit POST": _EDIT_PAGE,
    "library.retire POST": _EDIT_PAGE,
    "library.restore POST": _EDIT_PAGE,
    "library.delete POST": _EDIT_PAGE,
    "api.media_upload POST": _EDIT_API,
    "api.media_list GET": _READ_API,
    "api.media_get GET": _READ_API,
}
ARGS: dict[str, object] = {"item_id": 999999}
