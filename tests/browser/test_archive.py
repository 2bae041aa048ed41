"""An auditor's year-end check in a real browser: the 2022 CCHC year, a commune, a day, an aired
item played and its evidence card, the package downloaded and verified; no form changes data."""

from pathlib import Path

import pytest

from radio.archive.package import verify_package

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/radio-shots")


def shot(page, name: str, full_page: bool = True) -> None:
    """Keep a screenshot for people to look at; tests never compare pixels."""
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def writable_forms(page) -> list[str]:
    """Forms that would change data: every POST form except signing out."""
    return page.eval_on_selector_all(
        "form", "fs => fs.filter(f => (f.method || 'get').toLowerCase() !== 'get')"
                ".map(f => f.getAttribute('action') || '')"
                ".filter(a => !a.endsWith('/logout'))")


def test_auditor_checks_the_2022_cchc_year_end_to_end(page, login_as, tmp_path):
    login_as("auditor")
    visited_forms = []
    page.click("nav.main >> text=Lưu trữ")
    page.select_option("#period-year", "2022")
    page.select_option("#period-part", "")
    page.select_option("#period-window", "cchc")
    with page.expect_navigation():
        page.click("form.period-form button")
    assert "15/12/2021 – 14/12/2022" in page.inner_text(".period-label")
    assert page.locator("#stations tbody tr").count() == 18
    visited_forms += writable_forms(page)
    shot(page, "archive-year")

    with page.expect_navigation():
        page.click("#stations >> text=Xã Gio An")
    assert page.locator("#calendar td.day.aired").count() > 50
    visited_forms += writable_forms(page)
    shot(page, "archive-station")

    with page.expect_navigation():
        page.locator("#calendar td.day.aired a").first.click()
    assert page.locator("#day-events tbody tr").count() >= 1
    visited_forms += writable_forms(page)
    with page.expect_navigation():
        page.locator("#day-events a.item-link").first.click()

    card = page.inner_text("#evidence-card")
    for label in ("Cơ quan cung cấp tin", "Chủ đề", "Thời lượng", "SHA-256",
                  "Đã phát ở đâu, khi nào", "Người lập lịch", "Lịch sử thay đổi"):
        assert label in card
    assert "Xã Gio An" in page.inner_text("#by-station")
    assert page.locator("#airings tbody tr").count() >= 1
    visited_forms += writable_forms(page)
    played = page.evaluate("""async () => {
        const a = document.querySelector('#player');
        a.muted = true;
        await a.play();
        await new Promise(r => setTimeout(r, 1200));
        return {time: a.currentTime, duration: a.duration, error: a.error && a.error.code};
    }""")
    assert played["error"] is None and played["duration"] > 0 and played["time"] > 0
    shot(page, "archive-evidence-card", full_page=False)

    page.goto("/archive/?period=2022&window=cchc")
    with page.expect_download(timeout=120000) as info:
        page.click("#download-package")
    path = tmp_path / "goi.zip"
    info.value.save_as(path)
    report = verify_package(path)
    assert report.ok, [p.message for p in report.problems]
    assert report.checked["asrun"] > 1000

    for url in ("/archive/report?period=2022", "/archive/search?q=cai+cach", "/archive/verify"):
        page.goto(url)
        visited_forms += writable_forms(page)
    assert visited_forms == []
    status = page.evaluate("""async () => (await fetch('/archive/item/1/attachments',
        {method: 'POST', body: new FormData()})).status""")
    assert status == 400  # refused by the CSRF check before any write
