"""Live minutes as evidence: a live session's archived recording on its evidence card, in the
report (minutes aired live per station), in the verification package, and `radio archive verify`."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from datetime import UTC, date, datetime, timedelta

import pytest

from media.streams import operations as live_ops
from radio.archive.export import write_package
from radio.archive.package import PackageZip, verify_package
from radio.archive.periods import Period
from radio.archive.reports.data import build_report
from radio.archive.reports.tables import build_tables
from radio.asrun import operations as asrun
from radio.db import db
from radio.models import EntryKind, MediaItem, ScheduleEntry
from radio.stations import get_station
from radio.storage import get_storage
from tests.factories.audio import tone
from tests.factories.stations import asrun_event

T0 = datetime(2022, 3, 15, 2, 0, tzinfo=UTC)  # 15/03/2022 09:00 local
PERIOD = Period.between(date(2022, 3, 1), date(2022, 3, 31))
DISTRICT = "huyen-gio-linh"


@pytest.fixture
def live_recording(tmp_path, create_user):
    """A 30 s live session of the district archived by the live operations, aired live by the
    commune Gio An for 24 s through a scheduled live slot."""
    user = create_user("editor", username="chutich")
    user.full_name = "Nguyễn Văn Chủ Tịch"
    station = get_station(DISTRICT)
    recording = tmp_path / "live.mp3"
    shutil.copy(tone(30.0, 330), recording)
    session = live_ops.announce(station, source="cli", user=user, title="Chủ tịch huyện nói",
                                now=T0 - timedelta(seconds=5))
    live_ops.on_air(station, T0)
    live_ops.archive(session, recording, ended_at=T0 + timedelta(seconds=30))
    commune = get_station("gio-an")
    entry = ScheduleEntry(station_id=commune.id, kind=EntryKind.live, starts_at=T0,
                          ends_at=T0 + timedelta(seconds=30), relay_station_id=station.id)
    db.session.add(entry)
    db.session.flush()
    raw = asrun_event(entry, started_at=T0)
    raw["ended_at"] = (T0 + timedelta(seconds=24)).isoformat()
    assert not asrun.ingest(commune, [raw]).rejected
    db.session.flush()
    return session


def test_the_evidence_card_of_a_live_recording(live_recording, client, login):
    item = db.session.get(MediaItem, live_recording.media_item_id)
    login("admin")
    page = client.get(f"/archive/item/{item.id}").get_data(as_text=True)
    assert "Bản ghi phát trực tiếp" in page
    card = page.split('id="live-session"')[1].split("</section>")[0]
    assert "Đài truyền thanh huyện Gio Linh (huyen-gio-linh)" in card
    assert "15/03/2022 09:00:00" in card and "15/03/2022 09:00:30" in card
    assert "Nguyễn Văn Chủ Tịch" in card and "máy studio (radio live)" in card
    assert f"SHA-256 {item.rendition_sha256}" in card


def test_the_report_counts_minutes_aired_live_per_station(live_recording):
    data = build_report(PERIOD)
    rows = {r.key: r for r in data.stations}
    assert rows[DISTRICT].live_minutes == 0.5
    assert rows["gio-an"].live_minutes == 0.4
    assert rows["gio-mai"].live_minutes == 0.0
    assert data.total_live_minutes == 0.9
    table = build_tables(data)[0]
    col = table.headers.index("Số phút phát trực tiếp")
    by_code = {row[1]: row[col] for row in table.rows}
    assert (by_code[DISTRICT], by_code["gio-an"], table.total[col]) == (0.5, 0.4, 0.9)


def test_the_report_page_shows_the_live_minutes(live_recording, client, login):
    login("admin")
    page = client.get("/archive/report?period=2022-03-01..2022-03-31").get_data(as_text=True)
    table = page.split('data-table="stations"')[1].split("</table>")[0]
    headers = table.split("</thead>")[0]
    assert headers.endswith("<th>Số phút phát trực tiếp</th></tr>")
    district = next(r for r in table.split("<tr>") if "<td class=\"text\">huyen-gio-linh</td>" in r)
    total = table.split('<tr class="total">')[1]
    assert district.split("</tr>")[0].endswith('<td class="num">0,5</td>')
    assert total.split("</tr>")[0].endswith('<td class="num">0,9</td>')


def test_the_package_holds_the_live_sessions_and_their_recordings(live_recording, tmp_path,
                                                                  runner):
    item = db.session.get(MediaItem, live_recording.media_item_id)
    out = tmp_path / "goi.zip"
    result = write_package(PERIOD, out)
    assert result.problems == []
    with zipfile.ZipFile(out) as raw:
        zf = PackageZip(raw)
        names = set(zf.namelist())
        rows = list(csv.DictReader(io.StringIO(zf.read("phat_truc_tiep.csv").decode("utf-8-sig"))))
        recording = f"audio/2022-03-15_chu-tich-huyen-noi_{item.rendition_sha256[:8]}.mp3"
        assert recording in names
        assert zf.read(recording) == get_storage().path(item.rendition_sha256).read_bytes()
        assert "phat_truc_tiep.csv" in zf.read("SHA256SUMS").decode()
    assert len(rows) == 1
    row = rows[0]
    assert (row["phien"], row["ma_dai"], row["trang_thai"], row["nguon"], row["nguoi_len_song"],
            row["bat_dau"], row["ket_thuc"], row["thoi_luong_giay"], row["tin_id"],
            row["media_sha256"], row["tep_am_thanh"]) == (
        str(live_recording.id), DISTRICT, "Đã lưu bản ghi", "cli", "Nguyễn Văn Chủ Tịch",
        "15/03/2022 09:00:00", "15/03/2022 09:00:30", str(round(item.duration_s, 1)), str(item.id),
        item.rendition_sha256, recording)
    assert result.manifest["counts"]["live_sessions"] == 1
    assert verify_package(out).ok
    cli = runner.invoke(args=["archive", "verify"])
    assert cli.exit_code == 0, cli.output
