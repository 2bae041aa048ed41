"""The three ways in (page upload endpoint, CLI, API) share one service and give the same answers."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import select

from radio.accounts.operations import rotate_api_token
from radio.models import MediaItem, User
from radio.storage import get_storage
from tests.fixtures.make_fixtures import BAD


@pytest.fixture
def editor_token(db_session):
    user = db_session.scalar(select(User).where(User.username == "editor"))
    return rotate_api_token(None, user)


def api_upload(client, path, name=None, token=None, **fields):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = {"file": (io.BytesIO(path.read_bytes()), name or path.name), **fields}
    return client.post("/api/v1/media", data=data, headers=headers,
                       content_type="multipart/form-data")


@pytest.mark.parametrize("name", ["document.mp3", "truncated.mp3", "video-only.mp4",
                                  "garbage-middle.mp3", "empty.mp3"])
def test_a_bad_file_gets_the_same_reason_from_web_cli_and_api(
        app, client, login, runner, editor_token, fixture_dir, name):
    api = api_upload(app.test_client(), fixture_dir / name, token=editor_token)
    assert api.status_code == 422
    api_error = api.json["error"]
    assert api_error["code"] == BAD[name][0]

    login("editor")  # the library page posts with the session (+ CSRF header in a browser)
    web = api_upload(client, fixture_dir / name)
    assert web.status_code == 422 and web.json["error"] == api_error

    cli = runner.invoke(args=["media", "add", str(fixture_dir / name), "--json"])
    assert cli.exit_code == 1
    line = json.loads(cli.output.strip().splitlines()[-1])
    assert line["error"] == api_error


def test_api_upload_with_staff_token_answers_201_with_the_item(client, editor_token, fixture_dir):
    resp = api_upload(client, fixture_dir / "phone.m4a", token=editor_token,
                      title="Ghi âm điện thoại", topic=["mot-cua", "dich-vu-cong"],
                      agency="ubnd-xa", kind="report", valid_from="01/03/2022")
    assert resp.status_code == 201, resp.json
    item = resp.json["item"]
    assert item["title"] == "Ghi âm điện thoại" and item["kind"] == "report"
    assert sorted(item["topics"]) == ["dich-vu-cong", "mot-cua"]
    assert item["valid_from"] == "2022-03-01" and len(item["sha256"]) == 64
    again = api_upload(client, fixture_dir / "phone.m4a", token=editor_token)
    assert again.status_code == 200 and again.json["item"]["duplicate"] is True
    assert "đã có trong thư viện" in again.json["message"]
    got = client.get(f"/api/v1/media/{item['id']}",
                     headers={"Authorization": f"Bearer {editor_token}"})
    assert got.json["item"]["rendition_sha256"] == item["rendition_sha256"]


def test_a_path_like_multipart_name_is_only_text_and_the_file_lands_in_the_store(
        client, editor_token, fixture_dir, app):
    resp = api_upload(client, fixture_dir / "voice.ogg", name="../../etc/passwd.mp3",
                      token=editor_token)
    assert resp.status_code == 201
    item = resp.json["item"]
    assert item["original_name"] == "passwd.mp3"
    store = get_storage()
    media_dir = app.config["RADIO_SETTINGS"].media_dir
    for sha in (item["sha256"], item["rendition_sha256"]):
        assert store.path(sha).resolve().is_relative_to(media_dir.resolve())
        assert store.exists(sha)
    assert not (media_dir.parent.parent / "etc" / "passwd.mp3").exists()


def test_upload_over_the_size_limit_is_refused_with_413_json(client, editor_token, app,
                                                             fixture_dir, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 10_000)
    resp = api_upload(client, fixture_dir / "studio.wav", token=editor_token)
    assert resp.status_code == 413
    assert resp.json["error"]["code"] == "too_large"
    assert "quá lớn" in resp.json["error"]["message"]


def test_auditor_cannot_upload_and_operator_cannot_list(client, login, fixture_dir):
    login("auditor")
    assert api_upload(client, fixture_dir / "voice.ogg").status_code == 403
    client.post("/logout")
    login("operator")
    assert client.get("/api/v1/media").status_code == 403


def test_cli_add_prints_json_per_file_and_list_shows_them(runner, fixture_dir):
    result = runner.invoke(args=["media", "add", str(fixture_dir / "speech.mp3"),
                                 str(fixture_dir / "noise.wav"), "--topic", "mot-cua",
                                 "--agency", "phong-tu-phap", "--kind", "article", "--json"])
    assert result.exit_code == 1  # one file was rejected
    ok, bad = [json.loads(line) for line in result.output.strip().splitlines()]
    assert ok["kind"] == "article" and ok["topics"] == ["mot-cua"] and ok["duration_s"] > 3.9
    assert abs(ok["loudness_lufs"] + 16) <= 1
    assert bad["error"]["code"] == "not_audio"
    listed = runner.invoke(args=["media", "list", "--json"])
    assert ok["id"] in [row["id"] for row in json.loads(listed.output)]


def test_library_page_searches_without_accents_and_filters(client, login, create_media_item):
    create_media_item(title="Hướng dẫn nộp hồ sơ qua mạng", topics=["dich-vu-cong"], duration_s=3.0)
    create_media_item(title="Khảo sát mức độ hài lòng", topics=["pci-papi"], kind="report", duration_s=3.0)
    login("auditor")
    page = client.get("/library/?q=huong+dan+nop+HO+SO").text
    assert "Hướng dẫn nộp hồ sơ qua mạng" in page and "Khảo sát mức độ hài lòng" not in page
    page = client.get("/library/?topic=pci-papi&kind=report").text
    assert "Khảo sát mức độ hài lòng" in page and "Hướng dẫn nộp hồ sơ qua mạng" not in page


def test_player_gets_the_rendition_with_http_range(client, login, create_media_item):
    item = create_media_item(duration_s=2, audio="ingest")
    login("editor")
    full = client.get(f"/library/{item.id}/audio")
    assert full.status_code == 200 and full.mimetype == "audio/mpeg"
    part = client.get(f"/library/{item.id}/audio", headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.data == full.data[100:200]
    detail = client.get(f"/library/{item.id}").text
    assert item.original_sha256 in detail and item.rendition_sha256 in detail
    assert "LUFS" in detail


def test_delete_of_an_item_in_use_tells_why_and_retires_it(client, login, create_media_item,
                                                         db_session, make_programme):
    item = create_media_item(duration_s=2, kind="jingle", audio="ingest")
    prog = make_programme()
    prog.intro_media_id = item.id
    db_session.flush()
    login("editor")
    resp = client.post(f"/library/{item.id}/delete", follow_redirects=True)
    assert "Không xóa được" in resp.text
    assert db_session.get(MediaItem, item.id).status.value == "retired"
