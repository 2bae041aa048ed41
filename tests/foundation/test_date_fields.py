"""Our own date field: no template uses the browser's native date input, values are written as
dd/mm/yyyy, and the server reads what a browser without JavaScript sends (dd/mm/yyyy)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import web
from web.filters import fmt_date_input

TEMPLATES = Path(web.__file__).parent / "templates"


def test_no_template_uses_the_native_date_input():
    native = [str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html")
              if 'type="date"' in p.read_text(encoding="utf-8")]
    assert native == []


def test_the_field_value_is_dd_mm_yyyy():
    assert fmt_date_input(date(2026, 2, 5)) == "05/02/2026"
    assert fmt_date_input("2026-02-05") == "05/02/2026"
    assert fmt_date_input("31/02/2026") == "31/02/2026"  # typed wrongly: shown back as typed
    assert fmt_date_input(None) == "" and fmt_date_input("") == ""


def test_pages_send_dd_mm_yyyy_and_read_it_back_without_javascript(client, login):
    login("admin")
    page = client.get("/operator/reconcile?date=05/12/2026").text
    assert re.search(r'name="date" value="05/12/2026"[^>]*data-date-field', page)
    entry = client.get("/planning/?date=24/12/2026").text
    assert 'value="24/12/2026"' in entry
    bad = client.get("/planning/?date=32/12/2026")
    assert bad.status_code == 400 and "Ngày “32/12/2026” không hợp lệ." in bad.text
