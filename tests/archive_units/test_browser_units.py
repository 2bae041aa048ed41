"""A province auditor opens the 2025 CCHC year report in a real browser (scripts off) and sees
both halves: the former communes until 30/06/2025, the merged communes from 01/07/2025, and the
year folded into today's units."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from radio.accounts import operations as accounts
from radio.asrun import operations as asrun
from tests.factories import network
from tests.factories.stations import LiveSeeder, asrun_event
from tests.live import TEST_PASSWORD

pytestmark = pytest.mark.browser
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _vn(*args) -> datetime:
    return datetime(*args, tzinfo=VN).astimezone(UTC)


def _play(item, code: str, at: datetime) -> None:
    raw = asrun_event(None, started_at=at, media_sha256=item.rendition_sha256)
    raw["ended_at"] = (at + timedelta(seconds=90)).isoformat()
    result = asrun.ingest(network.station(code), [raw])
    assert not result.rejected, result.as_dict()


@pytest.fixture
def year_2025_server(make_live_server, tmp_path):
    """A server without the demo, holding the Gio Linh units of 2020, the change of 1/7/2025,
    plays on both sides of it, and an auditor of the new province."""
    server = make_live_server(demo_data=False)
    seeder = LiveSeeder(server, tmp_path)
    try:
        item = seeder.media(title="Công khai thủ tục hành chính")
        with seeder.writing():
            item = seeder.session.merge(item)
            item.created_at = datetime(2024, 1, 1, tzinfo=UTC)
            world = network.gio_linh_2020()
            _play(item, "gio-an", _vn(2025, 3, 10, 5, 40))
            _play(item, "tt-gio-linh", _vn(2025, 5, 1, 17, 5))
            network.apply_2025(world)
            _play(item, "xa-con-tien", _vn(2025, 8, 10, 5, 40))
            _play(item, "xa-gio-linh", _vn(2025, 9, 1, 17, 5))
            user = accounts.create_user(None, username="kiemtra-tinh", password=TEST_PASSWORD,
                                        role="auditor")
            user.unit_id = world.new_province.id
    finally:
        seeder.close()
    server.start()
    return server


def _rows(page, key: str) -> list[list[str]]:
    return page.eval_on_selector_all(
        f'table[data-table="{key}"] tbody tr',
        "trs => trs.map(tr => [...tr.cells].map(td => td.innerText.trim()))")


def test_a_province_auditor_sees_both_halves_of_the_2025_cchc_year(browser, year_2025_server):
    context = browser.new_context(base_url=year_2025_server.url, java_script_enabled=False,
                                  viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        page.goto("/login")
        page.fill("input[name=username]", "kiemtra-tinh")
        page.fill("input[name=password]", TEST_PASSWORD)
        with page.expect_navigation(wait_until="load"):
            page.click("button.primary")
        page.goto("/archive/report?period=2025&window=cchc")
        assert "lúc phát sóng" in page.inner_text("#view-note")
        then = {(r[2], r[4], r[5]): r for r in _rows(page, "units_then")}
        assert then[("Xã Gio An", "15/12/2024", "30/06/2025")][7] == "1"
        assert then[("Thị trấn Gio Linh", "15/12/2024", "30/06/2025")][7] == "1"
        assert then[("Xã Cồn Tiên", "01/07/2025", "14/12/2025")][7] == "1"
        assert then[("Xã Gio Linh", "01/07/2025", "14/12/2025")][7] == "1"
        mapping = {r[2]: r[7] for r in _rows(page, "units_map")}
        assert mapping["Xã Gio An"] == "Xã Cồn Tiên"
        assert mapping["Thị trấn Gio Linh"] == "Xã Gio Linh"

        with page.expect_navigation():
            page.click("#view-units_now")
        assert "view=units_now" in page.url
        assert "hiện nay" in page.inner_text("#view-note")
        assert page.locator('table[data-table="units_then"]').count() == 0
        now = {r[2]: r for r in _rows(page, "units_now")}
        assert now["Xã Cồn Tiên"][5] == "2" and now["Xã Gio Linh"][5] == "2"
        assert "Xã Gio An" in now["Xã Cồn Tiên"][4]
        assert "Xã Gio An" not in now and "Thị trấn Gio Linh" not in now
        page.screenshot(path="/tmp/radio-shots-units-now.png", full_page=True)
    finally:
        context.close()
