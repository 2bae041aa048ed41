"""`radio serve` on a machine without Icecast: it says so, and everything else works."""

from __future__ import annotations

import urllib.request


def test_serve_without_icecast_says_so_and_serves(make_live_server, tmp_path):
    server = make_live_server(demo_data=False,
                              extra_env={"RADIO_ICECAST": str(tmp_path / "no" / "icecast2")})
    server.start()
    body = urllib.request.urlopen(server.url + "/api/v1/openapi.json", timeout=10).read()
    assert b'"openapi"' in body
    log = server.log.read_text()
    assert ("Chưa cài Icecast (gói icecast2): phát trực tiếp và tiếp âm qua luồng không dùng "
            "được; mọi chức năng khác vẫn chạy.") in log
    result = server.cli("stream", "serve", check=False)
    assert result.returncode == 1
    assert result.stderr.startswith("Lỗi: Chưa cài Icecast")
