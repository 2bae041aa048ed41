"""The verification package in the 2025 world: the province auditor's scope holds every station
of the demo network, so the package (whose hash chains cover every station) is theirs to take;
a commune's account is refused it with the reason."""

from __future__ import annotations

import io
import urllib.error
import zipfile

import pytest

from tests.stations.web import WebSession

pytestmark = pytest.mark.dates


def _download(session: WebSession, path: str) -> tuple[int, bytes]:
    try:
        with session.opener.open(session.base + path, timeout=120) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_the_province_auditor_takes_the_package_and_a_commune_editor_is_told_why_not(
        make_live_server):
    server = make_live_server("story").start()
    province = WebSession(server.url)
    province.login("province_auditor")
    status, body = _download(province, "/archive/package.zip?period=2025-07")
    assert status == 200, body[:300]
    names = zipfile.ZipFile(io.BytesIO(body)).namelist()
    assert any(n.endswith("manifest.json") for n in names)
    assert any(n.endswith("asrun.csv") for n in names)

    commune = WebSession(server.url)
    commune.login("commune_editor")
    status, body = _download(commune, "/archive/package.zip?period=2025-07")
    assert status == 403
    assert "toàn mạng lưới" in body.decode()
