"""An editor plans the CCHC column in a real browser: programme, rundown, conflict, week grid."""

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from radio import clock

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/radio-shots")
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NAME = "Chuyên mục CCHC (trình duyệt)"


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_editor_creates_the_cchc_column_fills_a_rundown_and_meets_a_conflict(page, login_as):
    # Five weeks ahead, past the demo's own column (materialised four weeks ahead).
    start = clock.now().astimezone(TZ).date() + timedelta(days=35)
    login_as("editor")
    page.goto("/planning/programmes/new")
    page.fill("input[name=name]", NAME)
    page.check("input[name=preset][value=weekly]")
    page.check("input[name=weekdays][value=TU]")
    page.check("input[name=weekdays][value=FR]")
    page.fill("input[name=start_time]", "17:15")
    page.fill("input[name=duration_min]", "15")
    page.select_option("select[name=target]", "all")
    page.fill("input[name=valid_from]", start.isoformat())
    page.fill("input[name=valid_until]", (start + timedelta(days=13)).isoformat())
    shot(page, "planning-programme-form")
    page.click("text=Lưu chuyên mục")
    page.wait_for_selector("#occurrences")
    assert NAME in page.inner_text("h1")
    rows = page.locator("#occurrences tbody tr")
    assert rows.count() == 4  # two weeks of Tuesdays and Fridays
    first_when = rows.first.locator("td a").inner_text()  # dd/mm/yyyy 17:15
    assert first_when.endswith("17:15")
    first_day = datetime.strptime(first_when, "%d/%m/%Y %H:%M").date()
    assert first_day.isoweekday() in (2, 5)

    # Fill the first occurrence from the library.
    rows.first.locator("td a").click()
    page.wait_for_selector("#rundown")
    page.click("text=Tự động xếp cho đầy khung")
    page.wait_for_selector("#rundown li[data-id]")
    assert page.locator("#rundown li[data-id]").count() >= 2
    total = page.inner_text("#rundown-total")
    assert "/ khung 15 phút" in total
    shot(page, "planning-rundown")

    # An ordinary item over the column on one station is refused, naming the column.
    page.goto(f"/planning/entries/new?date={first_day.isoformat()}")
    page.check("input[name=kind][value=item]")
    page.select_option("select[name=media_id]", index=1)
    page.check("input[name=target][value=chosen]")
    page.check("input[name=stations][value=gio-an]")
    page.fill("input[name=date]", first_day.isoformat())
    page.fill("input[name=time]", "17:20")
    page.click("text=Lưu lịch phát")
    message = page.locator(".issues .flash.error").first.inner_text()
    assert f"Trùng giờ với “{NAME}”" in message and "Xã Gio An" in message
    shot(page, "planning-conflict")

    # The week grid of that station shows the column in its slot.
    page.goto(f"/planning/stations/gio-an/week?start={first_day.isoformat()}")
    cell = page.locator(f"#week td[data-date='{first_day.isoformat()}']")
    assert NAME in cell.inner_text()
    assert "17:15–17:30" in cell.inner_text()
    shot(page, "planning-week")
