"""A logged-in browser-less web session against a live server (cookies and the CSRF token)."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.parse
import urllib.request
from datetime import date

from tests.live import TEST_PASSWORD


class WebSession:
    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as resp:
            return resp.read().decode()

    def login(self, username: str, password: str = TEST_PASSWORD) -> None:
        page = self.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
        data = urllib.parse.urlencode({"username": username, "password": password,
                                       "csrf_token": token}).encode()
        with self.opener.open(self.base + "/login", data=data, timeout=30) as resp:
            assert "/login" not in resp.url, "login failed"

    def reconcile_counts(self, day: date) -> dict[str, dict[str, int]]:
        page = self.get(f"/operator/reconcile?date={day.isoformat()}")
        out = {}
        for m in re.finditer(r'<tr data-station="([^"]+)" data-aired="(\d+)" data-partial="(\d+)"'
                             r' data-missed="(\d+)" data-pending="(\d+)"', page):
            out[m[1]] = dict(zip(("aired", "partial", "missed", "pending"),
                                 map(int, m.groups()[1:]), strict=True))
        return out
