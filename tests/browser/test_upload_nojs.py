"""The library upload with JavaScript switched off: a plain multipart form and a result page."""

from __future__ import annotations

import pytest

from tests.live import TEST_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def plain_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False,
                                  viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def test_an_editor_uploads_a_file_without_javascript_and_sees_the_result(plain_page,
                                                                         fixture_dir):
    page = plain_page
    page.goto("/login")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", TEST_PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.click("button.primary")
    page.goto("/library/upload")
    assert page.locator("script:not([src]):not([type])").count() == 0  # no inline script
    page.set_input_files("input[type=file]", [str(fixture_dir / "lossless.flac"),
                                              str(fixture_dir / "document.mp3")])
    page.select_option("select[name=agency]", index=1)
    # With scripts on, upload.js would keep the page and post to the API; here the form itself
    # posts and the server answers with the result page.
    with page.expect_navigation(wait_until="load", timeout=90000):
        page.click("#upload-start")
    assert page.url.endswith("/library/upload")
    ok = page.inner_text("#upload-results li.ok")
    failed = page.inner_text("#upload-results li.failed")
    assert "lossless.flac" in ok and "đã nạp" in ok and "LUFS" in ok
    assert "document.mp3" in failed and "không phải là âm thanh" in failed
    assert page.get_attribute("#upload-results li.failed", "data-code") == "not_audio"

    title = page.locator("#edit-list input.title")
    assert title.count() == 1
    title.fill("Bản tin tải lên không cần JavaScript")
    with page.expect_navigation(wait_until="load"):
        page.click("#edit-list button.primary")
    assert "Đã lưu 1 mục." in page.inner_text(".flash")
    row = page.locator("table.library tr", has_text="Bản tin tải lên không cần JavaScript")
    assert row.count() == 1
