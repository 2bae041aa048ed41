"""The library upload page as a plain multipart form (what a browser without scripts sends)."""

from __future__ import annotations

import io
import re

from tests.fixtures.make_fixtures import BAD


def form_post(client, *paths, **fields):
    files = [(io.BytesIO(p.read_bytes()), p.name) for p in paths]
    return client.post("/library/upload", data={"file": files, **fields},
                       content_type="multipart/form-data")


def _results(html: str) -> list[tuple[str, str]]:
    return [(m[1], re.sub(r"\s+", " ", m[2]).strip()) for m in re.finditer(
        r'<li class="(ok|duplicate|failed)"[^>]*>(.*?)</li>', html, re.S)]


def test_the_form_post_ingests_rejects_and_reports_duplicates_on_the_page(
        client, login, fixture_dir):
    login("editor")
    resp = form_post(client, fixture_dir / "voice.ogg", fixture_dir / "document.mp3",
                     topic="dich-vu-cong", kind="report")
    assert resp.status_code == 200
    html = resp.text
    (ok_state, ok_text), (bad_state, bad_text) = _results(html)
    assert ok_state == "ok" and "voice.ogg" in ok_text and "đã nạp" in ok_text
    assert "LUFS" in ok_text
    assert bad_state == "failed" and "bị từ chối" in bad_text
    assert BAD["document.mp3"][0] == "not_audio" and 'data-code="not_audio"' in html
    assert "không phải là âm thanh" in bad_text
    # the new item is listed for editing, with the chosen topic and kind
    assert re.search(r'<form id="edit-list"[^>]*>', html)[0].find("hidden") == -1
    assert re.search(r'<option value="dich-vu-cong" selected>', html)
    assert re.search(r'<option value="report" selected>', html)

    again = form_post(client, fixture_dir / "voice.ogg")
    [(state, text)] = _results(again.text)
    assert state == "duplicate" and "trùng, đã có trong thư viện" in text


def test_a_form_post_without_a_file_says_so(client, login):
    login("editor")
    resp = client.post("/library/upload", data={"kind": "news"},
                       content_type="multipart/form-data")
    assert resp.status_code == 400
    assert "Hãy chọn ít nhất một tệp âm thanh." in resp.text


def test_the_page_has_no_inline_executable_script(client, login):
    login("editor")
    html = client.get("/library/upload").text
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        assert 'type="application/json"' in attrs or (not body.strip() and "src=" in attrs)
    assert "/static/upload.js" in html
    assert 'enctype="multipart/form-data"' in html and 'name="csrf_token"' in html
