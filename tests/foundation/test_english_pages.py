"""The English catalog is complete on the pages the browser tests open: in English mode no
Vietnamese text is left once the data (station names, titles, names typed by staff) is taken
out. A string missing from the catalog, or not marked for translation, fails here."""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import flask_babel
from sqlalchemy import select

from radio.db import db
from radio.models import (
    Agency,
    AuditEntry,
    MediaItem,
    Occurrence,
    Programme,
    Station,
    Topic,
    User,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
MARKS = re.compile(r"[đĐ\u0300-\u0323]")  # đ, and the tone and vowel marks once decomposed


def _data_strings() -> list[str]:
    values = []
    for col in (Station.name, MediaItem.title, Topic.name, Agency.name, Programme.name,
                User.full_name, AuditEntry.summary):
        values += [v for v in db.session.scalars(select(col)) if v]
    return sorted(set(values), key=len, reverse=True)


def _visible(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<details>.*?</details>", " ", page, flags=re.S)  # audit rows' before/after
    attrs = " ".join(re.findall(r'(?:title|placeholder|aria-label|alt)="([^"]*)"', page))
    text = re.sub(r"<[^>]+>", " ", page) + " " + attrs
    return html.unescape(text)


def _leftovers(page: str, data: list[str]) -> list[str]:
    text = _visible(page)
    for value in data:
        text = text.replace(value, " ")
    return sorted({w for w in re.findall(r"\w+", text)
                   if MARKS.search(unicodedata.normalize("NFD", w))})


def test_pages_the_browser_tests_open_are_all_english(client, login, create_media_item, air,
                                                      make_programme):
    item = create_media_item("Công khai thủ tục hành chính", topics=("thu-tuc-hanh-chinh",),
                             agency="vp-hdnd-ubnd", audio="stored")
    at = datetime(2022, 3, 8, 5, 40, tzinfo=VN).astimezone(UTC)
    air("gio-an", item, at, status="aired", seconds=120)
    air("gio-an", item, at + timedelta(minutes=5), status="failed", seconds=120)
    prog = make_programme(name="Chuyên mục CCHC")
    occ_id = db.session.scalar(select(Occurrence.id).where(Occurrence.programme_id == prog.id))
    login("admin")
    pages = ["/", "/planning/", "/planning/programmes/new", "/planning/entries/new",
             "/planning/stations/gio-an/week", "/planning/month",
             "/planning/stations/gio-an/month?month=2022-03",
             f"/planning/programmes/{prog.id}", "/library/", "/library/upload",
             f"/library/{item.id}", "/archive/?period=2022&window=cchc",
             "/archive/station/gio-an?period=2022", "/archive/station/gio-an/day/2022-03-08",
             f"/archive/item/{item.id}", "/archive/report?period=2022",
             "/operator/reconcile?date=2022-03-08", "/operator/compliance",
             "/operator/stations/gio-an?date=2022-03-08", "/admin/stations",
             "/admin/stations/new", "/admin/users", "/admin/users/new", "/audit/",
             "/account/password"]
    assert occ_id is not None
    pages.append(f"/planning/occurrences/{occ_id}")
    for path in pages:  # Vietnamese first: a label cached at first use would stay Vietnamese
        assert client.get(path).status_code == 200, path
    # The test keeps one app context across requests, where Flask-Babel caches the locale;
    # a real server starts each request afresh.
    flask_babel.refresh()
    client.get("/lang/en")
    data = _data_strings()
    found = {}
    for path in pages:
        resp = client.get(path)
        assert resp.status_code == 200, path
        left = _leftovers(resp.get_data(as_text=True), data)
        if left:
            found[path] = left
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())
