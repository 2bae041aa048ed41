"""Vietnamese by default, English selectable; the compiled English catalog is current."""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import web

CATALOG = Path(web.__file__).parent / "translations" / "en" / "LC_MESSAGES"


def test_login_page_is_vietnamese_by_default(client):
    page = client.get("/login").text
    assert '<html lang="vi">' in page
    assert "Đăng nhập" in page and "Tên đăng nhập" in page


def test_english_locale_renders_the_login_page_in_english(client):
    switched = client.get("/lang/en?next=/login")
    assert switched.status_code == 302 and switched.headers["Location"] == "/login"
    page = client.get("/login").text
    assert '<html lang="en">' in page
    assert "Sign in" in page and "Username" in page and "Password" in page
    assert "Đăng nhập" not in page
    wrong = client.post("/login", data={"username": "editor", "password": "nope-nope-nope"})
    assert "Wrong username or password." in wrong.text


def test_english_dashboard_keeps_station_names_and_dd_mm_yyyy_dates(client, login):
    login("editor")
    client.get("/lang/en")
    page = client.get("/").text
    assert "Radio network" in page and "District station" in page
    assert "Xã Gio An" in page  # proper names are data, not translated
    import re

    assert re.search(r"<small>\d{2}/\d{2}/\d{4}</small>", page)


def test_unknown_language_code_keeps_vietnamese(client):
    client.get("/lang/fr")
    assert "Đăng nhập" in client.get("/login").text


def test_compiled_catalog_matches_its_source():
    def plain(value):
        return tuple(value) if isinstance(value, list | tuple) else value

    with open(CATALOG / "messages.po", "rb") as fh:
        po = {plain(m.id): plain(m.string) for m in read_po(fh)
              if m.id and "fuzzy" not in m.flags}
    with open(CATALOG / "messages.mo", "rb") as fh:
        mo = {plain(m.id): plain(m.string) for m in read_mo(fh) if m.id}
    assert mo == po, "run scripts/update-translations.sh (it compiles messages.mo)"
    untranslated = [k for k, v in po.items() if not (all(v) if isinstance(v, tuple) else v)]
    assert not untranslated, f"{len(untranslated)} strings lack an English translation"


def test_language_chosen_before_signing_in_survives_sign_in_and_out(client, login):
    client.get("/lang/en")
    login("editor")
    assert "Radio network" in client.get("/").text
    client.post("/logout")
    assert "Sign in" in client.get("/login").text


def test_english_translations_keep_every_placeholder():
    import re

    placeholder = re.compile(r"%\((\w+)\)")
    with open(CATALOG / "messages.po", "rb") as fh:
        catalog = read_po(fh)
    wrong = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        want = set(placeholder.findall(ids[0])) | set(placeholder.findall(ids[-1]))
        for string in strings:
            if string and set(placeholder.findall(string)) - want:
                wrong.append(f"{ids[0]!r} -> {string!r}")
            # the singular of a plural may drop %(num)d ("one station"); others must keep all
            if string and len(strings) == 1 and set(placeholder.findall(string)) != want:
                wrong.append(f"{ids[0]!r} -> {string!r}")
    assert not wrong, "\n".join(wrong)
