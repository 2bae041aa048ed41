"""Expected access for the archive endpoints (format: tests/access/__init__.py).

Archive pages and API are for readers (admin, editor, auditor); auditors never change data;
only editors and admins attach evidence files.
"""

A, D, L = "allow", "deny", "login"

_PAGE = {"anonymous": L, "admin": A, "editor": A, "operator": D, "auditor": A, "station": L}
_API = {"anonymous": L, "admin": A, "editor": A, "operator": D, "auditor": A, "station": D}

EXPECTED: dict[str, dict[str, str]] = {
    "archive.index GET": _PAGE,
    "archive.station GET": _PAGE,
    "archive.day GET": _PAGE,
    "archive.topic GET": _PAGE,
    "archive.agency GET": _PAGE,
    "archive.item GET": _PAGE,
    "archive.item_audio GET": _PAGE,
    "archive.attachment GET": _PAGE,
    "archive.attachment_upload POST": _PAGE | {"auditor": D},
    "archive.search GET": _PAGE,
    "archive.report GET": _PAGE,
    "archive.report_xlsx GET": _PAGE,
    "archive.report_print GET": _PAGE,
    "archive.report_pdf GET": _PAGE,
    "archive.report_issue POST": _PAGE | {"auditor": D},
    "archive.package GET": _PAGE,
    "archive.verify GET": _PAGE,
    "api.archive_report GET": _API,
    "api.archive_verify GET": _API,
    "api.archive_package GET": _API,
}
ARGS: dict[str, object] = {"day": "2022-01-04", "slug": "mot-cua", "item_id": 1,
                           "attachment_id": 1}
