"""Cluster services: add, update, end, each audited, and every validation message."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from radio.clusters import operations, queries
from radio.db import db
from radio.errors import DomainError, NotFound
from radio.models import AuditEntry
from radio.stations import get_station


def last_audit() -> AuditEntry:
    return db.session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))


def test_a_cluster_is_added_with_every_field_and_audited():
    cluster = operations.add_cluster(
        None, station="gio-an", code="gio-an-thon-an-nha", name="Cụm loa thôn An Nha",
        covers="Thôn An Nha", technology="ip", latitude="16,9124", longitude=107.0731,
        speakers="12", valid_from=date(2025, 7, 1))
    assert cluster.station.code == "gio-an"
    assert (cluster.technology, cluster.latitude, cluster.longitude, cluster.speakers) == (
        "ip", 16.9124, 107.0731, 12)
    assert cluster.valid_from == date(2025, 7, 1) and cluster.valid_to is None
    row = last_audit()
    assert (row.action, row.object_type, row.object_id) == (
        "cluster.create", "cluster", "gio-an-thon-an-nha")
    assert row.after["station"] == "gio-an" and row.after["speakers"] == 12
    assert queries.get_cluster("gio-an-thon-an-nha").id == cluster.id


@pytest.mark.parametrize(("fields", "code", "words"), [
    ({"code": "Gio An 1"}, "invalid_code", "Mã cụm loa “Gio An 1” không hợp lệ"),
    ({"code": "x"}, "invalid_code", "chữ thường không dấu"),
    ({"name": "  "}, "invalid_name", "Tên cụm loa không được để trống"),
    ({"technology": "lora"}, "invalid_technology", "Công nghệ “lora” không hợp lệ"),
    ({"latitude": 91, "longitude": 107}, "invalid_latitude", "Vĩ độ 91 nằm ngoài khoảng −90 đến 90"),
    ({"latitude": -90.5, "longitude": 107}, "invalid_latitude", "Vĩ độ -90.5"),
    ({"latitude": 16.9, "longitude": 180.01}, "invalid_longitude",
     "Kinh độ 180.01 nằm ngoài khoảng −180 đến 180"),
    ({"latitude": "bắc", "longitude": 107}, "invalid_latitude", "Vĩ độ “bắc” không phải là số"),
    ({"latitude": 16.9}, "invalid_location", "cả vĩ độ và kinh độ"),
    ({"speakers": -1}, "invalid_speakers", "Số loa không được âm"),
    ({"speakers": "mười"}, "invalid_speakers", "Số loa “mười” phải là số nguyên"),
    ({"station": "khong-co"}, "station_not_found", "Không có đài/trạm mã “khong-co”"),
    ({"valid_from": date(2019, 1, 1)}, "station_closed", "không hoạt động vào ngày 01/01/2019"),
])
def test_each_wrong_field_is_refused_with_a_clear_message(fields, code, words):
    args = {"station": "gio-an", "code": "gio-an-cum-moi", "name": "Cụm mới",
            "valid_from": date(2025, 7, 1)} | fields
    with pytest.raises(DomainError) as err:
        operations.add_cluster(None, **args)
    assert err.value.code == code
    assert words in err.value.message
    assert "gio-an-cum-moi" not in {c.code for c in queries.list_clusters()}


def test_the_boundaries_of_latitude_longitude_and_speakers_are_accepted():
    cluster = operations.add_cluster(None, station="gio-an", code="gio-an-bien", name="Biên",
                                     latitude=-90, longitude=180, speakers=0,
                                     valid_from=date(2025, 7, 1))
    assert (cluster.latitude, cluster.longitude, cluster.speakers) == (-90, 180, 0)


def test_a_code_is_unique_across_stations(make_cluster):
    make_cluster("gio-an", code="cum-trung-tam")
    with pytest.raises(DomainError) as err:
        make_cluster("gio-hai", code="cum-trung-tam")
    assert err.value.code == "duplicate_cluster"
    assert err.value.message == "Mã cụm loa “cum-trung-tam” đã tồn tại."


def test_update_changes_fields_and_records_before_and_after(make_cluster):
    cluster = make_cluster(name="Cụm cũ", technology="wired")
    operations.update_cluster(None, cluster, name="Cụm mới", technology="fm", speakers=7,
                              latitude=16.8, longitude=107.1)
    row = last_audit()
    assert row.action == "cluster.update"
    assert (row.before["name"], row.after["name"]) == ("Cụm cũ", "Cụm mới")
    assert (row.before["technology"], row.after["technology"]) == ("wired", "fm")
    assert row.after["speakers"] == 7
    before = last_audit().id
    operations.update_cluster(None, cluster, name="Cụm mới")  # nothing changed: no record
    assert last_audit().id == before
    with pytest.raises(DomainError) as err:
        operations.update_cluster(None, cluster, speakers=-3)
    assert err.value.code == "invalid_speakers"


def test_end_sets_the_last_day_once(make_cluster):
    cluster = make_cluster(valid_from=date(2025, 7, 1))
    with pytest.raises(DomainError) as err:
        operations.end_cluster(None, cluster, date(2025, 6, 30))
    assert err.value.code == "invalid_dates"
    operations.end_cluster(None, cluster, date(2026, 3, 31))
    assert cluster.valid_to == date(2026, 3, 31)
    assert last_audit().action == "cluster.end"
    assert not cluster.exists_on(date(2026, 4, 1)) and cluster.exists_on(date(2026, 3, 31))
    with pytest.raises(DomainError) as err:
        operations.end_cluster(None, cluster, date(2026, 5, 1))
    assert err.value.code == "cluster_ended"


def test_queries_by_station_by_day_and_by_codes(make_cluster):
    a = make_cluster("gio-an", code="gio-an-a", valid_from=date(2025, 7, 1))
    b = make_cluster("gio-an", code="gio-an-b", valid_from=date(2026, 1, 1))
    c = make_cluster("gio-hai", code="gio-hai-c", valid_from=date(2025, 7, 1))
    gio_an = get_station("gio-an")
    mine = {a, b, c}
    assert [x for x in queries.clusters_of_station(gio_an) if x in mine] == [a, b]
    assert [x for x in queries.clusters_of_station(gio_an, date(2025, 12, 31)) if x in mine] == [a]
    assert queries.clusters_by_codes(["gio-hai-c", " gio-an-a ", "", "gio-hai-c"]) == [c, a]
    with pytest.raises(NotFound) as err:
        queries.clusters_by_codes(["gio-an-a", "khong-co"])
    assert err.value.code == "cluster_not_found"
    assert err.value.message == "Không có cụm loa mã “khong-co”."
    assert b in queries.clusters_by_station([gio_an.id])[gio_an.id]
