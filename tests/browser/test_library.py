"""The media library in a real browser: multi-file upload with progress, results, edit, play."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/radio-shots")


def test_editor_uploads_two_files_sees_each_result_and_edits_the_new_item(
        page, login_as, fixture_dir):
    login_as("editor")
    page.goto("/library/upload")
    page.set_input_files("input[type=file]", [str(fixture_dir / "browser.webm"),
                                              str(fixture_dir / "document.mp3")])
    page.select_option("select[name=topic]", "dich-vu-cong")
    page.click("#upload-start")
    page.wait_for_selector("#upload-results li.ok", timeout=60000)
    page.wait_for_selector("#upload-results li.failed", timeout=60000)
    ok = page.inner_text("#upload-results li.ok")
    failed = page.inner_text("#upload-results li.failed")
    assert "đã nạp" in ok and "LUFS" in ok
    assert "không phải là âm thanh" in failed
    assert page.get_attribute("#upload-results li.failed", "data-code") == "not_audio"
    assert page.locator("#upload-results li.ok progress").evaluate("p => p.value") == 1
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "library-upload.png"), full_page=True)

    title = page.locator("#edit-list input.title")
    assert title.count() == 1
    title.fill("Hướng dẫn đăng ký dịch vụ công trực tuyến")
    page.click("#edit-list button.primary")
    page.wait_for_url("**/library/")
    assert "Đã lưu 1 mục." in page.inner_text(".flash")
    row = page.locator("table.library tr", has_text="Hướng dẫn đăng ký dịch vụ công trực tuyến")
    assert row.count() == 1
    assert "Dịch vụ công trực tuyến mức độ 3, 4" in row.inner_text()


def test_the_player_plays_a_demo_bulletin_from_the_library(page, login_as):
    login_as("auditor")
    page.goto("/library/?q=mot+cua")
    link = page.locator("table.library td a").first
    link.click()
    page.wait_for_selector("audio")
    duration = page.eval_on_selector(
        "audio", """a => new Promise((ok, bad) => {
            a.muted = true;
            a.addEventListener('loadedmetadata', () => ok(a.duration));
            a.addEventListener('error', () => bad('media error'));
            a.load();
        })""")
    assert 5 < duration < 30
    assert "SHA-256" in page.inner_text("table.facts")
    assert page.locator("form[action$='/delete']").count() == 0  # auditors only read
    page.screenshot(path=str(SHOTS / "library-item.png"), full_page=True)
