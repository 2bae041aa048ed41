"""The fleet page in a real browser: a commune's station and its loudspeaker clusters, and an
editor of that commune sends a volume command that a real agent acknowledges."""

from __future__ import annotations

import re

import pytest

from radio import clock
from radio.agent.players import FilePlayer
from radio.agent.runner import Agent, Settings
from tests.factories.agent_clock import ManualClock
from tests.live import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SETTINGS = dict(sync_s=1000, now_s=0.5, upload_s=1, heartbeat_s=0.5, backoff_s=0.5,
                backoff_max_s=1.0, tick_s=0.1)
CUA_VIET = "19496"  # Xã Cửa Việt since 1/7/2025 (the demo story)



def _run(agent: Agent, seconds: float) -> None:
    for _ in range(round(seconds / SETTINGS["tick_s"])):
        agent.clock.sleep(SETTINGS["tick_s"])
        agent.step()


def test_an_editor_sends_a_volume_command_from_the_fleet_page(browser, make_live_server,
                                                              tmp_path):
    server = make_live_server("story")
    token = server.cli("station", "token", "xa-cua-viet").stdout.strip().splitlines()[0]
    server.start()
    agent_clock = ManualClock(clock.now().replace(microsecond=0))
    agent = Agent(server.url, "xa-cua-viet", token, tmp_path / "cache",
                  FilePlayer(tmp_path / "played", agent_clock),
                  settings=Settings(days=1, **SETTINGS), clock=agent_clock)
    _run(agent, 1)  # a first heartbeat: the station is online
    context = browser.new_context(base_url=server.url, viewport={"width": 1366, "height": 768})
    try:
        page = context.new_page()
        page.set_default_timeout(30000)
        page.goto("/login")
        page.fill("input[name=username]", "commune_editor")
        page.fill("input[name=password]", TEST_PASSWORD)
        with page.expect_navigation(wait_until="load"):
            page.click("button.primary")
        page.goto(f"/fleet?unit={CUA_VIET}")
        rows = page.locator("tr[data-code]")
        codes = [rows.nth(i).get_attribute("data-code") for i in range(rows.count())]
        assert codes[0] == "xa-cua-viet" and len(codes) > 1
        assert "xa-gio-linh" not in codes  # another commune: out of the editor's scope
        station_row = page.locator("tr[data-code='xa-cua-viet']")
        assert "Trực tuyến" in station_row.inner_text()
        station_row.locator("input[name=value]").fill("60")
        with page.expect_navigation(wait_until="load"):
            station_row.locator("form.command-volume button").click()
        assert "Đã gửi lệnh" in page.inner_text(".flash")

        _run(agent, 2)  # the agent's /now poll brings the command; it acknowledges it
        assert agent.volume == 60
        page.goto("/stations/xa-cua-viet/commands")
        assert re.search(r'data-command="\d+" data-status="done"', page.content())
        page.goto(f"/fleet?unit={CUA_VIET}")
        volume = page.locator("tr[data-code='xa-cua-viet'] td.volume").inner_text()
        assert volume.strip().startswith("60")
    finally:
        context.close()
        agent.shutdown()
