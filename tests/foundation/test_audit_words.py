"""The audit log reads in words: a label per action, object names with links, dropdown filters
and a date range; the codes stay in the CSV."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from radio import clock
from web.audit.words import ACTIONS

ROOT = Path(__file__).resolve().parents[2]
CODE = re.compile(r"\b[a-z]+\.[a-z_]+\b")


def _recorded_actions() -> set[str]:
    found = set()
    for path in list(ROOT.glob("radio/**/*.py")) + list(ROOT.glob("media/**/*.py")) + \
            list(ROOT.glob("schedules/**/*.py")) + list(ROOT.glob("web/**/*.py")):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'"((?:[a-z]+)\.(?:[a-z_]+))"', text)) & _candidates(text)
    return found


def _candidates(text: str) -> set[str]:
    """Action codes: the second argument of audit.record(...) or an "action" of the throttle."""
    direct = re.findall(r'audit\.record\(\s*\w+,\s*"([a-z_]+\.[a-z_]+)"', text)
    ternary = re.findall(r'"([a-z_]+\.[a-z_]+)" if \w+ else "([a-z_]+\.[a-z_]+)"', text)
    helpers = re.findall(r'_(?:signin|token)_audit\("([a-z_]+\.[a-z_]+)"', text)
    return set(direct) | {c for pair in ternary for c in pair} | set(helpers)


def _visible(html: str) -> str:
    body = html.split('id="audit"', 1)[1].split("</table>", 1)[0]
    body = re.sub(r"<details>.*?</details>", "", body, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


def test_every_recorded_action_has_a_vietnamese_label():
    recorded = _recorded_actions()
    assert {"schedule.add", "media.update", "user.password_reset"} <= recorded
    assert sorted(recorded - set(ACTIONS)) == []


def test_the_log_shows_labels_and_names_with_links_not_codes(client, login):
    login("admin")
    client.post("/admin/stations/gio-an", data={"name": "Xã Gio An", "windows": "06:00+30"})
    client.post("/admin/users/editor/token", data={"confirm": "1"})
    page = client.get("/audit/").text
    text = _visible(page)
    assert "Sửa đài/trạm" in text and "Cấp mã API" in text
    assert '<a href="/admin/stations/gio-an">Xã Gio An</a>' in page
    assert CODE.findall(text) == []
    assert '<select name="action">' in page
    assert re.search(r'<option value="schedule.add"\s*>Thêm lịch phát</option>', page)
    assert '<select name="type">' in page and '<select name="user">' in page


def test_the_log_filters_by_object_type_and_date_range_in_dd_mm_yyyy(client, login):
    login("admin")
    client.post("/admin/stations/gio-an", data={"name": "Xã Gio An", "windows": "06:30+30"})
    today = clock.today()
    day = today.strftime("%d/%m/%Y")
    hit = client.get(f"/audit/?type=station&from={day}&to={day}").text
    assert 'data-action="station.update"' in hit and f'value="{day}"' in hit
    tomorrow = (today + timedelta(days=1)).strftime("%d/%m/%Y")
    miss = client.get(f"/audit/?type=station&from={tomorrow}").text
    assert "data-action" not in miss.split('id="audit"', 1)[1]
    users = client.get("/audit/?type=user").text
    assert 'data-action="station.update"' not in users
    bad = client.get("/audit/?from=31/02/2026")
    assert bad.status_code == 400 and "31/02/2026" in bad.text


def test_the_csv_keeps_the_codes(client, login):
    login("auditor")
    csv = client.get("/audit/audit.csv?action=user.").get_data(as_text=True)
    assert csv.splitlines()[0].lstrip("\ufeff") == \
        "id,at_utc,username,action,object_type,object_id,summary"
    assert all(",user." in line for line in csv.splitlines()[1:])
    assert len(csv.splitlines()) > 1 and ",user.create,user,admin," in csv


def test_every_job_on_the_dashboard_has_a_name_in_words(app):
    from schedules.scheduler import JOBS
    from web.planning.scheduler_panel import JOB_LABELS

    registered = set(JOBS) | set(app.extensions.get("radio.jobs", {}))
    assert registered and sorted(registered - set(JOB_LABELS)) == []


def test_the_dashboard_names_jobs_in_words_not_by_id(client, login, app):
    from schedules.scheduler import JOBS

    login("admin")
    page = client.get("/").text
    visible = re.sub(r"<[^>]+>", " ", page)
    ids = set(JOBS) | set(app.extensions.get("radio.jobs", {}))
    assert "Bộ lập lịch tự động" in visible
    assert [j for j in ids if j in visible] == []


def test_the_api_keeps_the_codes(client, login):
    login("admin")
    client.post("/admin/stations/gio-an", data={"name": "Xã Gio An", "windows": "06:10+30"})
    body = client.get("/api/v1/audit?action=station.update&limit=1").get_json()
    assert body["total"] == 1 and len(body["rows"]) == 1
    row = body["rows"][0]
    assert (row["action"], row["object_type"], row["object_id"]) == \
        ("station.update", "station", "gio-an")
    bad = client.get("/api/v1/audit?from=31/02/2026")
    assert bad.status_code == 400 and bad.get_json()["error"]["code"] == "invalid_date"
