"""Files for USB stations are named by airing date, time and title, so they sort in order."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_the_operator_page_offers_files_named_by_date_time_and_title(client, login, air,
                                                                       create_media_item):
    item = create_media_item("Cơ chế một cửa liên thông", audio="stored", topics=("mot-cua",), agency="phong-noi-vu")
    air("gio-an", item, datetime(2022, 5, 11, 5, 40, tzinfo=VN).astimezone(UTC), status=None)
    login("admin")
    page = client.get("/operator/stations/gio-an?date=2022-05-11").text
    link = f"/api/v1/media/{item.id}/audio?at=2022-05-11_0540"
    assert link in page
    resp = client.get(link)
    assert resp.status_code == 200
    assert resp.headers["Content-Disposition"] == \
        "inline; filename=2022-05-11_0540_co-che-mot-cua-lien-thong.mp3"
    plain = client.get(f"/api/v1/media/{item.id}/audio?at=bad")
    assert plain.headers["Content-Disposition"].endswith(f"media-{item.id}.mp3")
